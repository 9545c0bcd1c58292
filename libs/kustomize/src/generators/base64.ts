/** kustomize's line length for generated base64 values. */
const lineLength = 70;

/**
 * Base64 the way kustomize writes generated Secret data and ConfigMap binaryData: on one line while the
 * encoding is shorter than 70 characters, otherwise cut into 70-character lines, every one of them (the
 * last included) ending in a newline. Encodings come in multiples of 4, so 68 characters stay plain and
 * 72 wrap. The hash suffix is taken over these exact strings, so the wrapping reaches the generated name
 * and every reference rewritten to it.
 */
export function kustomizeBase64(value: Uint8Array | string): string {
  const encoded = (typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value)).toString('base64');
  if (encoded.length < lineLength) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += lineLength) out += `${encoded.slice(i, i + lineLength)}\n`;
  return out;
}
