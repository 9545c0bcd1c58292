// Shamir's secret sharing over GF(2^8), as in HashiCorp Vault's shamir package that SOPS vendors: a part
// is the y-values of every byte followed by one x-coordinate byte. SOPS splits the data key this way
// when a document has several key groups; combining `threshold` parts gives it back.
const exp = new Uint8Array(510);
const log = new Uint8Array(256);
{
  // The AES field (x^8 + x^4 + x^3 + x + 1) with generator 3.
  let x = 1;
  for (let i = 0; i < 255; i++) {
    exp[i] = x;
    log[x] = i;
    x ^= (x << 1) ^ (x & 0x80 ? 0x11b : 0);
    x &= 0xff;
  }
  for (let i = 255; i < 510; i++) exp[i] = exp[i - 255]!;
}

const mul = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : exp[log[a]! + log[b]!]!);
const div = (a: number, b: number): number => (a === 0 ? 0 : exp[log[a]! + 255 - log[b]!]!);

/** Evaluates at x = 0 the polynomial through the parts' points, byte by byte. */
export function combineShares(parts: readonly Uint8Array[]): Buffer {
  if (parts.length < 2) throw new Error('at least two parts are needed to combine');
  const len = parts[0]!.length;
  if (len < 2 || parts.some((p) => p.length !== len)) throw new Error('all parts must be the same length');
  const xs = parts.map((p) => p[len - 1]!);
  if (new Set(xs).size !== xs.length) throw new Error('duplicate part');
  const out = Buffer.alloc(len - 1);
  for (let b = 0; b < len - 1; b++) {
    let acc = 0;
    for (let i = 0; i < parts.length; i++) {
      let basis = 1;
      for (let j = 0; j < parts.length; j++) if (j !== i) basis = mul(basis, div(xs[j]!, xs[i]! ^ xs[j]!));
      acc ^= mul(parts[i]![b]!, basis);
    }
    out[b] = acc;
  }
  return out;
}

/** Splits a secret into `count` parts needing `threshold`; for tests. */
export function splitSecret(secret: Uint8Array, count: number, threshold: number, random: (n: number) => Buffer): Buffer[] {
  const xs: number[] = [];
  while (xs.length < count) {
    const x = random(1)[0]!;
    if (x !== 0 && !xs.includes(x)) xs.push(x);
  }
  const parts = xs.map(() => Buffer.alloc(secret.length + 1));
  for (let b = 0; b < secret.length; b++) {
    const coeffs = [secret[b]!, ...random(threshold - 1)];
    xs.forEach((x, i) => {
      let y = 0;
      for (let k = coeffs.length - 1; k >= 0; k--) y = mul(y, x) ^ coeffs[k]!;
      parts[i]![b] = y;
    });
  }
  xs.forEach((x, i) => (parts[i]![secret.length] = x));
  return parts;
}
