// Helpers shared by the tests: temp dirs, stream collection, and hand-crafted (possibly hostile) tarballs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { gzipSync } from 'node:zlib';
import { blockSize, emptyHeader, encodeHeader, encodePaxRecords, paddingFor, type RawHeader, TypeFlag } from './tar/header.ts';

/** A fresh temp dir removed when the test file finishes. */
export async function tempDir(prefix = 'artifact-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

export interface CraftedEntry {
  name: string;
  type?: string;
  body?: string | Buffer;
  /** Declared size, when it should differ from the body (lying headers). */
  size?: number;
  linkname?: string;
  mode?: number;
  /** pax records to put in front of this entry. */
  pax?: Record<string, string>;
}

/** A raw tar stream built header by header, so tests can write what no honest writer would. */
export function craftTar(entries: CraftedEntry[], { terminate = true } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (e.pax) {
      const data = encodePaxRecords(e.pax);
      parts.push(encodeHeader({ ...emptyHeader(), name: 'PaxHeaders/x', typeflag: TypeFlag.PaxLocal, size: data.length }), data, Buffer.alloc(paddingFor(data.length)));
    }
    const body = e.body === undefined ? Buffer.alloc(0) : Buffer.from(e.body);
    const header: RawHeader = {
      ...emptyHeader(),
      name: e.name,
      typeflag: e.type ?? TypeFlag.File,
      size: e.size ?? body.length,
      linkname: e.linkname ?? '',
      mode: e.mode ?? 0o644,
    };
    parts.push(encodeHeader(header), body, Buffer.alloc(paddingFor(body.length)));
  }
  if (terminate) parts.push(Buffer.alloc(2 * blockSize));
  return Buffer.concat(parts);
}

export function craftTarGz(entries: CraftedEntry[], options: { terminate?: boolean } = {}): Buffer {
  return gzipSync(craftTar(entries, options));
}
