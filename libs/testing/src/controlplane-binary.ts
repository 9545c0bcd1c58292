import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CachedBuild, cachedBuild, goBuild, goModuleCacheKey } from './go-cache.ts';
import { cacheDir, repoRoot } from './paths.ts';

export type ControlPlaneBinary = CachedBuild;

/** The Go module that builds the control plane. */
export function controlPlaneModuleDir(): string {
  return join(repoRoot(), 'tools', 'controlplane');
}

/**
 * The cache key of the control-plane binary: go.sum pins every dependency, and the module's own
 * go.mod and .go files are hashed with it so that a change to the harness itself rebuilds it.
 */
export async function controlPlaneCacheKey(moduleDir = controlPlaneModuleDir()): Promise<string> {
  return goModuleCacheKey(moduleDir);
}

/**
 * Returns the path of a built control-plane binary, compiling it once per cache key. Concurrent callers
 * (parallel test files, `npm start` beside `npm test`) wait on a lock instead of compiling twice.
 */
export async function ensureControlPlaneBinary(log: (line: string) => void = () => {}): Promise<ControlPlaneBinary> {
  const moduleDir = controlPlaneModuleDir();
  const dir = join(cacheDir(), 'controlplane', await controlPlaneCacheKey(moduleDir));
  return cachedBuild(dir, 'controlplane', 'the control plane', log, async () => {
    log(`Compiling the control plane (Go: etcd + kube-apiserver + controller-manager + NATS) into ${dir}.`);
    log('The first build takes several minutes; later runs reuse it until tools/controlplane changes.');
    await goBuild(moduleDir, join(dir, 'controlplane'), 'the control plane', [`-ldflags=${await versionLdflags(moduleDir)}`]);
  });
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
