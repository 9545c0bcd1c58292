// Shared by this lib's tests only; not exported from index.ts. Real keys and real `git commit -S`: a
// throwaway GnuPG home for PGP, ssh-keygen for SSH.
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface Signer {
  /** `git -c` settings that make `-S` sign with this key. */
  config: string[];
  env: NodeJS.ProcessEnv;
  /** What goes into the verification Secret: an armored PGP key, or an authorized_keys line. */
  publicKey: string;
  /** How a verified signature names the key: the PGP key ID or the SSH SHA256 fingerprint. */
  id: string;
  close(): Promise<void>;
}

/** A fresh ed25519 PGP key in its own GnuPG home. */
export async function pgpSigner(dir: string, email = 'signer@conflux.invalid'): Promise<Signer> {
  const home = join(dir, 'gnupg');
  await mkdir(home, { recursive: true, mode: 0o700 });
  const env = { ...process.env, GNUPGHOME: home };
  await exec('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', `Signer <${email}>`, 'ed25519', 'sign', 'never'], { env });
  const { stdout: publicKey } = await exec('gpg', ['--armor', '--export', email], { env });
  const { stdout: colons } = await exec('gpg', ['--with-colons', '--list-keys', email], { env });
  const id = colons.split('\n').find((l) => l.startsWith('pub:'))!.split(':')[4]!;
  return {
    config: ['-c', 'gpg.format=openpgp', '-c', `user.signingkey=${email}`],
    env,
    publicKey,
    id,
    close: async () => {
      await exec('gpgconf', ['--kill', 'gpg-agent'], { env }).catch(() => undefined);
    },
  };
}

/** A fresh SSH key of the given type (ed25519, rsa, ecdsa). */
export async function sshSigner(dir: string, type = 'ed25519'): Promise<Signer> {
  await mkdir(dir, { recursive: true });
  const key = join(dir, `id_${type}`);
  await exec('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', `conflux-${type}`, '-f', key]);
  const publicKey = await readFile(`${key}.pub`, 'utf8');
  const { stdout } = await exec('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${key}.pub`]);
  return {
    config: ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${key}`],
    env: process.env,
    publicKey,
    id: stdout.split(' ')[1]!,
    close: async () => undefined,
  };
}

const identity = ['-c', 'user.name=Conflux Test', '-c', 'user.email=test@conflux.invalid', '-c', 'init.defaultBranch=main'];

/** Runs git in a work tree, signing with `signer` when one is given. */
export async function git(cwd: string, signer: Signer | undefined, ...args: string[]): Promise<string> {
  const { stdout } = await exec('git', [...identity, ...(signer?.config ?? []), ...args], {
    cwd,
    env: { ...(signer?.env ?? process.env), GIT_CONFIG_NOSYSTEM: '1' },
  });
  return stdout.trim();
}
