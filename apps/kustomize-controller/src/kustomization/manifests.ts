// Step: build the manifests (reference §5): Flux's kustomization overlay, kustomize build, post-build
// substitution, then the metadata every applied object carries (owner labels, then commonMetadata,
// which may override them, as upstream orders it). Any failure is BuildFailed and nothing is applied.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { KustomizeAnnotations, KustomizeLabels, KustomizeReason } from '@conflux/api';
import { build, diskFS, substitute, toYamlStream, type KubeObject as BuiltObject } from '@conflux/kustomize';
import type { KubeObject } from '@conflux/runtime';
import type { KustomizationObject, StepContext, StepResult } from './context.ts';
import { artifactPath } from './fetch.ts';
import { writeFluxKustomization } from './generate.ts';
import { errorMessage, retry } from './outcome.ts';
import { loadVariables } from './variables.ts';

type Meta = { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };

function meta(o: BuiltObject): Meta {
  return (o['metadata'] ?? {}) as Meta;
}

/** `*List` kinds are flattened and kustomize's own Kustomization documents dropped, as ssautil.ReadObjects does. */
export function flattenObjects(objects: readonly BuiltObject[]): BuiltObject[] {
  const out: BuiltObject[] = [];
  for (const o of objects) {
    const kind = String(o['kind'] ?? '');
    if (kind.endsWith('List') && Array.isArray(o['items'])) out.push(...flattenObjects(o['items'] as BuiltObject[]));
    else if (kind === 'Kustomization' && String(o['apiVersion'] ?? '').startsWith('kustomize.config.k8s.io/')) continue;
    else out.push(o);
  }
  return out;
}

/** Refuses objects without apiVersion, kind or name, and SOPS-encrypted Secrets (decryption is not supported). */
export function checkObjects(objects: readonly BuiltObject[]): void {
  for (const o of objects) {
    const m = meta(o);
    if (!o['apiVersion'] || !o['kind'] || !m.name) {
      throw new Error(`failed to decode Kubernetes apiVersion, kind and name of ${JSON.stringify({ apiVersion: o['apiVersion'], kind: o['kind'], name: m.name })}`);
    }
    const decrypt = m.annotations?.[KustomizeAnnotations.decrypt] ?? m.labels?.[KustomizeAnnotations.decrypt];
    if (o['kind'] === 'Secret' && o['apiVersion'] === 'v1' && o['sops'] !== undefined && decrypt?.toLowerCase() !== 'disabled') {
      throw new Error(`Secret/${m.namespace ? `${m.namespace}/` : ''}${m.name} is SOPS encrypted, configuring decryption is required (Conflux does not decrypt SOPS yet)`);
    }
  }
}

/** Owner labels first, then commonMetadata over them and over the object's own keys. */
export function labelObjects(objects: readonly BuiltObject[], owner: KustomizationObject): KubeObject[] {
  const common = owner.spec.commonMetadata;
  return objects.map((o) => {
    const m = { ...meta(o) };
    m.labels = { ...m.labels, [KustomizeLabels.name]: owner.metadata.name, [KustomizeLabels.namespace]: owner.metadata.namespace ?? '', ...common?.labels };
    if (common?.annotations) m.annotations = { ...m.annotations, ...common.annotations };
    return { ...o, metadata: m } as KubeObject;
  });
}

export async function buildManifests(ctx: StepContext): Promise<StepResult> {
  const { object } = ctx;
  const root = ctx.artifactRoot!;
  let built: BuiltObject[];
  try {
    const path = artifactPath(object.spec.path);
    await writeFluxKustomization(join(root, path), object.spec);
    built = build(diskFS(root), path, { fluxGenerate: true });
    if (object.spec.postBuild) {
      // Variables are read as the controller, from the Kustomization's own namespace, as upstream does.
      const vars = await loadVariables(ctx.deps.client, object.metadata.namespace ?? '', object.spec.postBuild);
      built = substitute(built, vars, { strict: ctx.deps.gates.StrictPostBuildSubstitutions, always: object.spec.postBuild.substituteStrategy === 'Always' });
    }
    built = flattenObjects(built);
    checkObjects(built);
  } catch (err) {
    return retry(ctx, KustomizeReason.BuildFailed, errorMessage(err));
  }
  const digest = `sha256:${createHash('sha256').update(toYamlStream(built)).digest('hex')}`;
  ctx.manifests = { objects: labelObjects(built, object), digest };
  return 'continue';
}
