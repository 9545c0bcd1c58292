// Helm's value coalescing (pkg/chartutil/coalesce.go). User values win over chart defaults; a null
// deletes the default (when coalescing, not when merging); maps merge recursively; anything else
// replaces. Each subchart gets its own table plus the parent's `global`. Key order never matters:
// templates see maps in sorted order.

import { isMap, type GoMap, type GoValue } from '../template/values.ts';

/** The subset of a chart that coalescing reads. */
export interface ValuesChart {
  metadata: { name: string };
  values: GoMap;
  dependencies: readonly ValuesChart[];
}

export type Warn = (message: string) => void;

const globalKey = 'global';

const isTable = (v: GoValue | undefined): v is GoMap => v !== undefined && isMap(v);

/** A deep copy of maps and lists; scalars and Go structs are shared. */
export function deepCopy<T extends GoValue>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (isTable(v)) {
    const out: GoMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepCopy(x);
    return out as T;
  }
  return v;
}

const concatPrefix = (a: string, b: string): string => (a === '' ? b : `${a}.${b}`);

/** CoalesceValues: the chart's defaults (and its subcharts') under a copy of the user values. */
export function coalesceValues(chart: ValuesChart, user: GoMap, warn: Warn = () => {}): GoMap {
  return coalesce(chart, deepCopy(user), '', false, warn);
}

/** MergeValues: as coalesceValues, but nulls are kept rather than deleting defaults. */
export function mergeValues(chart: ValuesChart, user: GoMap, warn: Warn = () => {}): GoMap {
  return coalesce(chart, deepCopy(user), '', true, warn);
}

function coalesce(chart: ValuesChart, dest: GoMap, prefix: string, merge: boolean, warn: Warn): GoMap {
  coalesceChartValues(chart, dest, prefix, merge, warn);
  return coalesceDeps(chart, dest, prefix, merge, warn);
}

function coalesceDeps(chart: ValuesChart, dest: GoMap, prefix: string, merge: boolean, warn: Warn): GoMap {
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    if (!Object.hasOwn(dest, name)) dest[name] = {};
    else if (!isTable(dest[name])) throw new Error(`type mismatch on ${name}: %!t(${typeof dest[name]}=${String(dest[name])})`);
    const table = dest[name] as GoMap;
    const subPrefix = concatPrefix(prefix, chart.metadata.name);
    coalesceGlobals(table, dest, subPrefix, warn);
    dest[name] = coalesce(sub, table, subPrefix, merge, warn);
  }
  return dest;
}

/** Copies the parent's globals into a subchart's table: parent scalars win, maps merge top-down. */
function coalesceGlobals(dest: GoMap, src: GoMap, prefix: string, warn: Warn): void {
  let dg: GoMap;
  let sg: GoMap;
  if (!Object.hasOwn(dest, globalKey)) dg = {};
  else if (isTable(dest[globalKey])) dg = dest[globalKey];
  else return warn(`warning: skipping globals because destination ${globalKey} is not a table.`);
  if (!Object.hasOwn(src, globalKey)) sg = {};
  else if (isTable(src[globalKey])) sg = src[globalKey];
  else return warn(`warning: skipping globals because source ${globalKey} is not a table.`);
  for (const [key, val] of Object.entries(sg)) {
    if (isTable(val)) {
      const vv = deepCopy(val);
      if (!Object.hasOwn(dg, key)) dg[key] = vv;
      else if (!isTable(dg[key])) warn(`Conflict: cannot merge map onto non-map for ${JSON.stringify(key)}. Skipping.`);
      else {
        coalesceTables(vv, dg[key], concatPrefix(prefix, key), true, warn);
        dg[key] = vv;
      }
    } else if (isTable(dg[key])) {
      warn(`key ${key} is table. Skipping`);
    } else {
      dg[key] = val;
    }
  }
  dest[globalKey] = dg;
}

function coalesceChartValues(chart: ValuesChart, v: GoMap, prefix: string, merge: boolean, warn: Warn): void {
  const subPrefix = concatPrefix(prefix, chart.metadata.name);
  const defaults = deepCopy(chart.values);
  for (const [key, val] of Object.entries(defaults)) {
    if (!Object.hasOwn(v, key)) {
      v[key] = val;
      continue;
    }
    const value = v[key]!;
    if (value === null && !merge) {
      delete v[key];
    } else if (isTable(value)) {
      if (!isTable(val)) {
        if (val !== null) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
      } else {
        const childMerge = chart.dependencies.some((d) => d.metadata.name === key) || merge;
        coalesceTables(value, val, concatPrefix(subPrefix, key), childMerge, warn);
      }
    }
  }
}

/** coalesceTablesFullKey: dst wins over src; returns dst. */
export function coalesceTables(dst: GoMap, src: GoMap, prefix: string, merge: boolean, warn: Warn = () => {}): GoMap {
  for (const [key, val] of Object.entries(dst)) if (val === null) src[key] = null;
  for (const [key, val] of Object.entries(src)) {
    const fullKey = concatPrefix(prefix, key);
    const has = Object.hasOwn(dst, key);
    const dv = dst[key];
    if (has && !merge && dv === null) delete dst[key];
    else if (!has) dst[key] = val;
    else if (isTable(val)) {
      if (isTable(dv)) coalesceTables(dv, val, fullKey, merge, warn);
      else warn(`warning: cannot overwrite table with non table for ${fullKey} (${String(val)})`);
    } else if (isTable(dv) && val !== null) {
      warn(`warning: destination for ${fullKey} is a table. Ignoring non-table value (${String(val)})`);
    }
  }
  return dst;
}

/** Helm's mergeMaps for -f files and --set results: later maps win; nested maps merge. */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const existing = out[k];
    out[k] = isTable(v) && isTable(existing) ? mergeMaps(existing, v) : v;
  }
  return out;
}

/** Values.Table: the map at a dotted path, or undefined. */
export function valuesTable(values: GoMap, path: string): GoMap | undefined {
  let t: GoValue = values;
  for (const part of path.split('.')) {
    if (!isTable(t) || !isTable(t[part])) return undefined;
    t = t[part];
  }
  return t as GoMap;
}

/** Values.PathValue: a non-table value at a dotted path, or undefined. */
export function pathValue(values: GoMap, path: string): GoValue | undefined {
  const parts = path.split('.');
  const key = parts.pop()!;
  const table = parts.length === 0 ? values : valuesTable(values, parts.join('.'));
  if (!table || !Object.hasOwn(table, key) || isTable(table[key])) return undefined;
  return table[key];
}
