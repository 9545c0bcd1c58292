import assert from 'node:assert/strict';
import { test } from 'node:test';
import { webhookPath } from './webhook-path.ts';

test('GIVEN the reference Receiver flux-system/flux-receiver with token "mytoken" WHEN its path is computed THEN it is the documented digest', () => {
  assert.equal(webhookPath('mytoken', 'flux-receiver', 'flux-system'), '/hook/857e26b8ee3fa7f8ac3fbfa7b942c4a57de5236c9ff616bf9a4b90b311c4fc17');
});

test('GIVEN the same Receiver WHEN its token rotates THEN its path changes', () => {
  assert.notEqual(webhookPath('mytoken', 'flux-receiver', 'flux-system'), webhookPath('other', 'flux-receiver', 'flux-system'));
});
