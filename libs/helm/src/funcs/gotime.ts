// Go's time.Time as Sprig's date functions use it: instants with a location, Go's layout strings for
// Format and Parse ("2006-01-02T15:04:05Z07:00"), time.LoadLocation and Unix conversions.
// Zone offsets come from the platform's tz database through Intl; a zone name is valid when Go would
// find it, i.e. when /usr/share/zoneinfo holds it.

import { existsSync } from 'node:fs';

export interface ZoneAt {
  offset: number;
  abbrev: string;
}

export interface Location {
  name: string;
  lookup(unixSec: bigint): ZoneAt;
}

export interface Time {
  /** Seconds since the Unix epoch. */
  sec: bigint;
  /** Nanoseconds within the second, 0..999999999. */
  nsec: number;
  loc: Location;
}

export const UTC: Location = { name: 'UTC', lookup: () => ({ offset: 0, abbrev: 'UTC' }) };

export function fixedZone(name: string, offset: number): Location {
  return { name, lookup: () => ({ offset, abbrev: name }) };
}

// Intl names zones without an abbreviation "GMT+3"; the tz database calls them "+03".
function goAbbrev(short: string, offset: number): string {
  if (!/^GMT[+-]/.test(short) && !(short === 'GMT' && offset !== 0)) return short;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = Math.floor((abs % 3600) / 60);
  return `${sign}${hh}${mm === 0 ? '' : String(mm).padStart(2, '0')}`;
}

function intlZone(name: string, tz: string): Location {
  const offsets = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
  const names = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' });
  const part = (f: Intl.DateTimeFormat, d: Date): string => f.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return {
    name,
    lookup(unixSec) {
      const ms = Number(unixSec) * 1000;
      const d = new Date(Math.max(-8.64e15, Math.min(8.64e15, ms)));
      const m = /^GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(part(offsets, d));
      const offset = m?.[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) : 0;
      const short = part(names, d);
      return { offset, abbrev: offset === 0 && (short === 'UTC' || /^Etc\/(UTC|UCT|Universal|Zulu)$|^(UTC|UCT|Universal|Zulu)$/.test(tz)) ? 'UTC' : goAbbrev(short, offset) };
    },
  };
}

function localZone(): Location {
  const tz = process.env['TZ'];
  if (tz === '') return { ...UTC };
  const name = tz === undefined ? Intl.DateTimeFormat().resolvedOptions().timeZone : tz.replace(/^:/, '');
  try {
    return intlZone('Local', name);
  } catch {
    return { name: 'Local', lookup: UTC.lookup };
  }
}

// Resolved on first use: asking Intl for the zone loads ICU's time zone data, about 20 ms of every
// `conflux-helm` start, and most charts never look at the local time.
let local: Location | undefined;
export const Local: Location = {
  get name() {
    return (local ??= localZone()).name;
  },
  lookup: (unixSec) => (local ??= localZone()).lookup(unixSec),
};

/** time.LoadLocation: "" and "UTC" are UTC, "Local" is Local, anything else must be in the tz database. */
export function loadLocation(name: string): Location {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return Local;
  if (name.includes('..') || name.startsWith('/') || name.includes('\\') || !existsSync(`/usr/share/zoneinfo/${name}`)) {
    throw new Error(`unknown time zone ${name}`);
  }
  return intlZone(name, name);
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard Hinnant's algorithms).
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return daysBefore[month]! - daysBefore[month - 1]!;
}

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  weekday: number;
  yday: number;
  zone: ZoneAt;
}

function civil(t: Time): Civil {
  const zone = t.loc.lookup(t.sec);
  const local = Number(t.sec) + zone.offset;
  const days = Math.floor(local / 86400);
  const rem = local - days * 86400;
  const [year, month, day] = civilFromDays(days);
  const yday = daysBefore[month - 1]! + day + (month > 2 && isLeap(year) ? 1 : 0);
  return { year, month, day, hour: Math.floor(rem / 3600), min: Math.floor((rem % 3600) / 60), sec: rem % 60, weekday: (((days + 4) % 7) + 7) % 7, yday, zone };
}

/** time.Date: a wall-clock time in loc; out-of-range fields normalize. */
export function date(year: number, month: number, day: number, hour: number, min: number, sec: number, nsec: number, loc: Location): Time {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const wall = BigInt(daysFromCivil(y, m, 1) + day - 1) * 86400n + BigInt(hour * 3600 + min * 60 + sec);
  // The offset in effect at that wall time: guess with the wall time as UTC, then correct once, as Go does.
  const guess = loc.lookup(wall).offset;
  let unix = wall - BigInt(guess);
  const actual = loc.lookup(unix).offset;
  if (actual !== guess) unix = wall - BigInt(actual);
  return { sec: unix, nsec, loc };
}

export function unixTime(sec: bigint, nsec = 0): Time {
  return { sec, nsec, loc: Local };
}

export function nowTime(): Time {
  const ns = process.hrtime.bigint() - hrBase + wallBase;
  return { sec: ns / 1000000000n - (ns < 0n && ns % 1000000000n !== 0n ? 1n : 0n), nsec: Number(((ns % 1000000000n) + 1000000000n) % 1000000000n), loc: Local };
}
const wallBase = BigInt(Date.now()) * 1000000n;
const hrBase = process.hrtime.bigint();

/** The zero time.Time: January 1, year 1, 00:00:00 UTC. */
export const zeroTime: Time = { sec: -62135596800n, nsec: 0, loc: UTC };

export const inLocation = (t: Time, loc: Location): Time => ({ ...t, loc });

export function addDuration(t: Time, d: bigint): Time {
  const total = BigInt(t.nsec) + d;
  const q = total / 1000000000n - (total < 0n && total % 1000000000n !== 0n ? 1n : 0n);
  return { sec: t.sec + q, nsec: Number(total - q * 1000000000n), loc: t.loc };
}

/** t.Sub(u) in nanoseconds (saturation ignored: Sprig's inputs stay far inside int64). */
export function sub(t: Time, u: Time): bigint {
  return (t.sec - u.sec) * 1000000000n + BigInt(t.nsec - u.nsec);
}

// ---- layouts ----

const Std = {
  none: 0,
  longMonth: 1,
  month: 2,
  numMonth: 3,
  zeroMonth: 4,
  longWeekDay: 5,
  weekDay: 6,
  day: 7,
  underDay: 8,
  zeroDay: 9,
  underYearDay: 10,
  zeroYearDay: 11,
  hour: 12,
  hour12: 13,
  zeroHour12: 14,
  minute: 15,
  zeroMinute: 16,
  second: 17,
  zeroSecond: 18,
  longYear: 19,
  year: 20,
  PM: 21,
  pm: 22,
  tz: 23,
  iso8601TZ: 24,
  iso8601SecondsTZ: 25,
  iso8601ShortTZ: 26,
  iso8601ColonTZ: 27,
  iso8601ColonSecondsTZ: 28,
  numTZ: 29,
  numSecondsTz: 30,
  numShortTZ: 31,
  numColonTZ: 32,
  numColonSecondsTZ: 33,
  fracSecond0: 34,
  fracSecond9: 35,
} as const;
type Std = (typeof Std)[keyof typeof Std];

interface Chunk {
  prefix: string;
  std: Std;
  stdText: string;
  /** Digits of a fractional-second element, and its separator. */
  digits: number;
  sep: string;
  suffix: string;
}

const zoneElems: [string, Std][] = [
  ['-070000', Std.numSecondsTz],
  ['-07:00:00', Std.numColonSecondsTZ],
  ['-0700', Std.numTZ],
  ['-07:00', Std.numColonTZ],
  ['-07', Std.numShortTZ],
  ['Z070000', Std.iso8601SecondsTZ],
  ['Z07:00:00', Std.iso8601ColonSecondsTZ],
  ['Z0700', Std.iso8601TZ],
  ['Z07:00', Std.iso8601ColonTZ],
  ['Z07', Std.iso8601ShortTZ],
];

const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** Go's nextStdChunk: the text before the first layout element, the element, and the rest. */
function nextChunk(layout: string): Chunk {
  const at = (i: number, std: Std, len: number, digits = 0, sep = ''): Chunk => ({
    prefix: layout.slice(0, i),
    std,
    stdText: layout.slice(i, i + len),
    digits,
    sep,
    suffix: layout.slice(i + len),
  });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i]!;
    const rest = layout.slice(i);
    switch (c) {
      case 'J':
        if (rest.startsWith('Jan')) return rest.startsWith('January') ? at(i, Std.longMonth, 7) : at(i, Std.month, 3);
        break;
      case 'M':
        if (rest.startsWith('Mon')) return rest.startsWith('Monday') ? at(i, Std.longWeekDay, 6) : at(i, Std.weekDay, 3);
        if (rest.startsWith('MST')) return at(i, Std.tz, 3);
        break;
      case '0':
        if (layout[i + 1]! >= '1' && layout[i + 1]! <= '6') {
          const std = [Std.zeroMonth, Std.zeroDay, Std.zeroHour12, Std.zeroMinute, Std.zeroSecond, Std.year][Number(layout[i + 1]) - 1]!;
          return at(i, std, 2);
        }
        if (layout[i + 1] === '0' && layout[i + 2] === '2') return at(i, Std.zeroYearDay, 3);
        break;
      case '1':
        return layout[i + 1] === '5' ? at(i, Std.hour, 2) : at(i, Std.numMonth, 1);
      case '2':
        return rest.startsWith('2006') ? at(i, Std.longYear, 4) : at(i, Std.day, 1);
      case '_':
        if (layout[i + 1] === '2') {
          // _2006 is a literal underscore followed by a year.
          if (rest.startsWith('_2006')) return at(i + 1, Std.longYear, 4);
          return at(i, Std.underDay, 2);
        }
        if (rest.startsWith('__2')) return at(i, Std.underYearDay, 3);
        break;
      case '3':
        return at(i, Std.hour12, 1);
      case '4':
        return at(i, Std.minute, 1);
      case '5':
        return at(i, Std.second, 1);
      case 'P':
        if (layout[i + 1] === 'M') return at(i, Std.PM, 2);
        break;
      case 'p':
        if (layout[i + 1] === 'm') return at(i, Std.pm, 2);
        break;
      case '-':
      case 'Z':
        for (const [elem, std] of zoneElems) if (elem[0] === c && rest.startsWith(elem)) return at(i, std, elem.length);
        break;
      case '.':
      case ',':
        if (layout[i + 1] === '0' || layout[i + 1] === '9') {
          const ch = layout[i + 1]!;
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigitAt(layout, j)) return at(i, ch === '0' ? Std.fracSecond0 : Std.fracSecond9, j - i, j - (i + 1), c);
        }
        break;
    }
  }
  return { prefix: layout, std: Std.none, stdText: '', digits: 0, sep: '', suffix: '' };
}

const longMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const longDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, w: number): string => (n < 0 ? `-${String(-n).padStart(w, '0')}` : String(n).padStart(w, '0'));

function formatZone(std: Std, offset: number): string {
  const iso = std >= Std.iso8601TZ && std <= Std.iso8601ColonSecondsTZ;
  if (offset === 0 && iso) return 'Z';
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let out = '+';
  if (zone < 0) {
    out = '-';
    zone = -zone;
    abs = -abs;
  }
  out += pad(Math.floor(zone / 60), 2);
  const colon = std === Std.iso8601ColonTZ || std === Std.numColonTZ || std === Std.iso8601ColonSecondsTZ || std === Std.numColonSecondsTZ;
  if (colon) out += ':';
  if (std !== Std.numShortTZ && std !== Std.iso8601ShortTZ) out += pad(zone % 60, 2);
  if (std === Std.iso8601SecondsTZ || std === Std.numSecondsTz || std === Std.iso8601ColonSecondsTZ || std === Std.numColonSecondsTZ) {
    if (std === Std.numColonSecondsTZ || std === Std.iso8601ColonSecondsTZ) out += ':';
    out += pad(abs % 60, 2);
  }
  return out;
}

function formatFrac(nsec: number, digits: number, sep: string, trim: boolean): string {
  let s = String(nsec).padStart(9, '0').slice(0, digits);
  if (trim) s = s.replace(/0+$/, '');
  return s === '' ? '' : sep + s;
}

/** Time.Format. */
export function format(t: Time, layout: string): string {
  const c = civil(t);
  let out = '';
  for (;;) {
    const chunk = nextChunk(layout);
    out += chunk.prefix;
    if (chunk.std === Std.none) return out;
    layout = chunk.suffix;
    switch (chunk.std) {
      case Std.year:
        out += pad(((c.year % 100) + 100) % 100, 2);
        break;
      case Std.longYear:
        out += pad(c.year, 4);
        break;
      case Std.month:
        out += longMonths[c.month - 1]!.slice(0, 3);
        break;
      case Std.longMonth:
        out += longMonths[c.month - 1]!;
        break;
      case Std.numMonth:
        out += String(c.month);
        break;
      case Std.zeroMonth:
        out += pad(c.month, 2);
        break;
      case Std.weekDay:
        out += longDays[c.weekday]!.slice(0, 3);
        break;
      case Std.longWeekDay:
        out += longDays[c.weekday]!;
        break;
      case Std.day:
        out += String(c.day);
        break;
      case Std.underDay:
        out += c.day < 10 ? ` ${c.day}` : String(c.day);
        break;
      case Std.zeroDay:
        out += pad(c.day, 2);
        break;
      case Std.underYearDay:
        out += String(c.yday).padStart(3, ' ');
        break;
      case Std.zeroYearDay:
        out += pad(c.yday, 3);
        break;
      case Std.hour:
        out += pad(c.hour, 2);
        break;
      case Std.hour12:
        out += String(c.hour % 12 === 0 ? 12 : c.hour % 12);
        break;
      case Std.zeroHour12:
        out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2);
        break;
      case Std.minute:
        out += String(c.min);
        break;
      case Std.zeroMinute:
        out += pad(c.min, 2);
        break;
      case Std.second:
        out += String(c.sec);
        break;
      case Std.zeroSecond:
        out += pad(c.sec, 2);
        break;
      case Std.PM:
        out += c.hour >= 12 ? 'PM' : 'AM';
        break;
      case Std.pm:
        out += c.hour >= 12 ? 'pm' : 'am';
        break;
      case Std.tz:
        if (c.zone.abbrev !== '') out += c.zone.abbrev;
        else {
          const zone = Math.trunc(c.zone.offset / 60);
          out += (zone < 0 ? '-' : '+') + pad(Math.floor(Math.abs(zone) / 60), 2) + pad(Math.abs(zone) % 60, 2);
        }
        break;
      case Std.fracSecond0:
        out += formatFrac(t.nsec, chunk.digits, chunk.sep, false);
        break;
      case Std.fracSecond9:
        out += formatFrac(t.nsec, chunk.digits, chunk.sep, true);
        break;
      default:
        out += formatZone(chunk.std, c.zone.offset);
    }
  }
}

/** Time.String: "2006-01-02 15:04:05.999999999 -0700 MST". */
export function timeString(t: Time): string {
  return format(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}

// ---- parsing ----

const goQuote = (s: string): string => JSON.stringify(s);

class ParseError extends Error {}

function parseError(layout: string, value: string, layoutElem: string, valueElem: string, message: string): ParseError {
  if (message === '') {
    return new ParseError(`parsing time ${goQuote(value)} as ${goQuote(layout)}: cannot parse ${goQuote(valueElem)} as ${goQuote(layoutElem)}`);
  }
  return new ParseError(`parsing time ${goQuote(value)}${message}`);
}

const bad = Symbol('bad');

function cutspace(s: string): string {
  let i = 0;
  while (s[i] === ' ') i++;
  return s.slice(i);
}

function skip(value: string, prefix: string): [string, boolean] {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') return [value, false];
      prefix = cutspace(prefix);
      value = cutspace(value);
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return [value, false];
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return [value, true];
}

// getnum: one or two digits (exactly two when fixed).
function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigitAt(s, 0)) throw bad;
  if (!isDigitAt(s, 1)) {
    if (fixed) throw bad;
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + Number(s[i]);
  if (i === 0 || (fixed && i !== 3)) throw bad;
  return [n, s.slice(i)];
}

function lookupName(names: string[], value: string): [number, string] {
  for (const [i, name] of names.entries()) {
    if (value.length >= name.length && value.slice(0, name.length).toLowerCase() === name.toLowerCase()) return [i, value.slice(name.length)];
  }
  throw bad;
}

function parseNanoseconds(value: string, nbytes: number): number {
  if (value[0] !== '.' && value[0] !== ',') throw bad;
  const digits = value.slice(1, nbytes);
  if (!/^[0-9]*$/.test(digits) || digits.length === 0) throw bad;
  return Number(digits.slice(0, 9).padEnd(9, '0'));
}

// Go's parseTimeZone: the length of a zone abbreviation at the start of value, or 0.
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.length >= 4 && (value.startsWith('ChST') || value.startsWith('MeST'))) return 4;
  if (value.startsWith('GMT')) return 3 + parseSignedOffset(value.slice(3));
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  let n = 0;
  while (n < value.length && value[n]! >= 'A' && value[n]! <= 'Z') n++;
  switch (n) {
    case 0:
    case 1:
    case 2:
    case 6:
      return 0;
    case 5:
      return value[4] === 'T' ? 5 : 0;
    case 4:
      return value[3] === 'T' || value.startsWith('WITA') ? 4 : 0;
    case 3:
      return 3;
    default:
      return 0;
  }
}

function parseSignedOffset(value: string): number {
  if (value.length === 0 || (value[0] !== '+' && value[0] !== '-')) return 0;
  const m = /^[0-9]+/.exec(value.slice(1));
  if (!m) return 0;
  const x = Number(m[0]);
  if (x > 24) return 0;
  return 1 + m[0].length;
}

/** time.ParseInLocation. */
export function parseInLocation(layout: string, value: string, loc: Location): Time {
  const alayout = layout;
  const avalue = value;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Location | undefined;
  let zoneOffset = -1;
  let zoneName = '';
  let pmSet = false;
  let amSet = false;
  for (;;) {
    const chunk = nextChunk(layout);
    const [rest, ok] = skip(value, chunk.prefix);
    value = rest;
    if (!ok) throw parseError(alayout, avalue, chunk.prefix, value, '');
    if (chunk.std === Std.none) {
      if (value.length !== 0) throw parseError(alayout, avalue, '', value, `: extra text: ${goQuote(value)}`);
      break;
    }
    layout = chunk.suffix;
    const hold = value;
    let rangeErr = '';
    try {
      switch (chunk.std) {
        case Std.year: {
          if (value.length < 2) throw bad;
          const p = value.slice(0, 2);
          if (!/^[0-9]{2}$/.test(p)) throw bad;
          value = value.slice(2);
          const y = Number(p);
          year = y >= 69 ? y + 1900 : y + 2000;
          break;
        }
        case Std.longYear:
          if (value.length < 4 || !/^[0-9]{4}/.test(value)) throw bad;
          year = Number(value.slice(0, 4));
          value = value.slice(4);
          break;
        case Std.month:
          [month, value] = lookupName(
            longMonths.map((m) => m.slice(0, 3)),
            value,
          );
          month++;
          break;
        case Std.longMonth:
          [month, value] = lookupName(longMonths, value);
          month++;
          break;
        case Std.numMonth:
        case Std.zeroMonth:
          [month, value] = getnum(value, chunk.std === Std.zeroMonth);
          if (month <= 0 || month > 12) rangeErr = 'month';
          break;
        case Std.weekDay:
          [, value] = lookupName(
            longDays.map((d) => d.slice(0, 3)),
            value,
          );
          break;
        case Std.longWeekDay:
          [, value] = lookupName(longDays, value);
          break;
        case Std.day:
        case Std.underDay:
        case Std.zeroDay:
          if (chunk.std === Std.underDay && value.length > 0 && value[0] === ' ') value = value.slice(1);
          [day, value] = getnum(value, chunk.std === Std.zeroDay);
          break;
        case Std.underYearDay:
        case Std.zeroYearDay:
          for (let i = 0; i < 2; i++) if (chunk.std === Std.underYearDay && value.length > 0 && value[0] === ' ') value = value.slice(1);
          [yday, value] = getnum3(value, chunk.std === Std.zeroYearDay);
          if (yday < 1 || yday > 366) rangeErr = 'day-of-year';
          break;
        case Std.hour:
          [hour, value] = getnum(value, false);
          if (hour < 0 || hour >= 24) rangeErr = 'hour';
          break;
        case Std.hour12:
        case Std.zeroHour12:
          [hour, value] = getnum(value, chunk.std === Std.zeroHour12);
          if (hour < 0 || hour > 12) rangeErr = 'hour';
          break;
        case Std.minute:
        case Std.zeroMinute:
          [min, value] = getnum(value, chunk.std === Std.zeroMinute);
          if (min < 0 || min >= 60) rangeErr = 'minute';
          break;
        case Std.second:
        case Std.zeroSecond: {
          [sec, value] = getnum(value, chunk.std === Std.zeroSecond);
          if (sec < 0 || sec >= 60) {
            rangeErr = 'second';
            break;
          }
          // A fractional second in the value is accepted even when the layout has none.
          if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1)) {
            const next = nextChunk(layout).std;
            if (next === Std.fracSecond0 || next === Std.fracSecond9) break;
            let n = 2;
            while (n < value.length && isDigitAt(value, n)) n++;
            nsec = parseNanoseconds(value, n);
            value = value.slice(n);
          }
          break;
        }
        case Std.PM:
        case Std.pm: {
          if (value.length < 2) throw bad;
          const p = value.slice(0, 2);
          value = value.slice(2);
          const [am, pm] = chunk.std === Std.PM ? ['AM', 'PM'] : ['am', 'pm'];
          if (p === pm) pmSet = true;
          else if (p === am) amSet = true;
          else throw bad;
          break;
        }
        case Std.tz: {
          if (value.length >= 3 && value.slice(0, 3) === 'UTC') {
            z = UTC;
            value = value.slice(3);
            break;
          }
          const n = parseTimeZone(value);
          if (n === 0) throw bad;
          zoneName = value.slice(0, n);
          value = value.slice(n);
          break;
        }
        case Std.fracSecond0: {
          const ndigit = 1 + chunk.digits;
          if (value.length < ndigit) throw bad;
          nsec = parseNanoseconds(value, ndigit);
          value = value.slice(ndigit);
          break;
        }
        case Std.fracSecond9: {
          if (value.length < 2 || !(value[0] === '.' || value[0] === ',') || value[1]! < '0' || value[1]! > '9') break;
          let i = 0;
          while (i + 1 < value.length && value[i + 1]! >= '0' && value[i + 1]! <= '9') i++;
          nsec = parseNanoseconds(value, 1 + i);
          value = value.slice(1 + i);
          break;
        }
        default: {
          const iso = chunk.std >= Std.iso8601TZ && chunk.std <= Std.iso8601ColonSecondsTZ;
          if (iso && value.length >= 1 && value[0] === 'Z') {
            value = value.slice(1);
            z = UTC;
            break;
          }
          const colon = chunk.std === Std.iso8601ColonTZ || chunk.std === Std.numColonTZ || chunk.std === Std.iso8601ColonSecondsTZ || chunk.std === Std.numColonSecondsTZ;
          const withSec = chunk.std === Std.iso8601SecondsTZ || chunk.std === Std.numSecondsTz || chunk.std === Std.iso8601ColonSecondsTZ || chunk.std === Std.numColonSecondsTZ;
          const short = chunk.std === Std.iso8601ShortTZ || chunk.std === Std.numShortTZ;
          const sign = value[0];
          let hh: string;
          let mm = '00';
          let ss = '00';
          if (short) {
            if (value.length < 3) throw bad;
            hh = value.slice(1, 3);
            value = value.slice(3);
          } else if (colon) {
            if (value.length < 6 || value[3] !== ':') throw bad;
            hh = value.slice(1, 3);
            mm = value.slice(4, 6);
            if (withSec) {
              if (value.length < 9 || value[6] !== ':') throw bad;
              ss = value.slice(7, 9);
              value = value.slice(9);
            } else value = value.slice(6);
          } else {
            if (value.length < 5) throw bad;
            hh = value.slice(1, 3);
            mm = value.slice(3, 5);
            if (withSec) {
              if (value.length < 7) throw bad;
              ss = value.slice(5, 7);
              value = value.slice(7);
            } else value = value.slice(5);
          }
          if (!/^[0-9]{2}$/.test(hh) || !/^[0-9]{2}$/.test(mm) || !/^[0-9]{2}$/.test(ss)) throw bad;
          const h = Number(hh);
          const m = Number(mm);
          const s = Number(ss);
          if (h > 24) rangeErr = 'time zone offset hour';
          else if (m > 60) rangeErr = 'time zone offset minute';
          else if (s > 60) rangeErr = 'time zone offset second';
          zoneOffset = (h * 60 + m) * 60 + s;
          if (sign === '-') zoneOffset = -zoneOffset;
          else if (sign !== '+') throw bad;
        }
      }
    } catch (err) {
      if (err !== bad) throw err;
      throw parseError(alayout, avalue, chunk.stdText, hold, '');
    }
    if (rangeErr !== '') throw parseError(alayout, avalue, chunk.stdText, value, `: ${rangeErr} out of range`);
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    let d: number;
    let m: number;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else {
        const y = yday > 31 + 29 ? yday - 1 : yday;
        m = 1 + daysBefore.findIndex((b) => b >= y) - 1;
        d = y - daysBefore[m - 1]!;
      }
    } else {
      if (yday > 365) throw parseError(alayout, avalue, '', value, ': day-of-year out of range');
      m = daysBefore.findIndex((b) => b >= yday);
      d = yday - daysBefore[m - 1]!;
    }
    if (month >= 0 && month !== m) throw parseError(alayout, avalue, '', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) throw parseError(alayout, avalue, '', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) throw parseError(alayout, avalue, '', value, ': day out of range');
  if (z) return date(year, month, day, hour, min, sec, nsec, z);
  if (zoneOffset !== -1) {
    const t = date(year, month, day, hour, min, sec, nsec, UTC);
    t.sec -= BigInt(zoneOffset);
    if (loc.lookup(t.sec).offset === zoneOffset) return { ...t, loc };
    return { ...t, loc: fixedZone(zoneName, zoneOffset) };
  }
  if (zoneName !== '') {
    const t = date(year, month, day, hour, min, sec, nsec, UTC);
    const at = loc.lookup(t.sec);
    if (at.abbrev === zoneName) {
      t.sec -= BigInt(at.offset);
      return { ...t, loc };
    }
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) {
      const offset = Number(zoneName.slice(3)) * 3600;
      t.sec -= BigInt(offset);
      return { ...t, loc: fixedZone(zoneName, offset) };
    }
    return { ...t, loc: fixedZone(zoneName, 0) };
  }
  return date(year, month, day, hour, min, sec, nsec, loc);
}
