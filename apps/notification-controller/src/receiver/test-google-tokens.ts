// A stand-in for Google's token issuer in tests: a locally generated RSA key, a real HTTP server serving
// its JWKS the way https://www.googleapis.com/oauth2/v3/certs does, and ID tokens signed with it.
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

export interface GoogleIssuer {
  /** The JWKS URL to verify against. */
  certsURL: string;
  kid: string;
  /** How many times the JWKS was fetched. */
  fetches(): number;
  /** A signed ID token: Pub/Sub's claims for `email` and `audience`, with `overrides` laid over them. */
  token(claims: { audience: string; email: string; overrides?: Record<string, unknown>; kid?: string; key?: KeyObject }): string;
  /** A key Google never published, to sign forgeries with. */
  strangerKey: KeyObject;
  close(): Promise<void>;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startGoogleIssuer(): Promise<GoogleIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = `test-${Math.random().toString(36).slice(2, 10)}`;
  const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
  let fetches = 0;
  const server: Server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' });
    res.end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    certsURL: `http://127.0.0.1:${port}/oauth2/v3/certs`,
    kid,
    fetches: () => fetches,
    strangerKey,
    token({ audience, email, overrides = {}, kid: tokenKid = kid, key = privateKey }) {
      const now = Math.floor(Date.now() / 1000);
      const header = b64url({ alg: 'RS256', kid: tokenKid, typ: 'JWT' });
      const claims = b64url({ aud: audience, azp: '1234567890', email, email_verified: true, exp: now + 3600, iat: now, iss: 'https://accounts.google.com', sub: '1234567890', ...overrides });
      const signature = sign('RSA-SHA256', Buffer.from(`${header}.${claims}`), key).toString('base64url');
      return `${header}.${claims}.${signature}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The body a Pub/Sub push subscription posts for a registry notification. */
export function pubsubPush(notification: Record<string, unknown>): string {
  return JSON.stringify({
    message: { data: Buffer.from(JSON.stringify(notification)).toString('base64'), messageId: '1', publishTime: new Date().toISOString() },
    subscription: 'projects/p/subscriptions/flux',
  });
}
