// A release record from a chart rendered by renderChart, shaped as helm's install and upgrade shape it.

import type { Hook, Manifest } from '../chart/manifests.ts';
import type { RenderedChart } from '../chart/render.ts';
import type { Chart, ChartFile } from '../chart/types.ts';
import type { GoMap } from '../template/values.ts';
import { helmTime } from './time.ts';
import type { Release, ReleaseChart, ReleaseFile, ReleaseHook, ReleaseStatus } from './types.ts';

// Go's chart loader appends to nil slices, so a chart without templates or files stores null, not [].
const filesOrNull = (files: readonly ChartFile[]): ReleaseFile[] | null => (files.length > 0 ? files.map((f) => ({ name: f.name, data: f.data })) : null);

/** The chart as a release stores it: the root only, its subcharts are not kept. */
export function releaseChart(chart: Chart): ReleaseChart {
  return {
    metadata: chart.metadata,
    lock: chart.lock ?? null,
    templates: filesOrNull(chart.templates),
    values: chart.values,
    schema: chart.schema ?? null,
    files: filesOrNull(chart.files),
  };
}

/** The `manifest` field: each document behind its `# Source:` line, in render order. */
export function releaseManifest(manifests: readonly Manifest[]): string {
  return manifests.map((m) => `---\n# Source: ${m.name}\n${m.content}\n`).join('');
}

export function releaseHook(h: Hook): ReleaseHook {
  return { ...h, events: [...h.events], lastRun: { startedAt: '', completedAt: '', phase: '' } };
}

export interface NewReleaseOptions {
  name: string;
  namespace: string;
  version: number;
  /** The rendered chart; renderChart has already applied dependency processing to `chart`. */
  chart: Chart;
  rendered: RenderedChart;
  /** The user-supplied values only. */
  config?: GoMap;
  status: ReleaseStatus;
  description: string;
  /** Kept from the revision an upgrade replaces; now for an install. */
  firstDeployed?: Date;
  now?: Date;
  labels?: Record<string, string>;
}

export function newRelease(o: NewReleaseOptions): Release {
  const now = o.now ?? new Date();
  return {
    name: o.name,
    info: {
      firstDeployed: helmTime(o.firstDeployed ?? now),
      lastDeployed: helmTime(now),
      deleted: '',
      description: o.description,
      status: o.status,
      notes: o.rendered.notes,
    },
    chart: releaseChart(o.chart),
    config: o.config ?? {},
    manifest: releaseManifest(o.rendered.manifests),
    hooks: o.rendered.hooks.map(releaseHook),
    version: o.version,
    namespace: o.namespace,
    labels: o.labels ?? {},
  };
}
