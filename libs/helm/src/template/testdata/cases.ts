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

// ---- Sprig v3.3.0 function set (src/funcs/*): one or more cases per function, edge cases and errors ----
templateCases.push(
  // strings
  { name: 'sprig hello', template: '{{ hello }}' },
  { name: 'sprig abbrev', template: '{{ abbrev 5 "hello world" }}|{{ abbrev 3 "hello" }}|{{ abbrev 20 "short" }}|{{ abbrev 4 "" }}' },
  { name: 'sprig abbrevboth', template: '{{ abbrevboth 5 10 "1234 5678 9123 4567" }}|{{ abbrevboth 1 6 "abcdefghijkl" }}|{{ abbrevboth 0 4 "abcdefghijkl" }}' },
  { name: 'sprig trunc positive and negative', template: '{{ trunc 5 "hello world" }}|{{ trunc -5 "hello world" }}|{{ trunc 50 "hi" }}|{{ trunc -50 "hi" }}|{{ trunc 0 "hi" }}' },
  { name: 'sprig trunc counts bytes', template: '{{ trunc 3 "héllo" }} {{ trunc 3 "héllo" | len }} {{ trunc -4 "héllo" }}' },
  { name: 'sprig title and untitle', template: '{{ title "hello wide-world o\'neil x_y 3am" }}|{{ untitle "Hello World FOO" }}' },
  { name: 'sprig substr', template: '{{ substr 0 5 "hello world" }}|{{ substr 6 -1 "hello world" }}|{{ substr 3 100 "hello" }}|{{ substr -1 2 "hello" }}' },
  { name: 'sprig substr out of range panics', template: '{{ substr -1 10 "abc" }}', error: true },
  { name: 'sprig substr start after end panics', template: '{{ substr 3 2 "abcdef" }}', error: true },
  { name: 'sprig repeat', template: '{{ repeat 3 "ab" }}|{{ "x" | repeat 0 }}' },
  { name: 'sprig repeat negative panics', template: '{{ repeat -1 "ab" }}', error: true },
  { name: 'sprig trimAll trimall trimPrefix trimSuffix', template: '{{ trimAll "$" "$$5.00$" }}|{{ trimall "ab" "abcba" }}|{{ trimPrefix "foo" "foobarfoo" }}|{{ trimSuffix "foo" "foobarfoo" }}|{{ trimPrefix "x" "abc" }}' },
  { name: 'sprig nospace', template: '{{ nospace "h e\tl\\nl o" }}|{{ nospace "abc" }}' },
  { name: 'sprig initials', template: '{{ initials "first middle last" }}|{{ initials "  a  b " }}|{{ initials "" }}' },
  { name: 'sprig swapcase', template: '{{ swapcase "Hello World abc DEF 12" }}' },
  { name: 'sprig snakecase', template: '{{ snakecase "FirstName" }}|{{ snakecase "HTTPServer" }}|{{ snakecase "already_snake" }}|{{ snakecase "with space-and-dash" }}|{{ snakecase "version2Name" }}|{{ snakecase "ID" }}' },
  { name: 'sprig kebabcase', template: '{{ kebabcase "FirstName" }}|{{ kebabcase "HTTPServerName" }}|{{ kebabcase "a_b c" }}|{{ kebabcase "v1Beta2" }}' },
  { name: 'sprig camelcase', template: '{{ camelcase "http_server" }}|{{ camelcase "foo-bar baz" }}|{{ camelcase "_leading" }}|{{ camelcase "ALLCAPS_word" }}|{{ camelcase "a" }}|{{ camelcase "__" }}' },
  { name: 'sprig wrap', template: '{{ wrap 10 "The quick brown fox jumps over the lazy dog" }}|{{ wrap 3 "abcdefgh ij" }}' },
  { name: 'sprig wrapWith', template: '{{ wrapWith 5 "\\t" "Hello World" }}|{{ wrapWith 3 "|" "abcdefgh" }}' },
  { name: 'sprig contains hasPrefix hasSuffix', template: '{{ contains "cat" "catch" }} {{ "catch" | contains "dog" }} {{ hasPrefix "ca" "catch" }} {{ hasSuffix "ch" "catch" }} {{ hasSuffix "x" "catch" }}' },
  { name: 'sprig quote and squote variadic with nil', template: '{{ quote "a" 1 nil .Values.ratio "q\\"" }}|{{ squote "a" nil 2 }}|{{ quote }}' },
  { name: 'sprig squote of a list', template: '{{ squote .Values.list }}' },
  { name: 'sprig cat', template: '{{ cat "hello" "beautiful" "world" }}|{{ cat "a" nil 3 .Values.list }}|{{ cat }}' },
  { name: 'sprig replace', template: '{{ "I Am Henry VIII" | replace " " "-" }}|{{ replace "" "-" "abc" }}|{{ replace "x" "y" "" }}' },
  { name: 'sprig plural', template: '{{ plural "one anchovy" "many anchovies" 1 }}|{{ plural "one" "many" 2 }}|{{ plural "one" "many" 0 }}' },
  { name: 'sprig plural with a float count fails', template: '{{ plural "one" "many" .Values.replicas }}', error: true },
  { name: 'sprig split returns a map', template: '{{ $a := split "$" "foo$bar$baz" }}{{ $a._0 }} {{ $a._2 }} {{ $a }}' },
  { name: 'sprig split with an empty separator', template: '{{ split "" "abc" }}' },
  { name: 'sprig splitn', template: '{{ splitn "$" 2 "foo$bar$baz" }}|{{ splitn "," 0 "a,b" }}|{{ splitn "," -1 "a,b,c" }}' },
  { name: 'sprig splitList', template: '{{ splitList "," "a,b,,c" }}|{{ splitList "," "" | len }}|{{ splitList "" "héy" }}' },
  { name: 'sprig toStrings', template: '{{ toStrings (list 1 "a" nil 2.5 true) }}|{{ toStrings "x" }}|{{ toStrings nil | len }}' },
  { name: 'sprig join', template: '{{ join "," .Values.list }}|{{ join "-" .Values.mixed }}|{{ join "," "single" }}|{{ join "," (list) }}|{{ join "+" .Values.nums }}' },
  { name: 'sprig sortAlpha', template: '{{ sortAlpha (list "b" "a" "C" 10 2) }}|{{ sortAlpha "x" }}|{{ sortAlpha .Values.map }}' },
  { name: 'sprig upper lower trim', template: '{{ upper "abc" }} {{ lower "ABC" }} [{{ trim "  x y \\n" }}]' },
  { name: 'sprig indent and nindent', template: '{{ indent 2 "a\\nb\\n" }}|{{ nindent 4 "x" }}|{{ indent 0 "y" }}' },
  { name: 'sprig indent negative panics', template: '{{ indent -2 "a" }}', error: true },
  { name: 'sprig indent with a float fails', template: '{{ indent .Values.replicas "a" }}', error: true },
  { name: 'sprig randAlphaNum and friends have the right shape', template: '{{ len (randAlphaNum 8) }} {{ regexMatch "^[a-zA-Z]{5}$" (randAlpha 5) }} {{ regexMatch "^[0-9]{4}$" (randNumeric 4) }} {{ len (randAscii 6) }} {{ randAlpha 0 }}|{{ len (shuffle "abcdef") }}' },
  { name: 'sprig toString of values', template: '{{ toString 1 }} {{ toString .Values.big }} {{ toString nil }} {{ toString .Values.list }} {{ toString true }}' },
  // regex
  { name: 'sprig regexMatch', template: '{{ regexMatch "^[a-z]+@[a-z]+\\\\.com$" "test@acme.com" }} {{ regexMatch "a.c" "a\\nc" }} {{ regexMatch "(?s)a.c" "a\\nc" }} {{ regexMatch "(" "x" }}' },
  { name: 'sprig regexMatch case-insensitive flag', template: '{{ regexMatch "(?i)^hello$" "HeLLo" }} {{ regexMatch "(?i:h)ello" "Hello" }}' },
  { name: 'sprig mustRegexMatch error', template: '{{ mustRegexMatch "a(b" "ab" }}', error: true },
  { name: 'sprig regexFindAll', template: '{{ regexFindAll "[2,4,6,8]" "123456789" -1 }}|{{ regexFindAll "[2,4,6,8]" "123456789" 2 }}|{{ regexFindAll "x" "abc" -1 }}|{{ regexFindAll "a*" "baaac" -1 }}|{{ regexFindAll "." "ab" 0 }}' },
  { name: 'sprig regexFind', template: '{{ regexFind "[a-zA-Z][1-9]" "abcd1234" }}|{{ regexFind "z" "abc" }}|{{ regexFind "\\\\d+" "ab 12 34" }}' },
  { name: 'sprig regexFind with a bad pattern panics', template: '{{ regexFind "[a" "abc" }}', error: true },
  { name: 'sprig mustRegexFind with a bad pattern', template: '{{ mustRegexFind "a)" "abc" }}', error: true },
  { name: 'sprig mustRegexFindAll repetition error', template: '{{ mustRegexFindAll "*a" "abc" -1 }}', error: true },
  { name: 'sprig regexReplaceAll expansions', template: '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}|{{ regexReplaceAll "(?P<first>\\\\w+) (?P<last>\\\\w+)" "John Smith" "$last, $first" }}|{{ regexReplaceAll "a" "aaa" "$$" }}' },
  { name: 'sprig regexReplaceAll empty matches', template: '{{ regexReplaceAll "x*" "abc" "-" }}|{{ regexReplaceAll "b*" "abbc" "X" }}' },
  { name: 'sprig regexReplaceAllLiteral', template: '{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}' },
  { name: 'sprig mustRegexReplaceAll error', template: '{{ mustRegexReplaceAll "(" "x" "y" }}', error: true },
  { name: 'sprig mustRegexReplaceAllLiteral', template: '{{ mustRegexReplaceAllLiteral "\\\\s+" "a  b   c" "_" }}' },
  { name: 'sprig regexSplit', template: '{{ regexSplit "z+" "pizza" -1 }}|{{ regexSplit "z+" "pizza" 1 }}|{{ regexSplit "," "a,b,c" 2 }}|{{ regexSplit "" "abc" -1 }}|{{ regexSplit "x" "" -1 | len }}|{{ regexSplit "a" "a" -1 }}' },
  { name: 'sprig mustRegexSplit', template: '{{ mustRegexSplit "[,;]" "a,b;c" -1 }}' },
  { name: 'sprig regexQuoteMeta', template: '{{ regexQuoteMeta "1.2.3*[x](y)+?^$|{}\\\\" }}' },
  { name: 'sprig regex dot matches carriage return', template: '{{ regexMatch "^a.b$" "a\rb" }} {{ regexFindAll "\\\\s" "a\u00a0b c" -1 | len }}' },
  { name: 'sprig regex escaped punctuation and classes', template: '{{ regexFindAll "[[:digit:]]+" "a12b345" -1 }} {{ regexMatch "\\\\-\\\\#" "-#" }} {{ regexFindAll "\\\\pL+" "héllo wörld" -1 }} {{ regexMatch "\\\\Aab\\\\z" "ab" }}' },
  // math
  { name: 'sprig add', template: '{{ add 1 2 3 }} {{ add }} {{ add 1.9 "2" }} {{ add .Values.replicas .Values.ratio }} {{ add "x" 1 }} {{ add true 1 }}' },
  { name: 'sprig add returns int64', template: '{{ add 1 2 | printf "%T" }} {{ add1 1 | printf "%T" }}' },
  { name: 'sprig add1 sub mul', template: '{{ add1 .Values.replicas }} {{ sub 10 3.5 }} {{ mul 2 3 4 }} {{ mul 5 }} {{ sub "10" "0x10" }}' },
  { name: 'sprig div and mod', template: '{{ div 10 3 }} {{ div -7 2 }} {{ mod 10 3 }} {{ mod -7 2 }} {{ div .Values.big 7 }}' },
  { name: 'sprig div by zero panics', template: '{{ div 1 0 }}', error: true },
  { name: 'sprig mod by zero panics', template: '{{ mod 1 "0" }}', error: true },
  { name: 'sprig string coercions with base prefixes', template: '{{ int64 "0x1F" }} {{ int64 "010" }} {{ int64 "0b11" }} {{ int64 "1_000" }} {{ int64 "8.00" }} {{ int64 "8.5" }} {{ int "-12" }} {{ int64 "9223372036854775808" }}' },
  { name: 'sprig int int64 float64 conversions', template: '{{ int 3.9 }} {{ int64 -3.9 }} {{ float64 "1.5e3" }} {{ float64 3 }} {{ float64 "abc" }} {{ float64 true }} {{ int nil }} {{ printf "%T %T %T" (int 1) (int64 1) (float64 1) }}' },
  { name: 'sprig float64 of special strings', template: '{{ float64 "inf" }} {{ float64 "-Inf" }} {{ float64 "0x1p-2" }} {{ float64 "1_0.5" }}' },
  { name: 'sprig atoi', template: '{{ atoi "42" }} {{ atoi "-7" }} {{ atoi "0x10" }} {{ atoi "abc" }} {{ atoi "+3" }} {{ atoi "1.5" }}' },
  { name: 'sprig toDecimal', template: '{{ toDecimal "0777" }} {{ toDecimal "777" }} {{ toDecimal 10 }} {{ toDecimal "89" }} {{ toDecimal .Values.replicas }}' },
  { name: 'sprig max min biggest', template: '{{ max 1 5 3 }} {{ min 4 -2 9 }} {{ biggest 1 2 }} {{ max 7 }} {{ max 1.9 1 }} {{ min "3" 10 }}' },
  { name: 'sprig maxf minf', template: '{{ maxf 1 2.5 0.5 }} {{ minf 1 2.5 -0.5 }} {{ maxf 3 }} {{ minf "1.25" 2 }}' },
  { name: 'sprig floor ceil round', template: '{{ floor 1.9 }} {{ ceil 1.1 }} {{ floor -1.5 }} {{ ceil "2.1" }} {{ round 123.555555 3 }} {{ round 123.5555 3 0.6 }} {{ round -1.5 0 }} {{ round 2.5 0 }} {{ round 1234.5 -2 }}' },
  { name: 'sprig float arithmetic through decimals', template: '{{ addf 0.1 0.2 }} {{ addf 1 2 3.5 }} {{ addf }} {{ subf 1.5 0.25 0.25 }} {{ mulf 1.1 3 }} {{ divf 10 4 }} {{ divf 1 3 }} {{ divf 2 3 }} {{ add1f 1.5 }}' },
  { name: 'sprig float results print as float64', template: '{{ addf 1 1 | printf "%T %v" }} {{ mulf 100000 10 }} {{ divf 1 8 | printf "%.2f" }}' },
  { name: 'sprig divf by zero panics', template: '{{ divf 1 0 }}', error: true },
  { name: 'sprig until and untilStep', template: '{{ until 5 }} {{ until -3 }} {{ until 0 }} {{ untilStep 3 6 2 }} {{ untilStep 10 0 -3 }} {{ untilStep 0 5 0 }} {{ untilStep 5 0 1 }}' },
  { name: 'sprig range over until', template: '{{ range $i := until 3 }}[{{ $i }}]{{ end }}' },
  { name: 'sprig seq', template: '{{ seq 5 }}|{{ seq -3 }}|{{ seq 0 }}|{{ seq 2 5 }}|{{ seq 5 2 }}|{{ seq 0 2 10 }}|{{ seq 10 -3 0 }}|{{ seq 10 3 0 }}|{{ seq }}|{{ seq 1 2 3 4 }}' },
  { name: 'sprig until with a float fails', template: '{{ until .Values.replicas }}', error: true },
  { name: 'sprig randInt shape', template: '{{ $r := randInt 5 6 }}{{ $r }}' },
  { name: 'sprig randInt with an empty range panics', template: '{{ randInt 5 5 }}', error: true },
  // lists
  { name: 'sprig tuple and list', template: '{{ tuple 1 "a" nil }} {{ list }} {{ printf "%T" (tuple) }}' },
  { name: 'sprig first last rest initial', template: '{{ first .Values.list }} {{ last .Values.list }} {{ rest .Values.list }} {{ initial .Values.list }}' },
  { name: 'sprig first and last of empty lists', template: '[{{ first .Values.emptyList }}] [{{ last (list) }}] {{ rest (list) }} {{ initial (list) }} {{ rest (list 1) }}' },
  { name: 'sprig first of a string panics', template: '{{ first "abc" }}', error: true },
  { name: 'sprig first of a missing value panics', template: '{{ first .Values.missing }}', error: true },
  { name: 'sprig mustFirst of a map', template: '{{ mustFirst .Values.map }}', error: true },
  { name: 'sprig mustLast mustRest mustInitial', template: '{{ mustLast .Values.nums }} {{ mustRest .Values.nums }} {{ mustInitial .Values.nums }} {{ mustFirst .Values.nums }}' },
  { name: 'sprig last of a float panics', template: '{{ last .Values.ratio }}', error: true },
  { name: 'sprig rest of a bool panics', template: '{{ mustRest true }}', error: true },
  { name: 'sprig append push prepend', template: '{{ append .Values.list "d" }} {{ push (list) 1 }} {{ prepend .Values.nums 0 }} {{ mustAppend (list 1) nil }} {{ mustPush (list) "x" }} {{ mustPrepend (list) "y" }} {{ .Values.list }}' },
  { name: 'sprig append to a map panics', template: '{{ append .Values.map 1 }}', error: true },
  { name: 'sprig prepend to nil panics', template: '{{ prepend nil 1 }}', error: true },
  { name: 'sprig concat', template: '{{ concat .Values.list .Values.nums (list) }} {{ concat }} {{ concat (list 1) (list (list 2)) }}' },
  { name: 'sprig concat of a string panics', template: '{{ concat (list 1) "x" }}', error: true },
  { name: 'sprig reverse', template: '{{ reverse .Values.list }} {{ reverse (list) }} {{ mustReverse (list 1 2) }}' },
  { name: 'sprig reverse of an int panics', template: '{{ reverse 5 }}', error: true },
  { name: 'sprig uniq', template: '{{ uniq (list 1 1 "1" 2 1.0 .Values.replicas 3.0 nil nil) }} {{ mustUniq (list (list 1) (list 1) (dict "a" 1) (dict "a" 1)) }}' },
  { name: 'sprig without', template: '{{ without (list 1 2 3 4) 1 3 }} {{ without .Values.list "b" }} {{ without .Values.nums 1 }} {{ without .Values.nums 1.0 }} {{ mustWithout (list nil 1) nil }}' },
  { name: 'sprig has', template: '{{ has 1 (list 1 2) }} {{ has 1.0 .Values.nums }} {{ has 1 .Values.nums }} {{ has "a" .Values.list }} {{ has "a" nil }} {{ mustHas (list 1) (list (list 1)) }}' },
  { name: 'sprig has on a string panics', template: '{{ has "a" "abc" }}', error: true },
  { name: 'sprig compact', template: '{{ compact (list 1 0 "" nil false "a" (list) (dict) 0.0 .Values.emptyMap) }} {{ mustCompact .Values.mixed }}' },
  { name: 'sprig compact of a string panics', template: '{{ compact "abc" }}', error: true },
  { name: 'sprig slice shadows the builtin', template: '{{ slice .Values.list 1 }} {{ slice .Values.list 1 2 }} {{ slice .Values.list }} [{{ slice (list) 0 1 }}] {{ slice .Values.list "1" "2.0" }}' },
  { name: 'sprig slice of a string panics', template: '{{ slice "abc" 1 2 }}', error: true },
  { name: 'sprig slice out of bounds panics', template: '{{ slice (list 1 2) 1 5 }}', error: true },
  { name: 'sprig mustSlice', template: '{{ mustSlice (list 1 2 3) 0 2 }}' },
  { name: 'sprig mustSlice of a map', template: '{{ mustSlice .Values.map 0 1 }}', error: true },
  { name: 'sprig chunk', template: '{{ chunk 2 (list 1 2 3 4 5) }} {{ chunk 3 (list 1 2 3) }} {{ chunk 5 (list 1) }} {{ chunk 2 (list) }} {{ mustChunk 1 .Values.list }}' },
  { name: 'sprig chunk of a string panics', template: '{{ chunk 2 "abc" }}', error: true },
  { name: 'sprig chunk by zero panics', template: '{{ chunk 0 (list 1 2) }}', error: true },
  // dicts
  { name: 'sprig dict with odd arguments and non-string keys', template: '{{ dict "a" 1 "b" }} {{ dict 1 2 true 3 }} {{ dict }}' },
  { name: 'sprig get', template: '{{ get .Values.map "a" }} [{{ get .Values.map "zz" }}] {{ get (dict "n" nil) "n" | printf "%v" }}' },
  { name: 'sprig get of a missing map fails', template: '{{ get .Values.missing "a" }}', error: true },
  { name: 'sprig set and unset', template: '{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }} {{ unset $d "a" }} {{ set (dict) "k" "v" }} {{ unset (dict) "nope" }}' },
  { name: 'sprig set on nil map panics', template: '{{ set .Values.missing "a" 1 }}', error: true },
  { name: 'sprig hasKey', template: '{{ hasKey .Values.map "a" }} {{ hasKey .Values.map "z" }} {{ hasKey .Values "nothing" }}' },
  { name: 'sprig hasKey of a list fails', template: '{{ hasKey .Values.list "a" }}', error: true },
  { name: 'sprig pluck', template: '{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }} {{ pluck "x" }} {{ pluck "a" .Values.map }}' },
  { name: 'sprig keys sorted', template: '{{ keys .Values.map | sortAlpha }} {{ keys (dict "x" 1) (dict "y" 2) | sortAlpha }} {{ keys | len }}' },
  { name: 'sprig values', template: '{{ values (dict "a" 1) }} {{ values (dict) }} {{ values .Values.labels | sortAlpha }}' },
  { name: 'sprig pick and omit', template: '{{ pick .Values.map "a" "c" "z" }} {{ omit .Values.map "a" }} {{ pick .Values.map }} {{ omit .Values.map }}' },
  { name: 'sprig merge keeps dst values', template: '{{ merge (dict "a" 1 "e" "" "z" 0.0 "n" (dict "x" 1)) (dict "a" 2 "e" "E" "z" 5 "b" 3 "n" (dict "x" 9 "y" 2)) }}' },
  { name: 'sprig merge with several sources and lists', template: '{{ merge (dict "l" (list 1)) (dict "l" (list 2) "m" (list 3)) (dict "m" (list 4) "k" "v") }}' },
  { name: 'sprig merge mutates dst', template: '{{ $d := dict "a" 1 }}{{ $_ := merge $d (dict "b" 2) }}{{ $d }}' },
  { name: 'sprig merge nil source values', template: '{{ merge (dict "a" 1) (dict "a" nil "b" nil) }} {{ mergeOverwrite (dict "a" 1) (dict "a" nil) }}' },
  { name: 'sprig merge into empty nested map', template: '{{ merge (dict "n" (dict)) (dict "n" (dict "x" 1)) }} {{ merge (dict "n" "str") (dict "n" (dict "x" 1)) }}' },
  { name: 'sprig mergeOverwrite', template: '{{ mergeOverwrite (dict "a" 1 "n" (dict "x" 1 "k" 1)) (dict "a" 2 "b" "" "n" (dict "x" 9)) }} {{ mergeOverwrite (dict "l" (list 1 2)) (dict "l" (list)) }}' },
  { name: 'sprig mustMerge and mustMergeOverwrite', template: '{{ mustMerge (dict "a" 1) (dict "a" 2 "b" 2) }} {{ mustMergeOverwrite (dict "a" 1) (dict "a" 2) }}' },
  { name: 'sprig merge of values maps', template: '{{ merge (dict) .Values.labels (dict "app" "other" "x" "y") }}' },
  { name: 'sprig deepCopy is independent', template: '{{ $c := deepCopy .Values.nested }}{{ $_ := set $c.inner "leaf" "changed" }}{{ .Values.nested }} {{ $c }} {{ mustDeepCopy (list 1 (dict "a" 2)) }}' },
  { name: 'sprig deepCopy of nil panics', template: '{{ deepCopy nil }}', error: true },
  { name: 'sprig dig', template: '{{ dig "inner" "leaf" "def" .Values.nested }} {{ dig "inner" "nope" "def" .Values.nested }} {{ dig "a" "def" (dict) }} {{ dig "a" "b" 0 (dict "a" (dict "b" nil)) }}' },
  { name: 'sprig dig with too few arguments', template: '{{ dig "a" (dict) }}', error: true },
  { name: 'sprig dig through a non-map', template: '{{ dig "inner" "leaf" "x" "def" .Values.nested }}', error: true },
  { name: 'sprig dig with a non-string key', template: '{{ dig 1 "def" (dict) }}', error: true },
  { name: 'sprig dig on a non-map', template: '{{ dig "a" "def" "notamap" }}', error: true },
  // encoding
  { name: 'sprig b64enc and b64dec', template: '{{ b64enc "hello world" }} {{ b64dec "aGVsbG8gd29ybGQ=" }} {{ b64enc "" }}[{{ b64dec "" }}] {{ "héllo" | b64enc | b64dec }}' },
  { name: 'sprig b64dec errors are returned as text', template: '{{ b64dec "abc" }}|{{ b64dec "a!bc" }}|{{ b64dec "YQ==YQ==" }}|{{ b64dec "YQ=" }}|{{ b64dec "Y===" }}|{{ b64dec "YWJj\\nZGVm" }}' },
  { name: 'sprig b32enc and b32dec', template: '{{ b32enc "hello" }} {{ b32enc "a" }} {{ b32enc "abcdef" }} {{ b32dec "NBSWY3DP" }} {{ b32dec "ME======" }}' },
  { name: 'sprig b32dec errors are returned as text', template: '{{ b32dec "1" }}|{{ b32dec "MFRGG" }}|{{ b32dec "ME=====" }}|{{ b32dec "MFRGG===" }}' },
  { name: 'sprig toPrettyJson', template: '{{ toPrettyJson .Values.nested }}|{{ toPrettyJson (list 1 (list) (dict) "<a>") }}|{{ toPrettyJson "s" }}|{{ toPrettyJson nil }}' },
  { name: 'sprig toRawJson does not escape HTML', template: '{{ toRawJson (dict "a" "<b>&</b>" "n" 1.5) }} {{ toJson "<x>" }}' },
  { name: 'sprig mustToJson mustToPrettyJson mustToRawJson', template: '{{ mustToJson (list 1 "a") }}|{{ mustToPrettyJson (dict "k" (list 1)) }}|{{ mustToRawJson "&" }}' },
  { name: 'sprig sha1sum sha256sum sha512sum adler32sum', template: '{{ sha1sum "hello" }} {{ sha256sum "hello" }} {{ sha512sum "" }} {{ adler32sum "hello" }} {{ adler32sum "" }}' },
  { name: 'sprig uuidv4 shape', template: '{{ regexMatch "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$" uuidv4 }}' },
  { name: 'sprig randBytes shape', template: '{{ randBytes 12 | len }} {{ len (randBytes 3) }}' },
  // flow and reflection
  { name: 'sprig default', template: '{{ default "d" "" }} {{ default "d" "x" }} {{ default "d" 0 }} {{ default "d" false }} {{ default "d" .Values.emptyList }} {{ default "d" .Values.nested }} {{ default "d" }}' },
  { name: 'sprig empty', template: '{{ empty "" }} {{ empty 0 }} {{ empty 0.0 }} {{ empty .Values.emptyMap }} {{ empty .Values.list }} {{ empty nil }} {{ empty .Values.missing }} {{ empty (int64 0) }}' },
  { name: 'sprig coalesce', template: '{{ coalesce 0 "" nil "first" "second" }} [{{ coalesce }}] [{{ coalesce 0 "" }}] {{ coalesce .Values.missing .Values.name }}' },
  { name: 'sprig all and any', template: '{{ all 1 "a" true }} {{ all 1 "" }} {{ all }} {{ any 0 "" "x" }} {{ any }} {{ any 0 nil }}' },
  { name: 'sprig ternary', template: '{{ ternary "yes" "no" true }} {{ ternary "yes" "no" false }} {{ true | ternary 1 2 }} [{{ ternary nil "x" true }}]' },
  { name: 'sprig ternary with a non-bool fails', template: '{{ ternary "a" "b" "true" }}', error: true },
  { name: 'sprig typeOf', template: '{{ typeOf 1 }} {{ typeOf 1.5 }} {{ typeOf "s" }} {{ typeOf .Values.list }} {{ typeOf .Values.map }} {{ typeOf nil }} {{ typeOf (int64 1) }} {{ typeOf true }} {{ typeOf (split "," "a") }}' },
  { name: 'sprig typeIs and typeIsLike', template: '{{ typeIs "float64" .Values.replicas }} {{ typeIs "int" 1 }} {{ typeIs "string" 1 }} {{ typeIsLike "float64" 2.0 }} {{ typeIsLike "int64" 1 }}' },
  { name: 'sprig kindOf and kindIs', template: '{{ kindOf 1 }} {{ kindOf 1.5 }} {{ kindOf .Values.list }} {{ kindOf .Values.map }} {{ kindOf nil }} {{ kindOf (int64 3) }} {{ kindOf "s" }} {{ kindIs "map" .Values.map }} {{ kindIs "slice" .Values.map }} {{ kindIs "invalid" nil }}' },
  { name: 'sprig deepEqual', template: '{{ deepEqual .Values.list (list "a" "b" "c") }} {{ deepEqual 1 1.0 }} {{ deepEqual (dict "a" 1) (dict "a" 1) }} {{ deepEqual (dict "a" 1) (dict "a" 2) }} {{ deepEqual nil nil }} {{ deepEqual (int64 1) 1 }} {{ deepEqual .Values.nums (list 1.0 2.0 3.0) }}' },
  { name: 'sprig fail is Helm fail', template: '{{ fail "stop here" }}', error: true },
  // paths
  { name: 'sprig base dir ext clean isAbs', template: '{{ base "foo/bar/baz.txt" }} {{ base "/" }} {{ base "" }} {{ base "a/b/" }} | {{ dir "foo/bar/baz" }} {{ dir "baz" }} {{ dir "/baz" }} {{ dir "" }} {{ dir "a/b/" }} | {{ ext "a/b.tar.gz" }} {{ ext ".bashrc" }} [{{ ext "noext" }}] [{{ ext "a.b/c" }}]' },
  { name: 'sprig clean and isAbs', template: '{{ clean "a//b/../c/." }} {{ clean "" }} {{ clean "/../x" }} {{ clean "../../a" }} {{ clean "./" }} {{ isAbs "/a" }} {{ isAbs "a/b" }}' },
  { name: 'sprig osBase osDir osExt osClean osIsAbs', template: '{{ osBase "/a/b.c" }} {{ osDir "/a/b.c" }} {{ osExt "/a/b.c" }} {{ osClean "/a/../b" }} {{ osIsAbs "x" }}' },
  // argument checking against Sprig's Go signatures
  { name: 'sprig contains of a number fails', template: '{{ contains "1" 1 }}', error: true },
  { name: 'sprig trunc of a missing value fails', template: '{{ trunc 3 .Values.missing }}', error: true },
  { name: 'sprig get of a list fails', template: '{{ get .Values.list "a" }}', error: true },
  { name: 'sprig wrong number of arguments', template: '{{ replace "a" "b" }}', error: true },
  { name: 'sprig env is not enabled', template: '{{ env "HOME" }}', error: true },
  { name: 'sprig expandenv is not enabled', template: '{{ expandenv "$HOME" }}', error: true },
  { name: 'sprig functions composed in a pipeline', template: '{{ .Values.list | join "," | upper | replace "," "-" | printf "%s!" | quote }}' },
  { name: 'sprig range over splitList and sortAlpha', template: '{{ range splitList "," "c,a,b" | sortAlpha }}<{{ . }}>{{ end }}' },
  { name: 'sprig int64 compares with eq', template: '{{ eq (add 1 1) (int64 2) }} {{ eq (len .Values.list) (int 3) }}' },
  { name: 'sprig int64 compared with int literal', template: '{{ eq (add 1 1) 2 }}' },
  { name: 'sprig toJson of sprig results', template: '{{ toJson (dict "n" (add 1 2) "f" (addf 1 0.5) "l" (until 2) "s" (splitList "," "a,b")) }}' },
  { name: 'sprig toYaml of sprig results', template: '{{ toYaml (dict "n" (add 1 2) "s" (split "," "a,b")) }}' },
);

// ---- Sprig semver and dates (src/funcs/semver.ts, dates.ts, gotime.ts, duration.ts): fixed inputs only ----
templateCases.push(
  // semver: parsing and the *semver.Version methods
  { name: 'sprig semver fields', template: '{{ $v := semver "1.2.3-beta.1+build.5" }}{{ $v.Major }} {{ $v.Minor }} {{ $v.Patch }} {{ $v.Prerelease }} {{ $v.Metadata }} {{ $v.Original }} {{ $v | toString }}' },
  { name: 'sprig semver coerces loose versions', template: '{{ semver "v1" | toString }} {{ semver "1.2" | toString }} {{ (semver "v01.02.03").Minor }} {{ (semver "v2.0").Original }}' },
  { name: 'sprig semver compare methods', template: '{{ (semver "1.2.3").LessThan (semver "1.10.0") }} {{ (semver "1.0.0-rc.1").Compare (semver "1.0.0") }} {{ (semver "1.0.0+a").Equal (semver "1.0.0+b") }} {{ (semver "2.0.0").GreaterThan (semver "2.0.0-alpha") }}' },
  { name: 'sprig semver of an invalid version fails', template: '{{ semver "1.2.3.4" }}', error: true },
  { name: 'sprig semver of an empty string fails', template: '{{ semver "" }}', error: true },
  { name: 'sprig semver with a bad prerelease fails', template: '{{ semver "1.2.3-01" }}', error: true },
  { name: 'sprig semver with bad metadata fails', template: '{{ semver "1.2.3+a..b" }}', error: true },
  // semverCompare: operators, wildcards, ranges and prereleases
  { name: 'sprig semverCompare equality and inequality', template: '{{ semverCompare "1.2.3" "1.2.3" }} {{ semverCompare "=1.2.3" "1.2.4" }} {{ semverCompare "!=1.2.3" "1.2.4" }} {{ semverCompare "!=1.2.3" "1.2.3" }} {{ semverCompare "!=1.2" "1.2.9" }} {{ semverCompare "!=1.x" "2.0.0" }} {{ semverCompare "1.0.0+a" "1.0.0+b" }}' },
  { name: 'sprig semverCompare greater and less', template: '{{ semverCompare ">1.2.3" "1.2.4" }} {{ semverCompare ">1.2" "1.2.9" }} {{ semverCompare ">1.2" "1.3.0" }} {{ semverCompare ">1" "1.9.9" }} {{ semverCompare ">1" "2.0.0" }} {{ semverCompare "<1.2.3" "1.2.2" }} {{ semverCompare "<1.2" "1.1.9" }} {{ semverCompare "<1.2" "1.2.0" }}' },
  { name: 'sprig semverCompare ge and le', template: '{{ semverCompare ">=1.2.3" "1.2.3" }} {{ semverCompare "=>1.2.3" "1.2.2" }} {{ semverCompare "<=1.2.3" "1.2.3" }} {{ semverCompare "=<1.2" "1.2.9" }} {{ semverCompare "<=1.2" "1.3.0" }} {{ semverCompare "<=1" "1.99.0" }} {{ semverCompare "<=1.x" "2.0.0" }}' },
  { name: 'sprig semverCompare tilde', template: '{{ semverCompare "~1.2.3" "1.2.9" }} {{ semverCompare "~1.2.3" "1.3.0" }} {{ semverCompare "~1.2" "1.2.0" }} {{ semverCompare "~1" "1.9.0" }} {{ semverCompare "~1" "2.0.0" }} {{ semverCompare "~>1.2" "1.2.5" }} {{ semverCompare "~0.0.0" "3.0.0" }} {{ semverCompare "~1.x" "1.5.0" }}' },
  { name: 'sprig semverCompare caret', template: '{{ semverCompare "^1.2.3" "1.9.9" }} {{ semverCompare "^1.2.3" "2.0.0" }} {{ semverCompare "^0.2.3" "0.2.9" }} {{ semverCompare "^0.2.3" "0.3.0" }} {{ semverCompare "^0.0.3" "0.0.3" }} {{ semverCompare "^0.0.3" "0.0.4" }} {{ semverCompare "^0.x" "0.9.0" }} {{ semverCompare "^0" "1.0.0" }} {{ semverCompare "^1.x" "1.0.0" }}' },
  { name: 'sprig semverCompare wildcards', template: '{{ semverCompare "*" "5.0.0" }} {{ semverCompare "x" "0.0.1" }} {{ semverCompare "1.x" "1.7.0" }} {{ semverCompare "1.2.x" "1.2.7" }} {{ semverCompare "1.2.*" "1.3.0" }} {{ semverCompare "1.X" "2.0.0" }}' },
  { name: 'sprig semverCompare with an empty constraint fails', template: '{{ semverCompare "" "1.0.0" }}', error: true },
  { name: 'sprig semverCompare and, or and ranges', template: '{{ semverCompare ">=1.2, <2" "1.5.0" }} {{ semverCompare ">=1.2 <2" "2.0.0" }} {{ semverCompare "<1 || >=3" "2.0.0" }} {{ semverCompare "<1 || >=3" "3.1.0" }} {{ semverCompare "1.2 - 1.4.5" "1.4.5" }} {{ semverCompare "1.2 - 1.4.5" "1.4.6" }} {{ semverCompare "1 - 2 || 4" "4.3.0" }}' },
  { name: 'sprig semverCompare prereleases', template: '{{ semverCompare ">=1.0.0" "1.1.0-rc.1" }} {{ semverCompare ">=1.0.0-0" "1.1.0-rc.1" }} {{ semverCompare ">=1.0.0-alpha" "1.0.0-beta" }} {{ semverCompare "<1.0.0-beta" "1.0.0-alpha.2" }} {{ semverCompare "1.0.0-rc.1" "1.0.0-rc.1" }} {{ semverCompare "<2 || >=3.0.0-0" "3.0.0-alpha" }} {{ semverCompare ">1.0.0-alpha.9" "1.0.0-alpha.10" }} {{ semverCompare ">1.0.0-alpha.beta" "1.0.0-alpha.1" }}' },
  { name: 'sprig semverCompare Kubernetes-style versions', template: '{{ semverCompare ">=1.21-0" "v1.28.3-eks-4f4795d" }} {{ semverCompare ">=1.21" "v1.28.3-eks-4f4795d" }} {{ semverCompare "<1.25-0" "1.24.17-gke.200" }} {{ semverCompare "^1.19.0-0" "v1.29.0+k3s1" }}' },
  { name: 'sprig semverCompare with v prefixes and spaces', template: '{{ semverCompare ">= v1.2.3" "v1.3.0" }} {{ semverCompare "  ~ 1.2  " "1.2.8" }} {{ semverCompare ">1.2.3,<1.3" "1.2.4" }}' },
  { name: 'sprig semverCompare with an improper constraint fails', template: '{{ semverCompare ">>1.2" "1.2.3" }}', error: true },
  { name: 'sprig semverCompare with a garbage constraint fails', template: '{{ semverCompare "latest" "1.2.3" }}', error: true },
  { name: 'sprig semverCompare with an invalid version fails', template: '{{ semverCompare ">1.0" "one" }}', error: true },
  { name: 'sprig semverCompare in an if', template: '{{ if semverCompare ">=1.19-0" "1.27.1" }}networking.k8s.io/v1{{ else }}extensions/v1beta1{{ end }}' },
  // dates: Go layouts over fixed times
  { name: 'sprig date layouts over toDate', template: '{{ $t := toDate "2006-01-02 15:04:05" "2024-03-09 07:05:09" }}{{ date "2006-01-02T15:04:05Z07:00" $t }}|{{ date "Jan _2 06 3:4:5 PM" $t }}|{{ date "January 2, 2006 Monday Mon" $t }}|{{ date "01/02/2006 03:04:05 pm MST -0700 -07:00 -07" $t }}|{{ date "002 __2 Z0700 Z07" $t }}' },
  { name: 'sprig date fractional seconds', template: '{{ $t := toDate "2006-01-02T15:04:05.999999999Z07:00" "2024-12-31T23:59:58.123450000+02:00" }}{{ dateInZone "15:04:05.000 .999 .000000000 .9 ,000 .99999" $t "UTC" }}|{{ dateInZone "05.999999999" (toDate "2006-01-02" "2024-01-01") "UTC" }}' },
  { name: 'sprig dateInZone with UTC and fixed-offset zones', template: '{{ $t := toDate "2006-01-02T15:04:05Z07:00" "2024-06-15T12:30:00Z" }}{{ dateInZone "2006-01-02 15:04 MST -07:00" $t "UTC" }}|{{ date_in_zone "2006-01-02 15:04 MST Z07:00" $t "Etc/GMT-3" }}|{{ dateInZone "15:04 MST" $t "Etc/GMT+10" }}|{{ dateInZone "15:04 MST" $t "No/Such_Zone" }}' },
  { name: 'sprig dateInZone with a unix int', template: '{{ dateInZone "2006-01-02T15:04:05Z07:00" 1700000000 "UTC" }} {{ dateInZone "2006-01-02" (int64 0) "UTC" }} {{ date "2006-01-02 15:04:05" (int64 86399) }} {{ htmlDateInZone 1000000000 "UTC" }} {{ htmlDate (int64 1) }}' },
  { name: 'sprig toDate parses offsets and names', template: '{{ $a := toDate "2006-01-02T15:04:05Z07:00" "2024-02-29T23:00:00-05:00" }}{{ dateInZone "2006-01-02 15:04 Z07:00" $a "UTC" }}|{{ unixEpoch $a }}|{{ $b := toDate "02 Jan 06 15:04 MST" "09 Mar 24 10:00 UTC" }}{{ unixEpoch $b }}|{{ unixEpoch (toDate "Jan 2 2006" "feb 3 1999") }}|{{ unixEpoch (toDate "2006-01-02 3PM" "2020-05-05 3PM") }}' },
  { name: 'sprig toDate of a bad string is the zero time', template: '{{ date "2006-01-02 15:04:05" (toDate "2006-01-02" "yesterday") }} {{ unixEpoch (toDate "2006-01-02" "2024-13-01") }} {{ typeOf (toDate "2006" "2024") }}' },
  { name: 'sprig mustToDate error', template: '{{ mustToDate "2006-01-02" "2024-1-05" }}', error: true },
  { name: 'sprig mustToDate month out of range', template: '{{ mustToDate "2006-01-02" "2024-13-05" }}', error: true },
  { name: 'sprig mustToDate day out of range', template: '{{ mustToDate "2006-01-02" "2023-02-29" }}', error: true },
  { name: 'sprig mustToDate extra text', template: '{{ mustToDate "2006-01-02" "2024-01-05 junk" }}', error: true },
  { name: 'sprig mustToDate success', template: '{{ mustToDate "2006-01-02" "2024-01-05" | date "Monday 2 January 2006" }}' },
  { name: 'sprig dateModify', template: '{{ $t := toDate "2006-01-02 15:04:05" "2024-01-31 23:00:00" }}{{ $t | dateModify "1h30m" | date "2006-01-02 15:04:05" }}|{{ $t | date_modify "-24h" | date "2006-01-02 15:04" }}|{{ $t | dateModify "1.5s" | date "15:04:05.000" }}|{{ $t | dateModify "bogus" | date "15:04" }}|{{ $t | mustDateModify "90m" | unixEpoch }}|{{ $t | must_date_modify "-1us" | date "05.000000" }}' },
  { name: 'sprig mustDateModify error', template: '{{ toDate "2006" "2024" | mustDateModify "5 minutes" }}', error: true },
  { name: 'sprig mustDateModify missing unit', template: '{{ toDate "2006" "2024" | mustDateModify "5" }}', error: true },
  { name: 'sprig duration', template: '{{ duration "95" }} {{ duration (int64 3661) }} {{ duration "0" }} {{ duration 95 }} {{ duration "-30" }} {{ duration "x" }} {{ duration (int64 86400) }}' },
  { name: 'sprig durationRound', template: '{{ durationRound "2h10m5s" }} {{ durationRound "1m" }} {{ durationRound "61s" }} {{ durationRound "-3h1s" }} {{ durationRound "800h" }} {{ durationRound "9000h" }} {{ durationRound (int64 1500000000) }} {{ durationRound 5 }} {{ durationRound "nonsense" }} {{ durationRound "1.5ms" }}' },
  { name: 'sprig ago and now have their shapes', template: '{{ typeOf now }} {{ regexMatch "^[0-9]+s$" (ago now) }} {{ regexMatch "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" (htmlDate now) }} {{ regexMatch "^[0-9]+$" (now | unixEpoch) }} {{ durationRound now }}' },
  { name: 'sprig date twelve-hour clock and weekday names', template: '{{ range list 0 43200 46800 86399 }}{{ dateInZone "Mon Monday Jan January 3:04 03PM pm 15 _2|" . "UTC" }}{{ end }}' },
  { name: 'sprig toDate with named months, weekdays and fractions', template: '{{ unixEpoch (toDate "Monday, 02-Jan-06 15:04:05 MST" "Saturday, 09-Mar-24 07:05:09 UTC") }} {{ dateInZone "15:04:05.000000" (toDate "15:04:05" "07:05:09.25") "UTC" }} {{ dateInZone "2006-01-02" (toDate "Jan _2 2006" "Mar  9 2024") "UTC" }} {{ unixEpoch (toDate "2006-01-02T15:04:05Z07:00" "1969-12-31T23:59:59Z") }}' },
  { name: 'sprig semverCompare with build metadata and wildcard prereleases', template: '{{ semverCompare ">=1.2.3+build" "1.2.3" }} {{ semverCompare "=1.2.3-rc" "1.2.3-rc+b" }} {{ semverCompare "1.x-alpha" "1.5.0-beta" }} {{ semverCompare "!=1.2.x-alpha" "1.2.3-beta" }} {{ semverCompare ">1.x" "2.0.0-rc.1" }}' },
  { name: 'sprig date of a float64 value is now', template: '{{ eq (date "2006" .Values.ratio) (date "2006" now) }}' },
);
