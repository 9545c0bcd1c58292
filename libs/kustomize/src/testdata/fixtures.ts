import { configMap, crd, deployment, namespace, rbac, service, widget, workloads } from './objects.ts';

/**
 * A differential fixture: a directory tree, the directory to build, and (for failures) the pattern our
 * error message must match. Every fixture is also built by the real kustomize, which must agree.
 */
export interface Fixture {
  name: string;
  /** Text, or bytes for files that must not be valid UTF-8. */
  files: Record<string, string | Uint8Array>;
  /** Directory to build, relative to the tree; defaults to the top. */
  dir?: string;
  /** Both builds must fail; ours with a message matching this. */
  error?: RegExp;
}

const k = (body: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;

const base = {
  'base/kustomization.yaml': k('resources:\n- deployment.yaml\n- service.yaml\n'),
  'base/deployment.yaml': deployment(),
  'base/service.yaml': service(),
};

export const fixtures: Fixture[] = [
  // --- resources
  { name: 'resources: files in list order', files: { 'kustomization.yaml': k('resources:\n- b.yaml\n- a.yaml\n'), 'a.yaml': configMap('a'), 'b.yaml': configMap('b') } },
  { name: 'resources: multi-document file and a List', files: {
    'kustomization.yaml': k('resources:\n- many.yaml\n'),
    'many.yaml': `${configMap('one')}---\n${configMap('two')}---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: three\n`,
  } },
  { name: 'resources: nested kustomizations depth-first', files: {
    'kustomization.yaml': k('resources:\n- first.yaml\n- sub\n- last.yaml\n'), 'first.yaml': configMap('first'), 'last.yaml': configMap('last'),
    'sub/kustomization.yaml': k('resources:\n- x.yaml\n- deeper\n'), 'sub/x.yaml': configMap('x'),
    'sub/deeper/kustomization.yml': k('resources:\n- y.yaml\n'), 'sub/deeper/y.yaml': configMap('y'),
  } },
  { name: 'resources: legacy bases field', files: { ...base, 'overlay/kustomization.yaml': k('bases:\n- ../base\n') }, dir: 'overlay' },
  { name: 'resources: Kustomization file name', files: { 'Kustomization': k('resources:\n- a.yaml\n'), 'a.yaml': configMap('a') } },
  { name: 'resources: yaml 1.1 lookalikes stay strings', files: {
    'kustomization.yaml': k('resources:\n- cm.yaml\n'),
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bools\ndata:\n  a: on\n  b: yes\n  c: "true"\n  d: off\n  e: y\n  f: "1.0"\n',
  } },
  { name: 'error: duplicate resource id', files: { 'kustomization.yaml': k('resources:\n- a.yaml\n- b.yaml\n'), 'a.yaml': configMap('same'), 'b.yaml': configMap('same', 'y') }, error: /already registered id/ },
  { name: 'error: missing resource', files: { 'kustomization.yaml': k('resources:\n- nope.yaml\n') }, error: /kustomization\.yaml: resources\[0\]: "nope\.yaml": missing resource/ },
  { name: 'error: invalid yaml', files: { 'kustomization.yaml': k('resources:\n- bad.yaml\n'), 'bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n' }, error: /bad\.yaml:\d+:\d+: invalid YAML/ },
  { name: 'error: cycle between bases', files: { 'a/kustomization.yaml': k('resources:\n- ../b\n'), 'b/kustomization.yaml': k('resources:\n- ../a\n') }, dir: 'a', error: /cycle between kustomizations: a -> b -> a/ },
  { name: 'error: directory without kustomization', files: { 'kustomization.yaml': k('resources:\n- sub\n'), 'sub/a.yaml': configMap('a') }, error: /no kustomization\.yaml/ },
  { name: 'error: unknown kustomization field', files: { 'kustomization.yaml': k('resources: []\nbogus: 1\n') }, error: /unknown field "bogus"/ },

  // --- namespace, prefix, suffix
  { name: 'namespace: sets namespaced objects, renames Namespace, skips cluster scope', files: {
    'kustomization.yaml': k('namespace: prod\nresources:\n- all.yaml\n'),
    'all.yaml': `${namespace('old')}---\n${configMap('c')}---\n${crd}---\n${widget}---\n${rbac}`,
  } },
  { name: 'namespace: overrides an existing namespace', files: {
    'kustomization.yaml': k('namespace: b\nresources:\n- cm.yaml\n'),
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: a\n',
  } },
  { name: 'prefix and suffix: skip CRD and Namespace, fix references', files: {
    'kustomization.yaml': k('namePrefix: p-\nnameSuffix: -s\nresources:\n- all.yaml\n- deployment.yaml\n- cm.yaml\n'),
    'all.yaml': `${namespace()}---\n${crd}---\n${rbac}`, 'deployment.yaml': deployment(), 'cm.yaml': configMap('app-config'),
  } },
  { name: 'prefix in base and overlay', files: {
    ...base, 'base/kustomization.yaml': k('namePrefix: base-\nresources:\n- deployment.yaml\n- service.yaml\n- cm.yaml\n'), 'base/cm.yaml': configMap('app-config'),
    'overlay/kustomization.yaml': k('namePrefix: prod-\nnamespace: prod\nresources:\n- ../base\n'),
  }, dir: 'overlay' },
  { name: 'same base twice with different prefixes', files: {
    ...base,
    'a/kustomization.yaml': k('namePrefix: a-\nresources:\n- ../base\n'),
    'b/kustomization.yaml': k('namePrefix: b-\nresources:\n- ../base\n'),
    'kustomization.yaml': k('resources:\n- a\n- b\n'),
  } },

  // --- labels and annotations
  { name: 'commonLabels: metadata, selectors and templates', files: {
    'kustomization.yaml': k('commonLabels:\n  team: blue\n  version: "1"\nresources:\n- d.yaml\n- s.yaml\n- w.yaml\n'),
    'd.yaml': deployment(), 's.yaml': service(), 'w.yaml': workloads,
  } },
  { name: 'labels: plain pairs touch metadata only', files: {
    'kustomization.yaml': k('labels:\n- pairs:\n    team: red\nresources:\n- d.yaml\n- w.yaml\n'), 'd.yaml': deployment(), 'w.yaml': workloads,
  } },
  { name: 'labels: includeTemplates', files: {
    'kustomization.yaml': k('labels:\n- pairs:\n    tier: web\n  includeTemplates: true\nresources:\n- d.yaml\n- w.yaml\n'), 'd.yaml': deployment(), 'w.yaml': workloads,
  } },
  { name: 'labels: includeSelectors', files: {
    'kustomization.yaml': k('labels:\n- pairs:\n    tier: web\n  includeSelectors: true\n- pairs:\n    owner: me\nresources:\n- d.yaml\n- s.yaml\n- w.yaml\n'),
    'd.yaml': deployment(), 's.yaml': service(), 'w.yaml': workloads,
  } },
  { name: 'commonAnnotations: metadata and templates', files: {
    'kustomization.yaml': k('commonAnnotations:\n  note: "hello: world"\n  count: "3"\nresources:\n- d.yaml\n- w.yaml\n- s.yaml\n'),
    'd.yaml': deployment(), 'w.yaml': workloads, 's.yaml': service(),
  } },

  // --- images and replicas
  { name: 'images: newName, newTag, digest across kinds', files: {
    'kustomization.yaml': k(`images:
- name: nginx
  newTag: "1.27"
- name: busybox
  newName: docker.io/library/busybox
- name: postgres
  digest: sha256:0123
- name: registry.example.com:5000/agent
  newName: mirror.example.com/agent
  newTag: "3.0"
resources:
- d.yaml
- w.yaml
- widget.yaml
`), 'd.yaml': deployment(), 'w.yaml': workloads, 'widget.yaml': widget,
  } },
  { name: 'images: both tag and digest', files: {
    'kustomization.yaml': k('images:\n- name: nginx\n  newTag: v2\n  digest: sha256:feed\nresources:\n- d.yaml\n'), 'd.yaml': deployment(),
  } },
  { name: 'replicas: by name, with and without an existing field', files: {
    'kustomization.yaml': k('replicas:\n- name: web\n  count: 5\n- name: db\n  count: 3\nresources:\n- d.yaml\n- w.yaml\n'), 'd.yaml': deployment(), 'w.yaml': workloads,
  } },
  { name: 'replicas: matched by original name after a prefix', files: {
    ...base, 'overlay/kustomization.yaml': k('namePrefix: x-\nreplicas:\n- name: web\n  count: 2\nresources:\n- ../base\n'),
  }, dir: 'overlay' },

  // --- generators
  { name: 'configMapGenerator: literals, files, envs with hash', files: {
    'kustomization.yaml': k(`configMapGenerator:
- name: app-config
  literals:
  - A=1
  - B="quoted value"
  - C='it''s'
  - URL=http://x?a=b&c=<d>
  files:
  - app.properties
  - renamed.txt=other.txt
  envs:
  - vars.env
resources:
- d.yaml
`),
    'app.properties': 'color=blue\nsize=10\n', 'other.txt': 'hello\nworld\n', 'vars.env': '\uFEFF# comment\n\nFOO=bar\n  BAZ=qux=1\nEMPTY=\n', 'd.yaml': deployment(),
  } },
  { name: 'secretGenerator: literals, files, type, hash', files: {
    'kustomization.yaml': k(`secretGenerator:
- name: db-secret
  literals:
  - password=s3cr3t
  files:
  - tls.crt
- name: tls
  type: kubernetes.io/tls
  files:
  - tls.crt
  - tls.key
resources:
- w.yaml
`), 'tls.crt': 'CERT\n', 'tls.key': 'KEY\n', 'w.yaml': workloads,
  } },
  { name: 'generators: generatorOptions and local options', files: {
    'kustomization.yaml': k(`generatorOptions:
  labels:
    gen: "yes"
  annotations:
    a: b
configMapGenerator:
- name: one
  literals: [k=v]
  options:
    labels:
      local: "1"
    immutable: true
- name: two
  literals: [k=v]
  options:
    disableNameSuffixHash: true
secretGenerator:
- name: three
  literals: [k=v]
`),
  } },
  { name: 'generators: global disableNameSuffixHash wins over local false', files: {
    'kustomization.yaml': k('generatorOptions:\n  disableNameSuffixHash: true\nconfigMapGenerator:\n- name: one\n  literals: [k=v]\n  options:\n    disableNameSuffixHash: false\n'),
  } },
  { name: 'generators: hash follows prefix, namespace and labels', files: {
    'kustomization.yaml': k('namePrefix: pre-\nnamespace: ns\ncommonLabels:\n  a: b\nconfigMapGenerator:\n- name: app-config\n  literals: [k=v]\nsecretGenerator:\n- name: db-secret\n  literals: [k=v]\nresources:\n- d.yaml\n- w.yaml\n'),
    'd.yaml': deployment(), 'w.yaml': workloads,
  } },
  { name: 'generators: behavior merge and replace in an overlay', files: {
    'base/kustomization.yaml': k('configMapGenerator:\n- name: app-config\n  literals: [A=1, B=2]\nsecretGenerator:\n- name: db-secret\n  literals: [u=admin]\nresources:\n- d.yaml\n- w.yaml\n'),
    'base/d.yaml': deployment(), 'base/w.yaml': workloads,
    'overlay/kustomization.yaml': k('resources:\n- ../base\nconfigMapGenerator:\n- name: app-config\n  behavior: merge\n  literals: [B=3, C=4]\n  options:\n    labels:\n      merged: "true"\nsecretGenerator:\n- name: db-secret\n  behavior: replace\n  literals: [p=pw]\n'),
  }, dir: 'overlay' },
  { name: 'generators: merge into a prefixed base', files: {
    'base/kustomization.yaml': k('namePrefix: b-\nconfigMapGenerator:\n- name: app-config\n  literals: [A=1]\nresources:\n- d.yaml\n'), 'base/d.yaml': deployment(),
    'overlay/kustomization.yaml': k('namePrefix: o-\nresources:\n- ../base\nconfigMapGenerator:\n- name: app-config\n  behavior: merge\n  literals: [A=2]\n'),
  }, dir: 'overlay' },
  { name: 'error: generator file source that is a directory', files: {
    'kustomization.yaml': k('configMapGenerator:\n- name: dir\n  files:\n  - conf\n'), 'conf/a.txt': 'alpha\n',
  }, error: /configMapGenerator\[0\]\.files\[0\]: "conf" must resolve to a file/ },
  { name: 'error: unquoted number in commonLabels', files: {
    'kustomization.yaml': k('commonLabels:\n  version: 1\n'),
  }, error: /commonLabels: value of "version" must be a string/ },
  { name: 'generators: keys with dots and dashes, json and multi-line files', files: {
    'kustomization.yaml': k('configMapGenerator:\n- name: files\n  files:\n  - conf/a.txt\n  - b-1.json=conf/b.json\n  - .hidden=conf/a.txt\n'),
    'conf/a.txt': 'alpha\nbeta\n', 'conf/b.json': '{"b": true, "html": "<a&b>"}\n',
  } },
  { name: 'generators: legacy env field', files: {
    'kustomization.yaml': k('configMapGenerator:\n- name: e\n  env: a.env\n'), 'a.env': 'X=1\n',
  } },
  { name: 'error: generator create over an existing name', files: {
    'base/kustomization.yaml': k('configMapGenerator:\n- name: c\n  literals: [a=1]\n'),
    'overlay/kustomization.yaml': k('resources:\n- ../base\nconfigMapGenerator:\n- name: c\n  literals: [a=2]\n'),
  }, dir: 'overlay', error: /already/ },
  { name: 'generators: generator namespace', files: {
    'kustomization.yaml': k('configMapGenerator:\n- name: c\n  namespace: other\n  literals: [a=1]\n'),
  } },

  // --- patches
  { name: 'patchesStrategicMerge: file and inline', files: {
    ...base,
    'overlay/kustomization.yaml': k(`resources:
- ../base
patchesStrategicMerge:
- replicas.yaml
- |-
  apiVersion: v1
  kind: Service
  metadata:
    name: web
  spec:
    type: NodePort
`),
    'overlay/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
  }, dir: 'overlay' },
  { name: 'smp: container merge by name puts the patched container first', files: {
    ...base,
    'overlay/kustomization.yaml': k('resources:\n- ../base\npatches:\n- path: p.yaml\n'),
    'overlay/p.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: sidecar
        image: busybox:2
        env:
        - name: NEW
          value: "1"
      - name: extra
        image: extra:1
`,
  }, dir: 'overlay' },
  { name: 'smp: env, ports, volumeMounts and volumes merge by key', files: {
    ...base,
    'overlay/kustomization.yaml': k('resources:\n- ../base\npatches:\n- path: p.yaml\n'),
    'overlay/p.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        env:
        - name: MODE
          value: prod
        - name: EXTRA
          value: x
        ports:
        - containerPort: 80
          protocol: TCP
          name: http
        - containerPort: 9090
          protocol: TCP
        volumeMounts:
        - mountPath: /etc/app
          readOnly: true
        - name: cache
          mountPath: /cache
      volumes:
      - name: cache
        emptyDir: {}
`,
  }, dir: 'overlay' },
  { name: 'smp: non-associative lists are replaced', files: {
    ...base,
    'overlay/kustomization.yaml': k('resources:\n- ../base\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      template:\n        spec:\n          containers:\n          - name: sidecar\n            args: ["sleep", "10"]\n          tolerations:\n          - key: a\n            operator: Exists\n'),
  }, dir: 'overlay' },
  { name: 'smp: $patch delete of an element, null deletes a field, $patch replace of a map', files: {
    ...base,
    'overlay/kustomization.yaml': k('resources:\n- ../base\npatches:\n- path: p.yaml\n'),
    'overlay/p.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: null
spec:
  selector:
    $patch: replace
    matchLabels:
      only: this
  template:
    spec:
      containers:
      - name: sidecar
        $patch: delete
      - name: app
        env:
        - name: MODE
          $patch: delete
`,
  }, dir: 'overlay' },
  { name: 'smp: $patch replace on a list', files: {
    ...base,
    'overlay/kustomization.yaml': k('resources:\n- ../base\npatches:\n- path: p.yaml\n'),
    'overlay/p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - $patch: replace\n      - name: only\n        image: only:1\n',
  }, dir: 'overlay' },
  { name: 'smp: $patch delete removes the object', files: {
    ...base,
    'overlay/kustomization.yaml': k('resources:\n- ../base\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n    $patch: delete\n'),
  }, dir: 'overlay' },
  { name: 'smp: custom resource lists are replaced wholesale', files: {
    'kustomization.yaml': k('resources:\n- w.yaml\npatches:\n- patch: |-\n    apiVersion: example.com/v1\n    kind: Widget\n    metadata:\n      name: gadget\n    spec:\n      items:\n      - name: b\n        size: 20\n'),
    'w.yaml': widget,
  } },
  { name: 'smp with target: applied to every match, name kept', files: {
    'kustomization.yaml': k('resources:\n- a.yaml\n- b.yaml\n- s.yaml\npatches:\n- target:\n    kind: Deployment\n  patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: ignored\n    spec:\n      revisionHistoryLimit: 2\n'),
    'a.yaml': deployment('a'), 'b.yaml': deployment('b'), 's.yaml': service('a'),
  } },
  { name: 'smp: patch by original name after a base prefix', files: {
    ...base, 'base/kustomization.yaml': k('namePrefix: base-\nresources:\n- deployment.yaml\n- service.yaml\n'),
    'overlay/kustomization.yaml': k('resources:\n- ../base\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      replicas: 9\n'),
  }, dir: 'overlay' },
  { name: 'json6902: add, replace, remove, move, copy, test', files: {
    ...base,
    'overlay/kustomization.yaml': k(`resources:
- ../base
patches:
- target:
    kind: Deployment
    name: web
  patch: |-
    - op: test
      path: /spec/replicas
      value: 1
    - op: replace
      path: /spec/replicas
      value: 4
    - op: add
      path: /spec/template/spec/containers/0/args
      value: ["--x"]
    - op: add
      path: /metadata/annotations
      value: {a/b: c}
    - op: copy
      from: /spec/template/spec/containers/0/image
      path: /metadata/annotations/image
    - op: remove
      path: /spec/template/spec/containers/1
    - op: add
      path: /spec/template/spec/volumes/-
      value: {name: tmp, emptyDir: {}}
    - op: move
      from: /metadata/labels
      path: /metadata/oldLabels
`),
  }, dir: 'overlay' },
  { name: 'json6902: patch file in JSON', files: {
    ...base,
    'overlay/kustomization.yaml': k('resources:\n- ../base\npatches:\n- path: p.json\n  target:\n    version: v1\n    kind: Service\n'),
    'overlay/p.json': '[{"op": "replace", "path": "/spec/ports/0/port", "value": 8080}]',
  }, dir: 'overlay' },
  { name: 'patchesJson6902: legacy field after labels', files: {
    ...base,
    'overlay/kustomization.yaml': k('resources:\n- ../base\ncommonLabels:\n  x: z\npatchesJson6902:\n- target:\n    group: apps\n    version: v1\n    kind: Deployment\n    name: web\n  patch: |-\n    - op: remove\n      path: /metadata/labels/x\n'),
  }, dir: 'overlay' },
  { name: 'patch targets: regex, labelSelector and annotationSelector', files: {
    'kustomization.yaml': k(`resources:
- a.yaml
- b.yaml
- c.yaml
patches:
- target:
    kind: Deploy.*
    name: "a|b"
    labelSelector: app in (a, c),app!=z
  patch: |-
    - op: add
      path: /metadata/annotations
      value: {hit: one}
- target:
    annotationSelector: "!nothing"
    kind: ConfigMap
  patch: |-
    - op: add
      path: /data/extra
      value: "1"
`), 'a.yaml': deployment('a'), 'b.yaml': deployment('b'), 'c.yaml': configMap('c'),
  } },
  { name: 'patch target that matches nothing is not an error', files: {
    'kustomization.yaml': k('resources:\n- c.yaml\npatches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: add\n      path: /x\n      value: 1\n'), 'c.yaml': configMap('c'),
  } },
  { name: 'error: strategic merge patch whose target is missing', files: {
    'kustomization.yaml': k('resources:\n- c.yaml\npatches:\n- path: p.yaml\n'), 'c.yaml': configMap('c'),
    'p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nope\ndata:\n  a: b\n',
  }, error: /kustomization\.yaml: patches\[0\]: no resource matches the patch for v1\.ConfigMap\/nope/ },
  { name: 'json6902: replace of a missing key adds it', files: {
    'kustomization.yaml': k('resources:\n- c.yaml\npatches:\n- target:\n    kind: ConfigMap\n  patch: |-\n    - op: replace\n      path: /data/missing\n      value: x\n'), 'c.yaml': configMap('c'),
  } },
  { name: 'error: json6902 remove of a path that does not exist', files: {
    'kustomization.yaml': k('resources:\n- c.yaml\npatches:\n- target:\n    kind: ConfigMap\n  patch: |-\n    - op: remove\n      path: /data/missing\n'), 'c.yaml': configMap('c'),
  }, error: /patches\[0\]: remove operation on "\/data\/missing" does not apply/ },
  { name: 'error: yaml 1.1 boolean in a kustomization string map', files: {
    'kustomization.yaml': k('commonLabels:\n  enabled: y\n'),
  }, error: /commonLabels: value of "enabled" must be a string/ },

  // --- name references
  { name: 'nameReference: configmaps and secrets in every workload kind', files: {
    'kustomization.yaml': k('configMapGenerator:\n- name: db-env\n  literals: [host=db]\nsecretGenerator:\n- name: db-secret\n  literals: [password=x]\nresources:\n- w.yaml\n'),
    'w.yaml': workloads,
  } },
  { name: 'nameReference: service account and roles after a prefix and namespace', files: {
    'kustomization.yaml': k('namePrefix: t-\nnamespace: apps\nresources:\n- rbac.yaml\n- pod.yaml\n'),
    'rbac.yaml': rbac,
    'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: runner\n  containers:\n  - name: c\n    image: nginx\n',
  } },
  { name: 'nameReference: hpa, ingress and statefulset service', files: {
    'kustomization.yaml': k('nameSuffix: -v2\nresources:\n- d.yaml\n- s.yaml\n- hpa.yaml\n- ing.yaml\n'),
    'd.yaml': deployment(), 's.yaml': service(),
    'hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 1\n  maxReplicas: 3\n',
    'ing.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - host: example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n',
  } },

  // --- components
  { name: 'components: patch and generate over the parent', files: {
    ...base,
    'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nconfigMapGenerator:\n- name: app-config\n  literals: [feature=on]\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      replicas: 7\n',
    'overlay/kustomization.yaml': k('resources:\n- ../base\ncomponents:\n- ../comp\n'),
  }, dir: 'overlay' },

  // --- local config
  { name: 'local-config objects are dropped', files: {
    'kustomization.yaml': k('resources:\n- a.yaml\n'),
    'a.yaml': `${configMap('keep')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: drop\n  annotations:\n    config.kubernetes.io/local-config: "true"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n  annotations:\n    config.kubernetes.io/local-config: "false"\n`,
  } },

  // --- realistic overlay tree
  { name: 'overlays: staging and production from one base', files: {
    'apps/base/kustomization.yaml': k('resources:\n- deployment.yaml\n- service.yaml\nconfigMapGenerator:\n- name: app-config\n  literals: [LOG=info]\ncommonLabels:\n  app.kubernetes.io/name: web\n'),
    'apps/base/deployment.yaml': deployment(), 'apps/base/service.yaml': service(),
    'apps/production/kustomization.yaml': k(`namespace: production
namePrefix: prod-
resources:
- ../base
- ns.yaml
images:
- name: nginx
  newTag: 1.27.1
replicas:
- name: web
  count: 4
configMapGenerator:
- name: app-config
  behavior: merge
  literals: [LOG=warn]
secretGenerator:
- name: creds
  envs: [creds.env]
patches:
- path: resources.yaml
- target:
    kind: Service
  patch: |-
    - op: add
      path: /spec/type
      value: LoadBalancer
commonAnnotations:
  owner: platform
`),
    'apps/production/ns.yaml': namespace('production'),
    'apps/production/creds.env': 'USER=app\nPASS=secret\n',
    'apps/production/resources.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        resources:\n          limits:\n            memory: 512Mi\n        envFrom:\n        - secretRef:\n            name: creds\n',
    'apps/staging/kustomization.yaml': k('namespace: staging\nnameSuffix: -stg\nresources:\n- ../base\nlabels:\n- pairs:\n    env: staging\n  includeTemplates: true\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      template:\n        spec:\n          containers:\n          - name: app\n            env:\n            - name: MODE\n              value: staging\n'),
    'kustomization.yaml': k('resources:\n- apps/staging\n- apps/production\n'),
  } },
];

/** The podinfo kustomize directory shipped in ../shared/testdata, built in place. */
export const podinfoDir = 'testdata/podinfo/kustomize';
