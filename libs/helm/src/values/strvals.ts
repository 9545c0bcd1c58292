// Helm's --set parser (pkg/strvals): `a.b=c,d[0]=e,f={x,y}`, with `\` escaping any rune in keys and
// values. Values are typed as helm does: true/false/null, base-10 integers without a leading zero as
// int64, everything else (floats included) a string. --set-string keeps every value a string,
// --set-file reads each value as a path, and --set-json decodes one JSON value after each `=`.

import { decodeJSONPrefix } from '../funcs/gojson.ts';
import { GoInt, isMap, type GoMap, type GoValue } from '../template/values.ts';

/** Turns the text after `=` into the value stored (strvals' RunesValueReader). */
export type ValueReader = (text: string) => GoValue;

/** Helm caps list indexes and key nesting to stop hostile input from exhausting memory. */
const maxIndex = 65536;
const maxNestedNameLevel = 30;

class EOF extends Error {}
class NotList extends Error {}

class Scanner {
  readonly runes: string[];
  at = 0;
  constructor(s: string) {
    this.runes = [...s];
  }
  read(): string | undefined {
    return this.at < this.runes.length ? this.runes[this.at++] : undefined;
  }
  unread(): void {
    this.at--;
  }
  rest(): string {
    return this.runes.slice(this.at).join('');
  }
  skip(text: string): void {
    this.at += [...text].length;
  }
}

/** Reads until a stop rune; returns the text, the stop rune (undefined at the end). */
function runesUntil(sc: Scanner, stop: string): [string, string | undefined] {
  let v = '';
  for (;;) {
    const r = sc.read();
    if (r === undefined) return [v, undefined];
    if (stop.includes(r)) return [v, r];
    if (r === '\\') {
      const next = sc.read();
      if (next === undefined) return [v, undefined];
      v += next;
    } else v += r;
  }
}

function typedValue(v: string, asString: boolean): GoValue {
  if (asString) return v;
  const lower = v.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (v === '0') return new GoInt('int64', 0n);
  if (v !== '' && v[0] !== '0' && /^[+-]?\d+$/.test(v)) {
    const n = BigInt(v);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return new GoInt('int64', n);
  }
  return v;
}

class Parser {
  readonly sc: Scanner;
  readonly reader: ValueReader;
  readonly json: boolean;
  constructor(text: string, reader: ValueReader, json = false) {
    this.sc = new Scanner(text);
    this.reader = reader;
    this.json = json;
  }

  /** After '=' in --set-json: nothing (up to a comma) is null, else one JSON value and a comma. */
  jsonValue(): GoValue {
    if (this.emptyVal()) return null;
    const { value, length } = decodeJSONPrefix(this.sc.rest());
    this.sc.skip(this.sc.rest().slice(0, length));
    this.emptyVal();
    return value;
  }

  /** Consumes blanks up to a comma or the end (an empty value) or stops before anything else. */
  emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === undefined || r === ',') return true;
      if (!/^\s$/u.test(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  key(data: GoMap, level: number): void {
    const [k, last] = runesUntil(this.sc, '=[,.');
    if (last === undefined) {
      if (k.length === 0) throw new EOF();
      throw new Error(`key ${JSON.stringify(k)} has no value`);
    }
    if (last === '[') {
      const i = this.keyIndex();
      const existing = data[k];
      const list = Array.isArray(existing) ? existing : [];
      let result: GoValue[] = list;
      try {
        result = this.listItem(list, i, level);
      } finally {
        if (k !== '') data[k] = result;
      }
      return;
    }
    if (last === '=') {
      if (this.json) {
        const v = this.jsonValue();
        if (k !== '') data[k] = v;
        return;
      }
      this.assign((v) => {
        if (k !== '') data[k] = v;
      });
      return;
    }
    if (last === ',') {
      if (k !== '') data[k] = '';
      throw new Error(`key ${JSON.stringify(k)} has no value (cannot end with ,)`);
    }
    // last === '.'
    if (level + 1 > maxNestedNameLevel) {
      throw new Error(`value name nested level is greater than maximum supported nested level of ${maxNestedNameLevel}`);
    }
    const existing = data[k];
    const inner: GoMap = existing !== undefined && isMap(existing) ? existing : {};
    let error: unknown;
    try {
      this.key(inner, level + 1);
    } catch (err) {
      error = err;
    }
    if (error === undefined && Object.keys(inner).length === 0) throw new Error(`key map ${JSON.stringify(k)} has no value`);
    if (Object.keys(inner).length !== 0 && k !== '') data[k] = inner;
    if (error !== undefined) throw error;
  }

  /** After '=': a `{a,b}` list or a single value; EOF right after '=' sets "". */
  assign(set: (v: GoValue) => void): void {
    let list: GoValue[];
    try {
      list = this.valList();
    } catch (err) {
      if (err instanceof EOF) {
        set('');
        throw err;
      }
      if (!(err instanceof NotList)) throw err;
      // The value ends at a comma or the end; either way the next key() call finds what follows.
      const [text] = runesUntil(this.sc, ',');
      set(this.reader(text));
      return;
    }
    set(list);
  }

  keyIndex(): number {
    const [v, last] = runesUntil(this.sc, ']');
    if (last === undefined) throw new Error('error parsing index: EOF');
    if (!/^[+-]?\d+$/.test(v)) throw new Error(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    return Number(v);
  }

  listItem(list: GoValue[], i: number, level: number): GoValue[] {
    if (i < 0) throw new Error(`negative ${i} index not allowed`);
    const [k, last] = runesUntil(this.sc, '[.=');
    if (k.length > 0) throw new Error(`unexpected data at end of array index: ${JSON.stringify(k)}`);
    if (last === undefined) throw new EOF();
    if (last === '=' && this.json) return setIndex(list, i, this.jsonValue());
    if (last === '=') {
      let out = list;
      try {
        this.assign((v) => {
          out = setIndex(list, i, v);
        });
      } catch (err) {
        if (!(err instanceof EOF)) throw err;
      }
      return out;
    }
    if (last === '[') {
      const next = this.keyIndex();
      const existing = list.length > i ? list[i] : undefined;
      const inner = Array.isArray(existing) ? existing : [];
      return setIndex(list, i, this.listItem(inner, next, level));
    }
    // last === '.'
    let inner: GoMap = {};
    if (list.length > i) {
      const existing = list[i];
      if (existing !== undefined && existing !== null && isMap(existing)) inner = existing;
      else list[i] = inner;
    }
    this.key(inner, level);
    return setIndex(list, i, inner);
  }

  valList(): GoValue[] {
    const r = this.sc.read();
    if (r === undefined) throw new EOF();
    if (r !== '{') {
      this.sc.unread();
      throw new NotList();
    }
    const list: GoValue[] = [];
    for (;;) {
      const [rs, last] = runesUntil(this.sc, ',}');
      if (last === undefined) throw new Error("list must terminate with '}'");
      list.push(this.reader(rs));
      if (last === '}') {
        const next = this.sc.read();
        if (next !== undefined && next !== ',') this.sc.unread();
        return list;
      }
    }
  }
}

function setIndex(list: GoValue[], index: number, val: GoValue): GoValue[] {
  if (index < 0) throw new Error(`negative ${index} index not allowed`);
  if (index > maxIndex) throw new Error(`index of ${index} is greater than maximum supported index of ${maxIndex}`);
  while (list.length <= index) list.push(null);
  list[index] = val;
  return list;
}

export interface SetOptions {
  /** --set-string: every value stays a string. */
  asString?: boolean;
  /** --set-file: each value is a path, and this reads it. */
  reader?: ValueReader;
  /** --set-json: each value is JSON. */
  json?: boolean;
}

/** strvals.ParseInto (and ParseIntoString, ParseIntoFile, ParseJSON): applies one expression to `dest` in place. */
export function parseSetInto(expression: string, dest: GoMap, options: SetOptions = {}): GoMap {
  const asString = options.asString ?? false;
  const p = new Parser(expression, options.reader ?? ((text) => typedValue(text, asString)), options.json);
  try {
    for (;;) p.key(dest, 0);
  } catch (err) {
    if (!(err instanceof EOF)) throw err;
  }
  return dest;
}

/** strvals.Parse: one --set expression as a fresh map. */
export function parseSet(expression: string, options: SetOptions = {}): GoMap {
  return parseSetInto(expression, {}, options);
}

/**
 * strvals.ParseLiteralInto (--set-literal): the key path as in --set but without escapes or commas, and
 * everything after the first `=` kept as one string.
 */
export function parseLiteralInto(expression: string, dest: GoMap): GoMap {
  const sc = new Scanner(expression);
  const until = (stop: string): [string, string | undefined] => {
    let v = '';
    for (let r = sc.read(); r !== undefined; r = sc.read()) {
      if (stop.includes(r)) return [v, r];
      v += r;
    }
    return [v, undefined];
  };
  const rest = (): string => until('')[0];
  const index = (): number => {
    const [v] = until(']');
    if (!/^[+-]?\d+$/.test(v)) throw new Error(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    return Number(v);
  };
  const key = (data: GoMap, level: number): void => {
    const [k, last] = until('=[.');
    if (last === undefined) {
      if (k.length === 0) throw new EOF();
      throw new Error(`key ${JSON.stringify(k)} has no value`);
    }
    if (last === '=') {
      if (k !== '') data[k] = rest();
      return;
    }
    if (last === '.') {
      if (level + 1 > maxNestedNameLevel) throw new Error(`value name nested level is greater than maximum supported nested level of ${maxNestedNameLevel}`);
      const existing = data[k];
      const inner: GoMap = existing !== undefined && isMap(existing) ? existing : {};
      let error: unknown;
      try {
        key(inner, level + 1);
      } catch (err) {
        error = err;
      }
      if (error === undefined && Object.keys(inner).length === 0) throw new Error(`key map ${JSON.stringify(k)} has no value`);
      if (Object.keys(inner).length !== 0 && k !== '') data[k] = inner;
      if (error !== undefined) throw error;
      return;
    }
    const existing = data[k];
    let list: GoValue[] = Array.isArray(existing) ? existing : [];
    try {
      list = item(list, index(), level);
    } finally {
      if (k !== '') data[k] = list;
    }
  };
  const item = (list: GoValue[], i: number, level: number): GoValue[] => {
    if (i < 0) throw new Error(`negative ${i} index not allowed`);
    const [k, last] = until('[.=');
    if (k.length > 0) throw new Error(`unexpected data at end of array index: ${JSON.stringify(k)}`);
    if (last === undefined) throw new EOF();
    if (last === '=') return setIndex(list, i, rest());
    if (last === '[') {
      const next = index();
      const existing = list.length > i ? list[i] : undefined;
      return setIndex(list, i, item(Array.isArray(existing) ? existing : [], next, level));
    }
    let inner: GoMap = {};
    if (list.length > i) {
      const existing = list[i];
      if (existing !== undefined && existing !== null && isMap(existing)) inner = existing;
      else list[i] = inner;
    }
    key(inner, level);
    return setIndex(list, i, inner);
  };
  try {
    for (;;) key(dest, 0);
  } catch (err) {
    if (!(err instanceof EOF)) throw err;
  }
  return dest;
}
