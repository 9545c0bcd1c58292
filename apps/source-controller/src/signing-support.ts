// Test-only: real signing keys (a throwaway GnuPG home, ssh-keygen) and a work tree that pushes signed
// commits and tags to a repository of the test Git server with `git commit -S` / `git tag -s`.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { GitRepository } from '@conflux/testing';

const exec = promisify(execFile);

export interface Signer {
  /** `git -c` settings that make `-S`/`-s` sign with this key. */
  config: string[];
  env: NodeJS.ProcessEnv;
  /** What goes into the verification Secret: an armored PGP key or an authorized_keys line. */
  publicKey: string;
  /** How a verified signature names the key: the PGP key ID or the SSH SHA256 fingerprint. */
  id: string;
  close(): Promise<void>;
}

export async function pgpSigner(email: string): Promise<Signer> {
  const home = await mkdtemp(join(tmpdir(), 'gpg-'));
  const env = { ...process.env, GNUPGHOME: home };
  await exec('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', `Signer <${email}>`, 'ed25519', 'sign', 'never'], { env });
  const { stdout: publicKey } = await exec('gpg', ['--armor', '--export', email], { env });
  const { stdout: colons } = await exec('gpg', ['--with-colons', '--list-keys', email], { env });
  return {
    config: ['-c', 'gpg.format=openpgp', '-c', `user.signingkey=${email}`],
    env,
    publicKey,
    id: colons.split('\n').find((l) => l.startsWith('pub:'))!.split(':')[4]!,
    async close() {
      await exec('gpgconf', ['--kill', 'gpg-agent'], { env }).catch(() => undefined);
      await rm(home, { recursive: true, force: true });
    },
  };
}

export async function sshSigner(): Promise<Signer> {
  const dir = await mkdtemp(join(tmpdir(), 'ssh-signer-'));
  const key = join(dir, 'id_ed25519');
  await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'conflux-e2e', '-f', key]);
  const { stdout } = await exec('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${key}.pub`]);
  return {
    config: ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${key}`],
    env: process.env,
    publicKey: await readFile(`${key}.pub`, 'utf8'),
    id: stdout.split(' ')[1]!,
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface SigningWorkTree {
  /** Commits the files, signed by `signer` (unsigned without one), pushes `branch`, returns the SHA. */
  commit(files: Record<string, string>, message: string, signer?: Signer, branch?: string): Promise<string>;
  /** An annotated tag on HEAD, signed by `signer` (unsigned without one), pushed. */
  tag(name: string, message: string, signer?: Signer): Promise<void>;
  close(): Promise<void>;
}

/** A work tree that pushes to the bare repository behind `repo`. */
export async function signingWorkTree(repo: GitRepository): Promise<SigningWorkTree> {
  const dir = await mkdtemp(join(tmpdir(), 'signed-work-'));
  const git = async (signer: Signer | undefined, ...args: string[]) => {
    const identity = ['-c', 'user.name=Conflux Test', '-c', 'user.email=test@conflux.invalid', '-c', 'init.defaultBranch=main'];
    const { stdout } = await exec('git', [...identity, ...(signer?.config ?? []), ...args], { cwd: dir, env: { ...(signer?.env ?? process.env), GIT_CONFIG_NOSYSTEM: '1' } });
    return stdout.trim();
  };
  await git(undefined, 'init', '--quiet');
  return {
    async commit(files, message, signer, branch = 'main') {
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), content);
      }
      await git(undefined, 'add', '--all');
      await git(signer, 'commit', '--quiet', '--allow-empty', ...(signer ? ['-S'] : ['--no-gpg-sign']), '-m', message);
      await git(undefined, 'push', '--quiet', '--force', repo.bareDir, `HEAD:refs/heads/${branch}`);
      return git(undefined, 'rev-parse', 'HEAD');
    },
    async tag(name, message, signer) {
      await git(signer, 'tag', '--force', ...(signer ? ['-s'] : ['-a']), '-m', message, name);
      await git(undefined, 'push', '--quiet', '--force', repo.bareDir, `refs/tags/${name}`);
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
