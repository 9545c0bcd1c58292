// Differential cases: each template is rendered by the real `helm template` (in a throwaway chart with
// defaultValues as values.yaml unless the case gives its own) and by @conflux/helm, and the outputs must be
// identical, error messages included. Adding a case is adding one entry.

export interface TemplateCase {
  name: string;
  /** The text of templates/t.yaml. */
  template: string;
  /** values.yaml; defaultValues when absent. */
  values?: string;
  /** Other files under templates/ (e.g. _helpers.tpl). */
  extra?: Record<string, string>;
  /** The case is about an error: helm must fail (and so must we, with the same message). */
  error?: boolean;
}

export const defaultValues = `name: demo
replicas: 3
ratio: 1.5
big: 1000000
huge: 356136738
small: 0.00001
enabled: true
disabled: false
empty: ""
nothing: null
list: [a, b, c]
nums: [1, 2, 3]
emptyList: []
map: {b: 2, a: 1, c: 3}
emptyMap: {}
nested: {inner: {leaf: value}}
mixed: [1, "two", null, true]
text: "hello world"
multiline: "line1\\nline2\\n"
octal: 0755
hex: 0x1F
labels: {app: demo, tier: web}
`;

export const templateCases: TemplateCase[] = [
  // Text, values and Go's printing of each value kind.
  { name: 'plain text', template: 'plain text\nwith lines' },
  { name: 'a string value', template: '{{ .Values.name }}' },
  { name: 'a missing key prints nothing', template: '[{{ .Values.missing }}]' },
  { name: 'a null value prints nothing', template: '[{{ .Values.nothing }}]' },
  { name: 'YAML integers are float64 and print without a point', template: '{{ .Values.replicas }}' },
  { name: 'a float', template: '{{ .Values.ratio }}' },
  { name: '1000000 prints as 1e+06', template: '{{ .Values.big }}' },
  { name: 'large floats use an exponent', template: '{{ .Values.huge }}' },
  { name: 'small floats use an exponent', template: '{{ .Values.small }}' },
  { name: 'octal and hex values', template: '{{ .Values.octal }} {{ .Values.hex }}' },
  { name: 'booleans', template: '{{ .Values.enabled }} {{ .Values.disabled }}' },
  { name: 'lists print like Go slices', template: '{{ .Values.list }} {{ .Values.nums }}' },
  { name: 'maps print with sorted keys', template: '{{ .Values.map }}' },
  { name: 'nested maps', template: '{{ .Values.nested }}' },
  { name: 'nil inside a list', template: '{{ .Values.mixed }}' },
  { name: 'empty collections', template: '{{ .Values.emptyList }} {{ .Values.emptyMap }}' },
  { name: 'release name', template: '{{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Service }}' },
  { name: 'template name and base path', template: '{{ .Template.Name }} {{ .Template.BasePath }}' },

  // Whitespace trimming and comments.
  { name: 'trim both sides', template: 'a  {{- .Values.name -}}  b' },
  { name: 'left trim eats newlines', template: 'a\n\n{{- .Values.name }}\n\nb' },
  { name: 'right trim eats newlines and spaces', template: '{{ .Values.name -}}\n\n  x' },
  { name: 'a comment', template: 'a{{/* comment */}}b' },
  { name: 'a trimmed comment', template: 'a \n {{- /* c */ -}} \n b' },
  { name: 'a negative number is not a trim marker', template: '{{-3}}' },
  { name: 'an action spanning lines', template: '{{\n  .Values.name\n}}' },

  // if / with / range.
  { name: 'if and else', template: '{{ if .Values.enabled }}on{{ else }}off{{ end }}' },
  { name: 'else if chain', template: '{{ if .Values.disabled }}1{{ else if .Values.empty }}2{{ else if .Values.list }}3{{ else }}4{{ end }}' },
  {
    name: 'truth of empty values',
    template:
      '{{ if .Values.emptyList }}y{{ else }}n{{ end }}{{ if .Values.emptyMap }}y{{ else }}n{{ end }}{{ if 0 }}y{{ else }}n{{ end }}{{ if 0.0 }}y{{ else }}n{{ end }}{{ if "" }}y{{ else }}n{{ end }}{{ if .Values.missing }}y{{ else }}n{{ end }}{{ if .Values.map }}y{{ end }}',
  },
  { name: 'with rebinds dot', template: '{{ with .Values.nested.inner }}{{ .leaf }}{{ end }}' },
  { name: 'with else', template: '{{ with .Values.missing }}x{{ else }}none{{ end }}' },
  { name: 'else with', template: '{{ with .Values.missing }}a{{ else with .Values.name }}{{ . }}{{ end }}' },
  { name: 'with keeps $', template: '{{ with .Values.nested }}{{ $.Values.name }}/{{ .inner.leaf }}{{ end }}' },
  { name: 'range over a list', template: '{{ range .Values.list }}[{{ . }}]{{ end }}' },
  { name: 'range with index and value', template: '{{ range $i, $v := .Values.list }}{{ $i }}={{ $v }} {{ end }}' },
  { name: 'range over a map goes in key order', template: '{{ range $k, $v := .Values.map }}{{ $k }}:{{ $v }} {{ end }}' },
  { name: 'range with one variable', template: '{{ range $v := .Values.list }}{{ $v }}{{ end }}' },
  { name: 'range else on empty', template: '{{ range .Values.emptyList }}x{{ else }}empty{{ end }}' },
  { name: 'range over an int', template: '{{ range 3 }}{{ . }}{{ end }}' },
  { name: 'range over nothing', template: '[{{ range .Values.missing }}x{{ end }}]' },
  { name: 'range over a YAML number fails', template: '{{ range .Values.replicas }}{{ . }}{{ end }}', error: true },
  { name: 'range over a string fails', template: '{{ range .Values.name }}{{ end }}', error: true },
  { name: 'range continue', template: '{{ range .Values.nums }}{{ if eq . 2.0 }}{{ continue }}{{ end }}{{ . }}{{ end }}' },
  { name: 'range break', template: '{{ range .Values.list }}{{ if eq . "b" }}{{ break }}{{ end }}{{ . }}{{ end }}' },
  { name: 'nested ranges and $', template: '{{ range $i, $a := .Values.list }}{{ range $j, $b := $.Values.nums }}{{ $i }}{{ $j }} {{ end }}{{ end }}' },
  { name: 'a YAML list, trimmed', template: 'items:\n{{- range .Values.list }}\n- {{ . }}\n{{- end }}\n' },
  { name: 'break outside range fails to parse', template: '{{ break }}', error: true },

  // Variables.
  { name: 'declare and assign', template: '{{ $x := .Values.name }}{{ $x }}{{ $x = "other" }} {{ $x }}' },
  { name: 'assignment inside if reaches out; declarations do not', template: '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}' },
  { name: 'a variable out of scope', template: '{{ if true }}{{ $y := 3 }}{{ end }}{{ $y }}', error: true },
  { name: '$ in range', template: '{{ range .Values.list }}{{ $.Values.name }}{{ end }}' },
  { name: 'a field of a missing variable value', template: '{{ $x := .Values.missing }}[{{ $x.child }}]' },

  // define / template / block / include / tpl.
  { name: 'define and template', template: '{{ define "x" }}[{{ . }}]{{ end }}{{ template "x" .Values.name }}' },
  { name: 'template without data', template: '{{ define "y" }}<{{ . }}>{{ end }}{{ template "y" }}' },
  { name: 'block', template: '{{ block "b" .Values.name }}default {{ . }}{{ end }}' },
  { name: 'an undefined template', template: '{{ template "nope" }}', error: true },
  { name: 'include and pipe', template: '{{ define "h" }}{{ .name | upper }}{{ end }}{{ include "h" .Values | lower }}' },
  { name: 'include with nindent', template: '{{ define "lbl" }}a: 1\nb: 2{{ end }}x:{{ include "lbl" . | nindent 2 }}' },
  {
    name: 'defines from a helpers file',
    template: 'labels:\n  {{- include "t.labels" . | nindent 2 }}',
    extra: { '_helpers.tpl': '{{- define "t.labels" -}}\napp: {{ .Values.name }}\nrelease: {{ .Release.Name }}\n{{- end }}\n' },
  },
  { name: 'tpl renders a string', template: '{{ tpl "{{ .Values.name }}-x" . }}' },
  { name: 'a define twice in one file', template: '{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}', error: true },

  // printf and print.
  { name: 'printf integer verbs', template: '{{ printf "%d|%5d|%-5d|%05d|%x|%X|%o|%b|%c|%q|%U" 42 42 42 42 255 255 8 5 65 65 65 }}' },
  { name: 'printf float verbs', template: '{{ printf "%f|%.2f|%8.3f|%e|%g|%G|%.3g" 3.14159 3.14159 3.14159 1234.5678 0.000012345 1e21 1234.5678 }}' },
  { name: 'printf string verbs', template: '{{ printf "%s|%q|%v|%10s|%-10s|%.2s|%x" "go" "go" "go" "go" "go" "golang" "hi" }}' },
  { name: 'printf %v of collections and nil', template: '{{ printf "%v %v %v" .Values.list .Values.map .Values.nothing }}' },
  { name: 'printf %d of a YAML number', template: '{{ printf "%d" .Values.replicas }}' },
  { name: 'printf %s of a missing value', template: '{{ printf "%s" .Values.missing }}' },
  { name: 'printf missing and extra operands', template: '{{ printf "%s %s" "a" }}|{{ printf "%s" "a" "b" }}' },
  { name: 'printf %T', template: '{{ printf "%T %T %T %T %T %T %T" 1 1.5 "s" true .Values.list .Values.map .Values.ratio }}' },
  { name: 'printf %% and %t', template: '{{ printf "100%% %v %t" true false }}' },
  { name: 'printf %t of an int', template: '{{ printf "%t" 1 }}' },
  { name: 'printf flags', template: '{{ printf "%08.3f|%+d|% d|%+.1e|%#x|%#o" -3.14159 5 5 12345.678 255 8 }}' },
  { name: 'printf hex of strings', template: '{{ printf "%x %X % x" "hello" "hi" "hi" }}' },
  { name: 'printf quoting', template: '{{ printf "%q %+q" "é\\n\\t" "é" }}' },
  { name: 'printf %#v', template: '{{ printf "%#v" .Values.list }}' },
  { name: 'printf star width', template: '{{ printf "%*d|%-*d|" 5 42 4 7 }}' },
  { name: 'printf percent after a float', template: '{{ printf "%5.1f%%" 99.44 }}' },
  { name: 'print spacing', template: '{{ print 1 2 "a" "b" 3 .Values.ratio }}' },
  { name: 'println', template: '{{ println "a" 1 }}' },
  { name: 'a float literal prints like Go', template: '{{ 1e6 }} {{ 1.0 }} {{ 3.0e0 }} {{ 0.1 }} {{ 123456.7 }}' },

  // Comparisons.
  { name: 'eq of a YAML number and an int literal fails', template: '{{ if eq .Values.replicas 3 }}yes{{ end }}', error: true },
  { name: 'eq of floats', template: '{{ eq .Values.replicas 3.0 }}' },
  { name: 'eq with several candidates', template: '{{ eq .Values.name "x" "demo" }}' },
  { name: 'eq with a missing value', template: '{{ eq .Values.missing "x" }}' },
  { name: 'ne lt le gt ge', template: '{{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2.5 }}' },
  { name: 'lt of bools fails', template: '{{ lt true false }}', error: true },
  { name: 'lt of int and float fails', template: '{{ lt 1 1.5 }}', error: true },
  { name: 'eq of maps fails', template: '{{ eq .Values.map .Values.map }}', error: true },
  { name: 'eq of a map and a string fails', template: '{{ eq .Values.map "x" }}', error: true },

  // and / or / not / len / index.
  { name: 'and or return operands', template: '{{ and 1 0 "x" }} {{ or 0 "" "y" }} {{ and 1 2 }} {{ or 0 "" }}' },
  { name: 'and short-circuits', template: '[{{ and .Values.missing .Values.missing.child }}]' },
  { name: 'or short-circuits', template: '{{ or .Values.name .Values.missing.child }}' },
  { name: 'not', template: '{{ not .Values.enabled }} {{ not .Values.emptyList }}' },
  { name: 'len', template: '{{ len .Values.list }} {{ len .Values.map }} {{ len "héllo" }} {{ .Values.list | len }}' },
  { name: 'len of a number fails', template: '{{ len .Values.replicas }}', error: true },
  { name: 'index', template: '{{ index .Values.list 1 }} {{ index .Values.map "b" }} {{ index .Values.nested "inner" "leaf" }}' },
  { name: 'index of a missing key', template: '[{{ index .Values.map "zz" }}]' },
  { name: 'index out of range', template: '{{ index .Values.list 5 }}', error: true },
  { name: 'index with a float fails', template: '{{ index .Values.list .Values.ratio }}', error: true },
  { name: 'index of a string gives a byte', template: '{{ index "abc" 1 }}' },

  // Escaping.
  { name: 'html js urlquery', template: `{{ html "<a href='x'>&</a>" }} {{ js "it's \\"q\\" <x>" }} {{ urlquery "a b/c?d=e" }}` },

  // Literals and pipelines.
  { name: 'number literals', template: "{{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }} {{ 1e3 }} {{ 1.50 }} {{ 'a' }} {{ -3 }} {{ +4 }}" },
  { name: 'complex literals', template: '{{ 1i }} {{ 2+3i }}' },
  { name: 'raw strings', template: '{{ `raw \\n string` }}' },
  { name: 'string escapes', template: '{{ "tab\\there \\u00e9 \\x41" }}' },
  { name: 'a parenthesized pipeline', template: '{{ (printf "%s-%s" "a" "b") | upper }}' },
  { name: 'the pipeline value is the last argument', template: '{{ .Values.name | printf "%s!" }}' },
  { name: 'fields of a parenthesized value', template: '{{ (.Values.nested).inner.leaf }}' },

  // Errors with positions.
  { name: 'nil is not a command', template: '{{ nil }}', error: true },
  { name: 'an undefined function', template: '{{ nofunc }}', error: true },
  { name: 'an unclosed action', template: '{{ .Values.name ', error: true },
  { name: 'an unexpected end', template: '{{ end }}', error: true },
  { name: 'a non-executable pipeline stage', template: '{{ "a" | "b" }}', error: true },
  { name: 'a field of a string', template: '{{ .Values.name.foo }}', error: true },
  { name: 'a field of a missing value', template: '{{ .Values.missing.child }}', error: true },
  { name: 'an error on line three', template: 'a\nb\n  {{ .Values.missing.x }}', error: true },
  { name: 'a missing value for a string parameter', template: '{{ upper .Values.missing }}', error: true },
  { name: 'a missing value piped to a string parameter', template: '{{ .Values.missing | upper }}', error: true },
  { name: 'a float for a string parameter', template: '{{ upper .Values.ratio }}', error: true },
  { name: 'too many arguments', template: '{{ upper "a" "b" }}', error: true },
  { name: 'an int literal for a string parameter', template: '{{ upper 1 }}', error: true },
  { name: 'an unterminated string', template: '{{ "abc }}', error: true },
  { name: 'a bad number', template: '{{ 3k }}', error: true },

  // Helm and Sprig essentials.
  {
    name: 'quote default empty',
    template:
      '{{ quote .Values.name }} {{ quote .Values.missing }} {{ default "d" .Values.missing }} {{ default "d" .Values.name }} {{ default "d" .Values.emptyList }} {{ empty 0.0 }} {{ quote 1.5 "a\\"b" }}',
  },
  { name: 'indent and nindent', template: 'x:{{ "a\\nb" | indent 4 }}|{{ "c" | nindent 2 }}' },
  { name: 'list and dict', template: '{{ list 1 "a" 2.5 }} {{ dict "b" 1 "a" "x" }} {{ dict "odd" }}' },
  { name: 'toJson of values', template: '{{ toJson .Values }}' },
  { name: 'toJson escapes HTML', template: '{{ toJson (dict "h" "<&>" "f" 1.5 "i" 1 "l" (list 1e21 0.0000001)) }}' },
  { name: 'toYaml of values', template: '{{ toYaml .Values }}' },
  { name: 'toYaml nested and indented', template: 'spec:\n  {{- toYaml .Values.nested | nindent 2 }}\nlabels: {{- toYaml .Values.labels | nindent 2 }}' },
  {
    name: 'toYaml quoting of strings',
    template:
      '{{ toYaml (list "true" "yes" "1" "1.5" "0755" "~" "" "a: b" "- x" "#c" "x #y" "2021-01-01" "1:20" "plain" "@at" "it\'s" " lead" "trail " "tab\\there") }}',
  },
  { name: 'toYaml folds long strings', template: '{{ toYaml (dict "k" "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua") }}' },
  { name: 'toYaml of multi-line strings', template: '{{ toYaml (dict "a" "x\\ny" "b" "x\\ny\\n" "c" .Values.multiline) }}' },
  { name: 'toYaml key order', template: '{{ toYaml (dict "a10" 1 "a9" 2 "b" 3 "A" 4 "_x" 5 "1" 6) }}' },
  { name: 'required passes', template: '{{ required "name needed" .Values.name }}' },
  { name: 'required fails', template: '{{ required "name needed" .Values.missing }}', error: true },
  { name: 'fail', template: '{{ fail "stop here" }}', error: true },
  { name: 'trim upper lower', template: '{{ trim "  x  " }}|{{ upper "abc" }}|{{ lower "ABC" }}' },
  { name: 'toString of a float', template: '{{ toString .Values.big }} {{ toString 1 }}' },
  { name: 'a literal <no value> is erased too', template: 'a<no value>b' },
  {
    name: 'a realistic deployment',
    template: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-{{ .Values.name }}
  labels:
    {{- range $k, $v := .Values.labels }}
    {{ $k }}: {{ $v | quote }}
    {{- end }}
spec:
  replicas: {{ .Values.replicas }}
  {{- with .Values.nested }}
  inner: {{ .inner.leaf }}
  {{- end }}
  {{- if not .Values.disabled }}
  enabled: true
  {{- end }}
`,
  },
  // Edge cases of Go's rules.
  { name: 'eq of a missing variable', template: '{{ $x := .Values.missing }}{{ eq $x "a" }}' },
  { name: 'and of a missing variable', template: '{{ $x := .Values.missing }}[{{ and $x 1 }}][{{ or $x 1 }}]' },
  { name: 'not of a missing variable', template: '{{ $x := .Values.missing }}{{ not $x }}' },
  { name: 'len of a missing variable', template: '{{ $x := .Values.missing }}{{ len $x }}', error: true },
  { name: 'len of a missing value', template: '{{ len .Values.missing }}', error: true },
  { name: 'eq with nil', template: '{{ eq .Values.nothing nil }} {{ eq .Values.name nil }}' },
  { name: 'index at the length', template: '{{ index .Values.list 3 }}', error: true },
  { name: 'index of a missing value', template: '{{ index .Values.missing 1 }}', error: true },
  { name: 'index of a map with an int', template: '{{ index .Values.map 1 }}', error: true },
  { name: 'index of a number', template: '{{ index .Values.ratio 1 }}', error: true },
  { name: 'a leading zero that is not octal', template: '{{ 08 }}', error: true },
  { name: 'a float too large', template: '{{ 1e400 }}', error: true },
  { name: 'the largest int', template: '{{ 9223372036854775807 }} {{ -9223372036854775808 }}' },
  { name: 'an int overflow', template: '{{ 9223372036854775808 }}', error: true },
  { name: 'an integer overflow', template: '{{ 18446744073709551616 }}', error: true },
  { name: 'more number literals', template: '{{ 1_000.5 }} {{ 0x1p4 }} {{ .5 }} {{ 0x_1F }} {{ 1e-3 }}' },
  { name: 'a newline char constant', template: "{{ '\\n' }} {{ '\\x41' }} {{ '\\u00e9' }}" },
  { name: 'a bad escape', template: '{{ "\\z" }}', error: true },
  { name: 'range over an int with two variables', template: '{{ range $i, $e := 3 }}{{ end }}', error: true },
  { name: 'range over an int with one variable', template: '{{ range $i := 3 }}{{ $i }}{{ end }}' },
  { name: 'if with a declaration', template: '{{ if $x := .Values.name }}{{ $x }}{{ end }}' },
  { name: 'with with a declaration', template: '{{ with $x := .Values.nested }}{{ $x.inner.leaf }}{{ end }}' },
  { name: 'a define cannot see the caller\'s variables', template: '{{ $x := 1 }}{{ define "v" }}{{ $x }}{{ end }}', error: true },
  { name: 'a template defined after its use', template: '{{ template "later" "v" }}{{ define "later" }}<{{ . }}>{{ end }}' },
  { name: 'a block overridden by a helper', template: '{{ block "blk" . }}default{{ end }}', extra: { '_override.tpl': '{{ define "blk" }}overridden{{ end }}' } },
  { name: 'a field of a list', template: '{{ .Values.list.foo }}', error: true },
  { name: 'a field of an int variable', template: '{{ $x := 1 }}{{ $x.y }}', error: true },
  { name: 'print of nil', template: '{{ print nil }} {{ printf "%v" nil }}' },
  { name: 'html of a missing value', template: '{{ html .Values.missing }}|{{ html 1 "a" }}' },
  { name: 'printf %v with width and precision', template: '{{ printf "%6.2v|%.0f %.0f %.0f|%e|%g|%v|%.3e" 3.14159 0.5 1.5 2.5 0.0 100000.0 1e20 1.0005 }}' },
  { name: 'printf argument indexes', template: '{{ printf "%[2]s %[1]s %[3]d" "a" "b" }}' },
  { name: 'printf bad verbs', template: '{{ printf "%z %d %s %!" 1 "s" 1.5 }}' },
  { name: 'printf verbs inside collections', template: '{{ printf "%s|%d|%q" .Values.mixed .Values.nums .Values.list }}' },
  { name: 'printf bool width', template: '{{ printf "%5t|%-6v|" true false }}' },
  { name: 'printf chars', template: "{{ printf \"%c %q %U\" 0x1F600 'x' 0x1F600 }}" },
  { name: 'eq piped', template: '{{ "a" | eq "a" }}' },
  { name: 'and without arguments', template: '{{ and }}', error: true },
  { name: 'not with two arguments', template: '{{ not 1 2 }}', error: true },
  { name: 'len piped to printf', template: '{{ .Values.name | len | printf "%d chars" }}' },
  { name: 'an error inside if on line two', template: '{{ if true }}\n{{ .Values.missing.x }}\n{{ end }}', error: true },
  { name: 'an unclosed if', template: 'a\n{{ if true }}\nb', error: true },
  { name: 'an else without if', template: '{{ else }}', error: true },
  { name: 'include of an undefined template', template: '{{ include "nope" . }}', error: true },
  { name: 'tpl with a parse error', template: '{{ tpl "{{ nofunc }}" . }}', error: true },
  { name: 'tpl sees defines', template: '{{ define "d" }}D{{ end }}{{ tpl "{{ include \\"d\\" . }}{{ .Values.name }}" . }}' },
  { name: 'tpl with an execution error', template: '{{ tpl "{{ .a.b }}" .Values }}', error: true },
  { name: 'unicode upper and lower', template: '{{ upper "straße é" }} {{ lower "ÀÉ" }}' },
  { name: 'a field chain on a function result', template: '{{ (dict "a" (dict "b" "c")).a.b }}' },
  { name: 'a method-like call with arguments on a map', template: '{{ .Values.nested.inner 1 }}', error: true },
  { name: 'an argument to a non-function', template: '{{ .Values.name | .Values.name }}', error: true },
  { name: 'a literal given arguments', template: '{{ 1 2 }}', error: true },
  { name: 'dot in a list element', template: '{{ range .Values.mixed }}{{ printf "%T " . }}{{ end }}' },
  { name: 'a field of a nil list element', template: '{{ range .Values.mixed }}{{ .x }}{{ end }}', error: true },
  { name: 'default with a pipeline', template: '{{ .Values.missing | default "fallback" | quote }}' },
  { name: 'toYaml of scalars', template: '{{ toYaml "s" }}|{{ toYaml 1.5 }}|{{ toYaml .Values.big }}|{{ toYaml nil }}|{{ toYaml true }}|{{ toYaml (list) }}|{{ toYaml (dict) }}' },
  { name: 'toYaml of lists of lists', template: '{{ toYaml (list (list 1 2) (list) (dict "a" (list 1))) }}' },
  { name: 'toJson of scalars', template: '{{ toJson "s" }}|{{ toJson .Values.small }}|{{ toJson nil }}|{{ toJson 1 }}|{{ toJson (list) }}' },
];
