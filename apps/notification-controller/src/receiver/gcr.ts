// The gcr Receiver (reference §4.3): Artifact/Container Registry notifications pushed by a Pub/Sub
// subscription, authenticated by the Google-signed OIDC ID token Pub/Sub puts in `Authorization: Bearer`.
// The token must be signed by Google (RS256, a key from Google's certs), issued by accounts.google.com,
// meant for this Receiver (`aud` equal to the Secret's `audience`) and for the push subscription's service
// account (`email` equal to the Secret's `email`, and verified). Without the audience and email checks any
// Google-signed token would do (CVE-2026-40109), so a Secret lacking either field refuses every call.
import { bearerToken, verifyIdToken } from './id-token.ts';
import type { KeySource } from './jwks.ts';
import type { ValidationResult, WebhookRequest } from './validate.ts';

const googleIssuers: ReadonlySet<string> = new Set(['accounts.google.com', 'https://accounts.google.com']);

export interface GcrSecret {
  /** The Secret's `audience`: the audience the push subscription puts in its tokens. */
  audience?: string | undefined;
  /** The Secret's `email`: the push subscription's service account. */
  email?: string | undefined;
}

export async function validateGcr(req: WebhookRequest, secret: GcrSecret, keys: KeySource, now: Date = new Date()): Promise<ValidationResult> {
  if (!secret.audience || !secret.email) return fail("invalid secret data: gcr receivers require the fields 'audience' and 'email'");
  const bearer = bearerToken(req);
  if (!bearer) return fail('cannot authenticate GCR request: the Authorization header is missing or is not a Bearer token');
  // Google signs its ID tokens with RS256 only; anything else claiming to be one is a forgery.
  const verified = await verifyIdToken(bearer, keys, { issuers: googleIssuers, audience: secret.audience, keyOwner: 'Google', algorithms: ['RS256'], now });
  if (!verified.ok) return fail(`cannot authenticate GCR request: ${verified.reason}`);
  const claims = verified.claims;
  if (claims['email'] !== secret.email) return fail('cannot authenticate GCR request: the token email does not match the receiver email');
  if (claims['email_verified'] !== true) return fail('cannot authenticate GCR request: the token email is not verified');

  const notification = pubsubData(req.body);
  if (!notification) return fail('cannot decode GCR webhook payload: expected a Pub/Sub push message whose data is a JSON registry notification');
  const action = notification['action'];
  // The registry notification, not the Pub/Sub envelope, is what resource filters see as `req`.
  return { ok: true, ...(typeof action === 'string' && action ? { event: action } : {}), req: notification };
}

function pubsubData(body: Buffer): Record<string, unknown> | undefined {
  try {
    const envelope = JSON.parse(body.toString('utf8')) as { message?: { data?: unknown } } | null;
    const data = envelope?.message?.data;
    if (typeof data !== 'string') return undefined;
    const inner: unknown = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return undefined;
    const n = inner as Record<string, unknown>;
    // Upstream decodes into {action, digest, tag} strings: another type in one of them fails the call.
    return ['action', 'digest', 'tag'].every((f) => n[f] === undefined || n[f] === null || typeof n[f] === 'string') ? n : undefined;
  } catch {
    return undefined;
  }
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
