// chartutil.Values, the Go type of .Values (and .Template): a map[string]interface{} with methods that
// templates can call — YAML, AsMap, Table, PathValue and Encode — with helm's results and error texts.
// Table hands back the same map under the Values type, so the value is a view: writes through it show
// in .Values, while .Values.a itself stays a plain map[string]interface{}.

import { marshalYAML } from '../funcs/yaml.ts';
import { nilDeref } from '../funcs/cast.ts';
import { quote } from '../template/strconv.ts';
import { goFunc, type GoFunc, type GoMap, goMapType, goMethods, type GoValue, isMap } from '../template/values.ts';

export const valuesType = 'chartutil.Values';

const plainMapType = 'map[string]interface {}';

/** A map as another Go map type, sharing its entries (Go's conversion between map types). */
function asMapType(m: GoMap, type: string | undefined, methods: Record<string, GoFunc> | undefined): GoMap {
  return new Proxy(m, {
    get(target, key, receiver) {
      if (key === goMapType) return type;
      if (key === goMethods) return methods;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** A chartutil.Values passed as a map[string]interface{} parameter and returned: same entries, plain type. */
export function plainMap(m: GoMap): GoMap {
  return m[goMapType] === valuesType ? asMapType(m, undefined, undefined) : m;
}

/** `v.(map[string]interface{})` in Go: a plain map, not chartutil.Values or map[string]string. */
function isPlainMap(v: GoValue | undefined): v is GoMap {
  return v !== undefined && isMap(v) && (v[goMapType] ?? plainMapType) === plainMapType;
}

function tableLookup(v: GoMap, key: string): GoMap {
  if (!Object.hasOwn(v, key)) throw new Error(`${quote(key)} is not a table`);
  const v2 = v[key];
  if (isPlainMap(v2)) return v2;
  if (v2 !== undefined && isMap(v2) && v2[goMapType] === valuesType) return v2;
  throw new Error(`${quote(key)} is not a table`);
}

function table(v: GoMap, name: string): GoMap {
  let t = v;
  for (const part of name.split('.')) t = tableLookup(t, part);
  return t;
}

function pathValue(v: GoMap, path: string): GoValue {
  if (path === '') throw new Error('YAML path cannot be empty');
  const parts = path.split('.');
  const key = parts.pop()!;
  const noValue = new Error(`${quote(key)} is not a value`);
  let t = v;
  if (parts.length > 0) {
    try {
      t = table(v, parts.join('.'));
    } catch {
      throw noValue;
    }
  }
  if (Object.hasOwn(t, key) && !isPlainMap(t[key])) return t[key]!;
  throw noValue;
}

function methodsFor(self: GoMap): Record<string, GoFunc> {
  return {
    AsMap: goFunc([], 'map[string]interface {}', () => (Object.keys(self).length === 0 ? {} : plainMap(self))),
    Encode: goFunc(
      ['io.Writer'],
      'none',
      () => {
        // Nothing a template can build is an io.Writer; only nil gets this far, and Go writes to it.
        throw new Error(nilDeref);
      },
      { returnsError: true },
    ),
    PathValue: goFunc(['string'], 'interface {}', (path) => pathValue(self, path as string), { returnsError: true }),
    Table: goFunc(['string'], valuesType as 'map[string]interface {}', (name) => valuesView(table(self, name as string)), { returnsError: true }),
    YAML: goFunc([], 'string', () => marshalYAML(self), { returnsError: true }),
  };
}

/** Makes `m` itself a chartutil.Values (the root .Values, .Template). */
export function valuesMap(m: GoMap): GoMap {
  Object.defineProperty(m, goMapType, { value: valuesType, configurable: true });
  Object.defineProperty(m, goMethods, { value: methodsFor(m), configurable: true });
  return m;
}

/** `m` seen as chartutil.Values, sharing its entries (a subchart's .Values, the result of Table). */
export function valuesView(m: GoMap): GoMap {
  if (m[goMapType] === valuesType) return m;
  return asMapType(m, valuesType, methodsFor(m));
}
