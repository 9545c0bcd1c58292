import { posix } from 'node:path';
import { BuildError, BuildErrorCode } from './errors.ts';
import type { Kustomization } from './kustomization.ts';
import type { Loader } from './loader.ts';
import { resourcesFromDocuments } from './resource.ts';
import { kustomizationFileNames } from './kustomization.ts';
import { parseYamlStream } from './yaml.ts';

/** The kustomization file in `dir`, if any; more than one is an error, as in kustomize. */
export function findKustomizationFile(loader: Loader, dir: string): string | undefined {
  const found = kustomizationFileNames.map((n) => posix.join(dir, n)).filter((p) => loader.kind(p) === 'file');
  if (found.length > 1) {
    throw new BuildError(BuildErrorCode.InvalidKustomization, `found multiple kustomization files: ${found.map((f) => posix.basename(f)).join(', ')}`, { file: loader.display(dir) });
  }
  return found[0];
}

/**
 * What Flux's generator writes for a path without a kustomization file: every .yaml/.yml file below it
 * in lexical walk order, and each subdirectory that has its own kustomization as one unit, not descended
 * into. Each file must already parse as Kubernetes objects. No files means no objects.
 */
export function generateKustomization(loader: Loader, dir: string): Kustomization {
  const resources: string[] = [];
  const walk = (current: string): void => {
    for (const name of loader.fs.readDir(current)) {
      const path = posix.join(current, name);
      const kind = loader.kind(path);
      if (kind === 'dir') {
        if (findKustomizationFile(loader, path)) resources.push(`./${posix.relative(dir, path)}`);
        else walk(path);
      } else if (kind === 'file' && /\.ya?ml$/.test(name)) {
        const file = loader.display(path);
        try {
          resourcesFromDocuments(parseYamlStream(loader.readText(path, { file }), file), file);
        } catch (err) {
          throw new BuildError(BuildErrorCode.InvalidResource, `failed to decode Kubernetes YAML: ${(err as Error).message}`, { file });
        }
        resources.push(`./${posix.relative(dir, path)}`);
      }
    }
  };
  walk(dir);
  return resources.length ? { resources } : { namespace: '_placeholder' };
}
