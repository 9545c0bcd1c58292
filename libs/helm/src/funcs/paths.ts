// Go's path package (and path/filepath, which is the same on Linux): lexical, slash-separated, with
// Go's answers for the edge cases ("" cleans to ".", the extension of ".bashrc" is ".bashrc").

import { defineFunc, type FuncMap } from '../template/builtins.ts';

export function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out.at(-1) !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

export function base(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function dir(p: string): string {
  return clean(p.slice(0, p.lastIndexOf('/') + 1));
}

export function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

const S = 'string' as const;
const fns = {
  base: defineFunc([S], S, (p) => base(p as string)),
  dir: defineFunc([S], S, (p) => dir(p as string)),
  clean: defineFunc([S], S, (p) => clean(p as string)),
  ext: defineFunc([S], S, (p) => ext(p as string)),
  isAbs: defineFunc([S], 'bool', (p) => (p as string).startsWith('/')),
};

export const pathFuncs: FuncMap = {
  ...fns,
  osBase: fns.base,
  osDir: fns.dir,
  osClean: fns.clean,
  osExt: fns.ext,
  osIsAbs: fns.isAbs,
};
