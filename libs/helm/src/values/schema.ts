// values.schema.json checks with the keywords charts use, reporting as helm v3.21.4 does (its
// validator is santhosh-tekuri/jsonschema v6): one "- at '<pointer>': <message>" line per failure, a
// subschema with several failures grouped under "validation failed", anyOf/oneOf/allOf with their
// branches' failures beneath. `format` is not asserted: helm asserts it only under an explicit
// draft-07 (or older) "$schema", which this validator does not model.

import { GoInt } from '../template/values.ts';

export interface SchemaError {
  at: string;
  message: string;
  causes: SchemaError[];
}

type Schema = boolean | { [keyword: string]: unknown };
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values as helm hands them to the validator: through JSON, so every Go integer is a number. */
export function toJsonValue(v: unknown): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoInt) return Number(v.value);
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (typeof v === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) out[k] = toJsonValue(x);
    return out;
  }
  return v as Json;
}

function jsonType(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

function typeMatches(v: Json, t: string): boolean {
  if (t === 'integer') return typeof v === 'number' && Number.isInteger(v);
  return jsonType(v) === t;
}

/** Numbers as the validator's English message printer writes them: thousands separated by commas. */
function num(n: number): string {
  const [whole, frac] = String(n).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+$)/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

const pointerPart = (s: string): string => s.replaceAll('~', '~0').replaceAll('/', '~1');
const quoted = (v: Json): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as Json[]).length && a.every((x, i) => deepEqual(x, (b as Json[])[i]!));
  const ka = Object.keys(a);
  const bo = b as { [key: string]: Json };
  return ka.length === Object.keys(bo).length && ka.every((k) => k in bo && deepEqual(a[k]!, bo[k]!));
}

/** One subschema's failures as its parent reports them: none, the single one, or a group. */
function collapse(errs: SchemaError[], at: string): SchemaError | undefined {
  if (errs.length === 0) return undefined;
  if (errs.length === 1) return errs[0];
  return { at, message: 'validation failed', causes: errs };
}

export class SchemaValidator {
  readonly #root: Schema;
  constructor(root: Schema) {
    this.#root = root;
  }

  validate(value: unknown): SchemaError[] {
    return this.#check(this.#root, toJsonValue(value), '');
  }

  #resolve(ref: string): Schema {
    if (!ref.startsWith('#')) throw new Error(`unsupported $ref ${JSON.stringify(ref)}: only references inside values.schema.json are followed`);
    let node: unknown = this.#root;
    for (const raw of ref.slice(1).split('/').slice(1)) {
      const part = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
      if (node === undefined) throw new Error(`$ref ${JSON.stringify(ref)} does not resolve`);
    }
    return node as Schema;
  }

  #check(schema: Schema, v: Json, at: string): SchemaError[] {
    if (schema === true) return [];
    if (schema === false) return [{ at, message: 'false schema', causes: [] }];
    const s = schema;
    const errs: SchemaError[] = [];
    const fail = (message: string): void => void errs.push({ at, message, causes: [] });

    if (s['type'] !== undefined) {
      const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
      // A number of integral value also counts as an integer, so `got` never says "integer".
      if (!types.some((t) => typeMatches(v, t))) return [{ at, message: `got ${jsonType(v)}, want ${[...types].sort().join(' or ')}`, causes: [] }];
    }
    if ('const' in s && !deepEqual(v, s['const'] as Json)) fail(`value must be ${quoted(s['const'] as Json)}`);
    if (Array.isArray(s['enum']) && !s['enum'].some((e) => deepEqual(v, e as Json))) fail(`value must be one of ${(s['enum'] as Json[]).map(quoted).join(', ')}`);

    if (typeof v === 'number') this.#number(s, v, fail);
    if (typeof v === 'string') this.#string(s, v, fail);
    if (Array.isArray(v)) this.#array(s, v, at, errs, fail);
    else if (v !== null && typeof v === 'object') this.#object(s, v, at, errs, fail);

    if (typeof s['$ref'] === 'string') {
      const e = collapse(this.#check(this.#resolve(s['$ref']), v, at), at);
      if (e) errs.push(e);
    }
    if (Array.isArray(s['allOf'])) {
      const causes = (s['allOf'] as Schema[]).flatMap((sub) => collapse(this.#check(sub, v, at), at) ?? []);
      if (causes.length > 0) errs.push({ at, message: "'allOf' failed", causes });
    }
    if (Array.isArray(s['anyOf'])) {
      const results = (s['anyOf'] as Schema[]).map((sub) => collapse(this.#check(sub, v, at), at));
      if (results.every((r) => r !== undefined)) errs.push({ at, message: "'anyOf' failed", causes: results as SchemaError[] });
    }
    if (Array.isArray(s['oneOf'])) {
      const results = (s['oneOf'] as Schema[]).map((sub) => collapse(this.#check(sub, v, at), at));
      const matched = results.flatMap((r, i) => (r === undefined ? [i] : []));
      if (matched.length === 0) errs.push({ at, message: "'oneOf' failed, none matched", causes: results as SchemaError[] });
      else if (matched.length > 1) fail(`'oneOf' failed, subschemas ${matched.join(', ')} matched`);
    }
    if (s['not'] !== undefined && this.#check(s['not'] as Schema, v, at).length === 0) fail("'not' failed");
    if (s['if'] !== undefined) {
      const branch = this.#check(s['if'] as Schema, v, at).length === 0 ? s['then'] : s['else'];
      if (branch !== undefined) {
        const e = collapse(this.#check(branch as Schema, v, at), at);
        if (e) errs.push(e);
      }
    }
    return errs;
  }

  /** A property or item: its failures, grouped when several, under its own location. */
  #child(errs: SchemaError[], schema: Schema, v: Json, at: string): void {
    const e = collapse(this.#check(schema, v, at), at);
    if (e) errs.push(e);
  }

  #number(s: Record<string, unknown>, v: number, fail: (m: string) => void): void {
    const limit = (kw: string, bad: (n: number) => boolean): void => {
      if (typeof s[kw] === 'number' && bad(s[kw])) fail(`${kw}: got ${num(v)}, want ${num(s[kw])}`);
    };
    limit('minimum', (n) => v < n);
    limit('maximum', (n) => v > n);
    limit('exclusiveMinimum', (n) => v <= n);
    limit('exclusiveMaximum', (n) => v >= n);
    const m = s['multipleOf'];
    if (typeof m === 'number' && !Number.isInteger(v / m)) fail(`${num(v)} not multipleOf ${num(m)}`);
  }

  #string(s: Record<string, unknown>, v: string, fail: (m: string) => void): void {
    // JSON Schema counts code points, not UTF-16 units.
    const length = [...v].length;
    if (typeof s['minLength'] === 'number' && length < s['minLength']) fail(`minLength: got ${num(length)}, want ${num(s['minLength'] as number)}`);
    if (typeof s['maxLength'] === 'number' && length > s['maxLength']) fail(`maxLength: got ${num(length)}, want ${num(s['maxLength'] as number)}`);
    if (typeof s['pattern'] === 'string' && !new RegExp(s['pattern'], 'u').test(v)) fail(`'${v}' does not match pattern '${s['pattern']}'`);
  }

  #array(s: Record<string, unknown>, v: Json[], at: string, errs: SchemaError[], fail: (m: string) => void): void {
    if (typeof s['minItems'] === 'number' && v.length < s['minItems']) fail(`minItems: got ${num(v.length)}, want ${num(s['minItems'] as number)}`);
    if (typeof s['maxItems'] === 'number' && v.length > s['maxItems']) fail(`maxItems: got ${num(v.length)}, want ${num(s['maxItems'] as number)}`);
    if (s['uniqueItems'] === true) {
      outer: for (let i = 0; i < v.length; i++) {
        for (let j = i + 1; j < v.length; j++) {
          if (deepEqual(v[i]!, v[j]!)) {
            fail(`items at ${i} and ${j} are equal`);
            break outer;
          }
        }
      }
    }
    const items = s['items'];
    const prefix = Array.isArray(s['prefixItems']) ? (s['prefixItems'] as Schema[]) : Array.isArray(items) ? (items as Schema[]) : [];
    const rest = Array.isArray(items) ? s['additionalItems'] : items;
    v.forEach((x, i) => {
      const sub = i < prefix.length ? prefix[i] : (rest as Schema | undefined);
      if (sub !== undefined) this.#child(errs, sub, x, `${at}/${i}`);
    });
  }

  #object(s: Record<string, unknown>, v: { [key: string]: Json }, at: string, errs: SchemaError[], fail: (m: string) => void): void {
    const keys = Object.keys(v);
    if (typeof s['minProperties'] === 'number' && keys.length < s['minProperties']) fail(`minProperties: got ${num(keys.length)}, want ${num(s['minProperties'] as number)}`);
    if (typeof s['maxProperties'] === 'number' && keys.length > s['maxProperties']) fail(`maxProperties: got ${num(keys.length)}, want ${num(s['maxProperties'] as number)}`);
    if (Array.isArray(s['required'])) {
      const missing = (s['required'] as string[]).filter((k) => !(k in v));
      if (missing.length > 0) fail(`missing propert${missing.length === 1 ? 'y' : 'ies'} ${missing.map((k) => `'${k}'`).join(', ')}`);
    }
    const props = (s['properties'] ?? {}) as Record<string, Schema>;
    const patterns = Object.entries((s['patternProperties'] ?? {}) as Record<string, Schema>).map(([p, sub]) => [new RegExp(p, 'u'), sub] as const);
    const extra: string[] = [];
    for (const [k, x] of Object.entries(v)) {
      const where = `${at}/${pointerPart(k)}`;
      let known = false;
      if (Object.hasOwn(props, k)) {
        known = true;
        this.#child(errs, props[k]!, x, where);
      }
      for (const [re, sub] of patterns) {
        if (re.test(k)) {
          known = true;
          this.#child(errs, sub, x, where);
        }
      }
      if (!known) extra.push(k);
    }
    const additional = s['additionalProperties'];
    if (additional === false && extra.length > 0) fail(`additional properties ${extra.map((k) => `'${k}'`).join(', ')} not allowed`);
    else if (additional !== undefined && additional !== true && additional !== false) {
      for (const k of extra) this.#child(errs, additional as Schema, v[k]!, `${at}/${pointerPart(k)}`);
    }
  }
}
