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
export { coalesceTables, coalesceValues, mergeMaps, mergeValues, type ValuesChart } from './values/coalesce.ts';
export { mergeUserValues, type ValueOptions } from './values/options.ts';
export { parseSet, parseSetInto } from './values/strvals.ts';
export { loadChart, loadChartArchive, loadChartDir, loadChartFiles } from './chart/load.ts';
export { ChartValidationError } from './chart/metadata.ts';
export { parseHelmignore, type IgnoreRules } from './chart/helmignore.ts';
export { processDependencies } from './chart/dependencies.ts';
export { capabilitiesObject, defaultAPIVersions, defaultKubeVersion } from './chart/capabilities.ts';
export { HookEvent, type Hook, hooksForEvent, installOrder, type Manifest, sortManifests, splitManifests, uninstallOrder } from './chart/manifests.ts';
export { renderChart, type RenderChartOptions, type RenderedChart, templateOutput, type TemplateOutputOptions } from './chart/render.ts';
export { type Chart, type ChartDependency, type ChartFile, type ChartMetadata, chartFullPath, crdFiles } from './chart/types.ts';
export { HookPhase, type ChartLock, type HelmTime, type HookExecution, type Release, type ReleaseChart, type ReleaseFile, type ReleaseHook, type ReleaseInfo, ReleaseStatus } from './release/types.ts';
export { ReleaseDecodeError, releaseFromJSON, releaseToJSON } from './release/json.ts';
export { decodeRelease, encodeRelease } from './release/codec.ts';
export { helmTime, parseHelmTime } from './release/time.ts';
export { releaseFromSecret, releaseSecret, ReleaseSecretError, releaseSecretName, type ReleaseSecret, type ReleaseSecretOptions, releaseSecretType, systemLabels as releaseSystemLabels } from './release/secret.ts';
export { type CreateOptions as ReleaseCreateOptions, ReleaseExistsError, ReleaseStorage, type ReleaseStorageOptions } from './release/storage.ts';
export { newRelease, type NewReleaseOptions, releaseChart, releaseHook, releaseManifest } from './release/build.ts';
export { formatSchemaErrors, hasSchema, SchemaValidationError, validateChartValues } from './values/schema-chart.ts';
export { type LookupClient, lookupFuncs } from './funcs/lookup.ts';
