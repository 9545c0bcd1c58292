// Sprig's regex functions over Go's RE2 syntax. Patterns are translated to JavaScript (u mode) where the
// two dialects differ: `.` also matches \r, `\s` is ASCII only, `(?P<n>`, `\A`, `\z`, `\Q..\E`, POSIX
// classes, and escaped punctuation. Matching iterates as Go's regexp does, so empty matches next to a
// previous match are skipped. Not supported: backreferences never existed in RE2; `(?U)` and mid-group
// flag changes like `a(?i)b` throw an error rather than match differently.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { canBackquote, quote } from '../template/strconv.ts';
import { nilSlice } from '../template/values.ts';
import { stringSlice } from './cast.ts';

export class RegexSyntaxError extends Error {}

const posixClasses: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const jsSyntax = new Set('^$\\.*+?()[]{}|/');
const goSpace = '\\t\\n\\f\\r ';

function parseError(code: string, arg: string): RegexSyntaxError {
  return new RegexSyntaxError(`error parsing regexp: ${code}: \`${arg}\``);
}

function literal(c: string): string {
  return jsSyntax.has(c) ? `\\${c}` : c;
}

/** Translates one escape (at s[i] === '\\'); returns the JS text and the index after it. */
function escape(s: string, i: number, inClass: boolean): [string, number] {
  const c = s[i + 1];
  if (c === undefined) throw parseError('trailing backslash at end of expression', '');
  switch (c) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
      return [`\\${c}`, i + 2];
    case 's':
      return [inClass ? goSpace : `[${goSpace}]`, i + 2];
    case 'S':
      if (inClass) throw new RegexSyntaxError('error parsing regexp: \\S inside a class is not supported by Conflux');
      return [`[^${goSpace}]`, i + 2];
    case 'b':
    case 'B':
      if (inClass) throw parseError('invalid escape sequence', `\\${c}`);
      return [`\\${c}`, i + 2];
    case 'A':
      return ['(?<![\\s\\S])', i + 2];
    case 'z':
      return ['(?![\\s\\S])', i + 2];
    case 'a':
      return ['\\x07', i + 2];
    case 'f':
    case 't':
    case 'n':
    case 'r':
    case 'v':
      return [`\\${c}`, i + 2];
    case 'p':
    case 'P': {
      if (s[i + 2] === '{') {
        const close = s.indexOf('}', i + 3);
        if (close < 0) throw parseError('invalid character class range', s.slice(i));
        return [`\\${c}{${s.slice(i + 3, close)}}`, close + 1];
      }
      return [`\\${c}{${s[i + 2]}}`, i + 3];
    }
    case 'x': {
      if (s[i + 2] === '{') {
        const close = s.indexOf('}', i + 3);
        return [`\\u{${s.slice(i + 3, close)}}`, close + 1];
      }
      return [`\\x${s.slice(i + 2, i + 4)}`, i + 4];
    }
  }
  if (/[0-7]/.test(c)) {
    // RE2 has no backreferences; \0 and \1.. \7 followed by digits are octal only when they start with 0.
    if (c !== '0') throw parseError('invalid escape sequence', `\\${c}`);
    const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))!;
    return [`\\u{${parseInt(m[0], 8).toString(16)}}`, i + 1 + m[0].length];
  }
  if (/[!-/:-@[-`{-~]/.test(c)) return [inClass ? `\\u{${c.charCodeAt(0).toString(16)}}` : literal(c), i + 2];
  throw parseError('invalid escape sequence', `\\${c}`);
}

interface Translated {
  source: string;
  flags: string;
}

/** Go RE2 syntax to a JavaScript RegExp source, with Go's error messages for the common mistakes. */
export function translate(expr: string): Translated {
  let flags = 'u';
  let i = 0;
  let dotAll = false;
  const lead = /^\(\?([imsU]+)\)/.exec(expr);
  if (lead) {
    if (lead[1]!.includes('U')) throw new RegexSyntaxError('error parsing regexp: the (?U) flag is not supported by Conflux');
    if (lead[1]!.includes('i')) flags += 'i';
    if (lead[1]!.includes('m')) flags += 'm';
    dotAll = lead[1]!.includes('s');
    i = lead[0].length;
  }
  let out = '';
  const opens: number[] = [];
  let lastAtom = false;
  let lastRepeat = false;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === '\\') {
      if (expr[i + 1] === 'Q') {
        const end = expr.indexOf('\\E', i + 2);
        const text = end < 0 ? expr.slice(i + 2) : expr.slice(i + 2, end);
        out += [...text].map(literal).join('');
        i = end < 0 ? expr.length : end + 2;
      } else {
        const [js, next] = escape(expr, i, false);
        out += js;
        i = next;
      }
      lastAtom = true;
      lastRepeat = false;
      continue;
    }
    if (c === '[') {
      const start = i;
      let cls = '[';
      i++;
      if (expr[i] === '^') {
        cls += '^';
        i++;
      }
      let first = true;
      for (;;) {
        if (i >= expr.length) throw parseError('missing closing ]', expr.slice(start));
        const d = expr[i]!;
        if (d === ']' && !first) break;
        first = false;
        if (d === '[' && expr[i + 1] === ':') {
          const close = expr.indexOf(':]', i + 2);
          const name = close < 0 ? '' : expr.slice(i + 2, close);
          const neg = name.startsWith('^');
          const body = posixClasses[neg ? name.slice(1) : name];
          if (body !== undefined) {
            if (neg) throw new RegexSyntaxError('error parsing regexp: negated POSIX classes are not supported by Conflux');
            cls += body;
            i = close + 2;
            continue;
          }
        }
        if (d === '\\') {
          const [js, next] = escape(expr, i, true);
          cls += js;
          i = next;
          continue;
        }
        cls += d === '[' || d === '/' ? `\\${d}` : d;
        i++;
      }
      out += `${cls}]`;
      i++;
      lastAtom = true;
      lastRepeat = false;
      continue;
    }
    if (c === '(') {
      opens.push(i);
      if (expr.startsWith('(?P<', i)) {
        out += '(?<';
        i += 4;
      } else if (expr[i + 1] === '?') {
        const m = /^\(\?([ims]*)(-[ims]*)?(:|\))/.exec(expr.slice(i));
        if (!m) throw parseError('invalid or unsupported Perl syntax', expr.slice(i, i + 3));
        if (m[3] === ')') throw new RegexSyntaxError('error parsing regexp: flags inside an expression are not supported by Conflux');
        out += m[0];
        i += m[0].length;
      } else {
        out += '(';
        i++;
      }
      lastAtom = false;
      lastRepeat = false;
      continue;
    }
    if (c === ')') {
      if (opens.length === 0) throw parseError('unexpected )', expr);
      opens.pop();
      out += ')';
      i++;
      lastAtom = true;
      lastRepeat = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(expr.slice(i)))) {
      const op = c === '{' ? /^\{\d+(,\d*)?\}/.exec(expr.slice(i))![0] : c;
      let len = op.length;
      if (expr[i + len] === '?') len++;
      if (lastRepeat) throw parseError('invalid nested repetition operator', expr.slice(i - 1, i + len));
      if (!lastAtom) throw parseError('missing argument to repetition operator', expr.slice(i, i + len));
      out += expr.slice(i, i + len);
      i += len;
      lastRepeat = true;
      continue;
    }
    if (c === '.') out += dotAll ? '[^]' : '[^\\n]';
    else if (c === '|' || c === '^' || c === '$') {
      out += c;
      lastAtom = c !== '|';
      lastRepeat = false;
      i++;
      if (c === '|') lastAtom = false;
      continue;
    } else out += literal(c);
    i++;
    lastAtom = true;
    lastRepeat = false;
  }
  if (opens.length > 0) throw parseError('missing closing )', expr);
  return { source: out, flags };
}

export function compile(expr: string): RegExp {
  const { source, flags } = translate(expr);
  try {
    return new RegExp(source, `${flags}g`);
  } catch (err) {
    throw new RegexSyntaxError(`error parsing regexp: ${(err as Error).message}`);
  }
}

/** regexp.MustCompile's panic text. */
function mustCompile(expr: string): RegExp {
  try {
    return compile(expr);
  } catch (err) {
    const q = canBackquote(expr) ? `\`${expr}\`` : quote(expr);
    throw new Error(`regexp: Compile(${q}): ${(err as Error).message}`);
  }
}

interface Match {
  start: number;
  end: number;
  groups: (string | undefined)[];
  named: Record<string, string | undefined>;
}

function execAt(re: RegExp, s: string, pos: number): Match | null {
  re.lastIndex = pos;
  const m = re.exec(s);
  if (!m) return null;
  return { start: m.index, end: m.index + m[0].length, groups: [...m], named: m.groups ?? {} };
}

const runeWidth = (s: string, pos: number): number => (pos < s.length ? String.fromCodePoint(s.codePointAt(pos)!).length : 1);

/** Go's allMatches: at most n (all when n < 0), skipping an empty match that abuts the previous one. */
export function allMatches(re: RegExp, s: string, n: number): Match[] {
  const out: Match[] = [];
  let prevEnd = -1;
  for (let pos = 0; pos <= s.length && (n < 0 || out.length < n); ) {
    const m = execAt(re, s, pos);
    if (!m) break;
    let accept = true;
    if (m.end === m.start) {
      if (m.start === prevEnd) accept = false;
      pos = m.end + runeWidth(s, m.end);
    } else pos = m.end;
    prevEnd = m.end;
    if (accept) out.push(m);
  }
  return out;
}

function split(re: RegExp, expr: string, s: string, n: number): string[] {
  if (n === 0) return nilSlice('[]string') as string[];
  if (expr.length > 0 && s.length === 0) return [''];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of allMatches(re, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m.start;
    if (m.end !== 0) out.push(s.slice(beg, end));
    beg = m.end;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp's Expand: $1, ${1}, $name, ${name}, $$; anything malformed stays a literal $. */
function expand(template: string, m: Match): string {
  let out = '';
  for (let i = 0; i < template.length; ) {
    const c = template[i]!;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    let name: string | undefined;
    let next = i + 1;
    if (template[i + 1] === '{') {
      const mm = /^\{([A-Za-z0-9_]+)\}/.exec(template.slice(i + 1));
      if (mm) {
        name = mm[1];
        next = i + 1 + mm[0].length;
      }
    } else {
      const mm = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (mm) {
        name = mm[0];
        next = i + 1 + mm[0].length;
      }
    }
    if (name === undefined) {
      out += '$';
      i++;
      continue;
    }
    if (/^\d+$/.test(name)) out += m.groups[Number(name)] ?? '';
    else out += m.named[name] ?? '';
    i = next;
  }
  return out;
}

function replaceAll(re: RegExp, s: string, repl: (m: Match) => string): string {
  let out = '';
  let lastEnd = 0;
  for (let pos = 0; pos <= s.length; ) {
    const m = execAt(re, s, pos);
    if (!m) break;
    out += s.slice(lastEnd, m.start);
    if (m.end > lastEnd || m.start === 0) out += repl(m);
    lastEnd = m.end;
    const w = runeWidth(s, pos);
    pos = pos + w > m.end ? pos + w : m.end;
  }
  return out + s.slice(lastEnd);
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

const S = 'string' as const;
const str = (v: unknown): string => v as string;
const num = (v: unknown): number => Number(v as bigint);
const strList = '[]string' as '[]interface {}';

// Each pair: the plain function panics (MustCompile) on a bad pattern, the must* one returns the error.
function pair(name: string, params: ('string' | 'int')[], result: string, run: (re: RegExp, ...args: unknown[]) => unknown, onError?: unknown): FuncMap {
  const plain = defineFunc(params, result as 'string', (e, ...rest) => run(mustCompile(str(e)), str(e), ...rest) as string);
  const must = defineFunc(params, result as 'string', (e, ...rest) => run(compile(str(e)), str(e), ...rest) as string, { returnsError: true });
  const out: FuncMap = { [`must${name[0]!.toUpperCase()}${name.slice(1)}`]: must };
  out[name] = onError === undefined ? plain : defineFunc(params, result as 'string', (...args) => {
    try {
      return plain.fn(...args);
    } catch {
      return onError as string;
    }
  });
  return out;
}

export const regexFuncs: FuncMap = {
  ...pair('regexMatch', [S, S], 'bool', (re, _e, s) => execAt(re, str(s), 0) !== null, false),
  ...pair('regexFindAll', [S, S, 'int'], strList, (re, _e, s, n) => {
    // Go's FindAllString returns nil, not an empty slice, when nothing matches.
    const found = allMatches(re, str(s), num(n)).map((m) => str(s).slice(m.start, m.end));
    return found.length === 0 ? nilSlice('[]string') : stringSlice(found);
  }),
  ...pair('regexFind', [S, S], S, (re, _e, s) => {
    const m = execAt(re, str(s), 0);
    return m ? str(s).slice(m.start, m.end) : '';
  }),
  ...pair('regexReplaceAll', [S, S, S], S, (re, _e, s, r) => replaceAll(re, str(s), (m) => expand(str(r), m))),
  ...pair('regexReplaceAllLiteral', [S, S, S], S, (re, _e, s, r) => replaceAll(re, str(s), () => str(r))),
  ...pair('regexSplit', [S, S, 'int'], strList, (re, e, s, n) => stringSlice(split(re, str(e), str(s), num(n)))),
  regexQuoteMeta: defineFunc([S], S, (s) => quoteMeta(str(s))),
};
