// Go's path.Match: `*` and `?` never cross '/', `[...]` classes with `^` negation and ranges, `\`
// escapes. Helm's .helmignore rules are built on it, so its corner cases are Helm's.

export class BadPatternError extends Error {
  override name = 'BadPatternError';
  constructor() {
    super('syntax error in pattern');
  }
}

/** Matches a whole name against a pattern; throws BadPatternError for a malformed pattern. */
export function pathMatch(pattern: string, name: string): boolean {
  return matchFrom([...pattern], 0, [...name], 0);
}

/** Reads a class starting after '['; returns whether ch matches and the index after ']'. */
function matchClass(p: string[], i: number, ch: string | undefined): [boolean, number] {
  let negated = false;
  if (p[i] === '^') {
    negated = true;
    i++;
  }
  let matched = false;
  let first = true;
  for (;;) {
    if (i >= p.length) throw new BadPatternError();
    if (p[i] === ']' && !first) {
      i++;
      break;
    }
    first = false;
    let lo = p[i]!;
    if (lo === '\\') {
      i++;
      if (i >= p.length) throw new BadPatternError();
      lo = p[i]!;
    } else if (lo === '-' || lo === ']') {
      if (lo === '-') throw new BadPatternError();
    }
    i++;
    let hi = lo;
    if (p[i] === '-') {
      i++;
      if (i >= p.length || p[i] === ']') throw new BadPatternError();
      hi = p[i]!;
      if (hi === '\\') {
        i++;
        if (i >= p.length) throw new BadPatternError();
        hi = p[i]!;
      }
      i++;
    }
    if (ch !== undefined && lo <= ch && ch <= hi) matched = true;
  }
  return [ch !== undefined && ch !== '/' && matched !== negated, i];
}

function matchFrom(p: string[], pi: number, s: string[], si: number): boolean {
  while (pi < p.length) {
    const c = p[pi]!;
    if (c === '*') {
      let next = pi;
      while (next < p.length && p[next] === '*') next++;
      // Validate the rest of the pattern even when the name runs out, as Go reports bad patterns.
      for (let k = si; ; k++) {
        if (matchFrom(p, next, s, k)) return true;
        if (k >= s.length || s[k] === '/') {
          validate(p, next);
          return false;
        }
      }
    }
    if (c === '?') {
      if (si >= s.length || s[si] === '/') return validate(p, pi + 1);
      pi++;
      si++;
      continue;
    }
    if (c === '[') {
      const [ok, after] = matchClass(p, pi + 1, s[si]);
      if (!ok) return validate(p, after);
      pi = after;
      si++;
      continue;
    }
    let lit = c;
    if (c === '\\') {
      pi++;
      if (pi >= p.length) throw new BadPatternError();
      lit = p[pi]!;
    }
    if (s[si] !== lit) return validate(p, pi + 1);
    pi++;
    si++;
  }
  return si === s.length;
}

/** Scans the rest of a pattern for syntax errors; always returns false (a mismatch). */
function validate(p: string[], pi: number): false {
  while (pi < p.length) {
    if (p[pi] === '\\') {
      if (pi + 1 >= p.length) throw new BadPatternError();
      pi += 2;
    } else if (p[pi] === '[') {
      pi = matchClass(p, pi + 1, undefined)[1];
    } else pi++;
  }
  return false;
}
