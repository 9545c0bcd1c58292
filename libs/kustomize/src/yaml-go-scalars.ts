import type { ScalarTag, SchemaOptions } from 'yaml';

type TagList = Extract<NonNullable<SchemaOptions['customTags']>, unknown[]>;

// kustomize turns each resource into a Go map and back through JSON, so plain scalars end up resolved
// the way go-yaml v3 resolves them for an interface{}, not as YAML 1.2 core says. Two differences
// reach the output: integers are read with Go's base-0 rules (`0755` is octal 493, `1_000` is 1000,
// `0b101` is 5) and plain dates become RFC 3339 timestamps (`2024-01-02` → "2024-01-02T00:00:00Z").

/** go-yaml's integer reading: underscores dropped, then Go's `ParseInt(s, 0, 64)`; a bad octal falls back to a float. */
export function goInteger(text: string): number {
  const plain = text.replaceAll('_', '');
  const sign = plain.startsWith('-') ? -1 : 1;
  const body = plain.replace(/^[-+]/, '');
  const prefixed = /^0([xXoObB])(.*)$/.exec(body);
  if (prefixed) {
    const radix = { x: 16, o: 8, b: 2 }[prefixed[1]!.toLowerCase() as 'x' | 'o' | 'b'];
    return sign * parseInt(prefixed[2]!, radix);
  }
  if (/^0[0-7]+$/.test(body)) return sign * parseInt(body, 8);
  return sign * Number(body);
}

const goIntegerTag: ScalarTag = {
  identify: (v) => typeof v === 'number' && Number.isInteger(v),
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)$/,
  resolve: (text) => goInteger(text),
};

const two = (n: number): string => String(n).padStart(2, '0');

/** go-yaml's timestamp formats, written back as Go's JSON encoder writes a time.Time (RFC 3339, nanoseconds trimmed). */
export function goTimestamp(text: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|[ ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?(Z|[-+]\d{2}:\d{2})?)?$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, t, h, mi, s, frac, zone] = m;
  // With a T the zone is required; with a space there must be none (it is then UTC).
  if (h !== undefined && (t ? zone === undefined : zone !== undefined)) return undefined;
  const fraction = frac ? `.${frac}`.replace(/0+$/, '').replace(/\.$/, '') : '';
  const time = h === undefined ? '00:00:00' : `${two(Number(h))}:${two(Number(mi))}:${two(Number(s))}`;
  return `${y}-${two(Number(mo))}-${two(Number(d))}T${time}${fraction}${zone === undefined || zone === '+00:00' ? 'Z' : zone}`;
}

const goTimestampTag: ScalarTag = {
  identify: () => false,
  default: true,
  tag: 'tag:yaml.org,2002:timestamp',
  test: /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?$/,
  resolve: (text) => goTimestamp(text) ?? text,
};

/** The core schema's tags with go-yaml's integer and timestamp reading in front of the YAML 1.2 ones. */
export function goScalarTags(tags: TagList): TagList {
  return [goTimestampTag, goIntegerTag, ...tags.filter((t) => typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:int')];
}
