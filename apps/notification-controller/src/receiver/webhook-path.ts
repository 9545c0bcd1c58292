import { createHash } from 'node:crypto';

/**
 * The path a Receiver is served on. Upstream concatenates the three strings with no separator, so the
 * path changes whenever the token rotates; generic-oidc Receivers have no token and pass "".
 */
export function webhookPath(token: string, name: string, namespace: string): string {
  return `/hook/${createHash('sha256').update(token + name + namespace).digest('hex')}`;
}
