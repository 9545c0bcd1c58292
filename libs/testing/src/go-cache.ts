// Building Go tools (the control plane, reference binaries) once per machine: a cache directory per key,
// a directory lock so parallel test processes do not compile twice, and the Go toolchain lookup.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CachedBuild {
  path: string;
  /** True when this call compiled the binary; false when it came from the cache. */
  built: boolean;
  /** Wall-clock seconds spent compiling, 0 when cached. */
  buildSeconds: number;
}

/**
 * Returns `dir/file`, running `build()` first if it does not exist yet. `build` must leave a complete
 * binary at `dir/file` (write elsewhere and rename), so a crash never leaves a half-written one there.
 */
export async function cachedBuild(
  dir: string,
  file: string,
  what: string,
  log: (line: string) => void,
  build: () => Promise<void>,
): Promise<CachedBuild> {
  const path = join(dir, file);
  if (existsSync(path)) return { path, built: false, buildSeconds: 0 };
  await mkdir(dir, { recursive: true });
  const lock = join(dir, '.lock');
  await acquireLock(lock, () => log(`Waiting for another process that is compiling ${what}...`));
  try {
    if (existsSync(path)) return { path, built: false, buildSeconds: 0 };
    const started = Date.now();
    await build();
    return { path, built: true, buildSeconds: (Date.now() - started) / 1000 };
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** A cache key for a Go module's binary: its go.sum, go.mod and .go files, so any change rebuilds it. */
export async function goModuleCacheKey(moduleDir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(moduleDir)).filter((f) => f === 'go.sum' || f === 'go.mod' || f.endsWith('.go')).sort();
  for (const file of files) {
    hash.update(file).update('\0').update(await readFile(join(moduleDir, file))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the Go module in `moduleDir` (`go build -trimpath`, no cgo) into `path`, through a temporary
 * file so that `path` only ever holds a complete binary.
 */
export async function goBuild(moduleDir: string, path: string, what: string, extraArgs: readonly string[] = []): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await run(goBinary(), ['build', '-trimpath', ...extraArgs, '-o', tmp, '.'], {
    cwd: moduleDir,
    env: { ...process.env, CGO_ENABLED: '0' },
    maxBuffer: 64 << 20,
  }).catch((err: { stderr?: string; message: string }) => {
    throw new Error(`building ${what} failed:\n${err.stderr ?? err.message}`);
  });
  await rename(tmp, path);
}

/** The go command. A non-login shell (CI, IDEs) may not have Go's directory on PATH; /usr/local/go is where it installs. */
export function goBinary(): string {
  if (process.env['GO']) return process.env['GO'];
  const standard = '/usr/local/go/bin/go';
  const onPath = (process.env['PATH'] ?? '').split(':').some((d) => d && existsSync(join(d, 'go')));
  return onPath || !existsSync(standard) ? 'go' : standard;
}

/** A directory lock: mkdir is atomic. A lock older than 30 minutes is taken to be left by a dead build. */
async function acquireLock(lock: string, onWait: () => void): Promise<void> {
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
      if (!announced) onWait();
      announced = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
