// The benchmarks' Git server: tools/gitserver, a Go smart-HTTP front end to git's own upload-pack. It
// serves the same bare repositories as startGitServer at a fraction of the CPU per request, so a
// 1000-repository benchmark measures the controller rather than the fixture beside it on the same cores.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type CachedBuild, cachedBuild, goBuild, goModuleCacheKey } from './go-cache.ts';
import { cacheDir, repoRoot } from './paths.ts';

/** Returns the path of the built tools/gitserver binary, compiling it once per change to its sources. */
export async function ensureLeanGitServerBinary(log: (line: string) => void = () => {}): Promise<CachedBuild> {
  const moduleDir = join(repoRoot(), 'tools', 'gitserver');
  const dir = join(cacheDir(), 'gitserver', await goModuleCacheKey(moduleDir));
  return cachedBuild(dir, 'gitserver', 'the lean Git server', log, async () => {
    log(`Compiling the lean Git server (tools/gitserver) into ${dir}.`);
    await goBuild(moduleDir, join(dir, 'gitserver'), 'tools/gitserver');
  });
}

export interface LeanGitServerStats {
  requests: number;
  uploadPackPosts: number;
  /** Ref advertisements read from the repository's files instead of forked from git. */
  advertised: number;
}

export interface LeanGitServer {
  /** `<url>/<name>.git` is the repository `<root>/<name>.git`. */
  url: string;
  pid: number;
  stats(): Promise<LeanGitServerStats>;
  close(): Promise<void>;
}

/**
 * Serves the bare repositories under `root` for fetching, without authentication. The ref advertisement
 * is read from the repository's files unless `gitAdvertises` leaves every one to git; packs always come
 * from git's upload-pack.
 */
export async function startLeanGitServer(root: string, options: { gitAdvertises?: boolean } = {}): Promise<LeanGitServer> {
  const binary = await ensureLeanGitServerBinary();
  const args = ['--root', root, ...(options.gitAdvertises ? ['--git-advertise'] : [])];
  const child: ChildProcess = spawn(binary.path, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^gitserver ready (\S+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`tools/gitserver exited with ${code} before it was ready`)));
    child.once('error', reject);
  });
  return {
    url,
    pid: child.pid!,
    async stats() {
      const res = await fetch(`${url}/-/stats`);
      return (await res.json()) as LeanGitServerStats;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
