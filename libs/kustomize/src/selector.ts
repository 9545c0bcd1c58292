import { BuildError, BuildErrorCode } from './errors.ts';
import type { Selector } from './kustomization.ts';
import { allNames, groupVersionOf, isClusterScoped, kindOf, metadata, type Resource } from './resource.ts';

/** A compiled patch/replica target: kustomize anchors every field as a whole-string regular expression. */
export function compileSelector(sel: Selector, where: { file?: string; field?: string }): (res: Resource) => boolean {
  const re = (v: string | undefined): RegExp | undefined => {
    if (!v) return undefined;
    try {
      return new RegExp(`^(?:${v})$`);
    } catch (err) {
      throw new BuildError(BuildErrorCode.InvalidPatch, `invalid selector regex "${v}": ${(err as Error).message}`, where);
    }
  };
  const group = re(sel.group);
  const version = re(sel.version);
  const kind = re(sel.kind);
  const name = re(sel.name);
  const namespace = re(sel.namespace);
  const labels = sel.labelSelector ? parseLabelSelector(sel.labelSelector, where) : undefined;
  const annotations = sel.annotationSelector ? parseLabelSelector(sel.annotationSelector, where) : undefined;
  return (res) => {
    const gv = groupVersionOf(res.obj);
    if (group && !group.test(gv.group)) return false;
    if (version && !version.test(gv.version)) return false;
    if (kind && !kind.test(kindOf(res.obj))) return false;
    // Name and namespace may match the current value or any earlier one, so an overlay can target a base
    // object by the name it was written with.
    const names = allNames(res);
    if (name && !names.some((n) => name.test(n.name))) return false;
    if (namespace) {
      const effective = (ns: string): string => (isClusterScoped(res.obj) ? '' : ns || 'default');
      if (!names.some((n) => namespace.test(effective(n.namespace)))) return false;
    }
    if (labels && !labels(stringRecord(metadata(res.obj)['labels']))) return false;
    if (annotations && !annotations(stringRecord(metadata(res.obj)['annotations']))) return false;
    return true;
  };
}

function stringRecord(value: unknown): Record<string, string> {
  return value && typeof value === 'object' ? (value as Record<string, string>) : {};
}

/** Kubernetes label-selector syntax: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x)`. */
export function parseLabelSelector(text: string, where: { file?: string; field?: string } = {}): (labels: Record<string, string>) => boolean {
  const terms: ((l: Record<string, string>) => boolean)[] = [];
  for (const raw of splitTerms(text)) {
    const term = raw.trim();
    if (!term) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term))) {
      const [, key, op, list] = m as unknown as [string, string, string, string];
      const values = new Set(list.split(',').map((v) => v.trim()));
      terms.push(op === 'in' ? (l) => key in l && values.has(l[key]!) : (l) => !(key in l) || !values.has(l[key]!));
    } else if ((m = /^([^\s!=]+)\s*(==|=|!=)\s*([^\s]*)$/.exec(term))) {
      const [, key, op, value] = m as unknown as [string, string, string, string];
      terms.push(op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value);
    } else if ((m = /^!\s*([^\s!=]+)$/.exec(term))) {
      const key = m[1]!;
      terms.push((l) => !(key in l));
    } else if (/^[^\s!=(),]+$/.test(term)) {
      terms.push((l) => term in l);
    } else {
      throw new BuildError(BuildErrorCode.InvalidPatch, `invalid label selector "${text}"`, where);
    }
  }
  return (labels) => terms.every((t) => t(labels));
}

/** Splits at commas outside parentheses. */
function splitTerms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}
