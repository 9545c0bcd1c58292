// Signing keys from a JWKS URL (Google's certs for gcr Receivers, an OIDC issuer's jwks_uri for
// generic-oidc), cached. Issuers rotate their keys and publish each one well before they sign with it, so
// the set is refetched when its cache lifetime (Cache-Control max-age, else an hour) ends, and early, at
// most once per `minRefreshMs`, when a token names a key the cached set lacks.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Where Google publishes the keys that sign its OIDC ID tokens, in JWK form. */
export const googleCertsURL = 'https://www.googleapis.com/oauth2/v3/certs';

/** Overrides googleCertsURL, e.g. for a proxy mirror or a test serving its own keys. */
export const googleCertsURLEnv = 'CONFLUX_GOOGLE_CERTS_URL';

export interface KeySource {
  /** The verification key with this `kid`, or undefined when the set has none. Rejects when the set cannot be fetched at all. */
  key(kid: string): Promise<KeyObject | undefined>;
}

export interface JwksOptions {
  url: string;
  /** Cache lifetime when the response has no max-age; one hour when absent. */
  ttlMs?: number;
  /** Least time between two fetches caused by unknown key ids; 30 s when absent. */
  minRefreshMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

interface KeySet {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
  expiresAt: number;
}

export function jwksKeySource(options: JwksOptions): KeySource {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 3_600_000;
  const minRefreshMs = options.minRefreshMs ?? 30_000;
  let current: KeySet | undefined;
  let inflight: Promise<KeySet> | undefined;

  // One fetch at a time: a burst of webhooks with a new key id must not become a burst of fetches.
  const refresh = (): Promise<KeySet> => {
    inflight ??= fetchKeySet(options.url, ttlMs, options.timeoutMs ?? 10_000, now)
      .then((set) => (current = set))
      .catch((err: unknown) => {
        // Keys already known stay usable while the URL is down; only a first fetch failing is fatal.
        if (current) return current;
        throw err;
      })
      .finally(() => (inflight = undefined));
    return inflight;
  };

  return {
    async key(kid) {
      let set = current && now() < current.expiresAt ? current : await refresh();
      if (!set.keys.has(kid) && now() - set.fetchedAt >= minRefreshMs) set = await refresh();
      return set.keys.get(kid);
    },
  };
}

async function fetchKeySet(url: string, ttlMs: number, timeoutMs: number, now: () => number): Promise<KeySet> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`fetching signing keys from ${url}: HTTP ${res.status}`);
  const body = (await res.json()) as { keys?: unknown };
  if (!Array.isArray(body.keys)) throw new Error(`fetching signing keys from ${url}: the response is not a JWK set`);
  const keys = new Map<string, KeyObject>();
  for (const jwk of body.keys as Array<JsonWebKey & { kid?: unknown; use?: unknown }>) {
    if (typeof jwk.kid !== 'string' || (jwk.kty !== 'RSA' && jwk.kty !== 'EC') || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
    try {
      keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
    } catch {
      // A key this build cannot read cannot have signed a token it accepts; the others still count.
    }
  }
  const fetchedAt = now();
  return { keys, fetchedAt, expiresAt: fetchedAt + (maxAgeMs(res.headers.get('cache-control')) ?? ttlMs) };
}

function maxAgeMs(cacheControl: string | null): number | undefined {
  const match = /(?:^|,)\s*max-age=(\d+)/i.exec(cacheControl ?? '');
  return match ? Number(match[1]) * 1000 : undefined;
}
