// Small JSON helpers shared by the drift check and the ignore rules.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Structural equality in the sense of apimachinery's semantic DeepEqual: a missing field, null, and an
 * empty map or list are the same thing, since the API server drops empty values inconsistently.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => semanticEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);
}

/** RFC 6901 pointer to its tokens ("~1" is "/", "~0" is "~"). "" is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`invalid JSON pointer "${pointer}": must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function getAt(doc: unknown, tokens: readonly string[]): unknown {
  let cur = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t];
    else return undefined;
  }
  return cur;
}

/** Removes the value at the pointer in place; returns whether anything was there. */
export function removeAt(doc: unknown, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return false;
  const parent = getAt(doc, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) return false;
    parent.splice(i, 1);
    return true;
  }
  if (isPlainObject(parent) && last in parent) {
    delete parent[last];
    return true;
  }
  return false;
}

/** Sets the value at the pointer in place, creating intermediate maps; returns false when a list index is missing. */
export function setAt(doc: unknown, tokens: readonly string[], value: unknown): boolean {
  if (tokens.length === 0) return false;
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t] ??= {};
    if (!isPlainObject(cur) && !Array.isArray(cur)) return false;
  }
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(cur)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= cur.length) return false;
    cur[i] = value;
    return true;
  }
  if (isPlainObject(cur)) {
    cur[last] = value;
    return true;
  }
  return false;
}

export { isPlainObject };
