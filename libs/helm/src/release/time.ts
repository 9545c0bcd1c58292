// Times as helm's JSON holds them: Go's RFC3339Nano, which drops trailing zeros of the fraction.

import type { HelmTime } from './types.ts';

/** A JavaScript Date as Go's time.Time.MarshalJSON writes it in UTC (millisecond precision). */
export function helmTime(date: Date): HelmTime {
  const iso = date.toISOString(); // 2024-05-04T12:37:54.010Z
  return iso.replace(/\.(\d*?)0*Z$/, (_m, digits: string) => (digits === '' ? 'Z' : `.${digits}Z`));
}

/** A HelmTime as a Date, or undefined for Go's zero time (''). Sub-millisecond digits are dropped. */
export function parseHelmTime(t: HelmTime): Date | undefined {
  if (t === '') return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
