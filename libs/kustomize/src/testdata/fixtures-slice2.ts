import type { Fixture } from './fixtures.ts';
import { configMap, crd, deployment, namespace, rbac, service, widget, workloads } from './objects.ts';

// Differential fixtures for replacements, sortOptions and buildMetadata.

const k = (body: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;

const source = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: apps
data:
  image: registry.example.com/app:2.1
  replicas: "4"
  host: app.example.com
  flag: "true"
  list: a,b,c
`;
const twoDeployments = `${deployment('web')}---\n${deployment('api')}`;
const rk = (replacements: string, extra = ''): string => k(`resources:\n- src.yaml\n- d.yaml\n${extra}replacements:\n${replacements}`);
const rfiles = (replacements: string, extra = '', more: Record<string, string> = {}): Record<string, string> => ({
  'kustomization.yaml': rk(replacements, extra), 'src.yaml': source, 'd.yaml': twoDeployments, ...more,
});

export const slice2Fixtures: Fixture[] = [
  // --- replacements
  { name: 'replacements: scalar into a list element selected by key', files: rfiles(`- source:
    kind: ConfigMap
    name: settings
    fieldPath: data.image
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.spec.containers.[name=app].image
`) },
  { name: 'replacements: string into an int field keeps the int type', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.replicas
  targets:
  - select:
      kind: Deployment
      name: web
    fieldPaths: [spec.replicas]
`) },
  { name: 'replacements: int into a string field becomes a string', files: rfiles(`- source:
    kind: Deployment
    name: api
    fieldPath: spec.replicas
  targets:
  - select:
      kind: ConfigMap
    fieldPaths: [data.host]
`) },
  { name: 'replacements: default fieldPath is metadata.name, on both sides', files: rfiles(`- source:
    kind: Deployment
    name: api
  targets:
  - select:
      kind: ConfigMap
`) },
  { name: 'replacements: reject by name and by kind', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.host
  targets:
  - select:
      version: v1
    reject:
    - name: web
    - kind: ConfigMap
    fieldPaths: [metadata.annotations.host]
    options:
      create: true
`) },
  { name: 'replacements: select by label selector, reject by annotation selector', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.host
  targets:
  - select:
      labelSelector: app in (web, api)
    reject:
    - annotationSelector: skip=yes
    fieldPaths: [metadata.labels.host]
    options: {create: true}
`, '', { 'd.yaml': `${deployment('web')}---\n${deployment('api').replace('  labels:\n    app: api\n', '  labels:\n    app: api\n  annotations:\n    skip: "yes"\n')}` }) },
  { name: 'replacements: source delimiter and index', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.image
    options:
      delimiter: ':'
      index: 1
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.spec.containers.[name=app].image
    options:
      delimiter: ':'
      index: 1
`) },
  { name: 'replacements: target delimiter with index past the end appends, negative prepends', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.host
  targets:
  - select:
      kind: ConfigMap
    fieldPaths: [data.list]
    options:
      delimiter: ','
      index: 9
  - select:
      kind: Deployment
      name: web
    fieldPaths:
    - spec.template.spec.containers.[name=sidecar].image
    options:
      delimiter: /
      index: -1
`) },
  { name: 'replacements: create makes missing maps and list elements', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.replicas
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.metadata.annotations.replicas
    - spec.template.spec.containers.[name=extra].image
    options:
      create: true
`) },
  { name: 'replacements: a map value replaces a map target', files: rfiles(`- source:
    kind: Deployment
    name: web
    fieldPath: spec.selector
  targets:
  - select:
      kind: Deployment
      name: api
    fieldPaths: [spec.selector]
`) },
  { name: 'replacements: wildcard over list elements and numeric indices', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.flag
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.spec.containers.*.image
    - spec.template.spec.containers.1.args.0
`) },
  { name: 'replacements: sourceValue', files: rfiles(`- sourceValue: constant
  targets:
  - select:
      kind: Deployment
    fieldPaths: [metadata.labels.app]
`) },
  { name: 'replacements: source and targets by original name after prefix and namespace', files: rfiles(`- source:
    kind: ConfigMap
    name: settings
    namespace: apps
    fieldPath: data.host
  targets:
  - select:
      name: web
    fieldPaths: [metadata.annotations.host]
    options: {create: true}
- source:
    kind: Deployment
    name: api
  targets:
  - select:
      kind: ConfigMap
    fieldPaths: [data.host]
`, 'namePrefix: x-\nnamespace: other\n') },
  { name: 'replacements: from a file given by path', files: rfiles(`- path: repl.yaml
`, '', { 'repl.yaml': '- source:\n    kind: ConfigMap\n    fieldPath: data.host\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths: [metadata.annotations.host]\n    options: {create: true}\n' }) },
  { name: 'replacements: run after the overlay\'s other transformers, in base and overlay', files: {
    'base/kustomization.yaml': rk(`- source:
    kind: ConfigMap
    fieldPath: data.image
  targets:
  - select:
      kind: Deployment
    fieldPaths: [spec.template.spec.containers.0.image]
`, 'images:\n- name: nginx\n  newTag: "9"\n'),
    'base/src.yaml': source, 'base/d.yaml': twoDeployments,
    'overlay/kustomization.yaml': k('resources:\n- ../base\nnamePrefix: o-\nreplacements:\n- source:\n    kind: Deployment\n    name: o-web\n  targets:\n  - select:\n      kind: ConfigMap\n    fieldPaths: [data.host]\n'),
  }, dir: 'overlay' },
  { name: 'replacements: in a component', files: {
    'kustomization.yaml': k('resources:\n- src.yaml\n- d.yaml\ncomponents:\n- comp\n'), 'src.yaml': source, 'd.yaml': twoDeployments,
    'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nreplacements:\n- source:\n    kind: ConfigMap\n    fieldPath: data.host\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths: [metadata.annotations.host]\n    options: {create: true}\n',
  } },
  { name: 'error: replacements target field missing without create', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.host
  targets:
  - select:
      kind: Deployment
    fieldPaths: [spec.nothing.here]
`), error: /unable to find field "spec\.nothing\.here" in replacement target/ },
  { name: 'error: replacements source field missing', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.nope
  targets:
  - select:
      kind: Deployment
`), error: /fieldPath `data\.nope` is missing for replacement source/ },
  { name: 'error: replacements source matches nothing', files: rfiles(`- source:
    kind: Secret
  targets:
  - select:
      kind: Deployment
`), error: /nothing selected by/ },
  { name: 'error: replacements source matches several', files: rfiles(`- source:
    kind: Deployment
  targets:
  - select:
      kind: ConfigMap
`), error: /multiple matches for selector/ },
  { name: 'error: replacements source index out of bounds', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.image
    options: {delimiter: ':', index: 5}
  targets:
  - select:
      kind: Deployment
`), error: /options\.index 5 is out of bounds/ },
  { name: 'replacements: create with a wildcard sets existing elements', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.host
  targets:
  - select:
      kind: Deployment
    fieldPaths: [spec.template.spec.containers.*.image]
    options: {create: true}
`) },
  { name: 'error: replacements target list index out of range', files: rfiles(`- source:
    kind: ConfigMap
    fieldPath: data.host
  targets:
  - select:
      kind: Deployment
    fieldPaths: [spec.template.spec.containers.5.image]
`), error: /unable to find field "spec\.template\.spec\.containers\.5\.image" in replacement target/ },

  // --- strategic merge directives kyaml does not implement: they are copied into the object as fields
  { name: 'smp: $setElementOrder and $retainKeys are kept as fields, ports merge on two keys', files: {
    'kustomization.yaml': 'resources:\n- d.yaml\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      strategy:\n        $retainKeys: [type]\n        type: Recreate\n      template:\n        spec:\n          $setElementOrder/containers:\n          - name: b\n          - name: a\n          containers:\n          - name: a\n            image: new\n            ports:\n            - containerPort: 9090\n            - containerPort: 80\n              name: web\n            $setElementOrder/env:\n            - name: Y\n            - name: X\n            env:\n            - name: Y\n              value: "2"\n',
    'd.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n  template:\n    spec:\n      containers:\n      - name: a\n        image: old\n        ports:\n        - containerPort: 80\n          protocol: TCP\n        - containerPort: 81\n          protocol: UDP\n        env:\n        - name: X\n          value: "1"\n      - name: b\n        image: b\n',
  } },
  { name: 'smp: ports without protocol merge with the TCP port and keep patch order', files: {
    'kustomization.yaml': k('resources:\n- d.yaml\npatches:\n- path: p.yaml\n'),
    'd.yaml': deployment(),
    'p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        ports:\n        - containerPort: 8080\n          name: alt\n        - containerPort: 80\n          name: http\n        - containerPort: 53\n          protocol: UDP\n',
  } },

  { name: 'smp: ports with exactly equal keys merge in target order', files: {
    'kustomization.yaml': k('resources:\n- d.yaml\npatches:\n- path: p.yaml\n'),
    'd.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    ports:\n    - {containerPort: 80, protocol: TCP}\n    - {containerPort: 90}\n    - {containerPort: 81}\n',
    'p.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    ports:\n    - {containerPort: 90, name: y}\n    - {containerPort: 80, protocol: TCP, name: x}\n    - {containerPort: 81, protocol: TCP, name: z}\n    - {containerPort: 70, name: new}\n',
  } },

  // --- sortOptions
  { name: 'sortOptions: legacy order', files: {
    'kustomization.yaml': k('sortOptions:\n  order: legacy\nresources:\n- all.yaml\n- w.yaml\n- d.yaml\n- s.yaml\n'),
    'all.yaml': `${widget}---\n${crd}---\n${rbac}---\n${namespace('b')}---\n${namespace('a')}---\n${configMap('z')}---\n${configMap('a')}`,
    'w.yaml': workloads, 'd.yaml': deployment(), 's.yaml': service(),
  } },
  { name: 'sortOptions: legacy order with custom first and last', files: {
    'kustomization.yaml': k('sortOptions:\n  order: legacy\n  legacySortOptions:\n    orderFirst: [Service, ConfigMap]\n    orderLast: [Namespace]\nresources:\n- all.yaml\n- d.yaml\n- s.yaml\n'),
    'all.yaml': `${namespace('b')}---\n${configMap('z')}---\n${rbac}`, 'd.yaml': deployment(), 's.yaml': service(),
  } },
  { name: 'sortOptions: fifo keeps the build order', files: {
    'kustomization.yaml': k('sortOptions:\n  order: fifo\nresources:\n- d.yaml\n- all.yaml\n'),
    'all.yaml': `${namespace('b')}---\n${configMap('z')}`, 'd.yaml': deployment(),
  } },
  { name: 'sortOptions: only the root decides', files: {
    'base/kustomization.yaml': k('sortOptions:\n  order: legacy\nresources:\n- d.yaml\n- ns.yaml\n'), 'base/d.yaml': deployment(), 'base/ns.yaml': namespace('b'),
    'kustomization.yaml': k('resources:\n- base\n'),
  } },

  // --- buildMetadata
  { name: 'buildMetadata: originAnnotations and managedByLabel across a base and generators', files: {
    'base/kustomization.yaml': k('resources:\n- d.yaml\nconfigMapGenerator:\n- name: app-config\n  literals: [a=b]\n'), 'base/d.yaml': deployment(),
    'overlay/kustomization.yaml': k('buildMetadata: [originAnnotations, managedByLabel]\nnamePrefix: p-\nresources:\n- ../base\n- x.yaml\nsecretGenerator:\n- name: s\n  literals: [a=b]\n'),
    'overlay/x.yaml': configMap('x'),
  }, dir: 'overlay' },
  { name: 'buildMetadata: managedByLabel only', files: {
    'kustomization.yaml': k('buildMetadata: [managedByLabel]\nresources:\n- d.yaml\n'), 'd.yaml': deployment(),
  } },
];
