// The release JSON exactly as Go's encoding/json writes helm's structs: fields in struct order, helm's
// omitempty tags honoured, map keys sorted, []byte as base64, HTML-safe string escaping. Decoding takes
// any JSON helm 3 (or helm 4, whose extra fields are dropped) may have written.

import { marshalJSON } from '../funcs/json.ts';
import type { ChartDependency, ChartMaintainer, ChartMetadata } from '../chart/types.ts';
import type { GoMap, GoValue } from '../template/values.ts';
import type { ChartLock, HelmTime, HookExecution, Release, ReleaseChart, ReleaseFile, ReleaseHook, ReleaseInfo, ReleaseStatus, HookPhase } from './types.ts';

type Field = readonly [key: string, json: string | undefined];

function object(fields: readonly Field[]): string {
  return `{${fields
    .filter((f): f is readonly [string, string] => f[1] !== undefined)
    .map(([k, v]) => `${marshalJSON(k)}:${v}`)
    .join(',')}}`;
}

const str = (s: string): string => marshalJSON(s);
const omitEmptyString = (s: string): string | undefined => (s === '' ? undefined : str(s));
const omitEmptyList = <T>(list: readonly T[] | null | undefined, each: (x: T) => string): string | undefined =>
  list && list.length > 0 ? `[${list.map(each).join(',')}]` : undefined;
const list = <T>(l: readonly T[] | null, each: (x: T) => string): string => (l === null ? 'null' : `[${l.map(each).join(',')}]`);
const bytes = (b: Uint8Array | null): string => (b === null ? 'null' : str(Buffer.from(b).toString('base64')));
const map = (m: GoMap | null): string => (m === null ? 'null' : marshalJSON(m));
// helm's time wrapper writes the zero time as "" rather than Go's "0001-01-01T00:00:00Z".
const time = (t: HelmTime): string => str(t);

function maintainerJSON(m: ChartMaintainer): string {
  return object([
    ['name', omitEmptyString(m.name)],
    ['email', omitEmptyString(m.email)],
    ['url', omitEmptyString(m.url)],
  ]);
}

function dependencyJSON(d: ChartDependency): string {
  return object([
    ['name', str(d.name)],
    ['version', omitEmptyString(d.version)],
    ['repository', str(d.repository)],
    ['condition', omitEmptyString(d.condition)],
    ['tags', omitEmptyList(d.tags, str)],
    ['enabled', d.enabled ? 'true' : undefined],
    ['import-values', omitEmptyList(d.importValues, (v) => marshalJSON(v))],
    ['alias', omitEmptyString(d.alias)],
  ]);
}

function metadataJSON(m: ChartMetadata): string {
  return object([
    ['name', omitEmptyString(m.name)],
    ['home', omitEmptyString(m.home)],
    ['sources', omitEmptyList(m.sources, str)],
    ['version', omitEmptyString(m.version)],
    ['description', omitEmptyString(m.description)],
    ['keywords', omitEmptyList(m.keywords, str)],
    ['maintainers', omitEmptyList(m.maintainers, maintainerJSON)],
    ['icon', omitEmptyString(m.icon)],
    ['apiVersion', omitEmptyString(m.apiVersion)],
    ['condition', omitEmptyString(m.condition)],
    ['tags', omitEmptyString(m.tags)],
    ['appVersion', omitEmptyString(m.appVersion)],
    ['deprecated', m.deprecated ? 'true' : undefined],
    ['annotations', Object.keys(m.annotations).length > 0 ? marshalJSON(m.annotations) : undefined],
    ['kubeVersion', omitEmptyString(m.kubeVersion)],
    ['dependencies', omitEmptyList(m.dependencies, dependencyJSON)],
    ['type', omitEmptyString(m.type)],
  ]);
}

const fileJSON = (f: ReleaseFile): string => object([['name', str(f.name)], ['data', bytes(f.data)]]);

function lockJSON(l: ChartLock): string {
  return object([
    ['generated', str(l.generated)],
    ['digest', str(l.digest)],
    ['dependencies', list(l.dependencies, dependencyJSON)],
  ]);
}

function chartJSON(c: ReleaseChart): string {
  return object([
    ['metadata', c.metadata === null ? 'null' : metadataJSON(c.metadata)],
    ['lock', c.lock === null ? 'null' : lockJSON(c.lock)],
    ['templates', list(c.templates, fileJSON)],
    ['values', map(c.values)],
    ['schema', bytes(c.schema)],
    ['files', list(c.files, fileJSON)],
  ]);
}

function infoJSON(i: ReleaseInfo): string {
  // omitempty has no effect on a struct, so the three times are always written.
  return object([
    ['first_deployed', time(i.firstDeployed)],
    ['last_deployed', time(i.lastDeployed)],
    ['deleted', time(i.deleted)],
    ['description', omitEmptyString(i.description)],
    ['status', omitEmptyString(i.status)],
    ['notes', omitEmptyString(i.notes)],
  ]);
}

function hookJSON(h: ReleaseHook): string {
  return object([
    ['name', omitEmptyString(h.name)],
    ['kind', omitEmptyString(h.kind)],
    ['path', omitEmptyString(h.path)],
    ['manifest', omitEmptyString(h.manifest)],
    ['events', omitEmptyList(h.events, str)],
    ['last_run', object([['started_at', time(h.lastRun.startedAt)], ['completed_at', time(h.lastRun.completedAt)], ['phase', str(h.lastRun.phase)]])],
    ['weight', h.weight !== 0 ? String(h.weight) : undefined],
    ['delete_policies', omitEmptyList(h.deletePolicies, str)],
    ['output_log_policies', omitEmptyList(h.outputLogPolicies, str)],
  ]);
}

/** json.Marshal(release), byte for byte as helm v3 writes it. */
export function releaseToJSON(r: Release): string {
  return object([
    ['name', omitEmptyString(r.name)],
    ['info', r.info === null ? undefined : infoJSON(r.info)],
    ['chart', r.chart === null ? undefined : chartJSON(r.chart)],
    ['config', Object.keys(r.config).length > 0 ? marshalJSON(r.config) : undefined],
    ['manifest', omitEmptyString(r.manifest)],
    ['hooks', omitEmptyList(r.hooks, hookJSON)],
    ['version', r.version !== 0 ? String(r.version) : undefined],
    ['namespace', omitEmptyString(r.namespace)],
  ]);
}

// ---- decoding: missing keys and nulls become Go's zero values, as json.Unmarshal leaves them.

type Obj = Record<string, unknown>;

export class ReleaseDecodeError extends Error {}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const asObj = (v: unknown): Obj | null => (isObj(v) ? v : null);
const asString = (v: unknown): string => (typeof v === 'string' ? v : '');
const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.map(asString) : []);
const asNumber = (v: unknown): number => (typeof v === 'number' ? v : 0);
const asBool = (v: unknown): boolean => v === true;
const asBytes = (v: unknown): Uint8Array | null => (typeof v === 'string' ? new Uint8Array(Buffer.from(v, 'base64')) : null);
const asMap = (v: unknown): GoMap | null => (isObj(v) ? (v as GoMap) : null);

function maintainerOf(v: unknown): ChartMaintainer {
  const o = asObj(v) ?? {};
  return { name: asString(o.name), email: asString(o.email), url: asString(o.url) };
}

function dependencyOf(v: unknown): ChartDependency {
  const o = asObj(v) ?? {};
  return {
    name: asString(o.name),
    version: asString(o.version),
    repository: asString(o.repository),
    condition: asString(o.condition),
    tags: asStrings(o.tags),
    enabled: asBool(o.enabled),
    importValues: Array.isArray(o['import-values']) ? (o['import-values'] as GoValue[]) : [],
    alias: asString(o.alias),
  };
}

function metadataOf(o: Obj): ChartMetadata {
  const annotations = asObj(o.annotations) ?? {};
  return {
    name: asString(o.name),
    home: asString(o.home),
    sources: asStrings(o.sources),
    version: asString(o.version),
    description: asString(o.description),
    keywords: asStrings(o.keywords),
    maintainers: Array.isArray(o.maintainers) ? o.maintainers.map(maintainerOf) : [],
    icon: asString(o.icon),
    apiVersion: asString(o.apiVersion),
    condition: asString(o.condition),
    tags: asString(o.tags),
    appVersion: asString(o.appVersion),
    deprecated: asBool(o.deprecated),
    annotations: Object.fromEntries(Object.entries(annotations).map(([k, x]) => [k, asString(x)])),
    kubeVersion: asString(o.kubeVersion),
    dependencies: Array.isArray(o.dependencies) ? o.dependencies.map(dependencyOf) : [],
    type: asString(o.type),
  };
}

const filesOf = (v: unknown): ReleaseFile[] | null =>
  Array.isArray(v) ? v.map((f) => ({ name: asString(asObj(f)?.name), data: asBytes(asObj(f)?.data) })) : null;

function chartOf(o: Obj): ReleaseChart {
  const metadata = asObj(o.metadata);
  const lock = asObj(o.lock);
  return {
    metadata: metadata && metadataOf(metadata),
    lock: lock && {
      generated: asString(lock.generated),
      digest: asString(lock.digest),
      dependencies: Array.isArray(lock.dependencies) ? lock.dependencies.map(dependencyOf) : null,
    },
    templates: filesOf(o.templates),
    values: asMap(o.values),
    schema: asBytes(o.schema),
    files: filesOf(o.files),
  };
}

function infoOf(o: Obj): ReleaseInfo {
  return {
    firstDeployed: asString(o.first_deployed),
    lastDeployed: asString(o.last_deployed),
    deleted: asString(o.deleted),
    description: asString(o.description),
    status: asString(o.status) as ReleaseStatus | '',
    notes: asString(o.notes),
  };
}

function hookOf(v: unknown): ReleaseHook {
  const o = asObj(v) ?? {};
  const run = asObj(o.last_run) ?? {};
  const lastRun: HookExecution = { startedAt: asString(run.started_at), completedAt: asString(run.completed_at), phase: asString(run.phase) as HookPhase | '' };
  return {
    name: asString(o.name),
    kind: asString(o.kind),
    path: asString(o.path),
    manifest: asString(o.manifest),
    events: asStrings(o.events),
    lastRun,
    weight: asNumber(o.weight),
    deletePolicies: asStrings(o.delete_policies),
    outputLogPolicies: asStrings(o.output_log_policies),
  };
}

/** json.Unmarshal into a release. Numbers in config and values come back as float64, as in helm. */
export function releaseFromJSON(text: string): Release {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ReleaseDecodeError(`release JSON is malformed: ${(err as Error).message}`);
  }
  const o = asObj(parsed);
  if (o === null) throw new ReleaseDecodeError('release JSON is not an object');
  const info = asObj(o.info);
  const chart = asObj(o.chart);
  return {
    name: asString(o.name),
    info: info && infoOf(info),
    chart: chart && chartOf(chart),
    config: asMap(o.config) ?? {},
    manifest: asString(o.manifest),
    hooks: Array.isArray(o.hooks) ? o.hooks.map(hookOf) : [],
    version: asNumber(o.version),
    namespace: asString(o.namespace),
    labels: {},
  };
}
