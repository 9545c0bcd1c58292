// Just enough DER to build an X.509 certificate and to walk one: definite-length TLVs, integers,
// OIDs, times and strings.

export function tlv(tag: number, body: Uint8Array): Uint8Array {
  const n = body.length;
  let len: number[];
  if (n < 0x80) len = [n];
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v >>>= 8) bytes.unshift(v & 0xff);
    len = [0x80 | bytes.length, ...bytes];
  }
  return Uint8Array.from([tag, ...len, ...body]);
}

export const seq = (...parts: Uint8Array[]): Uint8Array => tlv(0x30, concat(parts));
export const set = (...parts: Uint8Array[]): Uint8Array => tlv(0x31, concat(parts));
export const explicit = (n: number, inner: Uint8Array): Uint8Array => tlv(0xa0 | n, inner);
export const octets = (b: Uint8Array): Uint8Array => tlv(0x04, b);
export const bitString = (b: Uint8Array): Uint8Array => tlv(0x03, concat([Uint8Array.of(0), b]));
export const utf8 = (s: string): Uint8Array => tlv(0x0c, new TextEncoder().encode(s));
export const bool = (v: boolean): Uint8Array => tlv(0x01, Uint8Array.of(v ? 0xff : 0));
export const nullValue = (): Uint8Array => Uint8Array.of(0x05, 0x00);

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function integer(v: bigint): Uint8Array {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes: Uint8Array = Uint8Array.from(Buffer.from(hex, 'hex'));
  if (bytes[0]! & 0x80) bytes = concat([Uint8Array.of(0), bytes]);
  return tlv(0x02, bytes);
}

export function oid(text: string): Uint8Array {
  const [a, b, ...rest] = text.split('.').map(Number);
  const out = [a! * 40 + b!];
  for (const n of rest) {
    const groups: number[] = [];
    for (let v = n; ; v = Math.floor(v / 128)) {
      groups.unshift(v % 128);
      if (v < 128) break;
    }
    out.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** UTCTime through 2049, GeneralizedTime after, as Go's x509 chooses. */
export function time(d: Date): Uint8Array {
  const iso = d.toISOString();
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  return d.getUTCFullYear() < 2050 ? tlv(0x17, new TextEncoder().encode(`${digits.slice(2)}Z`)) : tlv(0x18, new TextEncoder().encode(`${digits}Z`));
}

export interface Element {
  tag: number;
  /** The whole element, header included. */
  raw: Uint8Array;
  body: Uint8Array;
}

export function read(buf: Uint8Array, at = 0): Element {
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[at + 2 + i]!;
    header += n;
  }
  return { tag, raw: buf.subarray(at, at + header + len), body: buf.subarray(at + header, at + header + len) };
}

export function children(body: Uint8Array): Element[] {
  const out: Element[] = [];
  for (let at = 0; at < body.length; ) {
    const e = read(body, at);
    out.push(e);
    at += e.raw.length;
  }
  return out;
}
