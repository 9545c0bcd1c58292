import { GitError, GitErrorCode } from './errors.ts';
import type { RepositoryURL } from './url.ts';

/** A Secret's data with values already decoded (a string is taken as UTF-8 text, as in `stringData`). */
export type SecretData = Readonly<Record<string, string | Uint8Array>>;

/** TLS material for HTTPS remotes: a CA bundle to trust and/or a client certificate for mTLS. */
export interface TLSMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** How to authenticate to an HTTP(S) Git remote, built from a GitRepository's `secretRef`. */
export interface GitAuth {
  basic?: { username: string; password: string };
  bearerToken?: string;
  tls?: TLSMaterial;
}

/** Decodes a Kubernetes Secret's base64 `data` map. */
export function decodeSecretData(data: Readonly<Record<string, string>> | undefined): SecretData {
  const out: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(data ?? {})) out[key] = Buffer.from(value, 'base64');
  return out;
}

function text(data: SecretData, key: string): string | undefined {
  const value = data[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
}

function bytes(data: SecretData, key: string): Buffer | undefined {
  const value = data[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
}

/**
 * Reads the keys upstream reads from a Git auth Secret (§2.2 of the reference). Misconfigurations are
 * AuthenticationFailed errors whose messages name keys, never values.
 */
export function authFromSecret(data: SecretData | undefined): GitAuth {
  if (data === undefined) return {};
  const auth: GitAuth = {};
  const username = text(data, 'username');
  const password = text(data, 'password');
  if (password !== undefined && password !== '' && (username === undefined || username === '')) {
    throw new GitError(GitErrorCode.InvalidAuth, "invalid auth Secret: 'password' is set without 'username'");
  }
  if (username !== undefined && username !== '') auth.basic = { username, password: password ?? '' };

  const bearerToken = text(data, 'bearerToken');
  if (bearerToken !== undefined && bearerToken !== '') {
    if (auth.basic) {
      throw new GitError(GitErrorCode.InvalidAuth, 'invalid auth Secret: basic auth and bearer token cannot be set at the same time');
    }
    auth.bearerToken = bearerToken;
  }

  // `caFile` is the legacy key; `ca.crt` wins when both are present.
  const ca = bytes(data, 'ca.crt') ?? bytes(data, 'caFile');
  const cert = bytes(data, 'tls.crt');
  const key = bytes(data, 'tls.key');
  if ((cert === undefined) !== (key === undefined)) {
    throw new GitError(GitErrorCode.InvalidAuth, "invalid auth Secret: 'tls.crt' and 'tls.key' must be set together");
  }
  if (ca || cert) auth.tls = { ...(ca ? { ca } : {}), ...(cert && key ? { cert, key } : {}) };
  return auth;
}

/**
 * The headers that carry the credentials. Userinfo in the URL counts only when the Secret gives no
 * username, as upstream does; it is never left in the URL, so it cannot reach a log line.
 */
export function authHeaders(auth: GitAuth, repo: RepositoryURL): Record<string, string> {
  if (auth.bearerToken !== undefined) {
    if (repo.username !== undefined && auth.basic === undefined && repo.password !== undefined) {
      throw new GitError(GitErrorCode.InvalidAuth, 'invalid auth: basic auth and bearer token cannot be set at the same time');
    }
    return { Authorization: `Bearer ${auth.bearerToken}` };
  }
  const basic = auth.basic ?? (repo.username === undefined ? undefined : { username: repo.username, password: repo.password ?? '' });
  if (basic === undefined) return {};
  return { Authorization: `Basic ${Buffer.from(`${basic.username}:${basic.password}`, 'utf8').toString('base64')}` };
}
