// .helmignore as Helm reads it (pkg/ignore): one glob per line, `#` comments, `!` negation, a trailing
// `/` for directories, a leading `/` anchors at the chart root, and a pattern without `/` matches the
// base name only. Negation is Helm's, not git's: a `!x` rule ignores everything that does NOT match x.

import { BadPatternError, pathMatch } from './match.ts';

interface Rule {
  negate: boolean;
  mustDir: boolean;
  match: (path: string) => boolean;
}

export interface IgnoreRules {
  ignores(path: string, isDir: boolean): boolean;
}

function parseRule(line: string): Rule | undefined {
  let rule = line.trim();
  if (rule === '' || rule.startsWith('#')) return undefined;
  if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
  try {
    pathMatch(rule, 'abc');
  } catch (err) {
    if (err instanceof BadPatternError) throw new Error('syntax error in pattern');
    throw err;
  }
  const negate = rule.startsWith('!');
  if (negate) rule = rule.slice(1);
  const mustDir = rule.endsWith('/');
  if (mustDir) rule = rule.slice(0, -1);
  const safe = (pattern: string, name: string): boolean => {
    try {
      return pathMatch(pattern, name);
    } catch {
      return false;
    }
  };
  let match: (path: string) => boolean;
  if (rule.startsWith('/')) {
    const anchored = rule.replace(/^\/+/, '');
    match = (path) => safe(anchored, path);
  } else if (rule.includes('/')) {
    match = (path) => safe(rule, path);
  } else {
    match = (path) => safe(rule, path.split('/').pop()!);
  }
  return { negate, mustDir, match };
}

/** Parses .helmignore text; Helm always adds `templates/.?*` (hidden files under templates/). */
export function parseHelmignore(text: string, withDefaults = true): IgnoreRules {
  const rules: Rule[] = [];
  for (const line of text.split('\n')) {
    const r = parseRule(line);
    if (r) rules.push(r);
  }
  if (withDefaults) rules.push(parseRule('templates/.?*')!);
  return {
    ignores(path: string, isDir: boolean): boolean {
      if (path === '' || path === '.' || path === './') return false;
      for (const r of rules) {
        if (r.negate) {
          if (r.mustDir && !isDir) return true;
          if (!r.match(path)) return true;
          continue;
        }
        if (r.mustDir && !isDir) continue;
        if (r.match(path)) return true;
      }
      return false;
    },
  };
}
