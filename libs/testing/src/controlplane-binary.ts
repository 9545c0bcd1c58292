import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, repoRoot } from './paths.ts';

const run = promisify(execFile);

export interface ControlPlaneBinary {
  path: string;
  /** True when this call compiled the binary; false when it came from the cache. */
  built: boolean;
  /** Wall-clock seconds spent compiling, 0 when cached. */
  buildSeconds: number;
}

/** The Go module that builds the control plane. */
export function controlPlaneModuleDir(): string {
  return join(repoRoot(), 'tools', 'controlplane');
}

/**
 * The cache key of the control-plane binary: go.sum pins every dependency, and the module's own
 * go.mod and .go files are hashed with it so that a change to the harness itself rebuilds it.
 */
export async function controlPlaneCacheKey(moduleDir = controlPlaneModuleDir()): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(moduleDir)).filter((f) => f === 'go.sum' || f === 'go.mod' || f.endsWith('.go')).sort();
  for (const file of files) {
    hash.update(file).update('\0').update(await readFile(join(moduleDir, file))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Returns the path of a built control-plane binary, compiling it once per cache key. Concurrent callers
 * (parallel test files, `npm start` beside `npm test`) wait on a lock instead of compiling twice.
 */
export async function ensureControlPlaneBinary(log: (line: string) => void = () => {}): Promise<ControlPlaneBinary> {
  const moduleDir = controlPlaneModuleDir();
  const key = await controlPlaneCacheKey(moduleDir);
  const dir = join(cacheDir(), 'controlplane', key);
  const path = join(dir, 'controlplane');
  if (existsSync(path)) return { path, built: false, buildSeconds: 0 };

  await mkdir(dir, { recursive: true });
  const lock = join(dir, '.lock');
  await acquireLock(lock, log);
  try {
    if (existsSync(path)) return { path, built: false, buildSeconds: 0 };
    log(`Compiling the control plane (Go: etcd + kube-apiserver + controller-manager + NATS) into ${dir}.`);
    log('The first build takes several minutes; later runs reuse it until tools/controlplane changes.');
    const started = Date.now();
    const tmp = `${path}.tmp-${process.pid}`;
    await run(goBinary(), ['build', '-trimpath', `-ldflags=${await versionLdflags(moduleDir)}`, '-o', tmp, '.'], {
      cwd: moduleDir,
      env: { ...process.env, CGO_ENABLED: '0' },
      maxBuffer: 64 << 20,
    }).catch((err: { stderr?: string; message: string }) => {
      throw new Error(`building the control plane failed:\n${err.stderr ?? err.message}`);
    });
    await rename(tmp, path);
    return { path, built: true, buildSeconds: (Date.now() - started) / 1000 };
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * Stamps the Kubernetes version into the binary. A module build otherwise reports v0.0.0-master, which
 * clients such as `kubectl version` and `flux check` cannot parse.
 */
async function versionLdflags(moduleDir: string): Promise<string> {
  const gomod = await readFile(join(moduleDir, 'go.mod'), 'utf8');
  const match = /^\s*k8s\.io\/kubernetes v(\d+)\.(\d+)\.(\d+)\s*$/m.exec(gomod);
  if (!match) throw new Error('tools/controlplane/go.mod does not require k8s.io/kubernetes');
  const [, major, minor, patch] = match;
  const pkg = 'k8s.io/component-base/version';
  return [
    '-s -w',
    `-X ${pkg}.gitVersion=v${major}.${minor}.${patch}`,
    `-X ${pkg}.gitMajor=${major}`,
    `-X ${pkg}.gitMinor=${minor}`,
    `-X ${pkg}.gitTreeState=clean`,
  ].join(' ');
}

function goBinary(): string {
  // A non-login shell (CI, IDEs) may not have Go's directory on PATH; /usr/local/go is where it installs.
  if (process.env['GO']) return process.env['GO'];
  const standard = '/usr/local/go/bin/go';
  const onPath = (process.env['PATH'] ?? '').split(':').some((d) => d && existsSync(join(d, 'go')));
  return onPath || !existsSync(standard) ? 'go' : standard;
}

/** A directory lock: mkdir is atomic. A lock older than 30 minutes is taken to be left by a dead build. */
async function acquireLock(lock: string, log: (line: string) => void): Promise<void> {
  let announced = false;
  for (;;) {
    try {
      await mkdir(lock);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 30 * 60_000) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (!announced) log('Waiting for another process that is compiling the control plane...');
      announced = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
