// e2e: the event API on --events-addr, against the real server (reference §1.3, §1.4).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, eventFor, startHarness } from './test-support.ts';

describe('event server', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('nc-event-server');
  });
  after(async () => {
    await h?.stop();
  });

  it('GIVEN a valid event on any path WHEN POSTed THEN 202 with go-limiter headers', async () => {
    const res = await h.postEvent(eventFor('apps', 'webapp'), '/any/path/at/all');
    assert.equal(res.status, 202);
    assert.equal(res.headers.get('x-ratelimit-limit'), '1');
    assert.equal(res.headers.get('x-ratelimit-remaining'), '0');
    assert.match(res.headers.get('x-ratelimit-reset') ?? '', /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} UTC$/);
  });

  it('GIVEN the same event twice within the interval WHEN POSTed THEN the second is 429 with Retry-After, even with another severity and timestamp', async () => {
    const event = eventFor('apps', 'webapp');
    assert.equal((await h.postEvent(event)).status, 202);
    const again = await h.postEvent({ ...event, severity: 'info', timestamp: '2030-01-01T00:00:00Z', reason: 'Other' });
    assert.equal(again.status, 429);
    assert.equal(again.body, 'Too Many Requests\n');
    assert.ok(again.headers.get('retry-after'));
  });

  it('GIVEN the same message with another revision WHEN POSTed THEN it is not a duplicate', async () => {
    const event = eventFor('apps', 'webapp');
    assert.equal((await h.postEvent(event)).status, 202);
    const other = { ...event, metadata: { ...event.metadata, 'kustomize.toolkit.fluxcd.io/revision': 'main@sha1:0000000000000000000000000000000000000000' } };
    assert.equal((await h.postEvent(other)).status, 202);
  });

  it('GIVEN a body that is not JSON, or an event without involvedObject.name WHEN POSTed THEN 400', async () => {
    assert.equal((await h.postEvent('{"involvedObject":')).status, 400);
    const event = eventFor('apps', 'webapp');
    const { name: _n, ...io } = event.involvedObject;
    assert.equal((await h.postEvent(JSON.stringify({ ...event, involvedObject: io }))).status, 400);
  });

  it('GIVEN a body over 3 MiB WHEN POSTed THEN 413', async () => {
    const event = eventFor('apps', 'webapp', { message: 'x'.repeat(3 * 1024 * 1024 + 1) });
    assert.equal((await h.postEvent(event)).status, 413);
  });

  it('GIVEN a method other than POST WHEN used THEN it is served all the same, as upstream has no method check', async () => {
    const res = await fetch(`${h.eventsURL}/`, { method: 'PUT', body: JSON.stringify(eventFor('apps', 'webapp')) });
    assert.equal(res.status, 202);
  });
});
