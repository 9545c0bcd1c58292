// A loaded chart, shaped as Helm's chart.Chart: metadata from Chart.yaml, the raw files by role, and
// its subcharts. Field names follow Chart.yaml's keys; Go's names appear only where templates see them.

import type { ChartLock } from '../release/types.ts';
import type { GoMap, GoValue } from '../template/values.ts';

export interface ChartFile {
  /** Path relative to the chart root, with '/' separators, e.g. "templates/deployment.yaml". */
  name: string;
  data: Uint8Array;
}

export interface ChartMaintainer {
  name: string;
  email: string;
  url: string;
}

export interface ChartDependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  /** Either strings (`exports.<name>`) or `{child, parent}` maps, as written in Chart.yaml. */
  importValues: GoValue[];
  alias: string;
}

export interface ChartMetadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: ChartMaintainer[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  kubeVersion: string;
  dependencies: ChartDependency[];
  type: string;
}

export interface Chart {
  metadata: ChartMetadata;
  /** values.yaml, decoded as Helm decodes it (numbers as float64). */
  values: GoMap;
  /** values.schema.json, when present. */
  schema?: Uint8Array;
  /** Chart.lock (or a v1 chart's requirements.lock), when present. */
  lock?: ChartLock;
  templates: ChartFile[];
  /** Everything that is not Chart.yaml, values.yaml, the schema, templates/ or charts/ (crds/ included). */
  files: ChartFile[];
  /** Subcharts found in charts/, in load order; dependency processing filters and renames them. */
  dependencies: Chart[];
  /** The parent chart; undefined for the root. */
  parent?: Chart;
}

/** Helm's ChartFullPath: "parent/charts/sub" for a subchart, the name for the root. */
export function chartFullPath(chart: Chart): string {
  return chart.parent ? `${chartFullPath(chart.parent)}/charts/${chart.metadata.name}` : chart.metadata.name;
}

/** Files under crds/ that Helm installs untemplated: .yaml, .yml and .json. */
export function crdFiles(chart: Chart): ChartFile[] {
  return chart.files.filter((f) => f.name.startsWith('crds/') && /\.(ya?ml|json)$/.test(f.name));
}
