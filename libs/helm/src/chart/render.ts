// A whole chart rendered as `helm install --dry-run` / `helm template` do: dependencies processed,
// values coalesced, each template executed with its chart's built-in objects, NOTES set apart, and
// the output split into hooks and manifests in Helm's install order.

import { renderTemplates, type RenderTemplate } from '../engine/render.ts';
import { coalesceValues } from '../values/coalesce.ts';
import { goMapType, GoStruct, type GoMap, type GoValue, typedSlice } from '../template/values.ts';
import { valuesMap, valuesView } from '../values/chartutil.ts';
import { capabilitiesObject, type HelmVersionInfo } from './capabilities.ts';
import { isCompatibleRange, processDependencies } from './dependencies.ts';
import { chartFilesMap, filesObject } from './files.ts';
import { sortManifests, type Hook, type Manifest } from './manifests.ts';
import { chartFullPath, crdFiles, type Chart, type ChartMetadata } from './types.ts';

// One decoder for every template: constructing one costs more than decoding a template.
const utf8 = new TextDecoder();

export interface RenderChartOptions {
  releaseName: string;
  namespace: string;
  /** The user values (already merged from -f files and --set), before the chart's defaults. */
  values?: GoMap;
  isUpgrade?: boolean;
  revision?: number;
  kubeVersion?: string;
  apiVersions?: readonly string[];
  helmVersion?: HelmVersionInfo;
  /** missingkey=error, as `helm lint --strict`. */
  strict?: boolean;
  /** Join every chart's NOTES.txt, not only the root's (`--render-subchart-notes`). */
  subNotes?: boolean;
  /** Let getHostByName resolve names (`--enable-dns`); otherwise it returns "", as in helm. */
  enableDns?: boolean;
}

export interface RenderedChart {
  hooks: Hook[];
  manifests: Manifest[];
  notes: string;
  /** Every executed template's output by path, NOTES included. */
  files: Map<string, string>;
  /** The coalesced values the root chart saw. */
  values: GoMap;
}

function withType(m: GoMap, type: string): GoMap {
  Object.defineProperty(m, goMapType, { value: type, enumerable: false, configurable: true });
  return m;
}

function goStrings(list: readonly string[]): GoValue[] {
  return typedSlice([...list], '[]string');
}

/** The `.Chart` struct: chart.Metadata's fields under their Go names, plus IsRoot. */
export function chartObject(md: ChartMetadata, isRoot: boolean): GoStruct {
  return new GoStruct('struct { chart.Metadata; IsRoot bool }', {
    Name: md.name,
    Home: md.home,
    Sources: goStrings(md.sources),
    Version: md.version,
    Description: md.description,
    Keywords: goStrings(md.keywords),
    Maintainers: typedSlice(md.maintainers.map((m) => new GoStruct('*chart.Maintainer', { Name: m.name, Email: m.email, URL: m.url })), '[]*chart.Maintainer'),
    Icon: md.icon,
    APIVersion: md.apiVersion,
    Condition: md.condition,
    Tags: md.tags,
    AppVersion: md.appVersion,
    Deprecated: md.deprecated,
    Annotations: withType({ ...md.annotations }, 'map[string]string'),
    KubeVersion: md.kubeVersion,
    Dependencies: typedSlice(md.dependencies.map(
      (d) =>
        new GoStruct('*chart.Dependency', {
          Name: d.name,
          Version: d.version,
          Repository: d.repository,
          Condition: d.condition,
          Tags: goStrings(d.tags),
          Enabled: d.enabled,
          ImportValues: d.importValues,
          Alias: d.alias,
        }),
    ), '[]*chart.Dependency'),
    Type: md.type,
    IsRoot: isRoot,
  });
}

/** Helm's recAllTpls: each template of each chart with that chart's top-level object. */
function collectTemplates(chart: Chart, parentTop: GoMap, out: RenderTemplate[]): GoMap {
  const subcharts: GoMap = {};
  const isRoot = chart.parent === undefined;
  let values: GoMap = valuesMap({});
  const parentValues = parentTop.Values as GoMap;
  if (isRoot) values = parentValues;
  else {
    // Values.Table("Values.<name>"): the parent's map itself, seen as chartutil.Values.
    const own = parentValues[chart.metadata.name];
    if (own !== undefined && own !== null && typeof own === 'object' && !Array.isArray(own)) values = valuesView(own as GoMap);
  }
  const top: GoMap = {
    Chart: chartObject(chart.metadata, isRoot),
    Files: filesObject(chartFilesMap(chart.files)),
    Release: parentTop.Release!,
    Capabilities: parentTop.Capabilities!,
    Values: values,
    Subcharts: subcharts,
  };
  for (const child of chart.dependencies) subcharts[child.metadata.name] = collectTemplates(child, top, out);
  const base = chartFullPath(chart);
  const library = chart.metadata.type === 'library';
  for (const t of chart.templates) {
    // A library chart contributes only its partials.
    if (library && !t.name.split('/').pop()!.startsWith('_')) continue;
    out.push({ name: `${base}/${t.name}`, text: utf8.decode(t.data), data: top, basePath: `${base}/templates` });
  }
  return top;
}

/** Renders a loaded chart; the chart tree is modified by dependency processing, as in Helm. */
export function renderChart(chart: Chart, options: RenderChartOptions): RenderedChart {
  if (chart.metadata.type !== '' && chart.metadata.type !== 'application') {
    throw new Error(`${chart.metadata.type} charts are not installable`);
  }
  const missing = chart.metadata.dependencies
    .filter((r) => !chart.dependencies.some((d) => d.metadata.name === r.name))
    .map((r) => r.name);
  if (missing.length > 0) {
    throw new Error(
      `An error occurred while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`,
    );
  }
  const user = options.values ?? {};
  processDependencies(chart, user);
  const capabilities = capabilitiesObject(options);
  const values = valuesMap(coalesceValues(chart, user));
  const kubeVersion = (capabilities.fields.KubeVersion as GoStruct).fields.Version as string;
  if (chart.metadata.kubeVersion !== '' && !isCompatibleRange(chart.metadata.kubeVersion, kubeVersion)) {
    throw new Error(`chart requires kubeVersion: ${chart.metadata.kubeVersion} which is incompatible with Kubernetes ${kubeVersion}`);
  }
  const top: GoMap = {
    Capabilities: capabilities,
    Release: {
      Name: options.releaseName,
      Namespace: options.namespace,
      IsUpgrade: options.isUpgrade ?? false,
      IsInstall: !(options.isUpgrade ?? false),
      Revision: BigInt(options.revision ?? 1),
      Service: 'Helm',
    },
    Values: values,
  };
  const templates: RenderTemplate[] = [];
  collectTemplates(chart, top, templates);
  const files = renderTemplates(templates, { strict: options.strict, enableDns: options.enableDns });
  const rootNotes = `${chart.metadata.name}/templates/NOTES.txt`;
  const notes: string[] = [];
  const manifestsIn = new Map<string, string>();
  for (const [name, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name.endsWith('NOTES.txt')) {
      if (name === rootNotes || options.subNotes) notes.push(text);
      continue;
    }
    manifestsIn.set(name, text);
  }
  const { hooks, manifests } = sortManifests(manifestsIn);
  return { hooks, manifests, notes: notes.join('\n'), files, values };
}

export interface TemplateOutputOptions {
  includeCrds?: boolean;
  skipTests?: boolean;
}

/** What `helm template` prints for a rendered chart (no --output-dir, no --show-only). */
export function templateOutput(chart: Chart, rendered: RenderedChart, options: TemplateOutputOptions = {}): string {
  let manifest = '';
  if (options.includeCrds) {
    for (const { chart: owner, file } of allCrds(chart)) {
      manifest += `---\n# Source: ${chartFullPath(owner)}/${file.name}\n${new TextDecoder().decode(file.data)}\n`;
    }
  }
  for (const m of rendered.manifests) manifest += `---\n# Source: ${m.name}\n${m.content}\n`;
  let out = `${manifest.trim()}\n`;
  for (const h of rendered.hooks) {
    if (options.skipTests && h.events.includes('test')) continue;
    out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
  }
  return out;
}

/** CRDObjects: the root's crds/ files first, then each subchart's, depth first. */
export function allCrds(chart: Chart): { chart: Chart; file: { name: string; data: Uint8Array } }[] {
  return [...crdFiles(chart).map((file) => ({ chart, file })), ...chart.dependencies.flatMap(allCrds)];
}
