/**
 * The glob of Flux's envsubst trim operators: Go's path.Match syntax (`*`, `?`, `[a-z]`, `[^x]`, `\x`),
 * except that `*` and `?` also match `/`. Returns undefined for a malformed pattern, which the trim
 * operators treat as "no match, leave the value alone".
 */
export function globMatch(pattern: string, name: string): boolean | undefined {
  const re = compile(pattern);
  return re ? re.test(name) : undefined;
}

const cache = new Map<string, RegExp | null>();

function compile(pattern: string): RegExp | undefined {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = translate([...pattern]);
    cache.set(pattern, re);
  }
  return re ?? undefined;
}

const escapeRe = (r: string): string => r.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

function translate(p: string[]): RegExp | null {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const r = p[i]!;
    if (r === '*') out += '[\\s\\S]*';
    else if (r === '?') out += '[\\s\\S]';
    else if (r === '\\') {
      if (i + 1 >= p.length) return null;
      out += escapeRe(p[++i]!);
    } else if (r === '[') {
      const cls = translateClass(p, i + 1);
      if (!cls) return null;
      out += cls.re;
      i = cls.end;
    } else out += escapeRe(r);
  }
  return new RegExp(`^${out}$`, 'u');
}

/** A bracket class starting after `[`; returns its regex and the index of the closing `]`. */
function translateClass(p: string[], from: number): { re: string; end: number } | null {
  let i = from;
  let negate = false;
  if (p[i] === '^') {
    negate = true;
    i++;
  }
  const ranges: string[] = [];
  const char = (): string | null => {
    let r = p[i];
    if (r === undefined || r === '-' || r === ']') return null;
    if (r === '\\') {
      r = p[++i];
      if (r === undefined) return null;
    }
    i++;
    return r;
  };
  for (;;) {
    if (p[i] === ']' && ranges.length > 0) return { re: `[${negate ? '^' : ''}${ranges.join('')}]`, end: i };
    const lo = char();
    if (lo === null) return null;
    let hi = lo;
    if (p[i] === '-') {
      i++;
      const h = char();
      if (h === null) return null;
      hi = h;
    }
    if (i >= p.length) return null;
    ranges.push(lo === hi ? escapeRe(lo) : `${escapeRe(lo)}-${escapeRe(hi)}`);
  }
}
