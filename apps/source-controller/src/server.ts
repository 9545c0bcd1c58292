// The artifact file server (reference §3.3): plain HTTP GET of anything under --storage-path, as Go's
// http.FileServer does upstream, so consumers download `status.artifact.url` and probes GET `/`.
// Links inside the store (upstream's latest.tar.gz) are followed, but never out of the root.
import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseListenAddress } from '@conflux/runtime';
import Fastify, { type FastifyReply } from 'fastify';

export interface ArtifactServer {
  /** Where the server listens, e.g. http://127.0.0.1:9090. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Resolves a request path to a file or directory inside `root`, or undefined when it is not there or not allowed. */
export async function resolveStoragePath(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?', 1)[0] ?? '/');
  } catch {
    return undefined;
  }
  const parts = decoded.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..' || p.includes('\0') || p.includes('\\'))) return undefined;
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(root, ...parts));
    const rel = relative(realRoot, real);
    if (rel.startsWith('..') || rel.startsWith(sep)) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function sendPath(reply: FastifyReply, path: string): Promise<FastifyReply> {
  const st = await stat(path);
  if (st.isDirectory()) {
    // Go's FileServer answers a directory with a listing; the readiness probe relies on `GET /` being 200.
    const names = (await readdir(path, { withFileTypes: true })).map((d) => (d.isDirectory() ? `${d.name}/` : d.name)).sort();
    const body = `<pre>\n${names.map((n) => `<a href="${escapeHTML(encodeURIComponent(n.replace(/\/$/, '')) + (n.endsWith('/') ? '/' : ''))}">${escapeHTML(n)}</a>`).join('\n')}\n</pre>\n`;
    return reply.type('text/html; charset=utf-8').send(body);
  }
  if (!st.isFile()) return reply.code(404).type('text/plain').send('404 page not found\n');
  const type = path.endsWith('.tar.gz') || path.endsWith('.tgz') ? 'application/gzip' : path.endsWith('.yaml') ? 'application/x-yaml' : 'application/octet-stream';
  return reply
    .type(type)
    .header('content-length', String(st.size))
    .header('last-modified', st.mtime.toUTCString())
    .send(createReadStream(path));
}

/** Serves `root` on a Go-style listen address (":9090", "127.0.0.1:0"). */
export async function startArtifactServer(root: string, addr: string): Promise<ArtifactServer> {
  const listen = parseListenAddress(addr);
  if (!listen) throw new Error(`--storage-addr "${addr}" disables the artifact server, but consumers need it`);
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.get('/*', async (request, reply) => {
    const path = await resolveStoragePath(root, request.url);
    if (path === undefined) return reply.code(404).type('text/plain').send('404 page not found\n');
    return sendPath(reply, path);
  });
  await app.ready();
  // Node's own listen: with no host it binds every interface, IPv6 included when there is one, as Go's
  // ":9090" does; fastify's listen() would bind only localhost.
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(listen.port, listen.host, () => {
      app.server.off('error', reject);
      resolve();
    });
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : listen.port;
  const host = listen.host === undefined || listen.host === '::' || listen.host === '0.0.0.0' ? 'localhost' : listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => app.close(),
  };
}
