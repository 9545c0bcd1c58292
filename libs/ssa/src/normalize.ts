import type { KubeObject } from '@conflux/runtime';

/**
 * The object as it should be sent: a deep copy with status removed (except on CRDs, as upstream), Secret
 * stringData folded into data, and ports given the TCP protocol the API server would default. The last
 * two matter for the drift check: the API server's answer always has them in that form, so leaving them
 * out would make a Secret or a Service look drifted on every run.
 */
export function normalizeObject(o: KubeObject, ownerLabels: Record<string, string>): KubeObject {
  const copy = structuredClone(o);
  if (copy.kind !== 'CustomResourceDefinition') delete copy.status;
  copy.metadata.labels = { ...copy.metadata.labels, ...ownerLabels };
  if (copy.apiVersion === 'v1' && copy.kind === 'Secret') foldStringData(copy);
  if (copy.apiVersion === 'v1' && copy.kind === 'Service') defaultProtocols((copy.spec?.['ports'] as unknown[] | undefined) ?? []);
  for (const spec of podSpecs(copy)) {
    for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
      for (const c of (spec[list] as Array<Record<string, unknown>> | undefined) ?? []) defaultProtocols((c['ports'] as unknown[] | undefined) ?? []);
    }
  }
  return copy;
}

function foldStringData(secret: KubeObject): void {
  const stringData = secret['stringData'] as Record<string, string> | undefined;
  if (!stringData) return;
  const data = { ...(secret['data'] as Record<string, string> | undefined) };
  for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  secret['data'] = data;
  delete secret['stringData'];
}

function defaultProtocols(ports: unknown[]): void {
  for (const p of ports) {
    if (p && typeof p === 'object' && !('protocol' in p)) (p as Record<string, unknown>)['protocol'] = 'TCP';
  }
}

const builtInWorkloadApis: ReadonlySet<string> = new Set(['v1', 'apps/v1', 'batch/v1']);

function podSpecs(o: KubeObject): Array<Record<string, unknown>> {
  const spec = o.spec as Record<string, unknown> | undefined;
  // Only built-in workloads: a custom resource's schema may not allow a field we would add.
  if (!spec || !builtInWorkloadApis.has(o.apiVersion ?? '')) return [];
  if (o.kind === 'Pod') return [spec];
  const template = (spec['template'] ?? (spec['jobTemplate'] as Record<string, unknown> | undefined)?.['spec']) as Record<string, unknown> | undefined;
  // CronJob nests the pod template one level deeper, under jobTemplate.spec.template.
  const podTemplate = (o.kind === 'CronJob' ? (template?.['template'] as Record<string, unknown> | undefined) : template)?.['spec'];
  return podTemplate && typeof podTemplate === 'object' ? [podTemplate as Record<string, unknown>] : [];
}
