import { posix } from 'node:path';
import { BuildError, BuildErrorCode } from '../errors.ts';
import { metadata, type Resource } from '../resource.ts';

/** The version kustomize writes into its managed-by label; the reference binary is v5.8.1. */
export const managedByValue = 'kustomize-v5.8.1';

/**
 * The root kustomization's `buildMetadata`: `managedByLabel` labels every object with the kustomize
 * version, `originAnnotations` records the file (or generator) each object came from, relative to the
 * root kustomization. `transformerAnnotations` is not supported yet.
 */
export function applyBuildMetadata(resources: readonly Resource[], options: readonly string[], rootDir: string, file: string): void {
  for (const option of options) {
    if (option === 'transformerAnnotations') {
      throw new BuildError(BuildErrorCode.Unsupported, 'buildMetadata option "transformerAnnotations" is not supported by this build yet', { file, field: 'buildMetadata' });
    }
    if (option !== 'originAnnotations' && option !== 'managedByLabel') {
      throw new BuildError(BuildErrorCode.InvalidKustomization, `unknown buildMetadata option "${option}"`, { file, field: 'buildMetadata' });
    }
  }
  for (const res of resources) {
    const meta = metadata(res.obj);
    if (options.includes('originAnnotations') && res.origin) {
      const text = 'path' in res.origin
        ? `path: ${posix.relative(rootDir, res.origin.path)}\n`
        : `configuredIn: ${posix.relative(rootDir, res.origin.configuredIn)}\nconfiguredBy:\n  apiVersion: builtin\n  kind: ${res.origin.generator}\n`;
      meta['annotations'] = { ...((meta['annotations'] as Record<string, string>) ?? {}), 'config.kubernetes.io/origin': text };
    }
    if (options.includes('managedByLabel')) {
      meta['labels'] = { ...((meta['labels'] as Record<string, string>) ?? {}), 'app.kubernetes.io/managed-by': managedByValue };
    }
  }
}
