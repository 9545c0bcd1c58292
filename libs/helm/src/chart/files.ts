// The .Files object of a template: the chart's non-template files by path, with Helm's helpers
// (Get, GetBytes, Glob, Lines, AsConfig, AsSecrets). Glob patterns follow gobwas/glob with '/' as the
// separator: `*` stays within a path segment, `**` crosses segments, `{a,b}` alternates.

import { marshalYAML } from '../funcs/yaml.ts';
import { goFunc, type GoMap, goMapType, goMethods, typedSlice } from '../template/values.ts';
import type { ChartFile } from './types.ts';

function globToRegExp(pattern: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      if (i >= pattern.length) throw new Error('unexpected end of input');
      re += pattern[i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) throw new Error('unexpected end of input');
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  if (depth !== 0) throw new Error('unexpected end of input');
  return new RegExp(`^${re}$`, 's');
}

const decoder = new TextDecoder();

function base64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

function toYAML(m: GoMap): string {
  return marshalYAML(m).replace(/\n$/, '');
}

/**
 * Builds the `engine.files` value templates see as .Files: Go's map[string][]byte with methods, so
 * it can be ranged over and printed like a map.
 */
export function filesObject(files: ReadonlyMap<string, Uint8Array>): GoMap {
  const baseName = (p: string): string => p.split('/').pop()!;
  const methods = {
    Get: goFunc(['string'], 'string', (name) => {
      const data = files.get(name as string);
      return data ? decoder.decode(data) : '';
    }),
    GetBytes: goFunc(['string'], '[]interface {}', (name) => files.get(name as string) ?? new Uint8Array()),
    Glob: goFunc(['string'], 'interface {}', (pattern) => {
      let re: RegExp;
      try {
        re = globToRegExp(pattern as string);
      } catch {
        re = /^.*$/s;
      }
      return filesObject(new Map([...files].filter(([name]) => re.test(name))));
    }),
    Lines: goFunc(['string'], '[]interface {}', (name) => {
      const data = files.get(name as string);
      if (!data) return typedSlice([], '[]string');
      let s = decoder.decode(data);
      if (s.endsWith('\n')) s = s.slice(0, -1);
      return typedSlice(s.split('\n'), '[]string');
    }),
    AsConfig: goFunc([], 'string', () => {
      const m: GoMap = {};
      for (const [k, v] of files) m[baseName(k)] = decoder.decode(v);
      return toYAML(m);
    }),
    AsSecrets: goFunc([], 'string', () => {
      const m: GoMap = {};
      for (const [k, v] of files) m[baseName(k)] = base64(v);
      return toYAML(m);
    }),
  };
  const m: GoMap = Object.fromEntries(files);
  Object.defineProperty(m, goMapType, { value: 'engine.files', configurable: true });
  Object.defineProperty(m, goMethods, { value: methods, configurable: true });
  return m;
}

/** The files of a chart that .Files exposes (Helm's chart.Files: everything not otherwise claimed). */
export function chartFilesMap(files: readonly ChartFile[]): Map<string, Uint8Array> {
  return new Map(files.map((f) => [f.name, f.data]));
}
