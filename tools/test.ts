// npm test: every check of every project, then one summary line.
//   1. compile the control plane and the reference binaries (kustomize, helm, sops and age) if the cache
//      does not have them, outside any test's timeout: on a fresh machine they take minutes;
//   2. nx run-many: lint, typecheck, unit tests, app bundles, then the e2e suites against the real control plane;
//   3. add up what node's test runner reported and print "N passed, N failed".
import { spawn } from 'node:child_process';
import { ensureControlPlaneBinary, ensureHelmBinary, ensureKustomizeBinary, ensureSopsBinaries, repoRoot } from '@conflux/testing';
import { countResults } from './test-summary.ts';

const root = repoRoot();
const say = (line: string) => process.stdout.write(`${line}\n`);
await ensureControlPlaneBinary(say);
await ensureKustomizeBinary(undefined, say);
await ensureHelmBinary(undefined, say);
await ensureSopsBinaries(say);

const nx = spawn(
  process.execPath,
  [
    'node_modules/nx/dist/bin/nx.js', 'run-many',
    '--targets=lint,typecheck,test,build,e2e',
    '--outputStyle=stream',
    '--parallel=1',
    // CI proves a clean checkout: replaying results cached on the same machine could hide a missing
    // install step, so every task runs for real there.
    ...(process.env['CI'] ? ['--skip-nx-cache'] : []),
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' } },
);

let output = '';
nx.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  output += chunk.toString();
});
nx.stderr.on('data', (chunk: Buffer) => {
  process.stderr.write(chunk);
  output += chunk.toString();
});
const code = await new Promise<number>((resolve) => nx.on('close', (c) => resolve(c ?? 1)));

const { passed, failed } = countResults(output);
// A run that reports nothing has not tested anything, whatever Nx's exit code says.
const ok = code === 0 && failed === 0 && passed > 0;
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(ok ? 0 : code || 1);
