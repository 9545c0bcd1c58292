// The user values of `helm template -f a.yaml -f b.yaml --set x=1 --set-string y=2`: files merged in
// order (later wins, maps merge), then every --set applied on top, then every --set-string.

import type { GoMap } from '../template/values.ts';
import { mergeMaps } from './coalesce.ts';
import { decodeValuesYAML } from './decode.ts';
import { parseSetInto } from './strvals.ts';

export interface ValueOptions {
  /** The texts of the -f files, in command-line order. */
  valueFiles?: readonly string[];
  set?: readonly string[];
  setString?: readonly string[];
}

export function mergeUserValues(options: ValueOptions): GoMap {
  let base: GoMap = {};
  for (const text of options.valueFiles ?? []) base = mergeMaps(base, decodeValuesYAML(text));
  for (const s of options.set ?? []) {
    try {
      parseSetInto(s, base);
    } catch (err) {
      throw new Error(`failed parsing --set data: ${(err as Error).message}`);
    }
  }
  for (const s of options.setString ?? []) {
    try {
      parseSetInto(s, base, { asString: true });
    } catch (err) {
      throw new Error(`failed parsing --set-string data: ${(err as Error).message}`);
    }
  }
  return base;
}
