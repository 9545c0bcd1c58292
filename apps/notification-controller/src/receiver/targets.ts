// Turning a verified webhook into reconcile requests (reference §4.4): resolve each spec.resources entry
// to objects and set reconcile.fluxcd.io/requestedAt on each with a merge patch. Kinds are resolved
// through API discovery, so image-automation kinds work whenever their CRDs are installed.
import { ReconcileAnnotations } from '@conflux/api';
import { loadCel } from '@conflux/cel';
import { type KubeClient, type KubeObject, PatchType } from '@conflux/runtime';
import type { RESTMapper } from '@conflux/ssa';
import { combineFilters } from './filter.ts';
import type { ReceiverObject } from './reconciler.ts';

export interface TargetResolverDeps {
  client: KubeClient;
  mapper: RESTMapper;
  /** --no-cross-namespace-refs */
  noCrossNamespaceRefs: boolean;
  fieldManager: string;
}

export interface TargetRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface TriggerReport {
  annotated: TargetRef[];
  failures: Array<{ resource: string; error: string }>;
}

export interface TargetResolver {
  /**
   * Annotates every target of `receiver` with `requestedAt`, skipping objects its CEL filters reject
   * (`req` is the webhook body as they see it, `claims` a generic-oidc token's); a failing entry does not
   * stop the others.
   */
  trigger(receiver: ReceiverObject, requestedAt: string, req?: unknown, claims?: Record<string, unknown>): Promise<TriggerReport>;
}

type ReceiverResource = ReceiverObject['spec']['resources'][number];

// Upstream fills in apiVersion only for these kinds; every other kind must name its apiVersion.
const defaultApiVersions: Readonly<Record<string, string>> = {
  Bucket: 'source.toolkit.fluxcd.io/v1',
  HelmChart: 'source.toolkit.fluxcd.io/v1',
  HelmRepository: 'source.toolkit.fluxcd.io/v1',
  GitRepository: 'source.toolkit.fluxcd.io/v1',
  OCIRepository: 'source.toolkit.fluxcd.io/v1',
  ImageRepository: 'image.toolkit.fluxcd.io/v1',
  ArtifactGenerator: 'source.extensions.fluxcd.io/v1beta1',
};

export function targetResolver(deps: TargetResolverDeps): TargetResolver {
  return {
    async trigger(receiver, requestedAt, req = {}, claims) {
      const report: TriggerReport = { annotated: [], failures: [] };
      await Promise.all(
        receiver.spec.resources.map(async (resource) => {
          try {
            report.annotated.push(...(await triggerOne(deps, receiver, resource, requestedAt, req, claims)));
          } catch (err) {
            report.failures.push({ resource: describe(resource), error: err instanceof Error ? err.message : String(err) });
          }
        }),
      );
      return report;
    },
  };
}

async function triggerOne(
  deps: TargetResolverDeps,
  receiver: ReceiverObject,
  resource: ReceiverResource,
  requestedAt: string,
  req: unknown,
  claims: Record<string, unknown> | undefined,
): Promise<TargetRef[]> {
  const own = receiver.metadata.namespace ?? '';
  const namespace = resource.namespace || own;
  if (deps.noCrossNamespaceRefs && namespace !== own) {
    throw new Error(`cannot access ${resource.kind} '${namespace}/${resource.name}': cross-namespace references are not allowed (--no-cross-namespace-refs)`);
  }
  const apiVersion = resource.apiVersion || defaultApiVersions[resource.kind];
  if (!apiVersion) throw new Error(`apiVersion must be specified for kind '${resource.kind}'`);
  const slash = apiVersion.indexOf('/');
  const [group, version] = slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
  const type = await deps.mapper.resourceFor(group, version, resource.kind);

  if (receiver.spec.resourceFilter || resource.filter) await loadCel();
  const filter = combineFilters(receiver.spec.resourceFilter, resource.filter);
  let names: string[];
  if (resource.name === '*') {
    if (!resource.matchLabels || Object.keys(resource.matchLabels).length === 0) {
      throw new Error(`matchLabels field not set when using wildcard '*' as name for ${resource.kind} in '${namespace}'`);
    }
    const labelSelector = Object.entries(resource.matchLabels).map(([k, v]) => `${k}=${v}`).join(',');
    const list = await deps.client.list<KubeObject>(type, { namespace, labelSelector });
    names = list.items.filter((o) => !filter || filter(o, req, claims)).map((o) => o.metadata.name);
  } else if (filter) {
    // Only a filter needs the object itself; without one the patch alone says whether it exists.
    const object = await deps.client.get<KubeObject>(type, namespace, resource.name);
    names = filter(object, req, claims) ? [resource.name] : [];
  } else {
    names = [resource.name];
  }
  const patch = { metadata: { annotations: { [ReconcileAnnotations.requestedAt]: requestedAt } } };
  await Promise.all(names.map((name) => deps.client.patch(type, namespace, name, patch, { type: PatchType.Merge, fieldManager: deps.fieldManager })));
  return names.map((name) => ({ apiVersion, kind: resource.kind, namespace, name }));
}

function describe(r: ReceiverResource): string {
  return `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

let lastNs = 0n;

/**
 * The requestedAt value, in the layout upstream writes (Go's time.Time.String(), in UTC, without the
 * monotonic-clock suffix). The value is an opaque token to the target controllers, so what matters is
 * that two webhooks never write the same one: it is kept strictly increasing at nanosecond resolution.
 */
export function requestedAtValue(now: Date = new Date()): string {
  let ns = BigInt(now.getTime()) * 1_000_000n;
  if (ns <= lastNs) ns = lastNs + 1n;
  lastNs = ns;
  return goTimeString(ns);
}

function goTimeString(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const d = new Date(Number(ms));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const fraction = String(ns % 1_000_000_000n).padStart(9, '0').replace(/0+$/, '');
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction ? `.${fraction}` : ''}`;
  return `${date} ${time} +0000 UTC`;
}
