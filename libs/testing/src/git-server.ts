import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';

const exec = promisify(execFile);

/** How clients must authenticate: not at all, with HTTP basic auth, or with a bearer token (as Gitea accepts). */
export type GitAuth =
  | { mode: 'none' }
  | { mode: 'basic'; username: string; password: string }
  | { mode: 'bearer'; token: string };

/** One request the server received, for tests that assert how much a client fetched. */
export interface GitRequest {
  method: string;
  path: string;
  service: string | undefined;
  status: number;
}

export interface GitServer {
  /** Base URL, e.g. http://127.0.0.1:PORT; a repository is at `${url}/${name}.git`. */
  url: string;
  auth: GitAuth;
  requests: GitRequest[];
  createRepository(name: string, options?: { branch?: string }): Promise<GitRepository>;
  close(): Promise<void>;
}

export interface GitRepository {
  name: string;
  url: string;
  /** The bare repository the server serves. */
  bareDir: string;
  /**
   * Writes the files (a null content deletes the file), commits them and pushes to the server.
   * Returns the new commit's SHA-1.
   */
  commit(files: Record<string, string | Uint8Array | null>, message?: string, options?: { branch?: string }): Promise<string>;
  /** Creates a tag on `ref` (default HEAD), annotated when a message is given, and pushes it. */
  tag(name: string, options?: { message?: string; ref?: string }): Promise<string>;
  /** The SHA-1 a branch points to on the server. */
  head(branch?: string): Promise<string>;
}

const gitIdentity = [
  '-c', 'user.name=Conflux Test',
  '-c', 'user.email=test@conflux.invalid',
  '-c', 'commit.gpgsign=false',
  '-c', 'tag.gpgsign=false',
  '-c', 'init.defaultBranch=main',
];

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await exec('git', [...gitIdentity, ...args], {
    cwd,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
    maxBuffer: 64 << 20,
  });
  return stdout.trim();
}

/**
 * Starts a real Git smart-HTTP server on loopback: git's own `upload-pack` in stateless-RPC mode, the
 * program `git http-backend` runs, behind a small Node HTTP server that enforces the chosen
 * authentication. Tests create
 * repositories and push commits through the returned handle.
 */
export async function startGitServer(auth: GitAuth = { mode: 'none' }): Promise<GitServer> {
  const root = await mkdtemp(join(tmpdir(), 'conflux-git-'));
  const projects = join(root, 'repos');
  await mkdir(projects);
  const requests: GitRequest[] = [];

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const record = (status: number) =>
      requests.push({ method: req.method ?? 'GET', path: url.pathname, service: url.searchParams.get('service') ?? undefined, status });
    if (!authorised(auth, req.headers.authorization)) {
      record(401);
      const challenge = auth.mode === 'bearer' ? 'Bearer realm="conflux-test"' : 'Basic realm="conflux-test"';
      res.writeHead(401, { 'WWW-Authenticate': challenge, 'Content-Type': 'text/plain' }).end('authentication required\n');
      return;
    }
    serveUploadPack(projects, req, res, url, record);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    auth,
    requests,
    async createRepository(name, options = {}) {
      const branch = options.branch ?? 'main';
      const bareDir = join(projects, `${name}.git`);
      const workDir = join(root, 'work', name);
      await mkdir(dirname(bareDir), { recursive: true });
      await git(root, 'init', '--quiet', '--bare', `--initial-branch=${branch}`, bareDir);
      await mkdir(workDir, { recursive: true });
      await git(workDir, 'init', '--quiet', `--initial-branch=${branch}`);
      await git(workDir, 'remote', 'add', 'origin', bareDir);
      return repositoryHandle(name, `${base}/${name}.git`, bareDir, workDir, branch);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

function authorised(auth: GitAuth, header: string | undefined): boolean {
  switch (auth.mode) {
    case 'none':
      return true;
    case 'basic': {
      if (!header?.startsWith('Basic ')) return false;
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      return decoded === `${auth.username}:${auth.password}`;
    }
    case 'bearer':
      return header === `Bearer ${auth.token}`;
  }
}

/**
 * Serves one smart-HTTP request with git's own upload-pack, as `git http-backend` does, minus the CGI
 * process in between: that extra process per request was most of the fixture's cost in the 1000-
 * repository benchmark. Only fetching is served; tests push through the bare repository's path.
 */
function serveUploadPack(projects: string, req: IncomingMessage, res: ServerResponse, url: URL, record: (status: number) => void): void {
  const path = decodeURIComponent(url.pathname);
  const advertise = req.method === 'GET' && path.endsWith('/info/refs') && url.searchParams.get('service') === 'git-upload-pack';
  const pack = req.method === 'POST' && path.endsWith('/git-upload-pack');
  const repoPath = advertise ? path.slice(0, -'/info/refs'.length) : pack ? path.slice(0, -'/git-upload-pack'.length) : '';
  const bareDir = join(projects, repoPath);
  const refuse = (status: number, text: string) => {
    record(status);
    res.writeHead(status, { 'Content-Type': 'text/plain' }).end(text);
  };
  if (!repoPath || repoPath.includes('..') || !repoPath.endsWith('.git')) {
    refuse(404, 'not found\n');
    return;
  }
  stat(join(bareDir, 'HEAD')).then(
    () => {
      const protocol = req.headers['git-protocol'];
      const env: NodeJS.ProcessEnv = {
        PATH: process.env['PATH'],
        GIT_CONFIG_NOSYSTEM: '1',
        ...(protocol ? { GIT_PROTOCOL: String(protocol) } : {}),
      };
      const args = ['upload-pack', '--stateless-rpc', ...(advertise ? ['--advertise-refs'] : []), bareDir];
      const child = spawn('git', args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
      child.stdin.on('error', () => undefined);
      record(200);
      res.writeHead(200, {
        'Content-Type': `application/x-git-upload-pack-${advertise ? 'advertisement' : 'result'}`,
        'Cache-Control': 'no-cache',
      });
      // Protocol v2 clients get the capability list straight away; v0/v1 expect the service line first.
      if (advertise && !String(protocol ?? '').includes('version=2')) res.write(pktLine('# service=git-upload-pack\n') + '0000');
      if (advertise) child.stdin.end();
      else (req.headers['content-encoding'] === 'gzip' ? req.pipe(createGunzip()) : req).pipe(child.stdin);
      child.stdout.pipe(res);
      child.on('error', (err) => res.destroy(err));
    },
    () => refuse(404, 'repository not found\n'),
  );
}

function pktLine(text: string): string {
  return (Buffer.byteLength(text) + 4).toString(16).padStart(4, '0') + text;
}

function repositoryHandle(name: string, url: string, bareDir: string, workDir: string, defaultBranch: string): GitRepository {
  let current = defaultBranch;
  return {
    name,
    url,
    bareDir,
    async commit(files, message = 'update', options = {}) {
      const branch = options.branch ?? current;
      if (branch !== current) {
        await git(workDir, 'checkout', '--quiet', '-B', branch);
        current = branch;
      }
      for (const [path, content] of Object.entries(files)) {
        const target = join(workDir, path);
        if (content === null) {
          await unlink(target).catch(() => undefined);
        } else {
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, content);
        }
      }
      await git(workDir, 'add', '--all');
      await git(workDir, 'commit', '--quiet', '--allow-empty', '-m', message);
      await git(workDir, 'push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${branch}`);
      return git(workDir, 'rev-parse', 'HEAD');
    },
    async tag(tagName, options = {}) {
      const args = options.message ? ['tag', '-a', '-m', options.message, tagName] : ['tag', tagName];
      await git(workDir, ...args, options.ref ?? 'HEAD');
      await git(workDir, 'push', '--quiet', '--force', 'origin', `refs/tags/${tagName}`);
      return git(workDir, 'rev-parse', `${tagName}^{commit}`);
    },
    async head(branch = defaultBranch) {
      return git(bareDir, 'rev-parse', `refs/heads/${branch}`);
    },
  };
}
