// The benchmarks' Git server in a process of its own, driven over IPC. Spawning git from a small process
// is cheaper than from the benchmark's (the fork copies the parent's page tables), and its CPU, with its
// git children's, is then measured apart from the benchmark's.
// Its first argument picks the front end that serves the repositories it creates: `lean` (default), the
// Go tools/gitserver, `lean-git`, the same but with git answering every ref advertisement too, or `node`,
// @conflux/testing's startGitServer. All run git's own upload-pack for the packs.
import { cp } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type GitRepository, inParallel, type LeanGitServer, startGitServer, startLeanGitServer } from '@conflux/testing';

/** What the parent asks for, and what it gets back. */
export type GitServerCommand =
  | { id: number; op: 'seed'; files: Record<string, string>; copies: string[] }
  | { id: number; op: 'create'; name: string; files: Record<string, string>; message: string }
  | { id: number; op: 'stats' }
  | { id: number; op: 'close' };

/** The reply to `seed`: where repositories are served, and the process whose CPU is the front end's. */
export interface GitServerSeed {
  url: string;
  seedURL: string;
  frontEndPid: number;
}

export interface GitServerStats {
  requests: number;
  uploadPackPosts: number;
  /** Ref advertisements the lean front end read from files instead of forking git (absent for `node`). */
  advertised?: number;
}

if (import.meta.main) {
  const server = await startGitServer();
  let lean: LeanGitServer | undefined;
  const front = () => lean?.url ?? server.url;
  const repos = new Map<string, GitRepository>();
  const reply = (id: number, value: unknown) => process.send?.({ id, value });
  process.on('message', (command: GitServerCommand) => {
    void (async () => {
      switch (command.op) {
        case 'seed': {
          const seed = await server.createRepository('seed');
          await seed.commit(command.files, 'first');
          repos.set('seed', seed);
          const projects = dirname(seed.bareDir);
          await inParallel(command.copies, 16, (name) => cp(seed.bareDir, join(projects, `${name}.git`), { recursive: true }));
          if (process.argv[2] !== 'node') lean = await startLeanGitServer(projects, { gitAdvertises: process.argv[2] === 'lean-git' });
          const seeded: GitServerSeed = { url: front(), seedURL: `${front()}/seed.git`, frontEndPid: lean?.pid ?? process.pid };
          return reply(command.id, seeded);
        }
        case 'create': {
          const repo = await server.createRepository(command.name);
          await repo.commit(command.files, command.message);
          repos.set(command.name, repo);
          return reply(command.id, { url: `${front()}/${command.name}.git` });
        }
        case 'stats': {
          if (lean) return reply(command.id, await lean.stats());
          const stats: GitServerStats = {
            requests: server.requests.length,
            uploadPackPosts: server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git-upload-pack')).length,
          };
          return reply(command.id, stats);
        }
        case 'close':
          await lean?.close();
          await server.close();
          reply(command.id, null);
          process.exit(0);
      }
    })().catch((err: unknown) => process.send?.({ id: command.id, error: String(err) }));
  });
  process.send?.({ id: 0, value: 'ready' });
}
