// Helm's own template functions (pkg/engine/funcs.go and engine.go). include and tpl close over the
// template set they run in, so they are made per render.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { quote } from '../template/strconv.ts';
import type { TemplateSet } from '../template/template.ts';
import type { MissingKey } from '../template/exec.ts';
import { JSONMarshalError, marshalJSON } from './json.ts';
import { convertFuncs } from './convert.ts';
import { lookupFuncs } from './lookup.ts';
import { marshalTOML } from './toml.ts';
import { marshalYAML } from './yaml.ts';

/** Helm marks fail/required messages so that the final error shows only the message. */
export const helmErrStart = 'HELM_ERR_START';
export const helmErrEnd = 'HELM_ERR_END';

/** Helm stops an include that nests into itself more than this many times. */
const recursionMaxNums = 1000;

const I = 'interface {}' as const;

function toYaml(v: Parameters<typeof marshalYAML>[0]): string {
  try {
    return marshalYAML(v).replace(/\n$/, '');
  } catch (err) {
    if (err instanceof JSONMarshalError) return '';
    throw err;
  }
}

function toJson(v: Parameters<typeof marshalJSON>[0]): string {
  try {
    return marshalJSON(v);
  } catch (err) {
    if (err instanceof JSONMarshalError) return '';
    throw err;
  }
}

/** The functions that need no template set. */
export const helmStaticFuncs: FuncMap = {
  ...convertFuncs,
  ...lookupFuncs(),
  toToml: defineFunc([I], 'string', (v) => {
    // BurntSushi's encoder asks reflect for the type of a nil interface and panics.
    if (v === null || v === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
    return marshalTOML(v);
  }),
  toYaml: defineFunc([I], 'string', (v) => toYaml(v)),
  toJson: defineFunc([I], 'string', (v) => toJson(v)),
  required: defineFunc(
    ['string', I],
    I,
    (warn, val) => {
      if (val === null || val === undefined || val === '') throw new Error(`${helmErrStart}${warn as string}${helmErrEnd}`);
      return val;
    },
    { returnsError: true },
  ),
  fail: defineFunc(
    ['string'],
    'string',
    (msg) => {
      throw new Error(`${helmErrStart}${msg as string}${helmErrEnd}`);
    },
    { returnsError: true },
  ),
};

/** include and tpl for one template set; tpl clones the set so its text can use every define. */
export function helmSetFuncs(set: TemplateSet, includedNames: Map<string, number>, rootName: string, missingKey: MissingKey): FuncMap {
  return {
    include: defineFunc(
      ['string', I],
      'string',
      (name, data) => {
        const n = name as string;
        const count = includedNames.get(n) ?? 0;
        if (count > recursionMaxNums) {
          throw new Error(`rendering template has a nested reference name: ${n}: unable to execute template`);
        }
        includedNames.set(n, count + 1);
        try {
          if (!set.lookup(n)) throw new Error(`template: no template ${quote(n)} associated with template ${quote(rootName)}`);
          return set.execute(n, data ?? null);
        } finally {
          includedNames.set(n, (includedNames.get(n) ?? 1) - 1);
        }
      },
      { returnsError: true },
    ),
    tpl: defineFunc(
      ['string', I],
      'string',
      (text, vals) => {
        const t = set.clone();
        t.missingKey = missingKey;
        t.addFuncs(helmSetFuncs(t, includedNames, rootName, missingKey));
        try {
          t.parse(rootName, text as string);
        } catch (err) {
          throw new Error(`cannot parse template ${quote(text as string)}: ${(err as Error).message}`);
        }
        let out: string;
        try {
          out = t.execute(rootName, vals ?? null);
        } catch (err) {
          throw new Error(`error during tpl function execution for ${quote(text as string)}: ${(err as Error).message}`);
        }
        return out.replaceAll('<no value>', '');
      },
      { returnsError: true },
    ),
  };
}
