/**
 * Semantic versions and the range syntax Flux documents for `ref.semver` (Masterminds/semver's dialect):
 * `=`, `!=`, `>`, `>=`, `<`, `<=`, `~`, `~>`, `^`, x-ranges (`1.2.x`, `1.x`, `*`, or missing parts),
 * hyphen ranges (`1.2 - 1.4.5`), AND with commas or spaces, OR with `||`.
 */

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: readonly (string | number)[];
  build: string;
  /** The text it was parsed from, e.g. the tag name `v1.2.3`. */
  original: string;
}

const identifier = '(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)';
const versionPattern = new RegExp(
  `^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-(${identifier}(?:\\.${identifier})*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$`,
);

/** Parses a full version with an optional `v` prefix, as Flux reads tag names; anything else is undefined. */
export function parseSemVer(text: string): SemVer | undefined {
  const m = versionPattern.exec(text);
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [],
    build: m[5] ?? '',
    original: text,
  };
}

/** Precedence order; build metadata is ignored, as the specification says. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return Math.sign(core);
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length);
  }
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return Math.sign(x - y);
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** A version as written in a range: missing or wildcard parts are undefined. */
interface Partial {
  major?: number;
  minor?: number;
  patch?: number;
  prerelease: readonly (string | number)[];
}

interface Bound {
  version: SemVer;
  inclusive: boolean;
}

/** One comparator as an interval, plus whether it admits prerelease versions. */
interface Comparator {
  lower?: Bound;
  upper?: Bound;
  /** For `!=`: the interval is excluded instead of required. */
  negate: boolean;
  admitsPrerelease: boolean;
}

export interface SemVerRange {
  readonly source: string;
  test(version: SemVer): boolean;
}

const partialPattern = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const operatorPattern = /^(!=|>=|=>|<=|=<|~>|>|<|=|~|\^)?(.*)$/;

function parsePartial(text: string, source: string): Partial {
  const m = partialPattern.exec(text);
  if (!m) throw new SyntaxError(`invalid semver range '${source}': cannot read version '${text}'`);
  const part = (s: string | undefined) => (s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s));
  const major = part(m[1]);
  const minor = major === undefined ? undefined : part(m[2]);
  const patch = minor === undefined ? undefined : part(m[3]);
  const prerelease = m[4] ? m[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [];
  return {
    ...(major === undefined ? {} : { major }),
    ...(minor === undefined ? {} : { minor }),
    ...(patch === undefined ? {} : { patch }),
    prerelease,
  };
}

function version(major: number, minor: number, patch: number, prerelease: readonly (string | number)[] = []): SemVer {
  return { major, minor, patch, prerelease, build: '', original: `${major}.${minor}.${patch}` };
}

const complete = (p: Partial) => p.patch !== undefined;
const floor = (p: Partial) => version(p.major ?? 0, p.minor ?? 0, p.patch ?? 0, p.prerelease);

/** The first version above everything the partial covers, e.g. 1.2 → 1.3.0; undefined for `*`. */
function ceiling(p: Partial): SemVer | undefined {
  if (p.major === undefined) return undefined;
  if (p.minor === undefined) return version(p.major + 1, 0, 0);
  if (p.patch === undefined) return version(p.major, p.minor + 1, 0);
  return version(p.major, p.minor, p.patch + 1);
}

function interval(lower: SemVer | undefined, lowerInclusive: boolean, upper: SemVer | undefined, upperInclusive: boolean) {
  return {
    ...(lower ? { lower: { version: lower, inclusive: lowerInclusive } } : {}),
    ...(upper ? { upper: { version: upper, inclusive: upperInclusive } } : {}),
  };
}

function comparator(op: string, p: Partial): Comparator {
  const admitsPrerelease = p.prerelease.length > 0;
  const base = { negate: false, admitsPrerelease };
  switch (op) {
    case '':
    case '=':
    case '!=': {
      const range = complete(p) ? interval(floor(p), true, floor(p), true) : interval(floor(p), true, ceiling(p), false);
      return { ...base, ...range, negate: op === '!=' };
    }
    case '>':
      return { ...base, ...(complete(p) ? interval(floor(p), false, undefined, false) : interval(ceiling(p), true, undefined, false)) };
    case '>=':
    case '=>':
      return { ...base, ...interval(floor(p), true, undefined, false) };
    case '<':
      return { ...base, ...interval(undefined, false, floor(p), false) };
    case '<=':
    case '=<':
      return { ...base, ...(complete(p) ? interval(undefined, false, floor(p), true) : interval(undefined, false, ceiling(p), false)) };
    case '~':
    case '~>': {
      if (p.major === undefined) return base;
      const upper = p.minor === undefined ? version(p.major + 1, 0, 0) : version(p.major, p.minor + 1, 0);
      return { ...base, ...interval(floor(p), true, upper, false) };
    }
    case '^': {
      if (p.major === undefined) return base;
      let upper: SemVer;
      if (p.major > 0 || p.minor === undefined) upper = version(p.major + 1, 0, 0);
      else if (p.minor > 0 || p.patch === undefined) upper = version(0, p.minor + 1, 0);
      else upper = version(0, 0, (p.patch ?? 0) + 1);
      return { ...base, ...interval(floor(p), true, upper, false) };
    }
    default:
      throw new SyntaxError(`unknown operator '${op}'`);
  }
}

function within(c: Comparator, v: SemVer): boolean {
  if (c.lower) {
    const cmp = compareSemVer(v, c.lower.version);
    if (cmp < 0 || (cmp === 0 && !c.lower.inclusive)) return false;
  }
  if (c.upper) {
    const cmp = compareSemVer(v, c.upper.version);
    if (cmp > 0 || (cmp === 0 && !c.upper.inclusive)) return false;
  }
  return true;
}

function satisfies(c: Comparator, v: SemVer): boolean {
  // A prerelease only matches a comparator that names a prerelease itself (Masterminds' rule, which
  // differs from npm's same-tuple rule).
  if (v.prerelease.length > 0 && !c.admitsPrerelease) return false;
  return within(c, v) !== c.negate;
}

function parseAlternative(text: string, source: string): Comparator[] {
  // Glue operators to their versions so that whitespace only separates comparators.
  const tokens = text
    .replace(/,/g, ' ')
    .replace(/(!=|>=|=>|<=|=<|~>|>|<|=|~|\^)\s+/g, '$1')
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  if (tokens.length === 0) throw new SyntaxError(`invalid semver range '${source}': empty alternative`);
  const out: Comparator[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (tokens[i + 1] === '-') {
      const upperText = tokens[i + 2];
      if (upperText === undefined) throw new SyntaxError(`invalid semver range '${source}': hyphen range without an upper bound`);
      const lower = parsePartial(token, source);
      const upper = parsePartial(upperText, source);
      const range = complete(upper) ? interval(floor(lower), true, floor(upper), true) : interval(floor(lower), true, ceiling(upper), false);
      out.push({ ...range, negate: false, admitsPrerelease: lower.prerelease.length > 0 || upper.prerelease.length > 0 });
      i += 2;
      continue;
    }
    const m = operatorPattern.exec(token) as RegExpExecArray;
    out.push(comparator(m[1] ?? '', parsePartial(m[2] ?? '', source)));
  }
  return out;
}

/** Parses a range; throws a SyntaxError that quotes the range when it cannot be read. */
export function parseSemVerRange(source: string): SemVerRange {
  const alternatives = source.split('||').map((alt) => parseAlternative(alt, source));
  return {
    source,
    test: (v) => alternatives.some((all) => all.every((c) => satisfies(c, v))),
  };
}
