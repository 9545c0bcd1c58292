import assert from 'node:assert/strict';
import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { processedEvent, settings } from '../test-events.ts';
import { AccessTokenCache, parseServiceAccountKey, publishRequest, tokenRequest } from './google-pubsub.ts';
import { NotificationError, type Send } from './types.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const credentials = JSON.stringify({
  type: 'service_account',
  project_id: 'flux-project',
  private_key_id: 'key-1',
  private_key: privateKey.export({ format: 'pem', type: 'pkcs8' }),
  client_email: 'flux@flux-project.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.example.com/token',
});
const s = settings({ type: 'googlepubsub', address: 'flux-project', channel: 'flux-alerts', token: credentials, headers: { team: 'platform' } });
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('googlepubsub', () => {
  it('GIVEN a service-account key WHEN signing in THEN a JWT bearer grant to its token_uri, RS256-signed by the key for the Pub/Sub scope', () => {
    const key = parseServiceAccountKey(credentials);
    const r = tokenRequest(key, new Date('2030-01-01T00:00:00Z'));
    assert.equal(r.method, 'POST');
    assert.equal(r.url, 'https://oauth2.example.com/token');
    assert.deepEqual(r.headers, { 'Content-Type': 'application/x-www-form-urlencoded' });
    const form = new URLSearchParams(r.body);
    assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [h, p, sig] = form.get('assertion')!.split('.') as [string, string, string];
    assert.deepEqual(decode(h), { alg: 'RS256', typ: 'JWT', kid: 'key-1' });
    const iat = Date.parse('2030-01-01T00:00:00Z') / 1000;
    assert.deepEqual(decode(p), { iss: 'flux@flux-project.iam.gserviceaccount.com', scope: 'https://www.googleapis.com/auth/pubsub', aud: 'https://oauth2.example.com/token', iat, exp: iat + 3600 });
    assert.equal(verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(sig, 'base64url')), true);
  });

  it('GIVEN an event WHEN published THEN one message to the topic, the event JSON base64 as data and the Secret headers as attributes', () => {
    const r = publishRequest(processedEvent(), s, 'ya29.token');
    assert.equal(r.url, 'https://pubsub.googleapis.com/v1/projects/flux-project/topics/flux-alerts:publish');
    assert.deepEqual(r.headers, { 'Content-Type': 'application/json', Authorization: 'Bearer ya29.token' });
    const body = JSON.parse(r.body!);
    assert.deepEqual(Object.keys(body), ['messages']);
    assert.equal(body.messages.length, 1);
    assert.deepEqual(body.messages[0].attributes, { team: 'platform' });
    const event = JSON.parse(Buffer.from(body.messages[0].data, 'base64').toString('utf8'));
    assert.equal(event.involvedObject.name, 'webapp');
    assert.equal(event.message, 'Health check failed');
    assert.equal(JSON.parse(publishRequest(processedEvent(), { ...s, headers: {} }, 't').body!).messages[0].attributes, undefined);
  });

  it('GIVEN no project, no topic, or a token that is not a service-account key WHEN used THEN a NotificationError says which', () => {
    assert.throws(() => publishRequest(processedEvent(), { ...s, address: '' }, 't'), /project ID/);
    assert.throws(() => publishRequest(processedEvent(), { ...s, channel: '' }, 't'), /topic ID/);
    assert.throws(() => parseServiceAccountKey('not json'), NotificationError);
    assert.throws(() => parseServiceAccountKey('{"type":"authorized_user"}'), /only service_account/);
    assert.throws(() => parseServiceAccountKey('{"type":"service_account","client_email":"a@b"}'), /private_key/);
  });

  it('GIVEN a cached access token WHEN it is far from expiry THEN reused; WHEN within a minute of it THEN exchanged again', async () => {
    let clock = 0;
    let exchanges = 0;
    const send: Send = async (req) => {
      assert.equal(req.url, 'https://oauth2.example.com/token');
      return { status: 200, body: JSON.stringify({ access_token: `token-${++exchanges}`, expires_in: 3600, token_type: 'Bearer' }) };
    };
    const cache = new AccessTokenCache({ now: () => clock });
    const key = parseServiceAccountKey(credentials);
    assert.equal(await cache.token(key, send), 'token-1');
    clock = 3_000_000;
    assert.equal(await cache.token(key, send), 'token-1');
    clock = 3_550_000;
    assert.equal(await cache.token(key, send), 'token-2');
    cache.forget(key);
    assert.equal(await cache.token(key, send), 'token-3');
  });
});
