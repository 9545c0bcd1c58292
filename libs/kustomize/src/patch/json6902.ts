import { BuildError, BuildErrorCode } from '../errors.ts';

export interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

type Where = { file?: string; field?: string };

function pointer(path: string, where: Where): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new BuildError(BuildErrorCode.InvalidPatch, `JSON pointer "${path}" must start with "/"`, where);
  return path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function fail(op: JsonPatchOp, why: string, where: Where): never {
  throw new BuildError(BuildErrorCode.InvalidPatch, `${op.op} operation on "${op.path}" does not apply: ${why}`, where);
}

function parentOf(doc: unknown, tokens: string[], op: JsonPatchOp, where: Where): unknown {
  let node = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(t, node.length - 1, op, where)];
    else if (node && typeof node === 'object' && t in node) node = (node as Record<string, unknown>)[t];
    else fail(op, `doc is missing path "${op.path}"`, where);
    if (node === undefined) fail(op, `doc is missing path "${op.path}"`, where);
  }
  return node;
}

function arrayIndex(token: string, max: number, op: JsonPatchOp, where: Where): number {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) fail(op, `"${token}" is not an array index`, where);
  const i = Number(token);
  if (i > max) fail(op, `index ${i} is out of range`, where);
  return i;
}

function get(doc: unknown, path: string, op: JsonPatchOp, where: Where): unknown {
  const tokens = pointer(path, where);
  if (tokens.length === 0) return doc;
  const parent = parentOf(doc, tokens, op, where);
  const last = tokens.at(-1)!;
  if (Array.isArray(parent)) return parent[arrayIndex(last, parent.length - 1, op, where)];
  if (parent && typeof parent === 'object' && last in parent) return (parent as Record<string, unknown>)[last];
  return fail(op, `doc is missing key "${path}"`, where);
}

function remove(doc: unknown, path: string, op: JsonPatchOp, where: Where): unknown {
  const tokens = pointer(path, where);
  const parent = parentOf(doc, tokens, op, where);
  const last = tokens.at(-1)!;
  if (Array.isArray(parent)) return parent.splice(arrayIndex(last, parent.length - 1, op, where), 1)[0];
  if (!parent || typeof parent !== 'object' || !(last in parent)) fail(op, `doc is missing key "${path}"`, where);
  const value = (parent as Record<string, unknown>)[last];
  delete (parent as Record<string, unknown>)[last];
  return value;
}

function add(doc: unknown, path: string, value: unknown, op: JsonPatchOp, where: Where, replace: boolean): void {
  const tokens = pointer(path, where);
  if (tokens.length === 0) fail(op, 'the whole document cannot be replaced', where);
  const parent = parentOf(doc, tokens, op, where);
  const last = tokens.at(-1)!;
  if (Array.isArray(parent)) {
    if (replace) parent[arrayIndex(last, parent.length - 1, op, where)] = value;
    else if (last === '-') parent.push(value);
    else parent.splice(arrayIndex(last, parent.length, op, where), 0, value);
    return;
  }
  if (!parent || typeof parent !== 'object') fail(op, `doc is missing path "${path}"`, where);
  // kustomize's JSON patch library lets `replace` create a missing map key, like `add`.
  (parent as Record<string, unknown>)[last] = value;
}

/** Applies RFC 6902 operations in order to `doc`, in place. */
export function applyJsonPatch(doc: Record<string, unknown>, ops: readonly JsonPatchOp[], where: Where): void {
  for (const op of ops) {
    const clone = (v: unknown): unknown => structuredClone(v);
    switch (op.op) {
      case 'add':
        add(doc, op.path, clone(op.value), op, where, false);
        break;
      case 'remove':
        remove(doc, op.path, op, where);
        break;
      case 'replace':
        add(doc, op.path, clone(op.value), op, where, true);
        break;
      case 'move': {
        const value = remove(doc, op.from ?? '', op, where);
        add(doc, op.path, value, op, where, false);
        break;
      }
      case 'copy':
        add(doc, op.path, clone(get(doc, op.from ?? '', op, where)), op, where, false);
        break;
      case 'test':
        if (JSON.stringify(get(doc, op.path, op, where)) !== JSON.stringify(op.value)) fail(op, 'testing value failed', where);
        break;
      default:
        throw new BuildError(BuildErrorCode.InvalidPatch, `unknown JSON patch operation "${op.op}"`, where);
    }
  }
}
