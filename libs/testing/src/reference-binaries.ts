import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir } from './paths.ts';

const run = promisify(execFile);

/**
 * The kustomize that Flux's kustomize-controller pins (kustomize/api v0.21.1). It is the oracle of the
 * differential tests of @conflux/kustomize, so it must match what Flux runs, not the newest release.
 */
export const referenceKustomizeVersion = 'v5.8.1';

export interface ReferenceBinary {
  path: string;
  version: string;
  /** True when this call compiled the binary; false when it came from the cache. */
  built: boolean;
  /** Wall-clock seconds spent compiling, 0 when cached. */
  buildSeconds: number;
}

/**
 * Returns the path of the real `kustomize` binary, built once from the Go module proxy into the cache.
 * A test tool only: Conflux itself never runs kustomize.
 */
export async function ensureKustomizeBinary(
  version = referenceKustomizeVersion,
  log: (line: string) => void = () => {},
): Promise<ReferenceBinary> {
  const dir = join(cacheDir(), 'kustomize', version);
  const path = join(dir, 'kustomize');
  if (existsSync(path)) return { path, version, built: false, buildSeconds: 0 };

  await mkdir(dir, { recursive: true });
  const lock = join(dir, '.lock');
  await acquireLock(lock, log);
  try {
    if (existsSync(path)) return { path, version, built: false, buildSeconds: 0 };
    log(`Compiling kustomize ${version} (the reference for differential tests) into ${dir}.`);
    const started = Date.now();
    // GOBIN points at a private directory so a half-written binary never appears under the final name.
    const staging = join(dir, `.staging-${process.pid}`);
    await run(goBinary(), ['install', '-trimpath', '-ldflags=-s -w', `sigs.k8s.io/kustomize/kustomize/v5@${version}`], {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: staging, GOFLAGS: '-buildvcs=false' },
      maxBuffer: 64 << 20,
    }).catch((err: { stderr?: string; message: string }) => {
      throw new Error(`building kustomize ${version} failed:\n${err.stderr ?? err.message}`);
    });
    await rename(join(staging, 'kustomize'), path);
    await rm(staging, { recursive: true, force: true });
    return { path, version, built: true, buildSeconds: (Date.now() - started) / 1000 };
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

// The two helpers below mirror the private ones in controlplane-binary.ts; that module keeps them private,
// and this file is the only place allowed to grow for reference binaries.
function goBinary(): string {
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
      if (!announced) log('Waiting for another process that is compiling kustomize...');
      announced = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
