// Helm's manifest sorting (pkg/releaseutil): each rendered file split into YAML documents, documents
// with a helm.sh/hook annotation turned into hooks, and both lists stably sorted by kind in install
// order (unknown kinds last, alphabetically).

import { parse } from 'yaml';
import { parseSimpleYAML } from '../yaml/simple.ts';

export const installOrder = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList',
  'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet',
  'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
] as const;

export const uninstallOrder = [
  'APIService', 'Ingress', 'IngressClass', 'Service', 'CronJob', 'Job', 'StatefulSet', 'HorizontalPodAutoscaler', 'Deployment',
  'ReplicaSet', 'ReplicationController', 'Pod', 'DaemonSet', 'RoleBindingList', 'RoleBinding', 'RoleList', 'Role',
  'ClusterRoleBindingList', 'ClusterRoleBinding', 'ClusterRoleList', 'ClusterRole', 'CustomResourceDefinition',
  'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'ConfigMap', 'SecretList', 'Secret', 'ServiceAccount',
  'PodDisruptionBudget', 'PodSecurityPolicy', 'LimitRange', 'ResourceQuota', 'NetworkPolicy', 'Namespace', 'PriorityClass',
] as const;

export const HookEvent = {
  preInstall: 'pre-install',
  postInstall: 'post-install',
  preDelete: 'pre-delete',
  postDelete: 'post-delete',
  preUpgrade: 'pre-upgrade',
  postUpgrade: 'post-upgrade',
  preRollback: 'pre-rollback',
  postRollback: 'post-rollback',
  test: 'test',
} as const;
export type HookEvent = (typeof HookEvent)[keyof typeof HookEvent];

const eventByName: Record<string, HookEvent> = {
  ...Object.fromEntries(Object.values(HookEvent).map((e) => [e, e])),
  // Helm 2's name for test hooks, still accepted.
  'test-success': HookEvent.test,
};

export interface Manifest {
  /** The template path, e.g. "podinfo/templates/service.yaml". */
  name: string;
  content: string;
  kind: string;
}

export interface Hook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: HookEvent[];
  weight: number;
  deletePolicies: string[];
  outputLogPolicies: string[];
}

const separator = /(?:^|\s*\n)---\s*/;

/** SplitManifests: the documents of one rendered file, trimmed, empties dropped. */
export function splitManifests(text: string): string[] {
  return text
    .trim()
    .split(separator)
    .filter((d) => d !== '')
    .map((d) => d.trim());
}

interface Head {
  kind: string;
  name: string;
  annotations?: Record<string, string>;
}

function readHead(doc: string, path: string): Head {
  let v: unknown;
  try {
    v = parseSimpleYAML(doc) ?? parse(doc, { version: '1.1', schema: 'yaml-1.1', merge: true, uniqueKeys: false });
  } catch (err) {
    throw new Error(`YAML parse error on ${path}: error converting YAML to JSON: yaml: ${(err as Error).message}`);
  }
  if (v === null || v === undefined) return { kind: '', name: '' };
  if (typeof v !== 'object' || Array.isArray(v)) {
    const t = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
    throw new Error(`YAML parse error on ${path}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${t} into Go value of type releaseutil.SimpleHead`);
  }
  const o = v as Record<string, unknown>;
  const md = (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {}) as Record<string, unknown>;
  const annotations = typeof md.annotations === 'object' && md.annotations !== null ? (md.annotations as Record<string, unknown>) : undefined;
  return {
    kind: typeof o.kind === 'string' ? o.kind : '',
    name: typeof md.name === 'string' ? md.name : '',
    annotations: annotations ? Object.fromEntries(Object.entries(annotations).map(([k, x]) => [k, String(x)])) : undefined,
  };
}

function splitAnnotation(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.split(',').map((s) => s.trim().toLowerCase());
}

/** Stable sort by kind: known kinds in the given order, unknown ones after, alphabetically. */
export function sortByKind<T>(items: readonly T[], kindOf: (t: T) => string, order: readonly string[]): T[] {
  const rank = new Map(order.map((k, i) => [k, i]));
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const ka = kindOf(a.item);
      const kb = kindOf(b.item);
      const ra = rank.get(ka);
      const rb = rank.get(kb);
      let c: number;
      if (ra === undefined && rb === undefined) c = ka < kb ? -1 : ka > kb ? 1 : 0;
      else if (ra === undefined) c = 1;
      else if (rb === undefined) c = -1;
      else c = ra - rb;
      return c || a.index - b.index;
    })
    .map((x) => x.item);
}

/** SortManifests: hooks and plain manifests from rendered files (partials and blank files skipped). */
export function sortManifests(files: ReadonlyMap<string, string>, order: readonly string[] = installOrder): { hooks: Hook[]; manifests: Manifest[] } {
  const hooks: Hook[] = [];
  const manifests: Manifest[] = [];
  for (const path of [...files.keys()].sort()) {
    const content = files.get(path)!;
    if (path.split('/').pop()!.startsWith('_')) continue;
    if (content.trim() === '') continue;
    for (const doc of splitManifests(content)) {
      const head = readHead(doc, path);
      const hookTypes = head.annotations?.['helm.sh/hook'];
      if (hookTypes === undefined) {
        manifests.push({ name: path, content: doc, kind: head.kind });
        continue;
      }
      const events: HookEvent[] = [];
      let unknown = false;
      for (const t of splitAnnotation(hookTypes)) {
        const e = eventByName[t];
        if (!e) {
          unknown = true;
          break;
        }
        events.push(e);
      }
      // Helm drops a document whose hook names an unknown event.
      if (unknown) continue;
      const weight = Number.parseInt(head.annotations?.['helm.sh/hook-weight'] ?? '', 10);
      const weightText = head.annotations?.['helm.sh/hook-weight'] ?? '';
      hooks.push({
        name: head.name,
        kind: head.kind,
        path,
        manifest: doc,
        events,
        weight: /^[+-]?\d+$/.test(weightText) ? weight : 0,
        deletePolicies: splitAnnotation(head.annotations?.['helm.sh/hook-delete-policy']),
        outputLogPolicies: splitAnnotation(head.annotations?.['helm.sh/hook-output-log-policy']),
      });
    }
  }
  return { hooks: sortByKind(hooks, (h) => h.kind, order), manifests: sortByKind(manifests, (m) => m.kind, order) };
}

/** The order Helm runs one event's hooks in: weight, then name. */
export function hooksForEvent(hooks: readonly Hook[], event: HookEvent): Hook[] {
  return hooks
    .filter((h) => h.events.includes(event))
    .map((h, i) => ({ h, i }))
    .sort((a, b) => a.h.weight - b.h.weight || (a.h.name < b.h.name ? -1 : a.h.name > b.h.name ? 1 : 0) || a.i - b.i)
    .map((x) => x.h);
}
