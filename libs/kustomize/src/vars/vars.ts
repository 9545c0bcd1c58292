import { BuildError, BuildErrorCode } from '../errors.ts';
import { updateField, type FieldSpec } from '../fieldspec.ts';
import { allNames, groupVersionOf, isClusterScoped, kindOf, sameNamespace, type Resource } from '../resource.ts';
import { lookup, splitFieldPath } from '../transformers/replacements.ts';
import { expandVars, type VarValue } from './expand.ts';

type Where = { file?: string; field?: string };

/** A legacy `vars:` entry after defaulting: the object it names and the field whose value it takes. */
export interface Var {
  name: string;
  group: string;
  version: string;
  kind: string;
  objName: string;
  namespace: string;
  fieldPath: string;
}

/** Vars by name, in the order they were declared. */
export type VarSet = Map<string, Var>;

/** kustomize's rendering of a var in its messages: `'{NAME Kind.version.group {fieldPath}}'`. */
const describe = (v: Var): string => `'{${v.name} ${v.kind}.${v.version || '[noVer]'}.${v.group || '[noGrp]'} {${v.fieldPath}}}'`;

/** Go's JSON decoder matches field names case-insensitively, so `fieldRef.fieldPath` works as well as `fieldref.fieldpath`. */
function field(map: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(map).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : map[key];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Reads the `vars:` field, defaulting the field path to metadata.name and splitting objref.apiVersion. */
export function parseVars(raw: unknown, where: Where): Var[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw new BuildError(BuildErrorCode.InvalidKustomization, 'vars must be a list', where);
  return raw.map((entry, i) => {
    const w = { ...where, field: `vars[${i}]` };
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new BuildError(BuildErrorCode.InvalidKustomization, 'a var must be a map', w);
    const e = entry as Record<string, unknown>;
    const name = str(field(e, 'name'));
    const objref = (field(e, 'objref') ?? {}) as Record<string, unknown>;
    const fieldref = (field(e, 'fieldref') ?? {}) as Record<string, unknown>;
    let group = str(field(objref, 'group'));
    let version = str(field(objref, 'version'));
    const apiVersion = str(field(objref, 'apiVersion'));
    if (apiVersion) {
      const parts = apiVersion.split('/');
      if (parts.length === 2) [group, version] = parts as [string, string];
      else if (parts.length === 1) version = parts[0]!;
    }
    return {
      name, group, version, kind: str(field(objref, 'kind')), objName: str(field(objref, 'name')),
      namespace: str(field(objref, 'namespace')), fieldPath: str(field(fieldref, 'fieldPath')) || 'metadata.name',
    };
  });
}

/** Adds vars to a set; a name may be declared once in a whole build, even with the same target. */
export function mergeVars(into: VarSet, add: Iterable<Var>, where: Where): void {
  for (const v of add) {
    if (into.has(v.name)) throw new BuildError(BuildErrorCode.InvalidKustomization, `var '${v.name}' already encountered`, where);
    into.set(v.name, v);
  }
}

/**
 * kustomize's MergeVars: each var declared by a kustomization is pinned, at the end of that
 * kustomization, to the one object it names (by any of its names so far), so later renames do not
 * lose it. Matching is on exact group, version and kind; the namespace counts only when given.
 */
export function pinVars(resources: readonly Resource[], vars: readonly Var[], into: VarSet, where: Where): void {
  for (const v of vars) {
    const clusterScoped = isClusterScoped({ apiVersion: v.group ? `${v.group}/${v.version}` : v.version, kind: v.kind });
    const matched = resources.filter((res) => {
      const gv = groupVersionOf(res.obj);
      if (gv.group !== v.group || gv.version !== v.version || kindOf(res.obj) !== v.kind) return false;
      return allNames(res).some((n) => n.name === v.objName && (
        !(v.namespace || clusterScoped) || (clusterScoped ? isClusterScoped(res.obj) : !isClusterScoped(res.obj) && sameNamespace(n.namespace, v.namespace))
      ));
    });
    if (matched.length > 1) {
      throw new BuildError(BuildErrorCode.InvalidKustomization, `found ${matched.length} resId matches for var ${describe(v)} (unable to disambiguate)`, where);
    }
    const [hit] = matched;
    if (hit) (hit.varNames ??= []).push(v.name);
  }
  mergeVars(into, vars, where);
}

/** The value a var's field path points at, as kustomize reads it: a path step may be `ports[0]` or `[name=x]`. */
function fieldValue(res: Resource, path: string): unknown {
  const steps = splitFieldPath(path).flatMap((step) => {
    if (step.startsWith('[') && step.endsWith(']') && !step.includes('=')) return [step.slice(1, -1)];
    const m = /^(.*)\[(\d+)\]$/.exec(step);
    if (!m) return [step];
    return m[1] ? [m[1], m[2]!] : [m[2]!];
  });
  return lookup(res.obj, steps);
}

/**
 * Resolves every var against the final objects and replaces `$(NAME)` in the varReference fields.
 * A var whose object is gone, or whose field is missing, fails the build as it does in kustomize.
 */
export function resolveVars(resources: readonly Resource[], vars: VarSet, specs: readonly FieldSpec[]): void {
  if (vars.size === 0) return;
  const values = new Map<string, unknown>();
  for (const v of vars.values()) {
    const res = resources.find((r) => r.varNames?.includes(v.name));
    if (!res) throw new BuildError(BuildErrorCode.InvalidKustomization, `var ${describe(v)} cannot be mapped to a field in the set of known resources`);
    const value = fieldValue(res, v.fieldPath);
    if (value === undefined) throw new BuildError(BuildErrorCode.InvalidKustomization, `field specified in var ${describe(v)} not found in corresponding resource`);
    values.set(v.name, value === null ? 'null' : value);
  }
  const lookupVar = (name: string): VarValue | undefined => {
    const v = values.get(name);
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
  };
  const expand = (value: unknown): unknown => (typeof value === 'string' ? expandVars(value, lookupVar) : value);
  for (const res of resources) {
    for (const spec of specs) {
      updateField(res.obj, spec, (value) => {
        if (typeof value === 'string') return expand(value);
        if (Array.isArray(value)) {
          return value.map((item) => {
            if (typeof item !== 'string') {
              throw new BuildError(BuildErrorCode.InvalidResource, `${kindOf(res.obj)} ${String((res.obj['metadata'] as Record<string, unknown>)?.['name'])}: ${spec.path}: a list that takes vars may hold only strings`);
            }
            return expand(item);
          });
        }
        if (value && typeof value === 'object') {
          const map = value as Record<string, unknown>;
          for (const key of Object.keys(map)) map[key] = expand(map[key]);
        }
        return value;
      });
    }
  }
}
