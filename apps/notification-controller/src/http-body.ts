// Reading a request body with a cap, shared by the event server and the webhook receivers: both refuse
// an oversized body with 413 as soon as it is known to be too large, without buffering the rest.
import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`request body exceeds the ${limit} byte limit`);
    this.name = 'BodyTooLarge';
    this.limit = limit;
  }
}

/** Reads the body; rejects with BodyTooLarge as soon as Content-Length or the bytes read pass `limit`. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(req, limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(tooLarge(req, limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(req: IncomingMessage, limit: number): BodyTooLarge {
  // Reading the rest would spend bandwidth on what is refused anyway; the connection goes once answered.
  req.resume();
  return new BodyTooLarge(limit);
}
