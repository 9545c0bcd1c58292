import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

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
 * Starts a real Git smart-HTTP server on loopback: `git http-backend` (the CGI program that ships with
 * git) behind a small Node HTTP server that enforces the chosen authentication. Tests create
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
    serveCGI(projects, req, res, url, record);
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

/** Runs one request through git http-backend and relays its CGI response. */
function serveCGI(projects: string, req: IncomingMessage, res: ServerResponse, url: URL, record: (status: number) => void): void {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    GIT_PROJECT_ROOT: projects,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    // Pushes are allowed for every authenticated client; the server is a test fixture.
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.receivepack',
    GIT_CONFIG_VALUE_0: 'true',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_USER: 'test',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
  };
  if (req.headers['content-length']) env['CONTENT_LENGTH'] = req.headers['content-length'];
  if (req.headers['content-encoding']) env['HTTP_CONTENT_ENCODING'] = req.headers['content-encoding'];
  if (req.headers['git-protocol']) env['HTTP_GIT_PROTOCOL'] = String(req.headers['git-protocol']);

  const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  req.pipe(cgi.stdin);
  cgi.stdin.on('error', () => undefined);

  let head = Buffer.alloc(0);
  let headersSent = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = findHeaderEnd(head);
    if (!end) return;
    const { status, headers } = parseCGIHeaders(head.subarray(0, end.index).toString('latin1'));
    res.writeHead(status, headers);
    record(status);
    headersSent = true;
    res.write(head.subarray(end.index + end.length));
  });
  cgi.stdout.on('end', () => {
    if (!headersSent) {
      record(502);
      res.writeHead(502, { 'Content-Type': 'text/plain' });
    }
    res.end();
  });
  cgi.on('error', (err) => {
    if (!headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(`git http-backend failed: ${err.message}\n`);
  });
}

function findHeaderEnd(buf: Buffer): { index: number; length: number } | undefined {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { index: crlf, length: 4 };
  if (lf >= 0) return { index: lf, length: 2 };
  return undefined;
}

function parseCGIHeaders(text: string): { status: number; headers: Record<string, string> } {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else headers[key] = value;
  }
  return { status, headers };
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
