// A working copy of a repository the test Git server serves, driven with real git commands: for tests
// that need history, submodules or hand-made index entries rather than a single seeded commit.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** A working copy of a repository the Git server serves, driven with real git commands (submodules included). */
export interface WorkingCopy {
  dir: string;
  /** Runs git in the working copy. */
  git(...args: string[]): Promise<string>;
  write(files: Record<string, string>): Promise<void>;
  /**
   * `git submodule add`s `url` at `path`, optionally at an older `commit`, then records `recordAs` as the
   * URL in .gitmodules (e.g. a relative URL, or one without the credentials used to clone it).
   */
  addSubmodule(url: string, path: string, options?: { commit?: string; recordAs?: string }): Promise<void>;
  /**
   * Commits and pushes to the served repository's main branch; returns the commit. Stages everything
   * first unless `stageAll` is false (to keep an index edited by hand, e.g. a gitlink to a made-up commit).
   */
  commitAndPush(message: string, options?: { stageAll?: boolean }): Promise<string>;
}

const identity = ['-c', 'user.name=Conflux Test', '-c', 'user.email=test@conflux.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];

export async function workingCopy(dir: string, bareDir: string): Promise<WorkingCopy> {
  const run = async (...args: string[]) =>
    (await exec('git', [...identity, ...args], { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' } })).stdout.trim();
  await mkdir(dir, { recursive: true });
  await run('init', '--quiet');
  await run('remote', 'add', 'origin', bareDir);
  return {
    dir,
    git: run,
    async write(files) {
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), content);
      }
    },
    async addSubmodule(url, path, options = {}) {
      await run('submodule', '--quiet', 'add', url, path);
      if (options.commit) {
        await run('-C', path, 'checkout', '--quiet', options.commit);
        await run('add', path);
      }
      if (options.recordAs) await run('config', '-f', '.gitmodules', `submodule.${path}.url`, options.recordAs);
    },
    async commitAndPush(message, options = {}) {
      if (options.stageAll !== false) await run('add', '--all');
      await run('commit', '--quiet', '--allow-empty', '-m', message);
      await run('push', '--quiet', '--force', 'origin', 'HEAD:refs/heads/main');
      return run('rev-parse', 'HEAD');
    },
  };
}
