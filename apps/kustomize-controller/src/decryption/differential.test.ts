// Differential tests against the real tools: documents are encrypted by the real sops (v3.13.3) with
// keys from the real age-keygen and gpg, decrypted by Conflux, and compared with what `sops decrypt`
// prints. Both binaries are built once from the Go module proxy and cached (@conflux/testing).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { parseYamlStream } from '@conflux/kustomize';
import { ensureSopsBinaries } from '@conflux/testing';
import { decryptFile, decryptObject, MacPolicy } from './document.ts';
import { type Keyring, keyringFromSecretData } from './keyring.ts';

const run = promisify(execFile);

describe('SOPS decryption against the real sops and age', () => {
  let dir: string;
  let sops: string;
  let env: NodeJS.ProcessEnv;
  let recipient: string;
  let keyring: Keyring;
  let gpgFingerprint: string | undefined;
  let armoredPgpKey = '';

  const sh = async (file: string, args: string[]) => (await run(file, args, { env, cwd: dir, maxBuffer: 16 << 20, encoding: 'buffer' })).stdout;
  // The legacy `--encrypt` form: it takes every option (--config, --mac-only-encrypted) in one place.
  const encrypt = async (name: string, content: string | Buffer, flags: string[]) => {
    await writeFile(join(dir, name), content);
    const out = await sh(sops, ['--encrypt', ...flags, name]);
    await writeFile(join(dir, `enc.${name}`), out);
    return out;
  };
  const reference = (name: string) => sh(sops, ['decrypt', `enc.${name}`]);

  before(async () => {
    const tools = await ensureSopsBinaries((line) => console.log(line));
    sops = tools.sops.path;
    dir = await mkdtemp(join(tmpdir(), 'sops-diff-'));
    env = { PATH: process.env['PATH'], HOME: dir, GNUPGHOME: join(dir, 'gnupg'), SOPS_AGE_KEY_FILE: join(dir, 'age.key') };
    await run(tools.ageKeygen.path, ['-o', join(dir, 'age.key')], { env });
    recipient = (await readFile(join(dir, 'age.key'), 'utf8')).match(/public key: (age1\S+)/)![1]!;
    // gpg is optional on a machine; without it only the PGP case is left out.
    try {
      await run('gpg', ['--version']);
      await run('mkdir', ['-m', '700', join(dir, 'gnupg')]);
      await run('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'Conflux Test <sops@conflux.test>', 'default', 'default', 'never'], { env });
      const listing = (await run('gpg', ['--with-colons', '--list-secret-keys'], { env })).stdout;
      gpgFingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(listing)![1];
      armoredPgpKey = (await run('gpg', ['--armor', '--export-secret-keys', gpgFingerprint!], { env })).stdout;
    } catch (err) {
      console.log(`gpg unavailable, PGP not compared: ${(err as Error).message}`);
    }
    keyring = await keyringFromSecretData({
      'identity.agekey': await readFile(join(dir, 'age.key')),
      ...(gpgFingerprint ? { 'test.asc': Buffer.from(armoredPgpKey) } : {}),
    }, 'test/sops-keys');
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const secretYaml = [
    'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db', '  labels:', '    tier: "1"', 'type: Opaque',
    'stringData:', '  password: hunter2', '  multi: |', '    line one', '    line two', '  empty: ""',
    'data:', '  blob: aGVsbG8=', '',
  ].join('\n');

  it('GIVEN a Secret sops encrypted with encrypted_regex WHEN Conflux decrypts it THEN it equals `sops decrypt` and the MAC verifies', async () => {
    const enc = await encrypt('secret.yaml', secretYaml, ['--age', recipient, '--encrypted-regex', '^(data|stringData)$']);
    const [doc] = parseYamlStream(enc.toString(), 'enc.secret.yaml');
    const mine = await decryptObject(doc as Record<string, unknown>, keyring, MacPolicy.Verify);
    assert.deepEqual(mine, parseYamlStream((await reference('secret.yaml')).toString(), 'ref.yaml')[0]);
    assert.deepEqual(parseYamlStream((await decryptFile(enc, 'yaml', 'secret.yaml', keyring)).toString(), 'mine.yaml')[0], mine);
  });

  it('GIVEN a JSON document with every scalar type, lists and nulls WHEN Conflux decrypts it THEN it equals `sops decrypt`', async () => {
    const json = JSON.stringify({ s: 'x', i: 42, neg: -7, f: 0.125, big: 1e21, t: true, f2: false, n: null, list: ['a', 1, { deep: 'y' }], keep_unencrypted: 'plain' });
    const enc = await encrypt('doc.json', json, ['--age', recipient]);
    assert.deepEqual(JSON.parse((await decryptFile(enc, 'json', 'doc.json', keyring)).toString()), JSON.parse((await reference('doc.json')).toString()));
  });

  it('GIVEN a dotenv file WHEN Conflux decrypts it THEN the bytes equal `sops decrypt`', async () => {
    const enc = await encrypt('app.env', 'USER=admin\nPASSWORD=p@ss word=with=equals\nEMPTY=\n', ['--age', recipient]);
    assert.equal((await decryptFile(enc, 'dotenv', 'app.env', keyring)).toString(), (await reference('app.env')).toString());
  });

  it('GIVEN a binary file WHEN Conflux decrypts it THEN the bytes equal the original', async () => {
    const original = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256));
    const enc = await encrypt('blob.bin', original, ['--age', recipient]);
    assert.deepEqual(await decryptFile(enc, 'binary', 'blob.bin', keyring), original);
  });

  it('GIVEN mac_only_encrypted WHEN a plain field is edited afterwards THEN Conflux and sops both still decrypt', async () => {
    const enc = await encrypt('maconly.yaml', secretYaml, ['--age', recipient, '--encrypted-regex', '^(data|stringData)$', '--mac-only-encrypted']);
    const edited = enc.toString().replace('name: db', 'name: renamed');
    await writeFile(join(dir, 'enc.maconly.yaml'), edited);
    const mine = await decryptFile(Buffer.from(edited), 'yaml', 'maconly.yaml', keyring);
    assert.deepEqual(parseYamlStream(mine.toString(), 'm')[0], parseYamlStream((await reference('maconly.yaml')).toString(), 'r')[0]);
  });

  it('GIVEN a plain field edited after encryption WHEN decrypted THEN both sops and Conflux refuse it for its MAC', async () => {
    const enc = await encrypt('tamper.yaml', secretYaml, ['--age', recipient, '--encrypted-regex', '^(data|stringData)$']);
    const edited = enc.toString().replace('name: db', 'name: other');
    await writeFile(join(dir, 'enc.tamper.yaml'), edited);
    await assert.rejects(reference('tamper.yaml'), /MAC mismatch/);
    await assert.rejects(decryptFile(Buffer.from(edited), 'yaml', 'tamper.yaml', keyring), /failed to verify sops data integrity/);
  });

  it('GIVEN two key groups with a Shamir threshold of 2 WHEN Conflux holds both keys THEN it decrypts like sops', async (t) => {
    if (!gpgFingerprint) return t.diagnostic('gpg unavailable: the second key group is a PGP key');
    const config = ['creation_rules:', '  - shamir_threshold: 2', '    key_groups:', `      - age: ["${recipient}"]`, `      - pgp: ["${gpgFingerprint}"]`, ''].join('\n');
    await writeFile(join(dir, 'shamir.sops.yaml'), config);
    const enc = await encrypt('shamir.yaml', 'token: abc\nnested:\n  n: 3\n', ['--config', 'shamir.sops.yaml']);
    assert.match(enc.toString(), /shamir_threshold: 2/);
    assert.deepEqual(parseYamlStream((await decryptFile(enc, 'yaml', 'shamir.yaml', keyring)).toString(), 'm')[0], parseYamlStream((await reference('shamir.yaml')).toString(), 'r')[0]);
  });

  it('GIVEN a document encrypted only to a gpg key WHEN Conflux holds the exported .asc key THEN it decrypts like sops', async (t) => {
    if (!gpgFingerprint) return t.diagnostic('gpg unavailable');
    const enc = await encrypt('pgp.yaml', secretYaml, ['--pgp', gpgFingerprint, '--encrypted-regex', '^(data|stringData)$']);
    assert.doesNotMatch(enc.toString(), /age:/);
    assert.deepEqual(parseYamlStream((await decryptFile(enc, 'yaml', 'pgp.yaml', keyring)).toString(), 'm')[0], parseYamlStream((await reference('pgp.yaml')).toString(), 'r')[0]);
  });
});
