// The Sprig v3.3.0 function set as Helm enables it (no env, expandenv), assembled from one module per
// group, with the Go signatures Helm's templates are checked against. Functions missing here (see the
// README) are absent on purpose: a template using them fails to parse instead of rendering differently.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { quote as goQuote } from '../template/strconv.ts';
import { empty, mapRunes, strval } from './core.ts';
import { certFuncs } from './certs.ts';
import { cryptoFuncs } from './crypto.ts';
import { dateFuncs } from './dates.ts';
import { dictFuncs } from './dicts.ts';
import { dnsFuncs } from './dns.ts';
import { encodingFuncs } from './encoding.ts';
import { flowFuncs } from './flow.ts';
import { listFuncs } from './lists.ts';
import { mathFuncs } from './math.ts';
import { pathFuncs } from './paths.ts';
import { reflectFuncs } from './reflect.ts';
import { regexFuncs } from './regex.ts';
import { semverFuncs } from './semver.ts';
import { stringFuncs } from './strings.ts';
import { urlFuncs } from './url.ts';

export { empty, strval } from './core.ts';

function indent(spaces: bigint, v: string): string {
  if (spaces < 0n) throw new Error('strings: negative Repeat count');
  const pad = ' '.repeat(Number(spaces));
  return pad + v.replaceAll('\n', `\n${pad}`);
}

const I = 'interface {}' as const;

const basics: FuncMap = {
  quote: defineFunc([I], 'string', (...args) => args.filter((a) => a !== null && a !== undefined).map((a) => goQuote(strval(a))).join(' '), { variadic: true }),
  default: defineFunc([I, I], I, (d, ...given) => (given.length === 0 || empty(given[0]) ? (d ?? null) : (given[0] ?? null)), { variadic: true }),
  empty: defineFunc([I], 'bool', (v) => empty(v)),
  indent: defineFunc(['int', 'string'], 'string', (n, v) => indent(n as bigint, v as string)),
  nindent: defineFunc(['int', 'string'], 'string', (n, v) => `\n${indent(n as bigint, v as string)}`),
  trim: defineFunc(['string'], 'string', (s) => (s as string).replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '')),
  upper: defineFunc(['string'], 'string', (s) => mapRunes(s as string, (c) => c.toUpperCase())),
  lower: defineFunc(['string'], 'string', (s) => mapRunes(s as string, (c) => c.toLowerCase())),
  toString: defineFunc([I], 'string', (v) => strval(v)),
  list: defineFunc([I], '[]interface {}', (...v) => v.map((x) => x ?? null), { variadic: true }),
};

export const sprigFuncs: FuncMap = {
  ...stringFuncs,
  ...regexFuncs,
  ...mathFuncs,
  ...listFuncs,
  ...dictFuncs,
  ...encodingFuncs,
  ...flowFuncs,
  ...reflectFuncs,
  ...pathFuncs,
  ...semverFuncs,
  ...dateFuncs,
  ...urlFuncs,
  ...dnsFuncs,
  ...cryptoFuncs,
  ...certFuncs,
  ...basics,
};
