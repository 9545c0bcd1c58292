import type { FieldSpec } from '../fieldspec.ts';

// Field specs of kustomize's built-in transformer configuration (api/internal/konfig/builtinpluginconsts),
// restated as data.

const podTemplateOwners: FieldSpec[] = [
  { version: 'v1', kind: 'ReplicationController', path: 'spec/template/metadata' },
  { kind: 'Deployment', path: 'spec/template/metadata' },
  { kind: 'ReplicaSet', path: 'spec/template/metadata' },
  { kind: 'DaemonSet', path: 'spec/template/metadata' },
  { group: 'apps', kind: 'StatefulSet', path: 'spec/template/metadata' },
  { group: 'batch', kind: 'Job', path: 'spec/template/metadata' },
  { group: 'batch', kind: 'CronJob', path: 'spec/jobTemplate/metadata' },
  { group: 'batch', kind: 'CronJob', path: 'spec/jobTemplate/spec/template/metadata' },
];

const under = (specs: FieldSpec[], leaf: string, create: boolean): FieldSpec[] =>
  specs.map((s) => ({ ...s, path: `${s.path}/${leaf}`, create }));

/** `labels[].includeTemplates`: the pod-template label maps, plus StatefulSet claim templates in v5.8.1. */
export const templateLabelSpecs: FieldSpec[] = [
  ...under(podTemplateOwners, 'labels', true),
  { group: 'apps', kind: 'StatefulSet', path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true },
];

const affinityPaths = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** Selector label maps that commonLabels (and `includeSelectors`) touch. */
export const selectorLabelSpecs: FieldSpec[] = [
  { version: 'v1', kind: 'Service', path: 'spec/selector', create: true },
  { version: 'v1', kind: 'ReplicationController', path: 'spec/selector', create: true },
  { kind: 'Deployment', path: 'spec/selector/matchLabels', create: true },
  { kind: 'ReplicaSet', path: 'spec/selector/matchLabels', create: true },
  { kind: 'DaemonSet', path: 'spec/selector/matchLabels', create: true },
  { group: 'apps', kind: 'StatefulSet', path: 'spec/selector/matchLabels', create: true },
  ...affinityPaths.map((path) => ({ group: 'apps', kind: 'Deployment', path, create: false })),
  ...affinityPaths.map((path) => ({ group: 'apps', kind: 'StatefulSet', path, create: false })),
  { group: 'batch', kind: 'Job', path: 'spec/selector/matchLabels', create: false },
  { group: 'batch', kind: 'CronJob', path: 'spec/jobTemplate/spec/selector/matchLabels', create: false },
  { group: 'policy', kind: 'PodDisruptionBudget', path: 'spec/selector/matchLabels', create: false },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy', path: 'spec/podSelector/matchLabels', create: false },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy', path: 'spec/ingress/from/podSelector/matchLabels', create: false },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy', path: 'spec/egress/to/podSelector/matchLabels', create: false },
];

export const metadataLabelSpec: FieldSpec = { path: 'metadata/labels', create: true };

export const annotationSpecs: FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  ...under(podTemplateOwners, 'annotations', true),
];

export const replicaSpecs: FieldSpec[] = [
  { kind: 'Deployment', path: 'spec/replicas', create: true },
  { kind: 'ReplicationController', path: 'spec/replicas', create: true },
  { kind: 'ReplicaSet', path: 'spec/replicas', create: true },
  { kind: 'StatefulSet', path: 'spec/replicas', create: true },
];

const containerVarPaths = (prefix: string): string[] =>
  ['containers', 'initContainers'].flatMap((c) => ['args', 'command', 'env/value', 'volumeMounts/mountPath'].map((f) => `${prefix}/${c}/${f}`));

/** Where legacy `vars` are substituted by default: container commands, args and env, and a few host fields. */
export const varReferenceSpecs: FieldSpec[] = [
  ...[...containerVarPaths('spec/jobTemplate/spec/template/spec'), 'spec/jobTemplate/spec/template/volumes/nfs/server'].map((path) => ({ kind: 'CronJob', path })),
  ...['DaemonSet', 'Deployment', 'Job', 'ReplicaSet', 'StatefulSet'].flatMap((kind) => [
    ...containerVarPaths('spec/template/spec').map((path) => ({ kind, path })),
    ...(kind === 'StatefulSet' ? [] : [{ kind, path: 'spec/template/spec/volumes/nfs/server' }]),
  ]),
  { kind: 'Deployment', path: 'spec/template/metadata/annotations' },
  { kind: 'Ingress', path: 'spec/rules/host' },
  { kind: 'Ingress', path: 'spec/tls/hosts' },
  { kind: 'Ingress', path: 'spec/tls/secretName' },
  ...[...containerVarPaths('spec'), 'spec/volumes/nfs/server'].map((path) => ({ kind: 'Pod', path })),
  { kind: 'Service', path: 'spec/ports/port' },
  { kind: 'Service', path: 'spec/ports/targetPort' },
  { kind: 'StatefulSet', path: 'spec/volumeClaimTemplates/spec/nfs/server' },
  { kind: 'PersistentVolume', path: 'spec/nfs/server' },
  { path: 'metadata/labels' },
  { path: 'metadata/annotations' },
];
