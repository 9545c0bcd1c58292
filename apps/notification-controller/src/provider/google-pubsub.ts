// googlepubsub (reference §2.4): the event JSON published as one Pub/Sub message to the topic `channel`
// of the project `address`, with the Secret's `headers` as message attributes. Upstream uses Google's Go
// SDK; Conflux speaks Pub/Sub's REST API instead, signing in the way the SDK does with a service-account
// key (the `token`, JSON): an RS256 JWT assertion exchanged at the key's token_uri for an access token
// (OAuth 2.0 JWT bearer grant, RFC 7523), kept until shortly before it expires.
import { createHash, createPrivateKey, type KeyObject, sign } from 'node:crypto';
import type { NotificationEvent } from '@conflux/bus';
import { encodeEvent } from '../event/wire.ts';
import { jsonHeaders, NotificationError, type NotificationRequest, type Notifier, type ProviderSettings, type Send } from './types.ts';

/** Where Pub/Sub's REST API lives. */
export const pubsubBaseURL = 'https://pubsub.googleapis.com';

/** Overrides pubsubBaseURL for the whole process, e.g. for a Pub/Sub emulator or a test's recording server. */
export const pubsubBaseURLEnv = 'CONFLUX_GOOGLE_PUBSUB_URL';

const defaultTokenURI = 'https://oauth2.googleapis.com/token';
const pubsubScope = 'https://www.googleapis.com/auth/pubsub';
const assertionLifetimeSeconds = 3600;
// An access token this close to its expiry is replaced rather than risk it lapsing in flight.
const refreshMarginMs = 60_000;

export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: KeyObject;
  privateKeyID: string;
  /** Honoured as given: it is where Google told this key to sign in. */
  tokenURI: string;
  /** A digest of the whole key, naming it in the access-token cache. */
  fingerprint: string;
}

/** Reads a service-account JSON key; throws a NotificationError saying what is missing. */
export function parseServiceAccountKey(json: string): ServiceAccountKey {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new NotificationError('the googlepubsub token is not JSON: expected a Google service-account key');
  }
  if (raw === null || typeof raw !== 'object') throw new NotificationError('the googlepubsub token is not a JSON object: expected a Google service-account key');
  if (raw['type'] !== undefined && raw['type'] !== 'service_account') {
    throw new NotificationError(`the googlepubsub token holds credentials of type '${String(raw['type'])}'; only service_account keys are supported`);
  }
  const clientEmail = raw['client_email'];
  const pem = raw['private_key'];
  if (typeof clientEmail !== 'string' || !clientEmail || typeof pem !== 'string' || !pem) {
    throw new NotificationError("the googlepubsub service-account key needs 'client_email' and 'private_key'");
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new NotificationError("the googlepubsub service-account key's 'private_key' is not a PEM private key");
  }
  const tokenURI = typeof raw['token_uri'] === 'string' && raw['token_uri'] ? raw['token_uri'] : defaultTokenURI;
  const privateKeyID = typeof raw['private_key_id'] === 'string' ? raw['private_key_id'] : '';
  return { clientEmail, privateKey, privateKeyID, tokenURI, fingerprint: createHash('sha256').update(json).digest('hex') };
}

/** The signed JWT the key presents at its token_uri. */
export function tokenAssertion(key: ServiceAccountKey, now: Date = new Date()): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(key.privateKeyID ? { kid: key.privateKeyID } : {}) };
  const claims = { iss: key.clientEmail, scope: pubsubScope, aud: key.tokenURI, iat, exp: iat + assertionLifetimeSeconds };
  const input = `${b64url(header)}.${b64url(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** The JWT bearer grant that exchanges the assertion for an access token. */
export function tokenRequest(key: ServiceAccountKey, now: Date = new Date()): NotificationRequest {
  const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: tokenAssertion(key, now) }).toString();
  return { method: 'POST', url: key.tokenURI, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body };
}

/** The publish call: one message, the event JSON base64-encoded as `data`, the Secret's headers as attributes. */
export function publishRequest(event: NotificationEvent, settings: ProviderSettings, accessToken: string, baseURL: string = pubsubBaseURL): NotificationRequest {
  const message = { data: Buffer.from(encodeEvent(event)).toString('base64'), ...(Object.keys(settings.headers).length > 0 ? { attributes: settings.headers } : {}) };
  return {
    method: 'POST',
    url: publishURL(settings, baseURL),
    headers: { ...jsonHeaders, Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ messages: [message] }),
  };
}

/** The topic's publish URL; throws when the Provider names no project (address) or topic (channel). */
export function publishURL(settings: ProviderSettings, baseURL: string = pubsubBaseURL): string {
  const project = settings.address.trim();
  const topic = settings.channel.trim();
  if (!project) throw new NotificationError('the googlepubsub provider needs the project ID in its address');
  if (!topic) throw new NotificationError('the googlepubsub provider needs the topic ID in its channel');
  return `${baseURL.replace(/\/+$/, '')}/v1/projects/${encodeURIComponent(project)}/topics/${encodeURIComponent(topic)}:publish`;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

/** Access tokens by service-account key; the keys come from Provider Secrets, so there are few. */
export class AccessTokenCache {
  readonly #tokens = new Map<string, CachedToken>();
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: { max?: number; now?: () => number } = {}) {
    this.#max = options.max ?? 256;
    this.#now = options.now ?? Date.now;
  }

  /** A cached token for `key` that is not about to expire, else a fresh one from its token_uri. */
  async token(key: ServiceAccountKey, send: Send): Promise<string> {
    const id = key.fingerprint;
    const cached = this.#tokens.get(id);
    if (cached && this.#now() < cached.expiresAt - refreshMarginMs) return cached.accessToken;
    const res = await send(tokenRequest(key, new Date(this.#now())));
    let answer: { access_token?: unknown; expires_in?: unknown };
    try {
      answer = JSON.parse(res.body) as typeof answer;
    } catch {
      throw new NotificationError(`the token endpoint ${key.tokenURI} did not answer with JSON`);
    }
    if (typeof answer.access_token !== 'string' || !answer.access_token) throw new NotificationError(`the token endpoint ${key.tokenURI} answered without an access_token`);
    const lifetimeSeconds = typeof answer.expires_in === 'number' ? answer.expires_in : Number(answer.expires_in ?? 3600) || 3600;
    this.#tokens.delete(id);
    this.#tokens.set(id, { accessToken: answer.access_token, expiresAt: this.#now() + lifetimeSeconds * 1000 });
    if (this.#tokens.size > this.#max) this.#tokens.delete(this.#tokens.keys().next().value as string);
    return answer.access_token;
  }

  /** Forgets the token of `key`, after the API refused it. */
  forget(key: ServiceAccountKey): void {
    this.#tokens.delete(key.fingerprint);
  }
}

const sharedTokens = new AccessTokenCache();

export const googlepubsub: Notifier = async (event, settings, send) => {
  if (!settings.token) {
    throw new NotificationError("googlepubsub: workload identity is not supported by Conflux; put a service-account JSON key in the Secret's 'token'");
  }
  const key = parseServiceAccountKey(settings.token);
  const baseURL = process.env[pubsubBaseURLEnv] || pubsubBaseURL;
  // Checked before signing in, so a Provider without a project or topic costs no token exchange.
  publishURL(settings, baseURL);
  const accessToken = await sharedTokens.token(key, send);
  try {
    await send(publishRequest(event, settings, accessToken, baseURL));
  } catch (err) {
    // A revoked or rotated key: the next event signs in again instead of reusing a refused token.
    if (err instanceof NotificationError && (err.status === 401 || err.status === 403)) sharedTokens.forget(key);
    throw err;
  }
};

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
