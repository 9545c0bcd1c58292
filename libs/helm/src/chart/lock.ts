// Chart.lock (requirements.lock for v1 charts) as helm's loader reads it into chart.Lock: the
// dependency list as resolved, its digest, and when it was generated. helm keeps it with the chart and
// stores it in release records, re-encoding `generated` as Go's time.Time does.

import { format, parseInLocation, UTC } from '../funcs/gotime.ts';
import type { ChartLock } from '../release/types.ts';
import { decodeValuesYAML } from '../values/decode.ts';
import { readDependencies } from './metadata.ts';
import type { ChartDependency } from './types.ts';

/** A time.Time read from RFC 3339 text, written back as MarshalJSON does (RFC3339Nano, Z for UTC). */
export function goTimeJSON(text: string): string {
  return format(parseInLocation('2006-01-02T15:04:05Z07:00', text, UTC), '2006-01-02T15:04:05.999999999Z07:00');
}

/** Decodes a Chart.lock; `file` names it in errors as helm does ("cannot load Chart.lock: ..."). */
export function readChartLock(text: string, file: string): ChartLock {
  try {
    const doc = decodeValuesYAML(text);
    const generated = doc.generated;
    return {
      generated: typeof generated === 'string' ? goTimeJSON(generated) : '0001-01-01T00:00:00Z',
      digest: typeof doc.digest === 'string' ? doc.digest : '',
      dependencies: Array.isArray(doc.dependencies) ? (readDependencies(doc.dependencies) as ChartDependency[]) : null,
    };
  } catch (err) {
    // sigs.k8s.io/yaml goes through JSON, and its errors say so.
    throw new Error(`cannot load ${file}: error unmarshaling JSON: while decoding JSON: ${(err as Error).message}`);
  }
}
