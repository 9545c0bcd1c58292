// Where a signature lives in a Git object, and which bytes it signs. Git signs the object as stored, minus
// the signature: a commit carries it in a `gpgsig` header, a tag appends it to its message. Both are cut
// out of the raw bytes here, never rebuilt from parsed fields, so a reordered header or a CRLF in a
// message cannot make a payload that differs from what the signer signed.

/** The signature technologies Git knows, named as in `gpg.format`. */
export const SignatureFormat = {
  OpenPGP: 'openpgp',
  SSH: 'ssh',
  X509: 'x509',
} as const;
export type SignatureFormat = (typeof SignatureFormat)[keyof typeof SignatureFormat];

/** A Git object split into what was signed and the signature, if any. */
export interface SignedObject {
  /** The bytes the signature covers. */
  payload: Buffer;
  /** The armored signature; undefined when the object is not signed. */
  signature?: string;
  format?: SignatureFormat;
}

// The first line of each format's armor, as git's gpg-interface recognises them.
const armorStarts: ReadonlyArray<readonly [string, SignatureFormat]> = [
  ['-----BEGIN PGP SIGNATURE-----', SignatureFormat.OpenPGP],
  ['-----BEGIN PGP MESSAGE-----', SignatureFormat.OpenPGP],
  ['-----BEGIN SSH SIGNATURE-----', SignatureFormat.SSH],
  ['-----BEGIN SIGNED MESSAGE-----', SignatureFormat.X509],
];

/** The format an armored signature is in, from its first line; undefined when unknown. */
export function signatureFormat(signature: string): SignatureFormat | undefined {
  return armorStarts.find(([start]) => signature.startsWith(start))?.[1];
}

// The header that holds a SHA-1 repository's commit signature. `gpgsig-sha256` belongs to the SHA-256
// form of the same commit and stays in the payload, as git leaves it.
const signatureHeader = Buffer.from('gpgsig ');

/** Splits a raw commit object (the content without the `commit <size>\0` prefix). */
export function splitSignedCommit(raw: Uint8Array): SignedObject {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const headersEnd = buf.indexOf('\n\n');
  const limit = headersEnd < 0 ? buf.length : headersEnd + 1;
  let pos = 0;
  while (pos < limit) {
    const eol = buf.indexOf('\n', pos);
    const next = eol < 0 || eol >= limit ? limit : eol + 1;
    if (buf.subarray(pos, pos + signatureHeader.length).equals(signatureHeader)) {
      // The value goes on over continuation lines, each starting with one space.
      let end = next;
      const lines = [buf.subarray(pos + signatureHeader.length, next).toString('utf8')];
      while (end < limit && buf[end] === 0x20) {
        const lineEnd = buf.indexOf('\n', end);
        const after = lineEnd < 0 || lineEnd >= limit ? limit : lineEnd + 1;
        lines.push(buf.subarray(end + 1, after).toString('utf8'));
        end = after;
      }
      const signature = lines.map((l) => (l.endsWith('\n') ? l : `${l}\n`)).join('');
      const payload = Buffer.concat([buf.subarray(0, pos), buf.subarray(end)]);
      const format = signatureFormat(signature);
      return { payload, signature, ...(format ? { format } : {}) };
    }
    pos = next;
  }
  return { payload: buf };
}

/** Splits a raw tag object: the signature, when there is one, is the tail of the message. */
export function splitSignedTag(raw: Uint8Array): SignedObject {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const headersEnd = buf.indexOf('\n\n');
  if (headersEnd < 0) return { payload: buf };
  // As git does: the last line that opens an armor starts the signature.
  let match = -1;
  let pos = headersEnd + 2;
  while (pos < buf.length) {
    if (armorStarts.some(([start]) => buf.subarray(pos, pos + start.length).toString('latin1') === start)) match = pos;
    const eol = buf.indexOf('\n', pos);
    pos = eol < 0 ? buf.length : eol + 1;
  }
  if (match < 0) return { payload: buf };
  const signature = buf.subarray(match).toString('utf8');
  const format = signatureFormat(signature);
  return { payload: buf.subarray(0, match), signature, ...(format ? { format } : {}) };
}
