// The two operational HTTP servers of every controller: probes on --health-addr and Prometheus on
// --metrics-addr. Plain node:http rather than a framework: they serve three paths, and every megabyte of
// idle memory counts against the controller's budget.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type HealthChecks, Probe, type ProbeReport } from './health-checks.ts';
import { type HttpEndpoint, listen, parseListenAddress } from './http-endpoint.ts';
import type { Registry } from './prometheus.ts';

/**
 * Serves /healthz and /readyz (200 "ok" or 500 listing the failed checks; `?verbose` lists every check,
 * and /readyz/<name> runs one). Resolves to undefined when `addr` is "0" or empty.
 */
export async function startHealthServer(addr: string, checks: HealthChecks): Promise<HttpEndpoint | undefined> {
  const address = parseListenAddress(addr);
  if (!address) return undefined;
  const server = createServer((req, res) => {
    void serveProbe(req, res, checks).catch((err: unknown) => reply(res, 500, `probe failed: ${String(err)}\n`));
  });
  return listen(server, address);
}

/** Serves the registry's text exposition on /metrics. Resolves to undefined when `addr` is "0" or empty. */
export async function startMetricsServer(addr: string, registry: Registry): Promise<HttpEndpoint | undefined> {
  const address = parseListenAddress(addr);
  if (!address) return undefined;
  const server = createServer((req, res) => {
    if (!allowedMethod(req, res)) return;
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/metrics') return reply(res, 404, 'not found\n');
    registry.metrics().then(
      (body) => reply(res, 200, body, registry.contentType),
      (err: unknown) => reply(res, 500, `collecting metrics failed: ${String(err)}\n`),
    );
  });
  return listen(server, address);
}

async function serveProbe(req: IncomingMessage, res: ServerResponse, checks: HealthChecks): Promise<void> {
  if (!allowedMethod(req, res)) return;
  const url = new URL(req.url ?? '/', 'http://x');
  const m = /^\/(healthz|readyz)(?:\/([^/]+))?\/?$/.exec(url.pathname);
  if (!m) return reply(res, 404, 'not found\n');
  const probe = m[1] === 'readyz' ? Probe.Readyz : Probe.Healthz;
  const only = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  const report = await checks.run(probe, only);
  if (!report) return reply(res, 404, `no ${probe} check named "${only}"\n`);
  reply(res, report.ok ? 200 : 500, describe(probe, report, url.searchParams.has('verbose')));
}

function describe(probe: Probe, report: ProbeReport, verbose: boolean): string {
  if (report.ok && !verbose) return 'ok';
  const lines = report.results.map((r) => (r.ok ? `[+]${r.name} ok` : `[-]${r.name} failed: ${r.reason ?? 'unknown'}`));
  lines.push(report.ok ? `${probe} check passed` : `${probe} check failed`);
  return `${lines.join('\n')}\n`;
}

function allowedMethod(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  res.setHeader('Allow', 'GET, HEAD');
  reply(res, 405, 'method not allowed\n');
  return false;
}

function reply(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'X-Content-Type-Options': 'nosniff' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
