import type { Fixture } from './fixtures.ts';
import { configMap, deployment } from './objects.ts';

// Differential fixtures for legacy vars, configurations, crds, build annotations and multi-key list deletes.

const k = (body: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;

const varService = `apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: data
spec:
  ports:
  - port: 5432
    name: pg
`;
const varDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  annotations:
    upstream: $(DB_HOST)
spec:
  template:
    metadata:
      annotations:
        db-port: $(DB_PORT)
    spec:
      initContainers:
      - name: wait
        image: busybox
        command: ["sh", "-c", "until nc -z $(DB_HOST) $(DB_PORT); do sleep 1; done"]
      containers:
      - name: app
        image: app:1
        args: ["--db=$(DB_HOST):$(DB_PORT)", "$(DB_PORT)", "$$(DB_HOST)", "$(UNKNOWN)", "$(", "cost: $5"]
        env:
        - name: DB
          value: $(DB_HOST)
        - name: PORT
          value: $(DB_PORT)
        volumeMounts:
        - name: data
          mountPath: /data/$(DB_HOST)
      volumes:
      - name: data
        emptyDir: {}
`;
const dbVars = `vars:
- name: DB_HOST
  objref:
    kind: Service
    name: db
    apiVersion: v1
- name: DB_PORT
  objref:
    kind: Service
    name: db
    apiVersion: v1
  fieldref:
    fieldpath: spec.ports[0].port
`;

const widgetKind = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  alias: wid
  message: "hello $(GADGET)"
  configRef:
    name: settings
  configNames: [settings, other]
  secretRef:
    name: creds
  gadget: g
  podLabels:
    x: "y"
  runtime:
    image: nginx:1.0
---
apiVersion: example.com/v1
kind: Gadget
metadata:
  name: g
`;
const widgetConfig = `nameReference:
- kind: ConfigMap
  version: v1
  fieldSpecs:
  - kind: Widget
    path: spec/configRef/name
  - kind: Widget
    path: spec/configNames
- kind: Secret
  fieldSpecs:
  - kind: Widget
    path: spec/secretRef
- kind: Gadget
  group: example.com
  fieldSpecs:
  - kind: Widget
    path: spec/gadget
commonLabels:
- kind: Widget
  path: spec/selector/matchLabels
  create: true
- kind: Widget
  path: spec/podLabels
templateLabels:
- kind: Widget
  path: spec/template/labels
  create: true
commonAnnotations:
- kind: Widget
  path: spec/template/annotations
  create: true
images:
- kind: Widget
  path: spec/runtime/image
replicas:
- kind: Widget
  path: spec/size
  create: true
namespace:
- kind: Widget
  path: spec/targetNamespace
  create: true
varReference:
- kind: Widget
  path: spec/message
namePrefix:
- kind: Widget
  path: spec/alias
`;
const widgetBase = {
  'base/kustomization.yaml': k('resources: [res.yaml]\nconfigurations: [config.yaml]\nconfigMapGenerator:\n- name: settings\n  literals: [a=1]\nsecretGenerator:\n- name: creds\n  literals: [p=2]\n'),
  'base/config.yaml': widgetConfig,
  'base/res.yaml': widgetKind,
};

const beeDefinitions = JSON.stringify({
  'example.com/pkg/apis/v1beta1.Bee': {
    Schema: {
      properties: {
        apiVersion: { type: 'string' }, kind: { type: 'string' },
        metadata: { $ref: 'k8s.io/apimachinery/pkg/apis/meta/v1.ObjectMeta' },
        spec: { $ref: 'example.com/pkg/apis/v1beta1.BeeSpec' },
      },
    },
    Dependencies: [],
  },
  'example.com/pkg/apis/v1beta1.BeeSpec': {
    Schema: {
      properties: {
        configRef: { 'x-kubernetes-object-ref-api-version': 'v1', 'x-kubernetes-object-ref-kind': 'ConfigMap', type: 'object' },
        secretName: { 'x-kubernetes-object-ref-api-version': 'v1', 'x-kubernetes-object-ref-kind': 'Secret', 'x-kubernetes-object-ref-name-key': 'secretKey', type: 'object' },
        selector: { 'x-kubernetes-label-selector': '', type: 'object' },
        notes: { 'x-kubernetes-annotation': '', type: 'object' },
        ident: { 'x-kubernetes-identity': '', type: 'string' },
      },
    },
  },
}, null, 2);
const bee = `apiVersion: v1
kind: Secret
metadata:
  name: s
type: Opaque
---
apiVersion: example.com/v1beta1
kind: Bee
metadata:
  name: bee
spec:
  configRef:
    name: cfg
  secretName:
    secretKey: s
  selector:
    a: b
  notes:
    n: m
  ident: foo
`;

const ports = (list: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - name: app
        image: x
        ports:
${list}`;
const targetPorts = ports(`        - containerPort: 80
          protocol: TCP
        - containerPort: 80
          protocol: UDP
        - containerPort: 443
          protocol: TCP
        - containerPort: 9090
          protocol: TCP
        - containerPort: 53
`);
const portPatch = (list: string): string => k(`resources: [d.yaml]
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: d
    spec:
      template:
        spec:
          containers:
          - name: app
            ports:
${list.split('\n').map((l) => (l ? `            ${l}` : l)).join('\n')}`);

const annotated = `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
    config.kubernetes.io/path: x.yaml
    config.kubernetes.io/index: "3"
    internal.config.kubernetes.io/foo: bar
    internal.config.kubernetes.io/path: y.yaml
    config.kubernetes.io/local-config: "false"
    config.k8s.io/id: "1"
    kustomize.config.k8s.io/id: "2"
    config.kubernetes.io/origin: hi
    alpha.config.kubernetes.io/transformations: x
    config.kubernetes.io/other: "y"
data:
  a: b
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: only-internal
  annotations:
    config.kubernetes.io/path: x.yaml
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: empty
  annotations: {}
`;
const tracked = {
  'base/kustomization.yaml': k('resources: [cm.yaml]\nnamePrefix: b-\nconfigMapGenerator:\n- name: gen\n  literals: [a=b]\n'),
  'base/cm.yaml': configMap('c'),
};

export const slice3Fixtures: Fixture[] = [
  // --- legacy vars
  { name: 'vars: objref name and fieldref port, typed when alone, in the default varReference fields', files: {
    'kustomization.yaml': k(`resources: [svc.yaml, app.yaml]\n${dbVars}`), 'svc.yaml': varService, 'app.yaml': varDeployment,
  } },
  { name: 'vars: declared in a base, resolved after the overlay renames the object', files: {
    'base/kustomization.yaml': k(`resources: [svc.yaml, app.yaml]\n${dbVars}`), 'base/svc.yaml': varService, 'base/app.yaml': varDeployment,
    'overlay/kustomization.yaml': k('namePrefix: prod-\nnameSuffix: -v2\nnamespace: prod\nresources: [../base]\n'),
  }, dir: 'overlay' },
  { name: 'vars: pointing at a generated ConfigMap take its hashed name', files: {
    'kustomization.yaml': k(`resources: [app.yaml]
configMapGenerator:
- name: app-env
  literals: [mode=fast, replicas=3]
vars:
- name: ENV_NAME
  objref: {kind: ConfigMap, name: app-env, apiVersion: v1}
- name: MODE
  objref: {kind: ConfigMap, name: app-env, apiVersion: v1}
  fieldref: {fieldpath: data.mode}
`),
    'app.yaml': varDeployment.replaceAll('DB_HOST', 'ENV_NAME').replaceAll('DB_PORT', 'MODE'),
  } },
  { name: 'vars: Ingress hosts and Service ports, labels and annotations', files: {
    'kustomization.yaml': k(`resources: [cm.yaml, ing.yaml]
vars:
- name: DOMAIN
  objref: {kind: ConfigMap, name: site, apiVersion: v1}
  fieldref: {fieldpath: data.domain}
- name: PORT
  objref: {kind: ConfigMap, name: site, apiVersion: v1}
  fieldref: {fieldpath: data.port}
- name: ENABLED
  objref: {kind: ConfigMap, name: site, apiVersion: v1}
  fieldref: {fieldpath: data.enabled}
`),
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: site\ndata:\n  domain: example.org\n  port: "8080"\n  enabled: "true"\n',
    'ing.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  labels:
    domain: $(DOMAIN)
  annotations:
    enabled: $(ENABLED)
    note: port is $(PORT)
spec:
  tls:
  - hosts: [$(DOMAIN), www.$(DOMAIN)]
    secretName: tls-$(DOMAIN)
  rules:
  - host: $(DOMAIN)
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
    targetPort: $(PORT)
`,
  } },
  { name: 'vars: a var field path with a list selector and a nested map', files: {
    'kustomization.yaml': k(`resources: [d.yaml, pod.yaml]
vars:
- name: IMAGE
  objref: {kind: Deployment, name: web, apiVersion: apps/v1}
  fieldref: {fieldpath: "spec.template.spec.containers.[name=app].image"}
- name: SIDECAR
  objref: {kind: Deployment, name: web, apiVersion: apps/v1}
  fieldref: {fieldpath: "spec.template.spec.containers[1].image"}
- name: REPLICAS
  objref: {kind: Deployment, name: web, apiVersion: apps/v1}
  fieldref: {fieldpath: spec.replicas}
`),
    'd.yaml': deployment(),
    'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: probe\nspec:\n  containers:\n  - name: p\n    image: $(IMAGE)\n    command: [check, "$(IMAGE)", "$(REPLICAS)", "$(SIDECAR)"]\n    env:\n    - name: N\n      value: "$(REPLICAS)"\n',
  } },
  { name: 'vars: a custom varReference from configurations', files: {
    'kustomization.yaml': k(`resources: [cm.yaml]
configurations: [vr.yaml]
vars:
- name: NAME
  objref: {kind: ConfigMap, name: src, apiVersion: v1}
`),
    'vr.yaml': 'varReference:\n- kind: ConfigMap\n  path: data\n',
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: src\ndata:\n  me: $(NAME)\n  other: x-$(NAME)-y\n',
  } },
  { name: 'vars: in a component, over the parent resources', files: {
    'kustomization.yaml': k('resources: [svc.yaml, app.yaml]\ncomponents: [comp]\n'), 'svc.yaml': varService, 'app.yaml': varDeployment,
    'comp/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nnamePrefix: c-\n${dbVars}`,
  } },
  { name: 'error: var whose object does not exist', files: {
    'kustomization.yaml': k('resources: [cm.yaml]\nvars:\n- name: X\n  objref: {kind: ConfigMap, name: nope, apiVersion: v1}\n'),
    'cm.yaml': configMap('a', '$(X)'),
  }, error: /var '\{X ConfigMap\.v1\.\[noGrp\] \{metadata\.name\}\}' cannot be mapped to a field/ },
  { name: 'error: var whose objref lacks the apiVersion matches nothing', files: {
    'kustomization.yaml': k('resources: [cm.yaml]\nvars:\n- name: X\n  objref: {kind: ConfigMap, name: a}\n'),
    'cm.yaml': configMap('a', '$(X)'),
  }, error: /cannot be mapped to a field/ },
  { name: 'error: a var field path that glues a list selector to its field is not found', files: {
    'kustomization.yaml': k('resources: [d.yaml]\nvars:\n- name: X\n  objref: {kind: Deployment, name: web, apiVersion: apps/v1}\n  fieldref: {fieldpath: "spec.template.spec.containers[name=app].image"}\n'),
    'd.yaml': deployment(),
  }, error: /field specified in var '\{X Deployment\.v1\.apps \{spec\.template\.spec\.containers\[name=app\]\.image\}\}' not found/ },
  { name: 'error: var whose field is missing', files: {
    'kustomization.yaml': k('resources: [cm.yaml]\nvars:\n- name: X\n  objref: {kind: ConfigMap, name: a, apiVersion: v1}\n  fieldref: {fieldpath: data.nope}\n'),
    'cm.yaml': configMap('a', '$(X)'),
  }, error: /field specified in var .* not found in corresponding resource/ },
  { name: 'error: the same var declared in two bases', files: {
    'kustomization.yaml': k('resources: [a, b]\n'),
    'a/kustomization.yaml': k('resources: [cm.yaml]\nvars:\n- name: X\n  objref: {kind: ConfigMap, name: a, apiVersion: v1}\n'), 'a/cm.yaml': configMap('a'),
    'b/kustomization.yaml': k('resources: [cm.yaml]\nvars:\n- name: X\n  objref: {kind: ConfigMap, name: b, apiVersion: v1}\n'), 'b/cm.yaml': configMap('b'),
  }, error: /var 'X' already encountered/ },
  { name: 'error: a var that matches two objects', files: {
    'kustomization.yaml': k('resources: [cm.yaml]\nvars:\n- name: X\n  objref: {kind: ConfigMap, name: a, apiVersion: v1}\n'),
    'cm.yaml': `${configMap('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: other\ndata:\n  key: x\n`,
  }, error: /found 2 resId matches for var/ },

  // --- configurations and crds
  { name: 'configurations: custom kinds get references, labels, annotations, images, replicas, namespace and prefix', files: {
    ...widgetBase,
    'kustomization.yaml': k(`namePrefix: p-
namespace: ns1
resources: [base]
commonLabels: {team: a}
labels:
- pairs: {tier: t}
  includeTemplates: true
commonAnnotations: {note: hi}
images:
- name: nginx
  newTag: "2.0"
replicas:
- name: w
  count: 3
vars:
- name: GADGET
  objref: {kind: Gadget, name: g, apiVersion: example.com/v1}
`),
  } },
  { name: 'configurations: in the base only, still used by the overlay transformers', files: {
    ...widgetBase,
    'kustomization.yaml': k('nameSuffix: -x\nresources: [base]\nlabels:\n- pairs: {sel: s}\n  includeSelectors: true\n'),
  } },
  { name: 'configurations: a base without its configuration leaves custom fields alone', files: {
    ...widgetBase,
    'base/kustomization.yaml': k('resources: [res.yaml]\nconfigMapGenerator:\n- name: settings\n  literals: [a=1]\nsecretGenerator:\n- name: creds\n  literals: [p=2]\n'),
    'kustomization.yaml': k('namePrefix: p-\nnamespace: ns1\nresources: [base]\ncommonLabels: {team: a}\n'),
  } },
  { name: 'labels: fields adds field specs to one entry', files: {
    'kustomization.yaml': k('resources: [res.yaml]\nlabels:\n- pairs: {extra: "yes"}\n  fields:\n  - kind: Widget\n    path: spec/podLabels\n    create: true\n  - path: spec/selector/matchLabels\n    kind: Deployment\n'),
    'res.yaml': `${widgetKind}---\n${deployment()}`,
  } },
  { name: 'crds: OpenAPI definitions teach references, selectors, annotations and identity', files: {
    'kustomization.yaml': k('namePrefix: p-\ncommonLabels: {app: x}\ncommonAnnotations: {note: hi}\nresources: [res.yaml]\ncrds: [bee.json]\nconfigMapGenerator:\n- name: cfg\n  literals: [a=b]\n'),
    'bee.json': beeDefinitions, 'res.yaml': bee,
  } },
  { name: 'crds: in YAML, declared in a base and used from an overlay', files: {
    'base/kustomization.yaml': k('resources: [res.yaml]\ncrds: [bee.yaml]\n'), 'base/bee.yaml': beeDefinitions, 'base/res.yaml': bee,
    'overlay/kustomization.yaml': k('nameSuffix: -o\nresources: [../base]\nconfigMapGenerator:\n- name: cfg\n  literals: [z=y]\n'),
  }, dir: 'overlay' },

  // --- build annotations
  { name: 'build annotations: kustomize and kyaml bookkeeping never reaches the output', files: {
    'kustomization.yaml': k('resources: [cm.yaml]\nnamespace: x\n'), 'cm.yaml': annotated.replace('    alpha.config.kubernetes.io/transformations: x\n', ''),
  } },
  { name: 'build annotations: stripped from base objects too', files: {
    'base/kustomization.yaml': k('resources: [cm.yaml]\n'), 'base/cm.yaml': annotated,
    'kustomization.yaml': k('resources: [base]\ncommonLabels: {a: b}\n'),
  } },
  { name: 'buildMetadata: transformerAnnotations lists every transformer that ran, per kustomization', files: {
    ...tracked,
    'kustomization.yaml': k(`resources: [base]
namespace: x
commonLabels: {a: b}
images:
- name: nginx
  newTag: "2"
patches:
- patch: |-
    - op: add
      path: /data/z
      value: z
  target: {kind: ConfigMap}
buildMetadata: [transformerAnnotations]
`),
  } },
  { name: 'buildMetadata: transformer and origin annotations together, with labels and replacements', files: {
    ...tracked,
    'kustomization.yaml': k(`resources: [base, d.yaml]
labels:
- pairs: {tier: web}
commonAnnotations: {note: m}
replicas:
- name: web
  count: 2
replacements:
- source: {kind: ConfigMap, name: b-c}
  targets:
  - select: {kind: Deployment}
    fieldPaths: [metadata.annotations.cm]
    options: {create: true}
buildMetadata: [transformerAnnotations, originAnnotations, managedByLabel]
`),
    'd.yaml': deployment(),
  } },
  { name: 'buildMetadata: transformerAnnotations with a component and patchesStrategicMerge', files: {
    'kustomization.yaml': k('resources: [d.yaml]\ncomponents: [comp]\npatchesStrategicMerge:\n- |-\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    replicas: 5\nbuildMetadata: [transformerAnnotations]\n'),
    'd.yaml': deployment(),
    'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nnameSuffix: -c\nimages:\n- name: busybox\n  newTag: "1.36"\n',
  } },

  // --- multi-key list deletes
  { name: 'patch: $patch delete in ports keyed on containerPort and protocol, mixed with merges', files: {
    'd.yaml': targetPorts,
    'kustomization.yaml': portPatch(`- containerPort: 80
  protocol: UDP
  $patch: delete
- containerPort: 8443
  protocol: TCP
  name: new
- containerPort: 443
  name: https
- containerPort: 9090
  $patch: delete
`),
  } },
  { name: 'patch: $patch delete with a protocol the target element lacks, and of an absent port', files: {
    'd.yaml': targetPorts,
    'kustomization.yaml': portPatch(`- containerPort: 53
  protocol: TCP
  $patch: delete
- containerPort: 7777
  protocol: TCP
  $patch: delete
- containerPort: 80
  protocol: TCP
  name: web
`),
  } },
  { name: 'patch: $patch delete in Service ports keyed on port and protocol', files: {
    'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    name: http\n  - port: 53\n    protocol: UDP\n    name: dns\n  - port: 53\n    protocol: TCP\n    name: dns-tcp\n',
    'kustomization.yaml': k('resources: [svc.yaml]\npatchesStrategicMerge:\n- |-\n  apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n  spec:\n    ports:\n    - port: 53\n      protocol: UDP\n      $patch: delete\n    - port: 443\n      protocol: TCP\n      name: https\n'),
  } },
];

