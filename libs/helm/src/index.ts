// The public door of @conflux/helm: Helm chart rendering as helm does it (issue 8, in progress).
export { builtins, defineFunc, type FuncMap, type TemplateFunc } from './template/builtins.ts';
export { type MissingKey, TemplateExecError } from './template/exec.ts';
export { formatValue, sprint, sprintf, sprintln } from './template/fmt.ts';
export { TemplateParseError, type Tree } from './template/parse.ts';
export { formatFloat, quote as goQuote } from './template/strconv.ts';
export { TemplateSet, type TemplateSetOptions } from './template/template.ts';
export {
  GoComplex,
  GoInt,
  GoStruct,
  type GoFunc,
  type GoMap,
  goMapType,
  type GoType,
  type GoValue,
  int64,
  type IntKind,
  kindName,
  kindOf,
  truth,
  typeName,
} from './template/values.ts';
export { empty, sprigFuncs, strval } from './funcs/sprig.ts';
export { helmErrEnd, helmErrStart, helmSetFuncs, helmStaticFuncs } from './funcs/helm.ts';
export { marshalJSON } from './funcs/json.ts';
export { marshalYAML } from './funcs/yaml.ts';
export { HelmRenderError, renderTemplates, type RenderTemplate, sortTemplates } from './engine/render.ts';
export { decodeValuesYAML } from './values/decode.ts';
