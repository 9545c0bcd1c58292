import type { Fixture } from './fixtures.ts';
import { configMap, crd, deployment, rbac, service, widget, workloads } from './objects.ts';

// Realistic overlay trees: one base, staging and production overlays, and the kinds that name each other.

const k = (body: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const component = (body: string): string => `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n${body}`;

const app = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app-reader
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app-reader
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: app-reader
subjects:
- kind: ServiceAccount
  name: app
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: app-data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  labels:
    app.kubernetes.io/name: app
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: app
  template:
    metadata:
      labels:
        app.kubernetes.io/name: app
    spec:
      serviceAccountName: app
      containers:
      - name: app
        image: registry.example.com/team/app:1.0.0
        ports:
        - name: http
          containerPort: 8080
        envFrom:
        - configMapRef:
            name: app-env
        - secretRef:
            name: app-secrets
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
        volumeMounts:
        - name: data
          mountPath: /var/lib/app
        - name: settings
          mountPath: /etc/app
      volumes:
      - name: data
        persistentVolumeClaim:
          claimName: app-data
      - name: settings
        configMap:
          name: app-settings
---
apiVersion: v1
kind: Service
metadata:
  name: app
spec:
  selector:
    app.kubernetes.io/name: app
  ports:
  - name: http
    port: 80
    targetPort: http
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
spec:
  ingressClassName: nginx
  tls:
  - hosts: [app.example.com]
    secretName: app-tls
  rules:
  - host: app.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: app
            port:
              name: http
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: app
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: app
  minReplicas: 1
  maxReplicas: 3
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 80
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: app
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: app
`;

const base = {
  'base/kustomization.yaml': k(`resources:
- app.yaml
labels:
- pairs:
    app.kubernetes.io/part-of: shop
  includeSelectors: false
configMapGenerator:
- name: app-env
  literals:
  - LOG_LEVEL=info
  - FEATURE_X=off
- name: app-settings
  files:
  - settings.yaml
secretGenerator:
- name: app-secrets
  envs:
  - secrets.env
- name: app-tls
  type: kubernetes.io/tls
  literals:
  - tls.crt=CERT
  - tls.key=KEY
`),
  'base/app.yaml': app,
  'base/settings.yaml': '# app settings\nlisten: ":8080"\ncache:\n  size: 128\n',
  'base/secrets.env': '# credentials\nDB_PASSWORD=s3cret\nAPI_TOKEN=abc=def\n',
};

const staging = k(`namespace: shop-staging
namePrefix: staging-
resources:
- ../../base
labels:
- pairs:
    env: staging
  includeSelectors: true
configMapGenerator:
- name: app-env
  behavior: merge
  literals:
  - LOG_LEVEL=debug
images:
- name: registry.example.com/team/app
  newTag: 1.1.0-rc.1
patches:
- target:
    kind: Ingress
    name: app
  patch: |-
    - op: replace
      path: /spec/rules/0/host
      value: staging.app.example.com
    - op: replace
      path: /spec/tls/0/hosts/0
      value: staging.app.example.com
`);

const production = k(`namespace: shop-prod
namePrefix: prod-
nameSuffix: -v1
resources:
- ../../base
- namespace.yaml
labels:
- pairs:
    env: production
  includeSelectors: true
  includeTemplates: true
commonAnnotations:
  owner: team-shop
configMapGenerator:
- name: app-env
  behavior: merge
  literals:
  - FEATURE_X=on
  envs:
  - prod.env
- name: app-settings
  behavior: replace
  files:
  - settings.yaml=prod-settings.yaml
images:
- name: registry.example.com/team/app
  newName: registry.example.com/team/app-prod
  digest: sha256:4f0fb2a7b1b0b1f6b5d2f3c4e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e
replicas:
- name: app
  count: 3
patches:
- path: resources.yaml
- target:
    kind: HorizontalPodAutoscaler
  patch: |-
    - op: replace
      path: /spec/maxReplicas
      value: 10
`);

const prodFiles = {
  'overlays/production/kustomization.yaml': production,
  'overlays/production/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
  'overlays/production/prod.env': 'REGION=eu-west-1\nLOG_LEVEL=warn\n',
  'overlays/production/prod-settings.yaml': 'listen: ":8080"\ncache:\n  size: 4096\n',
  'overlays/production/resources.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
      - name: app
        resources:
          requests:
            cpu: "1"
            memory: 1Gi
          limits:
            memory: 2Gi
      - name: proxy
        image: envoyproxy/envoy:v1.30.1
`,
};

const monitoring = {
  'components/monitoring/kustomization.yaml': component(`resources:
- monitor.yaml
patches:
- target:
    kind: Deployment
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: any
      annotations:
        prometheus.io/scrape: "true"
    spec:
      template:
        metadata:
          annotations:
            prometheus.io/port: "9090"
`),
  'components/monitoring/monitor.yaml': `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: app
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: app
  endpoints:
  - port: http
    interval: 30s
`,
};

const anchors = `# Two workers that share their container spec through an anchor.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker-a # trailing comment
  labels: &labels
    app: worker
    tier: "backend"
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      containers:
      - &container
        name: worker
        image: worker:2.3
        env:
        - name: QUEUE
          value: jobs
        - name: RETRIES
          value: "3"
---
# Anchors do not cross documents: the second one declares its own and merges it with an override.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker-b
  labels: &base
    app: worker
    tier: "backend"
spec:
  selector:
    matchLabels:
      <<: *base
      tier: batch
  template:
    metadata:
      labels:
        <<: *base
        tier: batch
    spec:
      containers:
      - name: worker
        image: worker:2.3
        args: &args ["--queue", "batch"]
      - name: helper
        image: helper:1
        args: *args
---
`;

const scalars = `apiVersion: v1
kind: ConfigMap
metadata:
  name: scalars
  annotations:
    quoted-true: "true"
    single: 'it''s'
data:
  yes: "yes"
  no: no
  on: on
  off: "off"
  y: y
  n: N
  octal: "0755"
  octal-bare: 0755
  hex: 0x1F
  float: 1.50
  exp: 1e3
  sexagesimal: 1:20
  tilde: "~"
  null-word: "null"
  empty: ""
  date: 2024-01-02
  version: "1.10"
  bare-version: 1.10
  multi: |
    line one
    line two
  folded: >-
    folded
    text
  colon: "a: b"
  hash: "#not-a-comment"
  leading-zero: 007
  plus: +12
`;

const crdTyped = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: gadget
spec:
  replicas: 1
  items:
  - name: a
    size: 1
  - name: b
    size: 2
  settings:
    color: red
    shape: round
  template:
    spec:
      containers:
      - name: w
        image: nginx:1.0
`;

export const overlayFixtures: Fixture[] = [
  { name: 'overlays: the base alone', files: base, dir: 'base' },
  { name: 'overlays: staging renames and rewrites every reference', files: { ...base, 'overlays/staging/kustomization.yaml': staging }, dir: 'overlays/staging' },
  { name: 'overlays: production with merge and replace generators, digest, replicas and patches', files: { ...base, ...prodFiles }, dir: 'overlays/production' },
  { name: 'overlays: production plus a monitoring component', files: {
    ...base, ...prodFiles, ...monitoring,
    'overlays/production/kustomization.yaml': `${production}components:\n- ../../components/monitoring\n`,
  }, dir: 'overlays/production' },
  { name: 'overlays: staging and production built side by side by one root', files: {
    ...base, ...prodFiles, 'overlays/staging/kustomization.yaml': staging,
    'kustomization.yaml': k('resources:\n- overlays/staging\n- overlays/production\n'),
  } },
  { name: 'overlays: a second level overlay (production, then one region)', files: {
    ...base, ...prodFiles,
    'overlays/eu/kustomization.yaml': k(`namePrefix: eu-
resources:
- ../production
configMapGenerator:
- name: app-env
  behavior: merge
  literals:
  - REGION=eu-central-1
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: app
    spec:
      template:
        spec:
          nodeSelector:
            topology.kubernetes.io/region: eu-central-1
`),
  }, dir: 'overlays/eu' },
  { name: 'overlays: generator options and immutable secrets in the overlay', files: {
    ...base,
    'overlays/ci/kustomization.yaml': k(`resources:
- ../../base
generatorOptions:
  labels:
    generated: "true"
  annotations:
    kustomize.toolkit.fluxcd.io/substitute: disabled
  immutable: true
secretGenerator:
- name: ci-token
  literals:
  - token=xyz
  options:
    disableNameSuffixHash: true
`),
  }, dir: 'overlays/ci' },
  { name: 'overlays: namespace rewrites RoleBinding subjects and ClusterRoleBinding references', files: {
    'kustomization.yaml': k('namespace: apps\nnamePrefix: team-\nresources:\n- rbac.yaml\n- crb.yaml\n'),
    'rbac.yaml': rbac,
    'crb.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: runner-view
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: viewer
subjects:
- kind: ServiceAccount
  name: runner
  namespace: default
- kind: Group
  name: devs
`,
  } },
  { name: 'overlays: HPA and PDB follow a renamed StatefulSet', files: {
    'kustomization.yaml': k('nameSuffix: -blue\nnamespace: db\nresources:\n- w.yaml\n- hpa.yaml\n'),
    'w.yaml': workloads,
    'hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: db\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: StatefulSet\n    name: db\n  maxReplicas: 5\n',
  } },
  { name: 'overlays: Service selector and Ingress backend after labels and prefix', files: {
    'kustomization.yaml': k('namePrefix: shop-\nlabels:\n- pairs:\n    release: r1\n  includeSelectors: true\nresources:\n- d.yaml\n- s.yaml\n- ing.yaml\n'),
    'd.yaml': deployment(), 's.yaml': service(),
    'ing.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n  rules:\n  - http:\n      paths:\n      - path: /api\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n',
  } },
  { name: 'overlays: images by digest, by new name and by tag in one list', files: {
    'kustomization.yaml': k(`resources:
- d.yaml
- w.yaml
images:
- name: nginx
  digest: sha256:0000000000000000000000000000000000000000000000000000000000000001
- name: busybox
  newName: mirror.example.com/library/busybox
- name: postgres
  newName: mirror.example.com/postgres
  newTag: "16.2"
  digest: sha256:1111111111111111111111111111111111111111111111111111111111111111
- name: registry.example.com:5000/agent
  newTag: "2.1"
`),
    'd.yaml': deployment(), 'w.yaml': workloads,
  } },
  { name: 'overlays: replicas on Deployment and StatefulSet by their base names', files: {
    'base/kustomization.yaml': k('resources:\n- d.yaml\n- w.yaml\n'), 'base/d.yaml': deployment(), 'base/w.yaml': workloads,
    'kustomization.yaml': k('namePrefix: x-\nresources:\n- base\nreplicas:\n- name: web\n  count: 4\n- name: x-db\n  count: 2\n'),
  } },
  { name: 'overlays: generator merge across two levels keeps one hashed name', files: {
    'base/kustomization.yaml': k('resources:\n- d.yaml\nconfigMapGenerator:\n- name: app-config\n  literals: [a=1, b=2]\n'),
    'base/d.yaml': deployment(),
    'mid/kustomization.yaml': k('resources:\n- ../base\nconfigMapGenerator:\n- name: app-config\n  behavior: merge\n  literals: [b=3]\n'),
    'top/kustomization.yaml': k('namePrefix: top-\nresources:\n- ../mid\nconfigMapGenerator:\n- name: app-config\n  behavior: merge\n  literals: [c=4]\n  options:\n    labels:\n      layer: top\n'),
  }, dir: 'top' },
  { name: 'overlays: generator replace in an overlay with a namespace', files: {
    'base/kustomization.yaml': k('resources:\n- d.yaml\nconfigMapGenerator:\n- name: app-config\n  literals: [a=1]\n  options:\n    labels:\n      from: base\n'),
    'base/d.yaml': deployment(),
    'overlay/kustomization.yaml': k('namespace: prod\nresources:\n- ../base\nconfigMapGenerator:\n- name: app-config\n  behavior: replace\n  literals: [z=26]\n'),
  }, dir: 'overlay' },
  { name: 'overlays: a component shared by two overlays adds a sidecar and a ConfigMap', files: {
    'base/kustomization.yaml': k('resources:\n- d.yaml\n'), 'base/d.yaml': deployment(),
    'comp/kustomization.yaml': component('configMapGenerator:\n- name: proxy-config\n  literals: [port=15001]\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      template:\n        spec:\n          containers:\n          - name: proxy\n            image: envoy:1\n            envFrom:\n            - configMapRef:\n                name: proxy-config\n'),
    'a/kustomization.yaml': k('namePrefix: a-\nresources:\n- ../base\ncomponents:\n- ../comp\n'),
    'b/kustomization.yaml': k('namePrefix: b-\nresources:\n- ../base\ncomponents:\n- ../comp\n'),
    'kustomization.yaml': k('resources:\n- a\n- b\n'),
  } },
  { name: 'overlays: strategic merge on a custom resource replaces its lists, merges its maps', files: {
    'kustomization.yaml': k('resources:\n- crd.yaml\n- w.yaml\npatches:\n- patch: |-\n    apiVersion: example.com/v1\n    kind: Widget\n    metadata:\n      name: gadget\n    spec:\n      replicas: 3\n      items:\n      - name: c\n        size: 3\n      settings:\n        shape: null\n        size: large\n      template:\n        spec:\n          containers:\n          - name: extra\n            image: busybox\n'),
    'crd.yaml': crd, 'w.yaml': crdTyped,
  } },
  { name: 'overlays: patchesStrategicMerge on a custom resource with $patch replace and delete', files: {
    'kustomization.yaml': k('resources:\n- w.yaml\npatchesStrategicMerge:\n- patch.yaml\n'),
    'w.yaml': `${crdTyped}---\n${widget.replace('gadget', 'other')}`,
    'patch.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gadget\nspec:\n  settings:\n    $patch: replace\n    color: blue\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: other\n$patch: delete\n',
  } },
  { name: 'overlays: a JSON 6902 patch on a custom resource list element', files: {
    'kustomization.yaml': k('namespace: widgets\nresources:\n- w.yaml\npatches:\n- target:\n    group: example.com\n    kind: Widget\n  patch: |-\n    - op: replace\n      path: /spec/items/1/size\n      value: 20\n    - op: add\n      path: /spec/items/-\n      value: {name: z, size: 26}\n'),
    'w.yaml': crdTyped,
  } },
  { name: 'yaml: multi-document files with comments, anchors and merge keys', files: {
    'kustomization.yaml': k('resources:\n- workers.yaml\ncommonLabels:\n  team: jobs\n'), 'workers.yaml': anchors,
  } },
  { name: 'yaml: anchors survive a strategic merge patch and a prefix', files: {
    'kustomization.yaml': k('namePrefix: q-\nresources:\n- workers.yaml\npatches:\n- target:\n    kind: Deployment\n    name: worker-b\n  patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: worker-b\n    spec:\n      template:\n        spec:\n          containers:\n          - name: worker\n            env:\n            - name: QUEUE\n              value: batch\n'),
    'workers.yaml': anchors,
  } },
  { name: 'yaml: quoted and YAML 1.1 lookalike scalars keep their types', files: {
    'kustomization.yaml': k('resources:\n- scalars.yaml\ncommonAnnotations:\n  "on": "yes"\n  enabled: "true"\n'), 'scalars.yaml': scalars,
  } },
  { name: 'yaml: lookalike scalars through a generator merge and a patch', files: {
    'kustomization.yaml': k(`resources:
- scalars.yaml
configMapGenerator:
- name: flags
  literals:
  - enabled=yes
  - count=010
  - ratio=1.50
  - empty=
  - quoted="on"
patches:
- target:
    kind: ConfigMap
    name: scalars
  patch: |-
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: scalars
    data:
      no: "no"
      added: off
`),
    'scalars.yaml': scalars,
  } },
  { name: 'yaml: a document of only comments and an empty document are skipped', files: {
    'kustomization.yaml': k('resources:\n- many.yaml\n'),
    'many.yaml': `# just a comment\n---\n---\n${configMap('one')}---\n# trailing comment only\n`,
  } },
  { name: 'yaml: a document closed with an explicit end marker', files: {
    'kustomization.yaml': k('resources:\n- doc.yaml\n'),
    'doc.yaml': `---\n${configMap('ended')}...\n`,
  } },
  { name: 'overlays: namespace on PVC, ServiceAccount and secrets used by a CronJob', files: {
    'kustomization.yaml': k(`namespace: batch
namePrefix: nightly-
resources:
- cron.yaml
secretGenerator:
- name: db-secret
  literals: [password=pw]
configMapGenerator:
- name: db-env
  literals: [host=db]
`),
    'cron.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: backup
imagePullSecrets:
- name: db-secret
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: backups
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 5Gi
---
${workloads.split('---\n')[1]}`.replace('          restartPolicy: Never', '          restartPolicy: Never\n          serviceAccountName: backup\n          volumes:\n          - name: out\n            persistentVolumeClaim:\n              claimName: backups'),
  } },
  { name: 'overlays: the same base twice under two namespaces', files: {
    ...base,
    'kustomization.yaml': k('resources:\n- blue\n- green\n'),
    'blue/kustomization.yaml': k('namespace: blue\nresources:\n- ../base\n'),
    'green/kustomization.yaml': k('namespace: green\nresources:\n- ../base\n'),
  } },
  { name: 'overlays: labels without selectors leave immutable selectors alone', files: {
    ...base,
    'overlays/safe/kustomization.yaml': k('resources:\n- ../../base\nlabels:\n- pairs:\n    version: v2\n  includeTemplates: true\n'),
  }, dir: 'overlays/safe' },
  { name: 'overlays: replacements copy the Ingress host into the Deployment env', files: {
    ...base, 'overlays/staging/kustomization.yaml': staging,
    'overlays/r/kustomization.yaml': k(`resources:
- ../staging
replacements:
- source:
    kind: Ingress
    fieldPath: spec.rules.0.host
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.spec.containers.[name=app].env.[name=PUBLIC_HOST].value
    options:
      create: true
`),
  }, dir: 'overlays/r' },
  { name: 'overlays: legacy sort puts namespaces, RBAC and config first', files: {
    ...base, ...prodFiles,
    'overlays/sorted/kustomization.yaml': k('resources:\n- ../production\nsortOptions:\n  order: legacy\n'),
  }, dir: 'overlays/sorted' },
  { name: 'overlays: a delete patch drops the HPA and PDB in a small environment', files: {
    ...base,
    'overlays/dev/kustomization.yaml': k(`namespace: dev
resources:
- ../../base
patches:
- patch: |-
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata:
      name: app
    $patch: delete
- patch: |-
    apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata:
      name: app
    $patch: delete
`),
  }, dir: 'overlays/dev' },
];
