import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeyedMutex } from './lock.ts';

describe('KeyedMutex', () => {
  it('GIVEN two holders of one key WHEN both run THEN the second starts only after the first ends, and the key is then forgotten', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const job = (id: string) => async () => {
      log.push(`${id}:start`);
      await sleep(20);
      log.push(`${id}:end`);
    };
    await Promise.all([m.run('a', job('1')), m.run('a', job('2'))]);
    assert.deepEqual(log, ['1:start', '1:end', '2:start', '2:end']);
    assert.equal(m.size, 0);
  });

  it('GIVEN different keys WHEN run THEN they overlap', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const job = (id: string) => async () => {
      log.push(`${id}:start`);
      await sleep(20);
      log.push(`${id}:end`);
    };
    await Promise.all([m.run('a', job('1')), m.run('b', job('2'))]);
    assert.deepEqual(log.slice(0, 2), ['1:start', '2:start']);
  });

  it('GIVEN a holder that throws WHEN the next one waits THEN it still runs', async () => {
    const m = new KeyedMutex();
    await assert.rejects(m.run('a', async () => Promise.reject(new Error('boom'))));
    assert.equal(await m.run('a', async () => 'ran'), 'ran');
  });
});
