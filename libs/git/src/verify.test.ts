import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { splitSignedCommit, splitSignedTag } from './signature.ts';
import { git, pgpSigner, type Signer, sshSigner } from './signing-test-helpers.ts';
import { parseAuthorizedKeys } from './sshsig.ts';
import { scratch } from './test-helpers.ts';
import { SignatureError, trustedKeysFromSecret, verifySignedObject } from './verify.ts';

const exec = promisify(execFile);

let tmp: Awaited<ReturnType<typeof scratch>>;
let repo: string;
const signers: Signer[] = [];
let pgp: Signer;
let otherPgp: Signer;
let ed25519: Signer;

/** Raw object bytes, exactly as stored. */
async function raw(type: 'commit' | 'tag', ref: string): Promise<Buffer> {
  const { stdout } = await exec('git', ['cat-file', type, ref], { cwd: repo, encoding: 'buffer' });
  return stdout;
}

async function commitWith(signer: Signer | undefined, message: string): Promise<Buffer> {
  await git(repo, signer, 'commit', '--quiet', '--allow-empty', '--cleanup=verbatim', ...(signer ? ['-S'] : []), '-m', message);
  return raw('commit', 'HEAD');
}

const rejectsWith = (code: string, message: RegExp) => (err: unknown) => err instanceof SignatureError && err.code === code && message.test(err.message);

before(async () => {
  tmp = await scratch();
  repo = tmp.dir('repo');
  await mkdir(repo, { recursive: true });
  await git(repo, undefined, 'init', '--quiet');
  pgp = await pgpSigner(tmp.dir('pgp'));
  otherPgp = await pgpSigner(tmp.dir('pgp-other'), 'other@conflux.invalid');
  ed25519 = await sshSigner(tmp.dir('ssh'));
  signers.push(pgp, otherPgp, ed25519);
});
after(async () => {
  for (const s of signers) await s.close();
  await tmp.cleanup();
});

describe('splitSignedCommit', () => {
  it('GIVEN an unsigned commit THEN the payload is the whole object and there is no signature', async () => {
    const object = await commitWith(undefined, 'plain');
    const split = splitSignedCommit(object);
    assert.equal(split.signature, undefined);
    assert.ok(split.payload.equals(object));
  });

  it('GIVEN a PGP-signed commit THEN the gpgsig header and its continuation lines are cut out, and the rest is kept byte for byte', async () => {
    const object = await commitWith(pgp, 'signed\r\nwith a CRLF in the message');
    const split = splitSignedCommit(object);
    assert.equal(split.format, 'openpgp');
    assert.match(split.signature!, /^-----BEGIN PGP SIGNATURE-----\n\n[\s\S]+-----END PGP SIGNATURE-----\n$/);
    const text = object.toString('utf8');
    const expected = text.replace(/^gpgsig [^\n]*\n( [^\n]*\n)*/m, '');
    assert.equal(split.payload.toString('utf8'), expected);
    assert.ok(split.payload.toString('utf8').includes('\r\n'));
  });
});

describe('verifySignedObject', () => {
  it('GIVEN a commit signed with a PGP key WHEN the Secret holds that key THEN it verifies and names the primary key ID', async () => {
    const keys = trustedKeysFromSecret({ 'author.asc': pgp.publicKey });
    const result = await verifySignedObject(splitSignedCommit(await commitWith(pgp, 'pgp')), keys);
    assert.deepEqual(result, { format: 'openpgp', key: pgp.id });
  });

  it('GIVEN several PGP keys under keys with any name WHEN one of them signed THEN it verifies with that one', async () => {
    const keys = trustedKeysFromSecret({ 'first.asc': otherPgp.publicKey, 'no-suffix': pgp.publicKey });
    const result = await verifySignedObject(splitSignedCommit(await commitWith(pgp, 'pgp two keys')), keys);
    assert.equal(result.key, pgp.id);
  });

  it('GIVEN a PGP-signed commit WHEN the Secret holds only another key THEN Invalid, naming the signing key', async () => {
    const object = splitSignedCommit(await commitWith(pgp, 'signed by the wrong one'));
    await assert.rejects(verifySignedObject(object, trustedKeysFromSecret({ 'other.asc': otherPgp.publicKey })), rejectsWith('Invalid', new RegExp(pgp.id)));
  });

  it('GIVEN a PGP-signed commit whose bytes were altered THEN Invalid', async () => {
    const object = splitSignedCommit(await commitWith(pgp, 'original message'));
    const tampered = { ...object, payload: Buffer.from(object.payload.toString('utf8').replace('original', 'tampered')) };
    await assert.rejects(verifySignedObject(tampered, trustedKeysFromSecret({ 'a.asc': pgp.publicKey })), rejectsWith('Invalid', /could not be verified/));
  });

  it('GIVEN a Secret key that is not a PGP key ring WHEN a PGP signature is checked THEN Invalid, naming the Secret key', async () => {
    const object = splitSignedCommit(await commitWith(pgp, 'bad ring'));
    await assert.rejects(verifySignedObject(object, trustedKeysFromSecret({ 'broken.asc': 'not a key' })), rejectsWith('Invalid', /broken\.asc/));
  });

  it('GIVEN a commit signed with an ed25519 SSH key WHEN the Secret holds it under .sshpub THEN it verifies and names the SHA256 fingerprint', async () => {
    const keys = trustedKeysFromSecret({ 'dev.sshpub': ed25519.publicKey, 'team.asc': pgp.publicKey });
    const result = await verifySignedObject(splitSignedCommit(await commitWith(ed25519, 'ssh')), keys);
    assert.deepEqual(result, { format: 'ssh', key: ed25519.id });
    assert.match(ed25519.id, /^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  for (const type of ['rsa', 'ecdsa']) {
    it(`GIVEN a commit signed with an ${type} SSH key THEN it verifies`, async () => {
      const signer = await sshSigner(tmp.dir(`ssh-${type}`), type);
      const result = await verifySignedObject(splitSignedCommit(await commitWith(signer, type)), trustedKeysFromSecret({ 'k.sshpub': signer.publicKey }));
      assert.equal(result.key, signer.id);
    });
  }

  it('GIVEN an SSH-signed commit WHEN the Secret holds only PGP keys THEN Invalid, saying SSH keys are missing', async () => {
    const object = splitSignedCommit(await commitWith(ed25519, 'ssh, no ssh keys'));
    await assert.rejects(verifySignedObject(object, trustedKeysFromSecret({ 'a.asc': pgp.publicKey })), rejectsWith('Invalid', /no SSH public keys/));
  });

  it('GIVEN an SSH-signed commit WHEN the Secret holds another SSH key THEN Invalid, naming the signer fingerprint', async () => {
    const stranger = await sshSigner(tmp.dir('stranger'));
    const object = splitSignedCommit(await commitWith(ed25519, 'ssh, wrong key'));
    await assert.rejects(verifySignedObject(object, trustedKeysFromSecret({ 'x.sshpub': stranger.publicKey })), rejectsWith('Invalid', new RegExp(ed25519.id.replace(/[+/]/g, '\\$&'))));
  });

  it('GIVEN an SSH-signed commit whose bytes were altered THEN Invalid', async () => {
    const object = splitSignedCommit(await commitWith(ed25519, 'ssh original'));
    const tampered = { ...object, payload: Buffer.from(object.payload.toString('utf8').replace('original', 'changed!')) };
    await assert.rejects(verifySignedObject(tampered, trustedKeysFromSecret({ 'k.sshpub': ed25519.publicKey })), rejectsWith('Invalid', /does not match/));
  });

  it('GIVEN an SSH signature made for another namespace THEN Invalid: a file signature is not a commit signature', async () => {
    const object = splitSignedCommit(await commitWith(undefined, 'namespace'));
    const file = join(tmp.root, 'payload');
    await writeFile(file, object.payload);
    const key = ed25519.config[3]!.slice('user.signingkey='.length);
    await exec('ssh-keygen', ['-Y', 'sign', '-n', 'file', '-f', key, file]);
    const { stdout: signature } = await exec('cat', [`${file}.sig`]);
    await assert.rejects(
      verifySignedObject({ ...object, signature, format: 'ssh' }, trustedKeysFromSecret({ 'k.sshpub': ed25519.publicKey })),
      rejectsWith('Invalid', /namespace 'file'/),
    );
  });

  it('GIVEN an unsigned commit THEN Unsigned', async () => {
    await assert.rejects(verifySignedObject(splitSignedCommit(await commitWith(undefined, 'none')), trustedKeysFromSecret({ 'a.asc': pgp.publicKey })), rejectsWith('Unsigned', /not signed/));
  });

  it('GIVEN an X.509 signature THEN Unsupported', async () => {
    const object = { payload: Buffer.from('x'), signature: '-----BEGIN SIGNED MESSAGE-----\nMII=\n-----END SIGNED MESSAGE-----\n', format: 'x509' as const };
    await assert.rejects(verifySignedObject(object, trustedKeysFromSecret({})), rejectsWith('Unsupported', /x509/));
  });
});

describe('signed tags', () => {
  for (const kind of ['pgp', 'ssh'] as const) {
    it(`GIVEN an annotated tag signed with ${kind} THEN the signature is split off the message and verifies`, async () => {
      const signer = kind === 'pgp' ? pgp : ed25519;
      await commitWith(undefined, `tagged ${kind}`);
      await git(repo, signer, 'tag', '-s', '-m', `release notes\n\n-----BEGIN PGP SIGNATURE----- is only text when not at a line start`, `v-${kind}`);
      const object = await raw('tag', `v-${kind}`);
      const split = splitSignedTag(object);
      assert.ok(split.payload.toString('utf8').endsWith('at a line start\n'));
      const result = await verifySignedObject(split, trustedKeysFromSecret({ 'a.asc': pgp.publicKey, 'b.sshpub': ed25519.publicKey }));
      assert.equal(result.key, signer.id);
    });
  }

  it('GIVEN an unsigned annotated tag THEN no signature is found', async () => {
    await git(repo, undefined, 'tag', '-a', '-m', 'plain tag', 'v-plain');
    const split = splitSignedTag(await raw('tag', 'v-plain'));
    assert.equal(split.signature, undefined);
  });
});

describe('trustedKeysFromSecret and parseAuthorizedKeys', () => {
  it('GIVEN .sshpub keys with options, comments and blank lines THEN only the keys are kept', () => {
    const line = ed25519.publicKey.trim();
    const keys = parseAuthorizedKeys(`# team keys\n\nnamespaces="git" ${line}\n${line}\nssh-ed25519 not-base64!\n`);
    assert.equal(keys.length, 2);
    assert.equal(keys[0]!.type, 'ssh-ed25519');
    assert.equal(keys[0]!.comment, 'conflux-ed25519');
  });

  it('GIVEN a Secret with .sshpub, .asc and other keys THEN .sshpub goes to SSH and everything else to PGP', () => {
    const keys = trustedKeysFromSecret({ 'a.sshpub': ed25519.publicKey, 'b.asc': 'x', c: new TextEncoder().encode('y') });
    assert.equal(keys.ssh.length, 1);
    assert.deepEqual(
      keys.pgp.map((k) => [k.name, k.text]),
      [
        ['b.asc', 'x'],
        ['c', 'y'],
      ],
    );
  });
});
