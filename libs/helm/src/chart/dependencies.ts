// Helm's dependency processing before a render (chartutil.ProcessDependenciesWithMerge): subcharts
// renamed by alias, enabled or removed by tags and conditions, then import-values pulled up into each
// parent's values. It rewrites the chart tree in place, as Helm does.

import { parseConstraints, parseVersion, satisfies } from '../funcs/semver.ts';
import { coalesceTables, coalesceValues, deepCopy, mergeValues, pathValue, valuesTable } from '../values/coalesce.ts';
import { sprintf } from '../template/fmt.ts';
import { isMap, type GoMap, type GoValue } from '../template/values.ts';
import type { Chart, ChartDependency } from './types.ts';

/** chartutil.IsCompatibleRange: a version inside a semver range, by Masterminds' rules; an unreadable one never is. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  try {
    return satisfies(parseConstraints(constraint), parseVersion(version));
  } catch {
    return false;
  }
}

function aliasDependency(charts: readonly Chart[], dep: ChartDependency): Chart | undefined {
  for (const c of charts) {
    if (c.metadata.name !== dep.name || !isCompatibleRange(dep.version, c.metadata.version)) continue;
    const copy: Chart = { ...c, metadata: { ...c.metadata } };
    if (dep.alias !== '') copy.metadata.name = dep.alias;
    // Like Helm's shallow copy, the copy's subcharts still name the original as their parent.
    return copy;
  }
  return undefined;
}

function processTags(deps: readonly ChartDependency[], values: GoMap): void {
  const tags = valuesTable(values, 'tags');
  if (!tags) return;
  for (const d of deps) {
    let hasTrue = false;
    let hasFalse = false;
    for (const t of d.tags) {
      const b = tags[t];
      if (typeof b === 'boolean') {
        if (b) hasTrue = true;
        else hasFalse = true;
      }
    }
    d.enabled = hasTrue || !hasFalse;
  }
}

function processConditions(deps: readonly ChartDependency[], values: GoMap, path: string): void {
  for (const d of deps) {
    for (const c of d.condition.trim().split(',')) {
      if (c.length === 0) continue;
      const v = pathValue(values, path + c);
      if (typeof v === 'boolean') {
        d.enabled = v;
        break;
      }
    }
  }
}

function processEnabled(c: Chart, values: GoMap, path: string): void {
  if (c.metadata.dependencies.length === 0) return;
  const kept: Chart[] = [];
  // Subcharts that no Chart.yaml entry describes stay, as they are.
  for (const existing of c.dependencies) {
    const described = c.metadata.dependencies.some((req) => existing.metadata.name === req.name && isCompatibleRange(req.version, existing.metadata.version));
    if (!described) kept.push(existing);
  }
  for (const req of c.metadata.dependencies) {
    const found = aliasDependency(c.dependencies, req);
    if (found) kept.push(found);
    if (req.alias !== '') req.name = req.alias;
  }
  c.dependencies = kept;
  for (const req of c.metadata.dependencies) req.enabled = true;
  const cvals = coalesceValues(c, values);
  processTags(c.metadata.dependencies, cvals);
  processConditions(c.metadata.dependencies, cvals, path);
  const removed = new Set(c.metadata.dependencies.filter((r) => !r.enabled).map((r) => r.name));
  c.dependencies = c.dependencies.filter((d) => !removed.has(d.metadata.name));
  for (const sub of c.dependencies) processEnabled(sub, cvals, `${path}${sub.metadata.name}.`);
  c.metadata.dependencies = c.metadata.dependencies.filter((r) => !removed.has(r.name));
}

/** pathToMap: nests data under a dotted path; "." is the root. */
function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.') return data;
  const parts = path.split('.').filter((p) => p !== '');
  let out: GoMap = data;
  for (const p of parts.reverse()) out = { [p]: out };
  return out;
}

function processImportValues(c: Chart): void {
  if (c.metadata.dependencies.length === 0) return;
  const cvals = mergeValues(c, {});
  let b: GoMap = {};
  for (const r of c.metadata.dependencies) {
    const out: GoValue[] = [];
    for (const riv of r.importValues) {
      if (riv !== null && typeof riv === 'object' && isMap(riv)) {
        const child = sprintf('%v', [riv.child ?? null]);
        const parent = sprintf('%v', [riv.parent ?? null]);
        out.push({ child, parent });
        const table = valuesTable(cvals, `${r.name}.${child}`);
        if (!table) continue;
        b = coalesceTables(b, pathToMap(parent, deepCopy(table)), '', true);
      } else if (typeof riv === 'string') {
        const child = `exports.${riv}`;
        out.push({ child, parent: '.' });
        const table = valuesTable(cvals, `${r.name}.${child}`);
        if (!table) continue;
        b = coalesceTables(b, deepCopy(table), '', true);
      }
    }
    r.importValues = out;
  }
  // The parent's own values win over what it imports.
  c.values = coalesceTables(deepCopy(cvals), b, '', true);
}

function processImports(c: Chart): void {
  for (const d of c.dependencies) processImports(d);
  processImportValues(c);
}

/** Filters, renames and imports values across the chart tree, for the given user values. */
export function processDependencies(chart: Chart, values: GoMap): void {
  processEnabled(chart, values, '');
  processImports(chart);
}
