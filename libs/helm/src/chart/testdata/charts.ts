// Generated charts for the differential suite: each is a file tree (paths under the chart directory;
// `charts/x.tgz` entries are packed from a `charts/x/` tree by the test) plus `helm template` flags.

export interface ChartCase {
  name: string;
  files: Record<string, string>;
  /** Subchart trees to pack as charts/<name>-<version>.tgz. */
  packed?: Record<string, Record<string, string>>;
  valueFiles?: string[];
  set?: string[];
  setString?: string[];
  flags?: string[];
  /** Load the root chart from a .tgz instead of the directory. */
  asArchive?: boolean;
}

const cm = (name: string, body: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${body}`;

export const chartCases: ChartCase[] = [
  {
    name: 'built-in objects: .Release, .Chart, .Template, .Capabilities',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.2.3\nappVersion: "4.5"\ndescription: a test\nkeywords: [a, b]\nannotations:\n  x: y\n',
      'values.yaml': 'a: 1\n',
      'templates/cm.yaml': cm(
        '{{ .Release.Name }}',
        '  ns: {{ .Release.Namespace }}\n  install: "{{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }} {{ .Release.Service }}"\n  chart: "{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.Description }} {{ .Chart.APIVersion }} {{ .Chart.Keywords }} {{ .Chart.Annotations }} {{ .Chart.IsRoot }} {{ .Chart.Type }}"\n  tpl: "{{ .Template.Name }} {{ .Template.BasePath }}"\n  kube: "{{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "foo/v9" }}"\n',
      ),
    },
  },
  {
    name: '--kube-version and --api-versions',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\nkubeVersion: ">=1.25.0-0"\n',
      'templates/cm.yaml': cm('c', '  kube: "{{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.GitVersion }} {{ .Capabilities.APIVersions.Has "foo.io/v1" }}"\n'),
    },
    flags: ['--kube-version', '1.29', '--api-versions', 'foo.io/v1'],
  },
  {
    name: 'subchart scoping and globals',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n',
      'values.yaml': 'global:\n  region: eu\n  deep:\n    a: parent\nsub:\n  color: red\n  nested:\n    keep: parent\nown: mine\n',
      'templates/cm.yaml': cm('parent', '  sub: {{ .Values.sub | toJson | quote }}\n  own: {{ .Values.own }}\n  global: {{ .Values.global | toJson | quote }}\n'),
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'charts/sub/values.yaml': 'color: blue\nsize: 3\nnested:\n  keep: sub\n  other: sub\nglobal:\n  region: us\n  deep:\n    b: sub\n  subonly: yes\n',
      'charts/sub/templates/cm.yaml': cm('sub', '  all: {{ .Values | toJson | quote }}\n  tpl: {{ .Template.Name }}\n  chart: {{ .Chart.Name }} {{ .Chart.IsRoot }}\n'),
    },
  },
  {
    name: 'null deletes a chart default; user maps merge; lists replace',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'values.yaml': 'a:\n  b: 1\n  c: 2\nlist: [1, 2, 3]\ngone: here\nsub:\n  x: 1\n',
      'templates/cm.yaml': cm('c', '  v: {{ .Values | toJson | quote }}\n'),
    },
    valueFiles: ['a:\n  c: null\n  d: 4\nlist: [9]\ngone: null\nsub: null\n'],
  },
  {
    name: 'condition and tags enable and disable subcharts',
    files: {
      'Chart.yaml':
        'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: one\n  version: 0.1.0\n  condition: one.enabled\n- name: two\n  version: 0.1.0\n  tags: [back]\n- name: three\n  version: 0.1.0\n  tags: [front, back]\n- name: four\n  version: 0.1.0\n  condition: four.on,global.four\n  tags: [back]\n',
      'values.yaml': 'one:\n  enabled: false\ntags:\n  back: false\n  front: true\nfour:\n  on: true\n',
      'templates/cm.yaml': cm('app', '  keys: "{{ range $k, $v := .Values }}{{ $k }},{{ end }}"\n'),
      'charts/one/Chart.yaml': 'apiVersion: v2\nname: one\nversion: 0.1.0\n',
      'charts/one/templates/cm.yaml': cm('one', '  x: "1"\n'),
      'charts/two/Chart.yaml': 'apiVersion: v2\nname: two\nversion: 0.1.0\n',
      'charts/two/templates/cm.yaml': cm('two', '  x: "2"\n'),
      'charts/three/Chart.yaml': 'apiVersion: v2\nname: three\nversion: 0.1.0\n',
      'charts/three/templates/cm.yaml': cm('three', '  x: "3"\n'),
      'charts/four/Chart.yaml': 'apiVersion: v2\nname: four\nversion: 0.1.0\n',
      'charts/four/templates/cm.yaml': cm('four', '  x: "4"\n'),
    },
    set: ['tags.back=true', 'one.enabled=true'],
  },
  {
    name: 'alias renders one subchart twice',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: db\n  version: ~1.0.0\n  alias: primary\n- name: db\n  version: ~1.0.0\n  alias: replica\n',
      'values.yaml': 'primary:\n  role: main\nreplica:\n  role: copy\n',
      'templates/cm.yaml': cm('app', '  ok: "yes"\n'),
      'charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.4\n',
      'charts/db/values.yaml': 'role: none\nport: 5432\n',
      'charts/db/templates/cm.yaml': cm('{{ .Chart.Name }}', '  role: {{ .Values.role }}\n  port: "{{ .Values.port }}"\n  tpl: {{ .Template.Name }}\n'),
    },
  },
  {
    name: 'import-values in both forms',
    files: {
      'Chart.yaml':
        'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: lib\n  version: 0.1.0\n  import-values:\n  - data\n  - child: settings\n    parent: imported.settings\n',
      'values.yaml': 'fromExport: parent-wins\n',
      'templates/cm.yaml': cm('app', '  v: {{ .Values | toJson | quote }}\n'),
      'charts/lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 0.1.0\n',
      'charts/lib/values.yaml': 'exports:\n  data:\n    fromExport: child\n    another: child\nsettings:\n  level: 3\n',
    },
  },
  {
    name: '--set types, lists, escapes and -f merge order',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'values.yaml': 'base: 1\nm:\n  keep: true\n',
      'templates/cm.yaml': cm(
        'c',
        '  v: {{ .Values | toJson | quote }}\n  types: "{{ printf "%T %T %T %T %T" .Values.i .Values.f .Values.b .Values.z .Values.lead }}"\n',
      ),
    },
    valueFiles: ['base: 2\nm:\n  a: 1\nfromFile: first\n', 'm:\n  a: 2\n  b: 3\nfromFile: second\n'],
    set: ['i=42,f=1.5,b=true,n=null,z=0,lead=007', 'list[0]=a,list[2]=c', 'esc=a\\,b,dot\\.key=v', 'arr={x,y,3}', 'nested[1].name=n1', 'm.a=9'],
    setString: ['s=12'],
  },
  {
    name: 'typed built-ins: .Files as a map, .Capabilities.APIVersions as a list, typed .Chart lists, .Values methods',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\nkeywords: [k1, k2]\nsources: [https://s]\ndependencies:\n- name: sub\n  version: 0.1.0\n  tags: [t]\n',
      'values.yaml': 'a:\n  b: 1\nsub:\n  x: 1\n',
      'files/one.txt': 'one\n',
      'files/two.txt': 'two\n',
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'charts/sub/templates/cm.yaml': cm('sub', '  t: {{ list (typeOf .Values) .Values.YAML (typeOf .Values.AsMap) | toJson | quote }}\n'),
      'templates/cm.yaml': cm(
        'typed',
        '  files: "{{ range $k, $v := .Files }}{{ $k }}={{ typeOf $v }} {{ end }}{{ len .Files }} {{ typeOf .Files }} {{ typeOf (.Files.Glob "files/*") }}"\n  glob: "{{ range $k, $v := .Files.Glob "files/t*" }}{{ $k }}:{{ $v | toString | trim }}{{ end }} {{ .Files.Glob "files/o*" }}"\n  lines: "{{ typeOf (.Files.Lines "files/one.txt") }} {{ typeOf (.Files.GetBytes "files/one.txt") }}"\n  apis: "{{ typeOf .Capabilities.APIVersions }} {{ len .Capabilities.APIVersions }} {{ index .Capabilities.APIVersions 0 }} {{ range .Capabilities.APIVersions }}{{ if hasPrefix "apps/" . }}{{ . }};{{ end }}{{ end }} {{ has "apps/v1" .Capabilities.APIVersions }}"\n  helm: "{{ .Capabilities.HelmVersion }} {{ .Capabilities.HelmVersion.Version }}"\n  kube: {{ list .Capabilities.KubeVersion (printf "%v %+v" .Capabilities.KubeVersion .Capabilities.KubeVersion) | toString | quote }}\n  kubeText: "{{ .Capabilities.KubeVersion }} {{ $k := .Capabilities.KubeVersion }}{{ $k }} {{ $k | toString }}"\n  chart: "{{ typeOf .Chart.Keywords }} {{ .Chart.Keywords }} {{ typeOf .Chart.Sources }} {{ typeOf .Chart.Maintainers }} {{ typeOf .Chart.Dependencies }} {{ typeOf (index .Chart.Dependencies 0).Tags }}"\n  values: "{{ typeOf .Values }} {{ typeOf .Values.sub }} {{ (.Values.Table "a").YAML | trim }} {{ .Values.PathValue "a.b" }}"\n  subcharts: "{{ typeOf .Subcharts.sub.Values }} {{ .Subcharts.sub.Values.x }}"\n',
      ),
    },
  },
  {
    name: '.Files helpers',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'config/a.conf': 'alpha=1\nbeta=2\n',
      'config/b.conf': 'gamma=3\n',
      'config/sub/c.txt': 'deep\n',
      'templates/cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: files
data:
  get: {{ .Files.Get "config/a.conf" | quote }}
  missing: {{ .Files.Get "nope" | quote }}
  lines: "{{ range .Files.Lines "config/a.conf" }}[{{ . }}]{{ end }}"
  bytes: "{{ .Files.GetBytes "config/b.conf" }}"
{{ (.Files.Glob "config/*.conf").AsConfig | indent 2 }}
---
apiVersion: v1
kind: Secret
metadata:
  name: files
data:
{{ (.Files.Glob "config/**").AsSecrets | indent 2 }}
`,
    },
  },
  {
    name: 'hooks: events, weights, unknown hooks dropped, tests, kind order',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'templates/a-deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n',
      'templates/b-misc.yaml': 'apiVersion: x.io/v1\nkind: Zeta\nmetadata:\n  name: z\n---\napiVersion: x.io/v1\nkind: Alpha\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n',
      'templates/hooks.yaml':
        'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pre\n  annotations:\n    "helm.sh/hook": pre-install, Pre-Upgrade\n    "helm.sh/hook-weight": "5"\n    "helm.sh/hook-delete-policy": before-hook-creation\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hookcm\n  annotations:\n    "helm.sh/hook": post-install\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: unknown\n  annotations:\n    "helm.sh/hook": not-an-event\n',
      'templates/tests/t.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n',
      'templates/empty.yaml': '{{- if false }}x{{ end }}\n',
    },
  },
  {
    name: 'hooks with --skip-tests',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'templates/cm.yaml': cm('c', '  a: b\n'),
      'templates/tests/t.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test-success\n',
    },
    flags: ['--skip-tests'],
  },
  {
    name: 'NOTES.txt is not printed; crds/ with --include-crds',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n',
      'templates/NOTES.txt': 'Thanks for installing {{ .Release.Name }}\n',
      'templates/cm.yaml': cm('c', '  a: b\n'),
      'crds/crd.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: foos.x.io\n',
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'charts/sub/crds/sub.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: bars.x.io\n',
      'charts/sub/templates/NOTES.txt': 'sub notes\n',
    },
    flags: ['--include-crds'],
  },
  {
    name: 'a packed .tgz subchart and a library chart',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: packed\n  version: 0.2.0\n- name: common\n  version: 1.0.0\n',
      'values.yaml': 'packed:\n  greeting: hi\n',
      'templates/cm.yaml': cm('{{ include "common.name" . }}', '  a: b\n'),
      'charts/common/Chart.yaml': 'apiVersion: v2\nname: common\nversion: 1.0.0\ntype: library\n',
      'charts/common/templates/_names.tpl': '{{- define "common.name" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n',
      'charts/common/templates/ignored.yaml': cm('never', '  a: b\n'),
    },
    packed: {
      'packed-0.2.0': {
        'Chart.yaml': 'apiVersion: v2\nname: packed\nversion: 0.2.0\n',
        'values.yaml': 'greeting: hello\n',
        'templates/cm.yaml': cm('packed', '  greeting: {{ .Values.greeting }}\n  tpl: {{ .Template.Name }}\n'),
      },
    },
  },
  {
    name: 'a v1 chart with requirements.yaml, loaded from a .tgz, with .helmignore',
    asArchive: true,
    files: {
      'Chart.yaml': 'name: old\nversion: 0.1.0\n',
      'requirements.yaml': 'dependencies:\n- name: dep\n  version: 0.1.0\n  condition: dep.enabled\n',
      'values.yaml': 'dep:\n  enabled: true\n',
      '.helmignore': 'secret.txt\n',
      'secret.txt': 'hidden\n',
      'other.txt': 'shown\n',
      'templates/cm.yaml': cm('old', '  api: {{ .Chart.APIVersion }}\n  files: "{{ .Files.Get "secret.txt" | trim }}|{{ .Files.Get "other.txt" | trim }}|{{ .Files.Get "requirements.yaml" | len }}"\n'),
      'charts/dep/Chart.yaml': 'name: dep\nversion: 0.1.0\n',
      'charts/dep/templates/cm.yaml': cm('dep', '  a: b\n'),
    },
  },
  {
    name: 'a helmignore skips files and templates/.hidden is always skipped',
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      '.helmignore': '# comment\n*.bak\nignored/\n',
      'keep.txt': 'k\n',
      'x.bak': 'b\n',
      'ignored/a.txt': 'i\n',
      'templates/.hidden.yaml': cm('hidden', '  a: b\n'),
      'templates/cm.yaml': cm('c', '  files: "{{ .Files.Get "keep.txt" | trim }}|{{ .Files.Get "x.bak" | trim }}|{{ .Files.Get "ignored/a.txt" | trim }}|{{ .Files.Get ".helmignore" | len }}"\n'),
    },
  },
];
