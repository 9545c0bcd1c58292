// Step: build the manifests (reference §5): Flux's kustomization overlay, SOPS decryption of generator
// inputs, kustomize build, SOPS decryption of Secrets, post-build substitution, then the metadata every applied object carries (owner labels, then commonMetadata,
// which may override them, as upstream orders it). Any failure is BuildFailed and nothing is applied.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { KustomizeAnnotations, KustomizeLabels, KustomizeReason } from '@conflux/api';
import { build, diskFS, substitute, toYamlStream, type KubeObject as BuiltObject } from '@conflux/kustomize';
import { type KubeObject, stalled } from '@conflux/runtime';
import { decryptGeneratorSources } from '../decryption/sources.ts';
import { decryptSecrets } from '../decryption/secrets.ts';
import { loadKeyring } from '../decryption/load.ts';
import type { Keyring } from '../decryption/keyring.ts';
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

/** Refuses objects without apiVersion, kind or name, and SOPS-encrypted Secrets left encrypted (no spec.decryption). */
export function checkObjects(objects: readonly BuiltObject[]): void {
  for (const o of objects) {
    const m = meta(o);
    if (!o['apiVersion'] || !o['kind'] || !m.name) {
      throw new Error(`failed to decode Kubernetes apiVersion, kind and name of ${JSON.stringify({ apiVersion: o['apiVersion'], kind: o['kind'], name: m.name })}`);
    }
    const decrypt = m.annotations?.[KustomizeAnnotations.decrypt] ?? m.labels?.[KustomizeAnnotations.decrypt];
    if (o['kind'] === 'Secret' && o['apiVersion'] === 'v1' && o['sops'] !== undefined && decrypt?.toLowerCase() !== 'disabled') {
      throw new Error(`Secret/${m.namespace ? `${m.namespace}/` : ''}${m.name} is SOPS encrypted, configuring decryption is required`);
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
  if (object.spec.decryption?.serviceAccountName) {
    return stalled(KustomizeReason.FeatureGateDisabled, 'decryption.serviceAccountName (workload identity for cloud KMS) needs the ObjectLevelWorkloadIdentity feature gate, which Conflux does not support yet');
  }
  let built: BuiltObject[];
  try {
    const path = artifactPath(object.spec.path);
    await writeFluxKustomization(join(root, path), object.spec);
    const keyring = await decryptionKeys(ctx);
    if (keyring) await decryptGeneratorSources(root, path, keyring);
    built = build(diskFS(root), path, { fluxGenerate: true });
    if (keyring) built = await decryptSecrets(built, keyring);
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

/** The keys of spec.decryption, read as the controller from the Kustomization's namespace, as upstream does. */
async function decryptionKeys(ctx: StepContext): Promise<Keyring | undefined> {
  const decryption = ctx.object.spec.decryption;
  if (!decryption) return undefined;
  return loadKeyring({
    client: ctx.deps.client,
    namespace: ctx.object.metadata.namespace ?? '',
    decryption,
    ...(ctx.deps.sopsAgeSecret ? { ageSecret: ctx.deps.sopsAgeSecret } : {}),
  });
}
