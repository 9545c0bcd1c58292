// Serialises entries into a tar stream. Every header field that could carry the environment (owner,
// times, device numbers) is written as zero by construction; the caller only chooses path, mode and bytes.
import { ArtifactError, ArtifactErrorCode } from '../errors.ts';
import { blockSize, emptyHeader, encodeHeader, encodePaxRecords, paddingFor, type RawHeader, splitUstarPath, TypeFlag } from './header.ts';

export interface TarDirectory {
  type: 'dir';
  /** Slash-separated, relative, without a trailing slash ('.' for the root). */
  path: string;
  mode: number;
}

export interface TarFile {
  type: 'file';
  path: string;
  mode: number;
  size: number;
  /** The file's bytes; the writer checks they add up to `size`. */
  content: () => AsyncIterable<Uint8Array> | Uint8Array;
}

export type TarEntry = TarDirectory | TarFile;

const octalSizeLimit = 8 ** 11 - 1;
const endOfArchive = Buffer.alloc(2 * blockSize);

function isAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

// A path that ustar cannot hold (too long, or not ASCII, as Go's writer decides) goes into a pax record,
// with a stub name in the ustar header for readers that ignore pax.
function headerBlocks(entry: TarEntry): Buffer[] {
  const header: RawHeader = {
    ...emptyHeader(),
    mode: entry.mode,
    typeflag: entry.type === 'dir' ? TypeFlag.Directory : TypeFlag.File,
  };
  const pax: Record<string, string> = {};
  const split = isAscii(entry.path) ? splitUstarPath(entry.path) : undefined;
  if (split) {
    header.name = split.name;
    header.prefix = split.prefix;
  } else {
    pax.path = entry.path;
    header.name = Buffer.from(entry.path).subarray(0, 100).toString('latin1').replace(/[^\x20-\x7e]/g, '_');
  }
  if (entry.type === 'file') {
    if (entry.size > octalSizeLimit) pax.size = String(entry.size);
    else header.size = entry.size;
  }
  if (Object.keys(pax).length === 0) return [encodeHeader(header)];
  const data = encodePaxRecords(pax);
  const paxHeader = encodeHeader({ ...emptyHeader(), name: 'PaxHeaders/' + header.name.slice(0, 89), typeflag: TypeFlag.PaxLocal, size: data.length });
  return [paxHeader, data, Buffer.alloc(paddingFor(data.length)), encodeHeader(header)];
}

// A file that grew or shrank while being archived would desynchronise the stream; refuse it.
function assertSizeUnchanged(entry: TarFile, written: number): void {
  if (written !== entry.size) {
    throw new ArtifactError(ArtifactErrorCode.StorageFailed, `${entry.path} changed size while being archived (${entry.size} → ${written} bytes); retry`, {
      subject: entry.path,
    });
  }
}

async function* fileBody(entry: TarFile): AsyncGenerator<Buffer> {
  const content = entry.content();
  let written = 0;
  const chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = content instanceof Uint8Array ? [content] : content;
  for await (const chunk of chunks) {
    written += chunk.length;
    if (written > entry.size) break;
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  }
  assertSizeUnchanged(entry, written);
  const pad = paddingFor(entry.size);
  if (pad > 0) yield Buffer.alloc(pad);
}

/** The tar byte stream for `entries`, in the order given, terminated by two zero blocks. */
export async function* tarStream(entries: AsyncIterable<TarEntry> | Iterable<TarEntry>): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    for (const block of headerBlocks(entry)) if (block.length > 0) yield block;
    if (entry.type === 'file') yield* fileBody(entry);
  }
  yield endOfArchive;
}

/**
 * The same bytes as `tarStream`, built at once, for entries whose content is already in memory (each
 * file's `content()` returns a Uint8Array); throws otherwise.
 */
export function tarBytes(entries: Iterable<TarEntry>): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(...headerBlocks(entry));
    if (entry.type !== 'file') continue;
    const content = entry.content();
    if (!(content instanceof Uint8Array)) throw new TypeError(`tarBytes: ${entry.path} has streamed content`);
    assertSizeUnchanged(entry, content.length);
    parts.push(Buffer.from(content.buffer, content.byteOffset, content.length), Buffer.alloc(paddingFor(entry.size)));
  }
  parts.push(endOfArchive);
  return Buffer.concat(parts);
}
