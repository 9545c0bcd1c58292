// A streaming tar parser that never trusts a size: every header is counted and every declared size is
// charged against the caller's budget BEFORE its bytes are read, so a lying header or a decompression bomb
// is refused after at most one block of work.
import { ArtifactError, ArtifactErrorCode } from '../errors.ts';
import { blockSize, decodeHeader, decodePaxRecords, headerPath, isZeroBlock, paddingFor, type RawHeader, TypeFlag } from './header.ts';

export interface TarReadLimits {
  /** Headers of every kind, pax and GNU long-name blocks included. */
  maxEntries: number;
  /** Sum of every declared entry size, metadata included. */
  maxTotalSize: number;
  /** One pax or GNU long-name record. */
  maxMetadataSize: number;
}

export interface TarReadEntry {
  /** The name as stored (pax and GNU long names applied); not yet checked for safety. */
  path: string;
  typeflag: string;
  mode: number;
  size: number;
  linkname: string;
  /** The entry's bytes. Unread bytes are skipped when the next entry is requested. */
  body(): AsyncGenerator<Buffer>;
}

class ByteReader {
  readonly #source: AsyncIterator<Uint8Array>;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #ended = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  async #fill(n: number): Promise<void> {
    while (this.#buffered < n && !this.#ended) {
      const next = await this.#source.next();
      if (next.done) this.#ended = true;
      else if (next.value.length > 0) {
        const b = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.length);
        this.#chunks.push(b);
        this.#buffered += b.length;
      }
    }
  }

  /** Up to `max` bytes (fewer only at end of input). */
  async readUpTo(max: number): Promise<Buffer> {
    await this.#fill(1);
    if (this.#buffered === 0) return Buffer.alloc(0);
    const first = this.#chunks[0]!;
    if (first.length <= max) {
      this.#chunks.shift();
      this.#buffered -= first.length;
      return first;
    }
    this.#chunks[0] = first.subarray(max);
    this.#buffered -= max;
    return first.subarray(0, max);
  }

  /** Exactly `n` bytes, or fewer at end of input. */
  async readExactly(n: number): Promise<Buffer> {
    await this.#fill(n);
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#buffered = rest.length;
    return out;
  }

  async close(): Promise<void> {
    await this.#source.return?.();
  }
}

function tooLarge(message: string, subject?: string): ArtifactError {
  return new ArtifactError(ArtifactErrorCode.TooLarge, message, subject === undefined ? {} : { subject });
}

function truncated(path: string): ArtifactError {
  return new ArtifactError(ArtifactErrorCode.InvalidArchive, `tar stream ends inside entry ${path}: the archive is truncated`, { subject: path });
}

/** Entries of a tar stream, in order. Stops at the end-of-archive marker and ignores anything after it. */
export async function* readTar(source: AsyncIterable<Uint8Array>, limits: TarReadLimits): AsyncGenerator<TarReadEntry> {
  const reader = new ByteReader(source);
  let entries = 0;
  let total = 0;
  let pending: { path?: string; linkname?: string; size?: number } = {};

  const charge = (h: RawHeader, size: number) => {
    entries += 1;
    if (entries > limits.maxEntries) {
      throw new ArtifactError(ArtifactErrorCode.TooManyEntries, `tarball has more than ${limits.maxEntries} entries; refusing to extract it`);
    }
    total += size;
    if (total > limits.maxTotalSize) {
      throw tooLarge(`tarball entry ${headerPath(h)} declares ${size} bytes, taking the total past the ${limits.maxTotalSize}-byte limit`, headerPath(h));
    }
  };

  const readMetadata = async (h: RawHeader): Promise<Buffer> => {
    if (h.size > limits.maxMetadataSize) throw tooLarge(`tar metadata record of ${h.size} bytes exceeds ${limits.maxMetadataSize}`, headerPath(h));
    const data = await reader.readExactly(h.size + paddingFor(h.size));
    if (data.length < h.size + paddingFor(h.size)) throw truncated(headerPath(h));
    return data.subarray(0, h.size);
  };

  try {
    for (;;) {
      const block = await reader.readExactly(blockSize);
      if (block.length === 0) return; // a clean end without the marker, as Go's reader tolerates
      if (block.length < blockSize) throw new ArtifactError(ArtifactErrorCode.InvalidArchive, 'tar stream ends inside a header: the archive is truncated');
      if (isZeroBlock(block)) return;
      const h = decodeHeader(block);
      charge(h, h.size);

      if (h.typeflag === TypeFlag.PaxLocal || h.typeflag === TypeFlag.PaxGlobal) {
        const records = decodePaxRecords(await readMetadata(h));
        // Global records would apply to every later entry; none of them can make an entry safer, so they are read and dropped.
        if (h.typeflag === TypeFlag.PaxLocal) {
          if (records.path !== undefined) pending.path = records.path;
          if (records.linkpath !== undefined) pending.linkname = records.linkpath;
          if (records.size !== undefined) {
            if (!/^[0-9]+$/.test(records.size) || !Number.isSafeInteger(Number(records.size))) {
              throw new ArtifactError(ArtifactErrorCode.InvalidArchive, `pax size record ${JSON.stringify(records.size)} is not a valid size`);
            }
            pending.size = Number(records.size);
          }
        }
        continue;
      }
      if (h.typeflag === TypeFlag.GnuLongName || h.typeflag === TypeFlag.GnuLongLink) {
        const data = await readMetadata(h);
        const nul = data.indexOf(0);
        const value = data.subarray(0, nul === -1 ? data.length : nul).toString('utf8');
        if (h.typeflag === TypeFlag.GnuLongName) pending.path = value;
        else pending.linkname = value;
        continue;
      }

      const size = pending.size ?? h.size;
      // A pax size overrides the header's: charge the difference so the budget sees the real figure.
      if (pending.size !== undefined) {
        total += pending.size - h.size;
        if (total > limits.maxTotalSize) throw tooLarge(`tarball entry ${headerPath(h)} declares ${size} bytes, past the ${limits.maxTotalSize}-byte limit`);
      }
      const entryPath = pending.path ?? headerPath(h);
      const linkname = pending.linkname ?? h.linkname;
      pending = {};

      let remaining = size;
      let padding = paddingFor(size);
      const body = async function* (): AsyncGenerator<Buffer> {
        while (remaining > 0) {
          const chunk = await reader.readUpTo(remaining);
          if (chunk.length === 0) throw truncated(entryPath);
          remaining -= chunk.length;
          yield chunk;
        }
      };
      yield { path: entryPath, typeflag: h.typeflag, mode: h.mode, size, linkname, body };
      // Skip whatever the consumer left unread, then the padding.
      while (remaining > 0) {
        const chunk = await reader.readUpTo(remaining);
        if (chunk.length === 0) throw truncated(entryPath);
        remaining -= chunk.length;
      }
      while (padding > 0) {
        const chunk = await reader.readUpTo(padding);
        if (chunk.length === 0) throw truncated(entryPath);
        padding -= chunk.length;
      }
    }
  } finally {
    await reader.close();
  }
}
