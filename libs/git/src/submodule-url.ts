import type { GitAuth } from './auth.ts';
import { GitError, GitErrorCode } from './errors.ts';
import { parseRepositoryURL, redactURL } from './url.ts';

/**
 * Resolves a submodule URL from .gitmodules the way `git submodule` does: `./x` and `../x` are relative to
 * the superproject's remote URL taken as a directory, so from `https://h/org/app.git` the URL
 * `../lib.git` is `https://h/org/lib.git` and `./lib.git` is `https://h/org/app.git/lib.git`. Anything
 * else is taken as it is written. Climbing above the host is an error rather than git's odd string result.
 */
export function resolveSubmoduleURL(url: string, parentURL: string): string {
  if (!url.startsWith('./') && !url.startsWith('../')) return url;
  const parent = new URL(parentURL);
  const segments = parent.pathname.split('/').filter((s) => s !== '');
  let rest = url;
  for (;;) {
    if (rest.startsWith('./')) {
      rest = rest.slice(2);
    } else if (rest.startsWith('../')) {
      if (segments.length === 0) {
        throw new GitError(GitErrorCode.SubmoduleFailed, `relative URL '${url}' climbs above the host of '${redactURL(parentURL)}'`);
      }
      segments.pop();
      rest = rest.slice(3);
    } else {
      break;
    }
  }
  parent.pathname = `/${[...segments, rest.replace(/\/+$/, '')].filter((s) => s !== '').join('/')}`;
  parent.search = '';
  parent.hash = '';
  return parent.toString();
}

/**
 * The superproject's credentials, for a submodule on the same origin (scheme, host and port), as
 * upstream reuses a GitRepository's Secret for its submodules. A submodule elsewhere gets only the CA
 * bundle: a Secret written for one Git server is never sent to another, so such a submodule must be
 * readable without credentials (or carry its own in its URL).
 */
export function submoduleCredentials(parentURL: string, parentAuth: GitAuth | undefined, submoduleURL: string): GitAuth {
  const auth = parentAuth ?? {};
  if (new URL(parentURL).origin !== new URL(submoduleURL).origin) {
    return auth.tls?.ca ? { tls: { ca: auth.tls.ca } } : {};
  }
  if (auth.basic || auth.bearerToken !== undefined) return auth;
  // Userinfo in the superproject's URL stands in for a Secret there, so it does here too.
  const parent = parseRepositoryURL(parentURL);
  if (parent.username === undefined) return auth;
  return { ...auth, basic: { username: parent.username, password: parent.password ?? '' } };
}
