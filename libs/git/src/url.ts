import { GitError, GitErrorCode } from './errors.ts';

/** A repository URL split into the address to dial and the credentials that were embedded in it. */
export interface RepositoryURL {
  /** The URL without userinfo, query or fragment and without a trailing slash: safe to print. */
  url: string;
  protocol: 'http:' | 'https:';
  /** Userinfo from the URL; upstream uses it only when the Secret has no username/password. */
  username?: string;
  password?: string;
}

/**
 * Validates a GitRepository URL the way the CRD and upstream do (http, https or ssh), and rejects what
 * this lib cannot serve yet with a stalling error rather than a crash.
 */
export function parseRepositoryURL(raw: string): RepositoryURL {
  const trimmed = raw.trim();
  if (/^[\w.-]+@[\w.-]+:/.test(trimmed)) {
    throw new GitError(
      GitErrorCode.InvalidURL,
      `invalid Git URL '${trimmed}': scp-like addresses are not supported, use ssh://user@host/path instead`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new GitError(GitErrorCode.InvalidURL, `invalid Git URL '${redactURL(trimmed)}': not an absolute URL`);
  }
  if (parsed.protocol === 'ssh:') {
    throw new GitError(
      GitErrorCode.Unsupported,
      `SSH is not supported yet: cannot fetch '${redactURL(trimmed)}'; use an http(s) URL`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new GitError(
      GitErrorCode.InvalidURL,
      `invalid Git URL '${redactURL(trimmed)}': scheme '${parsed.protocol.replace(/:$/, '')}' is not one of http, https, ssh`,
    );
  }
  if (parsed.hostname === '') {
    throw new GitError(GitErrorCode.InvalidURL, `invalid Git URL '${redactURL(trimmed)}': no host`);
  }
  const username = parsed.username === '' ? undefined : decodeURIComponent(parsed.username);
  const password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  parsed.search = '';
  const url = parsed.toString().replace(/\/+$/, '');
  return {
    url,
    protocol: parsed.protocol,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
  };
}

/** Removes userinfo from anything URL-shaped, for messages that quote user input. */
export function redactURL(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}
