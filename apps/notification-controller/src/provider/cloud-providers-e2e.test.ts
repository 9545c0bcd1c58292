// e2e: googlepubsub and azureeventhub driven by real events through the running controller. Real HTTP
// servers stand in for Google's token endpoint (reached through the key's token_uri, honoured as given),
// Pub/Sub and Event Hubs (reached through the process-wide base-URL overrides), recording what arrives.
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually, freshNamespace, type TestNamespace } from '@conflux/testing';
import { eventFor, type Harness, type Recorder, startHarness, startRecorder } from '../test-support.ts';
import { eventHubsBaseURLEnv } from './azure-eventhub.ts';
import { pubsubBaseURLEnv } from './google-pubsub.ts';

describe('cloud provider types, end to end', () => {
  let h: Harness;
  let tokens: Recorder;
  let pubsub: Recorder;
  let hubs: Recorder;
  let ns: TestNamespace;
  let n = 0;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  before(async () => {
    tokens = await startRecorder();
    tokens.respond = () => ({ status: 200, body: JSON.stringify({ access_token: `ya29.access-${tokens.requests.length}`, expires_in: 3599, token_type: 'Bearer' }) });
    pubsub = await startRecorder();
    pubsub.respond = () => ({ status: 200, body: '{"messageIds":["1"]}' });
    hubs = await startRecorder();
    hubs.respond = () => ({ status: 201, body: '' });
    process.env[pubsubBaseURLEnv] = pubsub.url;
    process.env[eventHubsBaseURLEnv] = hubs.url;
    h = await startHarness('nc-cloud-types');
    ns = await freshNamespace(h.plane.clients, 'nc-cloud');
  });
  after(async () => {
    await h?.stop();
    await Promise.all([tokens?.close(), pubsub?.close(), hubs?.close()]);
    await ns?.remove();
  });

  async function setup(type: string, secret: Record<string, string> | undefined, spec: Record<string, unknown> = {}) {
    const id = `${type}-${++n}`;
    if (secret) await h.createSecret(ns.name, id, secret);
    await h.createProvider(ns.name, id, { type, ...(secret ? { secretRef: { name: id } } : {}), ...spec });
    await h.createAlert(ns.name, id, { providerRef: { name: id }, eventSources: [{ kind: 'Kustomization', name: id }] });
    await h.waitCached(ns.name, id, id);
    return id;
  }
  const warnings = (id: string) =>
    eventually('a Warning event on the Alert', async () => {
      const found = (await h.alertEvents(ns.name, id)).filter((e) => e.reason === 'NotificationDispatchFailed');
      return found.length > 0 ? found : undefined;
    });

  it('GIVEN a googlepubsub Provider with a service-account key WHEN two events arrive THEN one token exchange at token_uri and two signed publishes to the topic', async () => {
    const credentials = JSON.stringify({
      type: 'service_account',
      private_key_id: 'k1',
      private_key: privateKey.export({ format: 'pem', type: 'pkcs8' }),
      client_email: 'flux@proj.iam.gserviceaccount.com',
      token_uri: `${tokens.url}/token`,
    });
    const id = await setup('googlepubsub', { token: credentials, headers: 'team: platform' }, { address: 'proj', channel: 'flux-alerts' });
    const publish = '/v1/projects/proj/topics/flux-alerts:publish';
    await h.postEvent(eventFor(ns.name, id, { message: 'first' }));
    const [first] = await pubsub.waitFor(1, (r) => r.path === publish);
    const exchanges = tokens.requests.filter((r) => r.path === '/token');
    assert.equal(exchanges.length, 1);
    assert.equal(exchanges[0]!.method, 'POST');
    assert.equal(exchanges[0]!.headers['content-type'], 'application/x-www-form-urlencoded');
    const form = new URLSearchParams(exchanges[0]!.body);
    assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [hd, claims, sig] = form.get('assertion')!.split('.') as [string, string, string];
    assert.equal(verify('sha256', Buffer.from(`${hd}.${claims}`), publicKey, Buffer.from(sig, 'base64url')), true);
    assert.equal(JSON.parse(Buffer.from(claims, 'base64url').toString()).aud, `${tokens.url}/token`);

    assert.equal(first!.method, 'POST');
    assert.equal(first!.headers['authorization'], 'Bearer ya29.access-1');
    assert.equal(first!.headers['content-type'], 'application/json');
    const message = JSON.parse(first!.body).messages[0];
    assert.deepEqual(message.attributes, { team: 'platform' });
    const event = JSON.parse(Buffer.from(message.data, 'base64').toString('utf8'));
    assert.equal(event.message, 'first');
    assert.equal(event.involvedObject.name, id);

    await h.postEvent(eventFor(ns.name, id, { message: 'second' }));
    const both = await pubsub.waitFor(2, (r) => r.path === publish);
    assert.equal(both[1]!.headers['authorization'], 'Bearer ya29.access-1');
    assert.equal(tokens.requests.filter((r) => r.path === '/token').length, 1);
  });

  it('GIVEN a googlepubsub Provider without a key (workload identity) WHEN an event arrives THEN a Warning saying it is not supported, and nothing is published', async () => {
    const id = await setup('googlepubsub', undefined, { address: 'proj', channel: 'wi-topic' });
    await h.postEvent(eventFor(ns.name, id));
    const events = await warnings(id);
    assert.match(events[0]!.message, /workload identity is not supported/);
    assert.equal(pubsub.requests.filter((r) => r.path.includes('wi-topic')).length, 0);
  });

  it('GIVEN an azureeventhub Provider with a SAS connection string WHEN an event arrives THEN the event JSON is POSTed to the hub with a valid SharedAccessSignature', async () => {
    const key = 'bG9jYWwtdGVzdC1rZXk=';
    const connection = `Endpoint=sb://flux-ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${key};EntityPath=alerts`;
    const id = await setup('azureeventhub', { address: connection });
    await h.postEvent(eventFor(ns.name, id, { message: 'to the hub' }));
    const [got] = await hubs.waitFor(1, (r) => r.path.startsWith('/alerts/messages'));
    assert.equal(got!.method, 'POST');
    assert.equal(got!.path, '/alerts/messages?timeout=60&api-version=2014-01');
    assert.equal(got!.headers['content-type'], 'application/atom+xml;type=entry;charset=utf-8');
    assert.equal(JSON.parse(got!.body).message, 'to the hub');
    const auth = String(got!.headers['authorization']);
    const m = /^SharedAccessSignature sr=([^&]+)&sig=([^&]+)&se=(\d+)&skn=send$/.exec(auth);
    assert.ok(m, auth);
    assert.equal(decodeURIComponent(m[1]!), 'https://flux-ns.servicebus.windows.net/alerts');
    const expected = createHmac('sha256', key).update(`${m[1]}\n${m[3]}`).digest('base64');
    assert.equal(decodeURIComponent(m[2]!), expected);
    assert.ok(Number(m[3]) > Date.now() / 1000);
  });

  it('GIVEN an azureeventhub Provider with the deprecated JWT WHEN an event arrives THEN it is POSTed to the hub named by address with the JWT as Bearer', async () => {
    const id = await setup('azureeventhub', { address: 'jwt-hub', token: 'eyJ0eXAiOiJKV1QifQ.e30.sig' }, { channel: 'flux-ns' });
    await h.postEvent(eventFor(ns.name, id));
    const [got] = await hubs.waitFor(1, (r) => r.path.startsWith('/jwt-hub/messages'));
    assert.equal(got!.headers['authorization'], 'Bearer eyJ0eXAiOiJKV1QifQ.e30.sig');
  });

  it('GIVEN an azureeventhub Provider with neither a connection string nor a token WHEN an event arrives THEN a Warning saying workload identity is not supported', async () => {
    const id = await setup('azureeventhub', undefined, { address: 'wi-hub', channel: 'flux-ns' });
    await h.postEvent(eventFor(ns.name, id));
    assert.match((await warnings(id))[0]!.message, /workload identity is not supported/);
  });
});
