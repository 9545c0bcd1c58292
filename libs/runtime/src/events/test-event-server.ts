// A real HTTP server standing in for notification-controller's event API in the events tests.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface EventServer {
  url: string;
  received: ReceivedRequest[];
  /** Decides each answer from the request's index (0-based); 202 when it returns undefined. -1 hangs. */
  answer: (index: number) => number | undefined;
  close(): Promise<void>;
}

export async function startEventServer(): Promise<EventServer> {
  const state: EventServer = {
    url: '',
    received: [],
    answer: () => undefined,
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const index = state.received.length;
      state.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = state.answer(index) ?? 202;
      if (status === -1) return;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 400 ? `status ${status}` : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
