// Sprig's defaults and logic: coalesce, all, any and ternary, all judged by Sprig's empty.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { empty } from './core.ts';

const I = 'interface {}' as const;

export const flowFuncs: FuncMap = {
  coalesce: defineFunc([I], I, (...v) => v.find((x) => !empty(x)) ?? null, { variadic: true }),
  all: defineFunc([I], 'bool', (...v) => v.every((x) => !empty(x)), { variadic: true }),
  any: defineFunc([I], 'bool', (...v) => v.some((x) => !empty(x)), { variadic: true }),
  ternary: defineFunc([I, I, 'bool'], I, (t, f, c) => ((c as boolean) ? (t ?? null) : (f ?? null))),
};
