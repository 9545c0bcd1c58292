import type { KubeObject } from '@conflux/runtime';
import { getAt, parsePointer, removeAt, semanticEqual, setAt } from './json.ts';
import { ownedByOtherApplier } from './managed-fields.ts';
import { splitApiVersion } from './object-ref.ts';

/** spec.ignore[]: JSON pointers whose drift is tolerated, on the objects the target selects (all when absent). */
export interface IgnoreRule {
  paths: string[];
  target?: IgnoreTarget;
}

/** group, version, kind, name and namespace are regular expressions; the selectors use Kubernetes syntax. */
export interface IgnoreTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** The pointers (as token lists) that apply to an object. Selectors are matched against the dry-run result, as upstream. */
export function ignoredPaths(rules: readonly IgnoreRule[] | undefined, o: KubeObject): string[][] {
  return (rules ?? []).filter((r) => !r.target || targetMatches(r.target, o)).flatMap((r) => r.paths.map(parsePointer));
}

export function withoutPaths(o: KubeObject, paths: readonly string[][]): KubeObject {
  if (paths.length === 0) return o;
  const copy = structuredClone(o);
  for (const p of paths) removeAt(copy, p);
  return copy;
}

/**
 * Rewrites an apply payload so that it leaves ignored fields as they are in the cluster. Where the live value
 * differs, the field is dropped from the payload when another server-side applier owns it (so we do not take
 * it over), and otherwise the live value is copied in (so our apply does not undo it).
 */
export function preserveIgnored(payload: KubeObject, existing: KubeObject | undefined, paths: readonly string[][], fieldManager: string): KubeObject {
  if (!existing || paths.length === 0) return payload;
  const out = structuredClone(payload);
  for (const p of paths) {
    const live = getAt(existing, p);
    if (semanticEqual(getAt(out, p), live)) continue;
    if (live === undefined || ownedByOtherApplier(existing, fieldManager, p)) removeAt(out, p);
    else setAt(out, p, structuredClone(live));
  }
  return out;
}

function targetMatches(t: IgnoreTarget, o: KubeObject): boolean {
  const { group, version } = splitApiVersion(o.apiVersion ?? '');
  const fields: Array<[string | undefined, string]> = [
    [t.group, group],
    [t.version, version],
    [t.kind, o.kind ?? ''],
    [t.name, o.metadata.name],
    [t.namespace, o.metadata.namespace ?? ''],
  ];
  if (!fields.every(([pattern, value]) => !pattern || new RegExp(`^(?:${pattern})$`).test(value))) return false;
  if (t.labelSelector && !selectorMatches(t.labelSelector, o.metadata.labels ?? {})) return false;
  return !t.annotationSelector || selectorMatches(t.annotationSelector, o.metadata.annotations ?? {});
}

/** Kubernetes label-selector syntax: a=b, a==b, a!=b, a in (x,y), a notin (x), a, !a; comma-separated, all must hold. */
export function selectorMatches(selector: string, labels: Record<string, string>): boolean {
  return splitRequirements(selector).every((req) => requirementMatches(req, labels));
}

function splitRequirements(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out.filter(Boolean);
}

function requirementMatches(req: string, labels: Record<string, string>): boolean {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(req);
  if (set) {
    const values = set[3]!.split(',').map((v) => v.trim());
    const has = set[1]! in labels && values.includes(labels[set[1]!]!);
    return set[2] === 'in' ? has : !has;
  }
  const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(req);
  if (cmp) {
    const equal = labels[cmp[1]!] === cmp[3]!.trim();
    return cmp[2] === '!=' ? !equal : equal;
  }
  if (req.startsWith('!')) return !(req.slice(1).trim() in labels);
  return req in labels;
}
