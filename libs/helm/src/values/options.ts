// The user values of `helm template -f a.yaml --set x=1 ...`, merged in helm's order: the -f files
// (later wins, maps merge), then every --set-json, --set, --set-string, --set-file and --set-literal.

import type { GoMap, GoValue } from '../template/values.ts';
import { mergeMaps } from './coalesce.ts';
import { decodeValuesYAML } from './decode.ts';
import { parseLiteralInto, parseSetInto, type SetOptions } from './strvals.ts';

export interface ValueOptions {
  /** The texts of the -f files, in command-line order. */
  valueFiles?: readonly string[];
  setJson?: readonly string[];
  set?: readonly string[];
  setString?: readonly string[];
  /** --set-file expressions; `readFile` turns each path into the file's text. */
  setFile?: readonly string[];
  readFile?: (path: string) => string;
  setLiteral?: readonly string[];
}

function apply(expressions: readonly string[] | undefined, flag: string, base: GoMap, options: SetOptions, wrap = true): void {
  for (const s of expressions ?? []) {
    try {
      parseSetInto(s, base, options);
    } catch (err) {
      // helm reports a --set-json failure without the parser's reason.
      throw new Error(wrap ? `failed parsing ${flag} data: ${(err as Error).message}` : `failed parsing ${flag} data ${s}`);
    }
  }
}

export function mergeUserValues(options: ValueOptions): GoMap {
  let base: GoMap = {};
  for (const text of options.valueFiles ?? []) base = mergeMaps(base, decodeValuesYAML(text));
  apply(options.setJson, '--set-json', base, { json: true }, false);
  apply(options.set, '--set', base, {});
  apply(options.setString, '--set-string', base, { asString: true });
  const read = options.readFile ?? (() => '');
  apply(options.setFile, '--set-file', base, { reader: (path): GoValue => read(path) });
  for (const s of options.setLiteral ?? []) {
    try {
      parseLiteralInto(s, base);
    } catch (err) {
      throw new Error(`failed parsing --set-literal data: ${(err as Error).message}`);
    }
  }
  return base;
}
