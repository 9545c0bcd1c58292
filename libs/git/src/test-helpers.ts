// Shared by this lib's tests only; not exported from index.ts.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** A temporary directory removed by `cleanup()`. */
export async function scratch(): Promise<{ dir: (name: string) => string; root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'conflux-git-test-'));
  let n = 0;
  return {
    root,
    dir: (name) => join(root, `${name}-${n++}`),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Runs git against a bare repository, for setups the harness has no verb for. */
export async function gitIn(bareDir: string, args: string[], input?: string): Promise<string> {
  const child = exec('git', ['--git-dir', bareDir, ...args], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return (await child).stdout.trim();
}

/** Object counts of each pack in a cache repository, keyed by pack name (from the .idx fan-out table). */
export async function packObjectCounts(gitdir: string): Promise<Map<string, number>> {
  const dir = join(gitdir, 'objects', 'pack');
  const out = new Map<string, number>();
  for (const file of await readdir(dir)) {
    if (!file.endsWith('.idx')) continue;
    const idx = await readFile(join(dir, file));
    // Version-2 index: 4-byte magic, 4-byte version, then 256 cumulative counts; the last is the total.
    out.set(file, idx.readUInt32BE(8 + 255 * 4));
  }
  return out;
}

/** A loopback port nothing listens on, for an unreachable remote. */
export { freePort as closedPort } from '@conflux/testing';

export { type WorkingCopy, workingCopy } from '@conflux/testing';
