// Sprig's semver and semverCompare over Masterminds/semver v3 (the version Helm 3.21 pins): its loose
// ("coerced") version parsing, its constraint grammar (ranges, ^ ~ wildcards, `||` and commas) and its
// prerelease rule: a prerelease version only satisfies an OR-group that itself names a prerelease.
// libs/git's semver follows different rules, so this is a separate implementation.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { GoInt, GoStruct, goFunc, type Result } from '../template/values.ts';

export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const maxVersionLen = 256;
const maxConstraintLen = 512;
const maxConstraintGroups = 32;
const maxUint64 = (1n << 64n) - 1n;

// Go's regexp \s is ASCII-only; JavaScript's is not.
const S = '[\\t\\n\\f\\r ]';
const loose = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
// The character classes contain a literal `|`, as upstream's do.
const cv = 'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const ops = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const constraintRe = new RegExp(`^${S}*(${ops})${S}*(${cv})${S}*$`);
const rangeRe = new RegExp(`${S}*(${cv})${S}+-${S}+(${cv})${S}*`, 'g');
const findRe = new RegExp(`(${ops})${S}*(${cv})`, 'g');
const validRe = new RegExp(`^(${S}*(${ops})${S}*(${cv})${S}*)((?:${S}+|,${S}*)(${ops})${S}*(${cv})${S}*)*$`);

const errInvalidSemVer = 'invalid semantic version';
const onlyDigits = /^[0-9]*$/;
const onlyAllowed = /^[0-9A-Za-z-]*$/;

function parseSegment(s: string): bigint {
  const n = BigInt(s);
  if (n > maxUint64) throw new Error(`error parsing version segment: strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function validatePrerelease(p: string): void {
  for (const part of p.split('.')) {
    if (part === '') throw new Error('invalid prerelease string');
    if (onlyDigits.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new Error('version segment starts with 0');
    } else if (!onlyAllowed.test(part)) throw new Error('invalid prerelease string');
  }
}

function validateMetadata(m: string): void {
  for (const part of m.split('.')) if (part === '' || !onlyAllowed.test(part)) throw new Error('invalid metadata string');
}

/** semver.NewVersion with coercion on (the default): "v1", "1.2" and leading zeros are accepted. */
export function parseVersion(v: string): Version {
  if (Buffer.byteLength(v) > maxVersionLen) throw new Error(`version string is too long (max ${maxVersionLen} bytes)`);
  const m = loose.exec(v);
  if (!m) throw new Error(errInvalidSemVer);
  const version: Version = {
    major: parseSegment(m[1]!),
    minor: m[2] ? parseSegment(m[2].slice(1)) : 0n,
    patch: m[3] ? parseSegment(m[3].slice(1)) : 0n,
    pre: m[5] ?? '',
    metadata: m[8] ?? '',
    original: v,
  };
  if (version.pre) validatePrerelease(version.pre);
  if (version.metadata) validateMetadata(version.metadata);
  return version;
}

export function versionString(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = onlyDigits.test(s) && BigInt(s) <= maxUint64;
  const oNum = onlyDigits.test(o) && BigInt(o) <= maxUint64;
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = comparePrePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Version.Compare: precedence ignores build metadata; a release sorts after its prereleases. */
export function compareVersions(a: Version, b: Version): number {
  const d = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (d !== 0) return d;
  if (a.pre === '' && b.pre === '') return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePrerelease(a.pre, b.pre);
}

interface Constraint {
  op: string;
  con: Version;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*';

function parseConstraint(c: string): Constraint {
  if (c === '') return { op: '', con: parseVersion('0.0.0'), dirty: true, minorDirty: false, patchDirty: false };
  const m = constraintRe.exec(c);
  if (!m) throw new Error(`improper constraint: ${JSON.stringify(c)}`);
  const [, op, whole, major, minor = '', patch = '', pre = ''] = m as unknown as string[];
  let ver = whole!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.slice(1)) || minor === '') {
    ver = `${major}.0.0${pre}`;
    dirty = minorDirty = true;
  } else if (isX(patch.slice(1)) || patch === '') {
    ver = `${major}${minor}.0${pre}`;
    dirty = patchDirty = true;
  }
  let con: Version;
  try {
    con = parseVersion(ver);
  } catch {
    throw new Error('constraint parser error');
  }
  return { op: op!, con, dirty, minorDirty, patchDirty };
}

function checkTilde(v: Version, c: Constraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return v.minor === c.con.minor || c.minorDirty;
}

function checkCaret(v: Version, c: Constraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (v.minor > 0n) return false;
  return v.patch === c.con.patch;
}

function checkNotEqual(v: Version, c: Constraint): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
      return false;
    }
  }
  return compareVersions(v, c.con) !== 0;
}

function checkGreater(v: Version, c: Constraint): boolean {
  if (!c.dirty) return compareVersions(v, c.con) === 1;
  if (v.major > c.con.major) return true;
  if (v.major < c.con.major || c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return compareVersions(v, c.con) === 1;
}

function checkLessEqual(v: Version, c: Constraint): boolean {
  if (!c.dirty) return compareVersions(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
}

function check(v: Version, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== '' && !includePre) return false;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? checkTilde(v, c) : compareVersions(v, c.con) === 0;
    case '!=':
      return checkNotEqual(v, c);
    case '>':
      return checkGreater(v, c);
    case '<':
      return compareVersions(v, c.con) < 0;
    case '>=':
    case '=>':
      return compareVersions(v, c.con) >= 0;
    case '<=':
    case '=<':
      return checkLessEqual(v, c);
    case '~':
    case '~>':
      return checkTilde(v, c);
    default:
      return checkCaret(v, c);
  }
}

// "1.2 - 1.4" becomes ">= 1.2, <= 1.4 ", textually, before the constraint is split.
function rewriteRange(s: string): string {
  let out = s;
  for (const m of s.matchAll(rangeRe)) out = out.replace(m[0], `>= ${m[1]}, <= ${m[11]} `);
  return out;
}

export interface Constraints {
  groups: { all: Constraint[]; hasPre: boolean }[];
}

/** semver.NewConstraint. */
export function parseConstraints(text: string): Constraints {
  if (Buffer.byteLength(text) > maxConstraintLen) throw new Error(`constraint string is too long (max ${maxConstraintLen} bytes)`);
  const ors = rewriteRange(text).split('||');
  if (ors.length > maxConstraintGroups) throw new Error(`too many constraint groups (max ${maxConstraintGroups})`);
  return {
    groups: ors.map((group) => {
      if (!validRe.test(group)) throw new Error(`improper constraint: ${JSON.stringify(group)}`);
      const found = [...group.matchAll(findRe)].map((m) => m[0]);
      const all = (found.length > 0 ? found : [group]).map(parseConstraint);
      return { all, hasPre: all.some((c) => c.con.pre !== '') };
    }),
  };
}

/** Constraints.Check: any OR-group whose every constraint holds. */
export function satisfies(cs: Constraints, v: Version): boolean {
  return cs.groups.some((g) => g.all.every((c) => check(v, c, g.hasPre)));
}

const u64 = (n: bigint): GoInt => new GoInt('uint64', n);

function asVersion(v: Result): Version {
  if (v instanceof GoStruct && v.typeName === '*semver.Version') return (v as VersionStruct).version;
  throw new Error(`wrong type for value; expected *semver.Version; got ${v === null || v === undefined ? '<nil>' : typeof v}`);
}

/** A *semver.Version as templates see it: its methods (Major, LessThan, ...) and its String form. */
class VersionStruct extends GoStruct {
  readonly version: Version;
  constructor(version: Version) {
    const compare = (fn: (d: number) => boolean) => goFunc(['interface {}'], 'bool', (o) => fn(compareVersions(version, asVersion(o))));
    super(
      '*semver.Version',
      {},
      {
        Major: goFunc([], 'interface {}', () => u64(version.major)),
        Minor: goFunc([], 'interface {}', () => u64(version.minor)),
        Patch: goFunc([], 'interface {}', () => u64(version.patch)),
        Prerelease: goFunc([], 'string', () => version.pre),
        Metadata: goFunc([], 'string', () => version.metadata),
        Original: goFunc([], 'string', () => version.original),
        String: goFunc([], 'string', () => versionString(version)),
        LessThan: compare((d) => d < 0),
        LessThanEqual: compare((d) => d <= 0),
        GreaterThan: compare((d) => d > 0),
        GreaterThanEqual: compare((d) => d >= 0),
        Equal: compare((d) => d === 0),
        Compare: goFunc(['interface {}'], 'int', (o) => BigInt(compareVersions(version, asVersion(o)))),
      },
    );
    this.version = version;
  }
}

export function versionValue(v: Version): GoStruct {
  return new VersionStruct(v);
}

export const semverFuncs: FuncMap = {
  semver: defineFunc(['string'], 'interface {}', (s) => versionValue(parseVersion(s as string)), { returnsError: true }),
  semverCompare: defineFunc(['string', 'string'], 'bool', (c, v) => satisfies(parseConstraints(c as string), parseVersion(v as string)), {
    returnsError: true,
  }),
};
