import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nkeys } from '@nats-io/transport-node';
import { settings } from '../test-events.ts';
import { natsPublication } from './nats.ts';

describe('nats publication', () => {
  const base = settings({ type: 'nats', address: 'nats://127.0.0.1:4222', channel: 'flux.events' });

  it('GIVEN address and channel WHEN resolved THEN the server and subject, without credentials', () => {
    const p = natsPublication(base);
    assert.equal(p.server, 'nats://127.0.0.1:4222');
    assert.equal(p.subject, 'flux.events');
    assert.equal(p.auth.kind, 'none');
  });

  it('GIVEN several credentials WHEN resolved THEN creds wins over nkey, which wins over username and password', () => {
    const seed = new TextDecoder().decode(nkeys.createUser().getSeed());
    const creds = `-----BEGIN NATS USER JWT-----\neyJ0eXAiOiJKV1QifQ.e30.sig\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n${seed}\n------END USER NKEY SEED------\n`;
    const userPass = { username: 'u', password: 'p' };
    assert.equal(natsPublication({ ...base, ...userPass, secret: { creds, nkey: seed } }).auth.kind, 'creds');
    assert.equal(natsPublication({ ...base, ...userPass, secret: { nkey: seed } }).auth.kind, 'nkey');
    assert.equal(natsPublication({ ...base, ...userPass }).auth.kind, 'userPassword');
  });

  it('GIVEN no address or no channel WHEN resolved THEN upstream’s errors', () => {
    assert.throws(() => natsPublication({ ...base, address: '' }), /NATS server \(address\) cannot be empty/);
    assert.throws(() => natsPublication({ ...base, channel: '' }), /NATS subject \(channel\) cannot be empty/);
  });
});
