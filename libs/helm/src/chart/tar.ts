// A small reader for the gzip'd ustar/pax/GNU tarballs charts ship as. Only regular files matter to
// Helm's loader; everything else (directories, links, devices) is skipped, as Go's loader does.

import { gunzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

/** Helm refuses charts that decompress beyond this. */
export const maxDecompressedChartSize = 100 * 1024 * 1024;

function cString(block: Uint8Array, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const nul = slice.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? slice : slice.subarray(0, nul));
}

function octal(block: Uint8Array, start: number, length: number): number {
  // GNU base-256 for sizes over 8 GiB: the high bit of the first byte is set.
  if ((block[start]! & 0x80) !== 0) {
    let n = 0;
    for (let i = start + 1; i < start + length; i++) n = n * 256 + block[i]!;
    return n;
  }
  const text = cString(block, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function paxRecords(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const text = new TextDecoder().decode(data);
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(' ', at);
    if (space < 0) break;
    const length = Number(text.slice(at, space));
    if (!Number.isInteger(length) || length <= 0) throw new Error('archive/tar: invalid tar header');
    const record = text.slice(space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return out;
}

/** Reads every regular file of a tar stream, in archive order. */
export function readTar(tar: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let at = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const magic = cString(header, 257, 6);
    const prefix = magic === 'ustar' ? cString(header, 345, 155) : '';
    const base = cString(header, 0, 100);
    const dataStart = at + 512;
    const data = tar.subarray(dataStart, dataStart + size);
    if (data.length < size) throw new Error('unexpected EOF');
    at = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      pax = paxRecords(data);
      continue;
    }
    if (type === 'g') continue;
    if (type === 'L') {
      longName = cString(data, 0, data.length);
      continue;
    }
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${base}` : base);
    longName = undefined;
    pax = {};
    if (type === '0' || type === '\0' || type === '7') entries.push({ name, data: data.slice() });
  }
  return entries;
}

/** Gunzips then reads a chart archive, refusing one that inflates past Helm's limit. */
export function readTarGz(archive: Uint8Array): TarEntry[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive, { maxOutputLength: maxDecompressedChartSize });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new Error('chart exceeds maximum decompressed size');
    if ((err as { code?: string }).code === 'Z_DATA_ERROR') throw new Error('gzip: invalid header');
    throw err;
  }
  return readTar(new Uint8Array(tar.buffer, tar.byteOffset, tar.byteLength));
}
