import type { SecretData } from './auth.ts';
import { GitError, GitErrorCode } from './errors.ts';

/** An HTTP proxy to reach the remote through (`proxySecretRef`). */
export interface ProxyConfig {
  /** The proxy's address without credentials, e.g. http://proxy.example:3128. */
  url: URL;
  username?: string;
  password?: string;
}

function text(data: SecretData, key: string): string | undefined {
  const value = data[key];
  if (value === undefined) return undefined;
  const s = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
  return s === '' ? undefined : s;
}

/**
 * Reads a proxy Secret (`address`, `username`, `password`). Only http:// proxies are implemented:
 * HTTPS targets go through a CONNECT tunnel, plain HTTP targets are forwarded in absolute form.
 */
export function proxyFromSecret(data: SecretData): ProxyConfig {
  const address = text(data, 'address');
  if (address === undefined) {
    throw new GitError(GitErrorCode.InvalidAuth, "invalid proxy Secret: key 'address' is required");
  }
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new GitError(GitErrorCode.InvalidURL, "invalid proxy Secret: 'address' is not a URL");
  }
  if (url.protocol === 'https:' || url.protocol === 'socks5:') {
    throw new GitError(GitErrorCode.Unsupported, `proxy scheme '${url.protocol.slice(0, -1)}' is not supported yet; use an http:// proxy`);
  }
  if (url.protocol !== 'http:') {
    throw new GitError(GitErrorCode.InvalidURL, `invalid proxy Secret: scheme '${url.protocol.slice(0, -1)}' is not one of http, https, socks5`);
  }
  const username = text(data, 'username') ?? (url.username === '' ? undefined : decodeURIComponent(url.username));
  const password = text(data, 'password') ?? (url.password === '' ? undefined : decodeURIComponent(url.password));
  url.username = '';
  url.password = '';
  return { url, ...(username === undefined ? {} : { username }), ...(password === undefined ? {} : { password }) };
}

export function proxyAuthorization(proxy: ProxyConfig): Record<string, string> {
  if (proxy.username === undefined) return {};
  const token = Buffer.from(`${proxy.username}:${proxy.password ?? ''}`, 'utf8').toString('base64');
  return { 'Proxy-Authorization': `Basic ${token}` };
}
