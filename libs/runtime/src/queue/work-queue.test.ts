import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay } from './backoff.ts';
import { WorkQueue } from './work-queue.ts';

describe('WorkQueue', () => {
  it('GIVEN a key added three times WHEN a worker takes it THEN it is handed out once', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('a');
    q.add('a');
    assert.equal(await q.get(), 'a');
    assert.equal(q.depth, 0);
  });

  it('GIVEN a key being processed WHEN it is added again THEN no second worker gets it until the first is done, and then it comes back once', async () => {
    const q = new WorkQueue();
    q.add('a');
    const first = await q.get();
    q.add('a');
    q.add('a');
    let second: string | undefined;
    void q.get().then((k) => (second = k));
    await new Promise((r) => setImmediate(r));
    assert.equal(second, undefined, 'a key in flight must not be handed to another worker');
    q.done(first!);
    await new Promise((r) => setImmediate(r));
    assert.equal(second, 'a');
    assert.equal(q.depth, 0);
  });

  it('GIVEN keys a then b WHEN taken THEN they come out in order', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    assert.deepEqual([await q.get(), await q.get()], ['a', 'b']);
  });

  it('GIVEN repeated failures WHEN rate-limited THEN the delay doubles from 750 ms up to 15 min, and forget resets it', () => {
    const q = new WorkQueue();
    const delays = Array.from({ length: 4 }, () => q.addRateLimited('a'));
    assert.deepEqual(delays, [750, 1500, 3000, 6000]);
    assert.equal(backoffDelay(30, 750, 15 * 60_000), 15 * 60_000);
    q.forget('a');
    assert.equal(q.addRateLimited('a'), 750);
    q.shutdown();
  });

  it('GIVEN two delayed adds of one key WHEN the earlier is due THEN the key arrives once, at the earlier time', async () => {
    const q = new WorkQueue();
    q.addAfter('a', 500);
    q.addAfter('a', 20);
    assert.equal(q.delayed, 1);
    const started = Date.now();
    assert.equal(await q.get(), 'a');
    assert.ok(Date.now() - started < 400, 'the earlier deadline must win');
    q.shutdown();
  });

  it('GIVEN workers waiting WHEN the queue shuts down THEN they get undefined and new adds are ignored', async () => {
    const q = new WorkQueue();
    const waiting = q.get();
    q.shutdown();
    assert.equal(await waiting, undefined);
    q.add('a');
    assert.equal(await q.get(), undefined);
  });
});
