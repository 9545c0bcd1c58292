import { execFile } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type CachedBuild, cachedBuild, goBinary } from './go-cache.ts';
import { cacheDir } from './paths.ts';

const run = promisify(execFile);

/**
 * The kustomize that Flux's kustomize-controller pins (kustomize/api v0.21.1). It is the oracle of the
 * differential tests of @conflux/kustomize, so it must match what Flux runs, not the newest release.
 */
export const referenceKustomizeVersion = 'v5.8.1';

export interface ReferenceBinary extends CachedBuild {
  version: string;
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
  const result = await cachedBuild(dir, 'kustomize', 'kustomize', log, async () => {
    log(`Compiling kustomize ${version} (the reference for differential tests) into ${dir}.`);
    // GOBIN points at a private directory so a half-written binary never appears under the final name.
    const staging = join(dir, `.staging-${process.pid}`);
    await run(goBinary(), ['install', '-trimpath', '-ldflags=-s -w', `sigs.k8s.io/kustomize/kustomize/v5@${version}`], {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: staging, GOFLAGS: '-buildvcs=false' },
      maxBuffer: 64 << 20,
    }).catch((err: { stderr?: string; message: string }) => {
      throw new Error(`building kustomize ${version} failed:\n${err.stderr ?? err.message}`);
    });
    await rename(join(staging, 'kustomize'), join(dir, 'kustomize'));
    await rm(staging, { recursive: true, force: true });
  });
  return { ...result, version };
}
