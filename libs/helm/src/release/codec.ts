// The `release` value of a storage record: base64(gzip(json)), as helm's storage drivers write it.
// In a Secret the API server base64-encodes this text once more, so `kubectl get -o yaml` shows it twice.

import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { releaseFromJSON, releaseToJSON } from './json.ts';
import type { Release } from './types.ts';

const gzipMagic = [0x1f, 0x8b, 0x08] as const;

/** The text helm stores under the `release` key (one base64 layer, before Kubernetes adds its own). */
export function encodeRelease(release: Release): string {
  const json = Buffer.from(releaseToJSON(release), 'utf8');
  return gzipSync(json, { level: constants.Z_BEST_COMPRESSION }).toString('base64');
}

/** Reads what encodeRelease or helm wrote; records from before helm compressed them are plain JSON. */
export function decodeRelease(data: string): Release {
  let raw = Buffer.from(data, 'base64');
  if (raw.length > 3 && gzipMagic.every((b, i) => raw[i] === b)) raw = gunzipSync(raw);
  return releaseFromJSON(raw.toString('utf8'));
}
