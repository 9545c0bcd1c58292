// Where a generic-oidc issuer's signing keys are: OIDC discovery (`<issuer>/.well-known/openid-configuration`
// names the `jwks_uri`), then the JWKS key cache of jwks.ts for that URI. Only issuers a Receiver names
// are ever discovered: the unverified `iss` of a token must first match one of its oidcProviders.
import { type KeySource, jwksKeySource } from './jwks.ts';

export interface OidcKeySourceOptions {
  /** How long a discovery document is trusted before it is fetched again; one hour when absent. */
  discoveryTtlMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

/** The key source of each issuer, discovered on first use and shared by every Receiver naming it. */
export type OidcKeySources = (issuerURL: string) => KeySource;

interface Discovered {
  jwksURI: string;
  keys: KeySource;
  expiresAt: number;
}

// Issuers come from Receiver specs, so this stays small; the cap only guards against churn.
const maxIssuers = 256;

export function oidcKeySources(options: OidcKeySourceOptions = {}): OidcKeySources {
  const now = options.now ?? Date.now;
  const ttlMs = options.discoveryTtlMs ?? 3_600_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const discovered = new Map<string, Discovered>();
  const inflight = new Map<string, Promise<Discovered>>();

  const discover = (issuer: string): Promise<Discovered> => {
    let pending = inflight.get(issuer);
    if (!pending) {
      pending = fetchJwksURI(issuer, timeoutMs)
        .then((jwksURI) => {
          const previous = discovered.get(issuer);
          // The same URI keeps its key cache: rediscovery must not refetch keys that are still fresh.
          const keys = previous?.jwksURI === jwksURI ? previous.keys : jwksKeySource({ url: jwksURI, timeoutMs, now });
          const entry = { jwksURI, keys, expiresAt: now() + ttlMs };
          discovered.delete(issuer);
          discovered.set(issuer, entry);
          if (discovered.size > maxIssuers) discovered.delete(discovered.keys().next().value as string);
          return entry;
        })
        .catch((err: unknown) => {
          // An issuer that is briefly down keeps its last discovery rather than refusing every call.
          const previous = discovered.get(issuer);
          if (previous) return previous;
          throw err;
        })
        .finally(() => inflight.delete(issuer));
      inflight.set(issuer, pending);
    }
    return pending;
  };

  return (issuer) => ({
    async key(kid) {
      const cached = discovered.get(issuer);
      const entry = cached && now() < cached.expiresAt ? cached : await discover(issuer);
      return entry.keys.key(kid);
    },
  });
}

/** The issuer's jwks_uri from its discovery document, which must name the same issuer (OIDC Discovery §4.3). */
export async function fetchJwksURI(issuer: string, timeoutMs = 10_000): Promise<string> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`OIDC discovery at ${url} failed: HTTP ${res.status}`);
  let doc: { issuer?: unknown; jwks_uri?: unknown };
  try {
    doc = (await res.json()) as typeof doc;
  } catch {
    throw new Error(`OIDC discovery at ${url} failed: the response is not JSON`);
  }
  if (doc.issuer !== issuer) throw new Error(`OIDC discovery at ${url} failed: the document names the issuer '${String(doc.issuer)}', not '${issuer}'`);
  if (typeof doc.jwks_uri !== 'string' || !/^https?:\/\//.test(doc.jwks_uri)) throw new Error(`OIDC discovery at ${url} failed: no http(s) jwks_uri`);
  return doc.jwks_uri;
}
