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

/**
 * The last Helm 3 release. Conflux stores releases in the Helm 3 format and renders as the Helm 3 engine
 * does, so this is the oracle of the differential tests of @conflux/helm.
 */
export const referenceHelmVersion = 'v3.21.4';

/**
 * Returns the path of the real `helm` binary, built once from the Go module proxy into the cache.
 * A test tool only: Conflux itself never runs helm.
 */
export async function ensureHelmBinary(
  version = referenceHelmVersion,
  log: (line: string) => void = () => {},
): Promise<ReferenceBinary> {
  const dir = join(cacheDir(), 'helm', version);
  const result = await cachedBuild(dir, 'helm', 'helm', log, async () => {
    log(`Compiling helm ${version} (the reference for differential tests) into ${dir}.`);
    // GOBIN points at a private directory so a half-written binary never appears under the final name.
    const staging = join(dir, `.staging-${process.pid}`);
    await run(goBinary(), ['install', '-trimpath', '-ldflags=-s -w', `helm.sh/helm/v3/cmd/helm@${version}`], {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: staging, GOFLAGS: '-buildvcs=false' },
      maxBuffer: 64 << 20,
    }).catch((err: { stderr?: string; message: string }) => {
      throw new Error(`building helm ${version} failed:\n${err.stderr ?? err.message}`);
    });
    await rename(join(staging, 'helm'), join(dir, 'helm'));
    await rm(staging, { recursive: true, force: true });
  });
  return { ...result, version };
}

/** The SOPS and age releases that SOPS decryption in kustomize-controller is checked against. */
export const referenceSopsVersion = 'v3.13.3';
export const referenceAgeVersion = 'v1.3.2';

/**
 * Returns the paths of the real `sops` and `age` binaries, built once from the Go module proxy into the
 * cache. The oracles of the decryption tests: documents are encrypted with them and decrypted by Conflux.
 */
export async function ensureSopsBinaries(
  log: (line: string) => void = () => {},
): Promise<{ sops: ReferenceBinary; age: ReferenceBinary; ageKeygen: ReferenceBinary }> {
  const install = async (name: string, pkg: string, version: string, tools: string[]): Promise<string> => {
    const dir = join(cacheDir(), name, version);
    await cachedBuild(dir, tools[0]!, name, log, async () => {
      log(`Compiling ${name} ${version} (the reference for differential tests) into ${dir}.`);
      // GOBIN points at a private directory so a half-written binary never appears under the final name.
      const staging = join(dir, `.staging-${process.pid}`);
      await run(goBinary(), ['install', '-trimpath', '-ldflags=-s -w', ...tools.map((t) => `${pkg}/cmd/${t}@${version}`)], {
        env: { ...process.env, CGO_ENABLED: '0', GOBIN: staging, GOFLAGS: '-buildvcs=false' },
        maxBuffer: 64 << 20,
      }).catch((err: { stderr?: string; message: string }) => {
        throw new Error(`building ${name} ${version} failed:\n${err.stderr ?? err.message}`);
      });
      // The first tool is renamed last: its presence is what marks the cache entry complete.
      for (const tool of [...tools.slice(1), tools[0]!]) await rename(join(staging, tool), join(dir, tool));
      await rm(staging, { recursive: true, force: true });
    });
    return dir;
  };
  const ageDir = await install('age', 'filippo.io/age', referenceAgeVersion, ['age', 'age-keygen']);
  const sopsDir = await install('sops', 'github.com/getsops/sops/v3', referenceSopsVersion, ['sops']);
  const binary = (dir: string, tool: string, version: string): ReferenceBinary => ({ path: join(dir, tool), built: false, buildSeconds: 0, version });
  return {
    sops: binary(sopsDir, 'sops', referenceSopsVersion),
    age: binary(ageDir, 'age', referenceAgeVersion),
    ageKeygen: binary(ageDir, 'age-keygen', referenceAgeVersion),
  };
}
