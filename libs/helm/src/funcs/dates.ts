// Sprig's date functions over Go's time.Time (gotime.ts) and time.Duration (duration.ts), with Sprig's
// type switches kept: a float64 (every number from values.yaml) is not a time, so date/ago fall back to now.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { GoInt, GoStruct, goFunc, type Result, typeName } from '../template/values.ts';
import { durationString, Hour, Minute, parseDuration, roundDuration, Second } from './duration.ts';
import { addDuration, format, inLocation, Local, loadLocation, nowTime, parseInLocation, sub, type Time, timeString, UTC, unixTime } from './gotime.ts';

/** A time.Time as templates see it: Go's methods that charts call, and its String form. */
class TimeStruct extends GoStruct {
  readonly time: Time;
  constructor(t: Time) {
    super(
      'time.Time',
      {},
      {
        String: goFunc([], 'string', () => timeString(t)),
        Format: goFunc(['string'], 'string', (layout) => format(t, layout as string)),
        Unix: goFunc([], 'int64', () => new GoInt('int64', t.sec)),
        UTC: goFunc([], 'interface {}', () => timeValue(inLocation(t, UTC))),
        Local: goFunc([], 'interface {}', () => timeValue(inLocation(t, Local))),
        Year: goFunc([], 'int', () => BigInt(format(t, '2006'))),
        Nanosecond: goFunc([], 'int', () => BigInt(t.nsec)),
      },
    );
    this.time = t;
  }
}

export function timeValue(t: Time): GoStruct {
  return new TimeStruct(t);
}

export function isTime(v: Result): v is TimeStruct {
  return v instanceof TimeStruct;
}

// Parameters typed time.Time in Sprig: the executor knows no such type, so the check happens here.
function asTime(v: Result): Time {
  if (v instanceof TimeStruct) return v.time;
  throw new Error(`wrong type for value; expected time.Time; got ${typeName(v ?? null)}`);
}

// The type switch of dateInZone: time.Time, int64, int and int32; anything else is now.
function dateArg(v: Result, withInt32: boolean): Time {
  if (v instanceof TimeStruct) return v.time;
  if (typeof v === 'bigint') return unixTime(v);
  if (v instanceof GoInt && (v.kind === 'int64' || (withInt32 && v.kind === 'int32'))) return unixTime(v.value);
  return nowTime();
}

function dateInZone(layout: string, v: Result, zone: string): string {
  let loc;
  try {
    loc = loadLocation(zone);
  } catch {
    loc = UTC;
  }
  return format(inLocation(dateArg(v, true), loc), layout);
}

function modify(d: string, t: Time, must: boolean): Time {
  try {
    return addDuration(t, parseDuration(d));
  } catch (err) {
    if (must) throw err;
    return t;
  }
}

/** Sprig's durationRound: the largest whole unit (y = 365d, mo = 30d), sign dropped. */
export function durationRound(v: Result): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof GoInt && v.kind === 'int64') d = v.value;
  else if (v instanceof TimeStruct) d = sub(nowTime(), v.time);
  const u = d < 0n ? -d : d;
  const day = 24n * Hour;
  const steps: [bigint, string][] = [
    [365n * day, 'y'],
    [30n * day, 'mo'],
    [day, 'd'],
    [Hour, 'h'],
    [Minute, 'm'],
    [Second, 's'],
  ];
  for (const [unit, name] of steps) if (u > unit) return `${u / unit}${name}`;
  return '0s';
}

/** Sprig's duration: seconds given as a string or an int64 (a plain int is 0). */
export function secondsDuration(v: Result): string {
  let n = 0n;
  if (typeof v === 'string') n = /^[+-]?[0-9]+$/.test(v) && BigInt.asIntN(64, BigInt(v)) === BigInt(v) ? BigInt(v) : 0n;
  else if (v instanceof GoInt && v.kind === 'int64') n = v.value;
  return durationString(BigInt.asIntN(64, n * Second));
}

function ago(v: Result): string {
  let t: Time;
  if (v instanceof TimeStruct) t = v.time;
  else if (typeof v === 'bigint') t = unixTime(v);
  else if (v instanceof GoInt && v.kind === 'int64') t = unixTime(v.value);
  else t = nowTime();
  return durationString(roundDuration(sub(nowTime(), t), Second));
}

function toDate(layout: string, value: string, must: boolean): Time {
  try {
    return parseInLocation(layout, value, Local);
  } catch (err) {
    if (must) throw err;
    return { sec: -62135596800n, nsec: 0, loc: UTC };
  }
}

const I = 'interface {}' as const;
const S = 'string' as const;

const dateFn = defineFunc([S, I], S, (layout, v) => dateInZone(layout as string, v, 'Local'));
const dateInZoneFn = defineFunc([S, I, S], S, (layout, v, zone) => dateInZone(layout as string, v, zone as string));
const dateModifyFn = defineFunc([S, I], I, (d, t) => timeValue(modify(d as string, asTime(t), false)));
const mustDateModifyFn = defineFunc([S, I], I, (d, t) => timeValue(modify(d as string, asTime(t), true)), { returnsError: true });

export const dateFuncs: FuncMap = {
  now: defineFunc([], I, () => timeValue(nowTime())),
  date: dateFn,
  dateInZone: dateInZoneFn,
  date_in_zone: dateInZoneFn,
  htmlDate: defineFunc([I], S, (v) => dateInZone('2006-01-02', v, 'Local')),
  htmlDateInZone: defineFunc([I, S], S, (v, zone) => dateInZone('2006-01-02', v, zone as string)),
  toDate: defineFunc([S, S], I, (layout, s) => timeValue(toDate(layout as string, s as string, false))),
  mustToDate: defineFunc([S, S], I, (layout, s) => timeValue(toDate(layout as string, s as string, true)), { returnsError: true }),
  dateModify: dateModifyFn,
  date_modify: dateModifyFn,
  mustDateModify: mustDateModifyFn,
  must_date_modify: mustDateModifyFn,
  ago: defineFunc([I], S, (v) => ago(v)),
  duration: defineFunc([I], S, (v) => secondsDuration(v)),
  durationRound: defineFunc([I], S, (v) => durationRound(v)),
  unixEpoch: defineFunc([I], S, (t) => asTime(t).sec.toString()),
};
