import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeIdentity, identityFromSecret } from './age.ts';
import { decryptFile, decryptObject, MacPolicy } from './document.ts';
import { emptyKeyring, type Keyring, keyringFromSecretData } from './keyring.ts';
import { combineShares, splitSecret } from './shamir.ts';
import { seededRandom, sopsEncrypt } from './test-sops.ts';
import { encryptValue } from './values.ts';

const random = seededRandom('document-test');
const alice = identityFromSecret(random(32));
const bob = identityFromSecret(random(32));
const dataKey = random(32);
const keyringOf = (...ids: (typeof alice)[]): Keyring => ({ ...emptyKeyring(), age: ids });

const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'apps' },
  type: 'Opaque',
  stringData: { password: 'hunter2', port: 5432, tls: true, ratio: 0.5, empty: '' },
};

describe('SOPS documents', () => {
  it('GIVEN a Secret encrypted for alice WHEN alice decrypts it THEN the plaintext and its MAC come back', async () => {
    const doc = sopsEncrypt(secret, { dataKey, recipients: [alice.recipient], encryptedRegex: '^(data|stringData)$' });
    assert.match(String((doc['stringData'] as Record<string, string>)['password']), /^ENC\[AES256_GCM,/);
    assert.deepEqual(await decryptObject(doc, keyringOf(alice), MacPolicy.Verify), secret);
  });

  it('GIVEN a Secret encrypted for alice WHEN bob decrypts it THEN the error names the recipient and no secret', async () => {
    const doc = sopsEncrypt(secret, { dataKey, recipients: [alice.recipient] });
    await assert.rejects(decryptObject(doc, keyringOf(bob), MacPolicy.Verify), (err: Error) =>
      err.message.includes(`none of age ${alice.recipient} matched`) && !err.message.includes('hunter2'));
  });

  it('GIVEN a plain field changed after encryption WHEN the MAC is verified THEN the document is refused', async () => {
    const doc = sopsEncrypt(secret, { dataKey, recipients: [alice.recipient], encryptedRegex: '^(data|stringData)$' });
    const tampered = { ...doc, metadata: { name: 'db', namespace: 'elsewhere' } };
    await assert.rejects(decryptObject(tampered, keyringOf(alice), MacPolicy.Verify), /failed to verify sops data integrity: expected mac '[0-9A-F]{128}', got '[0-9A-F]{128}'/);
    // Kustomize rewrites plain fields like this one, so built objects are checked like upstream: not at all.
    assert.equal(((await decryptObject(tampered, keyringOf(alice), MacPolicy.EncryptedValuesOnly))['stringData'] as Record<string, string>)['password'], 'hunter2');
  });

  it('GIVEN mac_only_encrypted WHEN a plain field changes THEN the MAC still verifies, and an encrypted value swap does not', async () => {
    const doc = sopsEncrypt(secret, { dataKey, recipients: [alice.recipient], encryptedRegex: '^(data|stringData)$', macOnlyEncrypted: true });
    const relabelled = { ...doc, metadata: { name: 'prefix-db', namespace: 'elsewhere', labels: { a: 'b' } } };
    assert.equal(((await decryptObject(relabelled, keyringOf(alice), MacPolicy.EncryptedValuesOnly))['stringData'] as Record<string, unknown>)['port'], 5432);
    // A value re-encrypted under the same path with the data key passes AES-GCM; only the MAC catches it.
    const data = { ...(doc['stringData'] as Record<string, string>), password: encryptValue('changed', dataKey, 'stringData:password:', random(32)) };
    await assert.rejects(decryptObject({ ...doc, stringData: data }, keyringOf(alice), MacPolicy.EncryptedValuesOnly), /failed to verify sops data integrity/);
  });

  it('GIVEN a ciphertext moved to another key WHEN it is decrypted THEN its path no longer authenticates it', async () => {
    const doc = sopsEncrypt(secret, { dataKey, recipients: [alice.recipient] });
    const data = doc['stringData'] as Record<string, string>;
    const moved = { ...doc, stringData: { ...data, password: data['port']! } };
    await assert.rejects(decryptObject(moved, keyringOf(alice), MacPolicy.Verify), /could not decrypt the value at 'stringData.password'/);
  });

  it('GIVEN the default rule WHEN keys end in _unencrypted THEN their values stay plain and still count in the MAC', async () => {
    const plain = { token: 's3cr3t', note_unencrypted: 'visible', nested: { list: ['a', 'b'] } };
    const doc = sopsEncrypt(plain, { dataKey, recipients: [alice.recipient] });
    assert.equal(doc['note_unencrypted'], 'visible');
    assert.deepEqual(await decryptObject(doc, keyringOf(alice), MacPolicy.Verify), plain);
    await assert.rejects(decryptObject({ ...doc, note_unencrypted: 'edited' }, keyringOf(alice), MacPolicy.Verify), /integrity/);
  });

  it('GIVEN two key groups with a threshold of 2 WHEN both identities are present THEN the Shamir parts combine into the data key', async () => {
    const doc = sopsEncrypt(secret, { dataKey, groups: [[alice.recipient], [bob.recipient]], threshold: 2 });
    assert.deepEqual(await decryptObject(doc, keyringOf(alice, bob), MacPolicy.Verify), secret);
    await assert.rejects(decryptObject(doc, keyringOf(alice), MacPolicy.Verify), /1 of the 2 key groups needed could be opened/);
  });

  it('GIVEN a secret split into 5 parts needing 3 WHEN any 3 combine THEN the secret comes back', () => {
    const parts = splitSecret(dataKey, 5, 3, random);
    assert.deepEqual(combineShares([parts[4]!, parts[0]!, parts[2]!]), dataKey);
    assert.notDeepEqual(combineShares([parts[4]!, parts[0]!]), dataKey);
  });

  it('GIVEN a document only cloud KMS can open WHEN it is decrypted THEN the error says those keys are not supported', async () => {
    const doc = sopsEncrypt(secret, { dataKey, recipients: [] });
    (doc['sops'] as Record<string, unknown>)['kms'] = [{ arn: 'arn:aws:kms:eu-west-1:1:key/x', enc: 'AQIC' }];
    await assert.rejects(decryptObject(doc, keyringOf(alice), MacPolicy.Verify), /aws kms master keys are not supported by Conflux yet/);
  });

  it('GIVEN a dotenv file with flattened metadata WHEN it is decrypted THEN KEY=value lines come back', async () => {
    const doc = sopsEncrypt({ USER: 'admin', PASSWORD: 'multi\nline' }, { dataKey, recipients: [alice.recipient] });
    const sops = doc['sops'] as { age: Array<{ recipient: string; enc: string }>; lastmodified: string; mac: string; unencrypted_suffix: string; version: string };
    const esc = (v: string) => v.replaceAll('\n', '\\n');
    const lines = [
      `USER=${doc['USER']}`, `PASSWORD=${doc['PASSWORD']}`,
      `sops_age__list_0__map_enc=${esc(sops.age[0]!.enc)}`, `sops_age__list_0__map_recipient=${sops.age[0]!.recipient}`,
      `sops_lastmodified=${sops.lastmodified}`, `sops_mac=${sops.mac}`, `sops_unencrypted_suffix=${sops.unencrypted_suffix}`, `sops_version=${sops.version}`,
    ];
    const plain = await decryptFile(Buffer.from(lines.join('\n') + '\n'), 'dotenv', 'secret.env', keyringOf(alice));
    assert.equal(plain.toString(), 'USER=admin\nPASSWORD=multi\\nline\n');
  });

  it('GIVEN a decryption Secret WHEN its entries are read THEN .agekey and cloud entries are sorted out', async () => {
    const keyring = await keyringFromSecretData({
      'identity.agekey': Buffer.from(`# a comment\n${encodeIdentity(random(32))}\n`),
      'sops.vault-token': Buffer.from('t'),
      'README.md': Buffer.from('ignored'),
    }, 'flux-system/sops-keys');
    assert.equal(keyring.age.length, 1);
    assert.deepEqual(keyring.cloudCredentials, ['sops.vault-token']);
    await assert.rejects(keyringFromSecretData({ 'bad.agekey': Buffer.from('nonsense') }, 'ns/s'), /failed to import 'bad.agekey' data from sops decryption Secret 'ns\/s'/);
  });
});
