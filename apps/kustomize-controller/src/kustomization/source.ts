// Step: find the source and its artifact (reference §1.4 step 3). A missing source is retried at
// retryInterval, a source without an artifact yet at --requeue-dependency; neither is worth an event.
import { type Artifact, apiResources, KustomizeReason } from '@conflux/api';
import { isNotFound, stalled } from '@conflux/runtime';
import type { KustomizationObject, StepContext, StepResult } from './context.ts';
import { wait } from './outcome.ts';
import { retryIntervalMs } from './timing.ts';
import { formatDuration } from '@conflux/runtime';

type SourceKind = KustomizationObject['spec']['sourceRef']['kind'];

/** "Kind/namespace/name" of the source, with the namespace defaulted to the Kustomization's. */
export function sourceKey(o: KustomizationObject): string {
  const ref = o.spec.sourceRef;
  return `${ref.kind}/${ref.namespace || o.metadata.namespace}/${ref.name}`;
}

export async function resolveSource(ctx: StepContext): Promise<StepResult> {
  const { object, deps } = ctx;
  const ref = object.spec.sourceRef;
  const namespace = ref.namespace || object.metadata.namespace || '';
  const key = sourceKey(object);
  if (deps.noCrossNamespaceRefs && namespace !== object.metadata.namespace) {
    return stalled(KustomizeReason.AccessDenied, `cannot access ${key}: cross-namespace references are disabled on this controller (--no-cross-namespace-refs)`);
  }
  if (ref.kind === 'ExternalArtifact' && !deps.gates.ExternalArtifact) {
    return stalled(KustomizeReason.FeatureGateDisabled, `sourceRef kind ExternalArtifact needs the ExternalArtifact feature gate (--feature-gates=ExternalArtifact=true)`);
  }
  const resource = apiResources[ref.kind as SourceKind];
  let source: { status?: { artifact?: Artifact } };
  try {
    source = await deps.client.get(resource, namespace, ref.name);
  } catch (err) {
    if (isNotFound(err)) return wait(ctx, KustomizeReason.ArtifactFailed, `Source '${key}' not found`, retryIntervalMs(object.spec));
    throw err;
  }
  const artifact = source.status?.artifact;
  if (!artifact?.url) {
    return wait(ctx, KustomizeReason.ArtifactFailed, `Source artifact not found, retrying in ${formatDuration(deps.requeueDependencyMs)}`, deps.requeueDependencyMs);
  }
  ctx.source = { ref: key, artifact };
  return 'continue';
}
