// The POSIX ustar header block (512 bytes) and pax extended records, encoded and decoded by hand so the
// writer controls every byte (determinism) and the reader trusts none of them (safety).
import { ArtifactError, ArtifactErrorCode } from '../errors.ts';

export const blockSize = 512;

/** The typeflag byte, as the characters the tar format uses. */
export const TypeFlag = {
  File: '0',
  /** Pre-POSIX archives mark regular files with NUL. */
  OldFile: '\0',
  HardLink: '1',
  Symlink: '2',
  CharDevice: '3',
  BlockDevice: '4',
  Directory: '5',
  Fifo: '6',
  Contiguous: '7',
  PaxLocal: 'x',
  PaxGlobal: 'g',
  GnuLongName: 'L',
  GnuLongLink: 'K',
} as const;
export type TypeFlag = (typeof TypeFlag)[keyof typeof TypeFlag];

/** Header fields as stored. `typeflag` is a string so the reader can report flags it does not know. */
export interface RawHeader {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  typeflag: string;
  linkname: string;
  uname: string;
  gname: string;
  /** ustar's second name field, joined to `name` with a slash when set. */
  prefix: string;
}

const field = {
  name: [0, 100],
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  chksum: [148, 8],
  typeflag: [156, 1],
  linkname: [157, 100],
  magic: [257, 6],
  version: [263, 2],
  uname: [265, 32],
  gname: [297, 32],
  devmajor: [329, 8],
  devminor: [337, 8],
  prefix: [345, 155],
} as const satisfies Record<string, readonly [number, number]>;

type FieldName = keyof typeof field;

export function emptyHeader(): RawHeader {
  return { name: '', mode: 0, uid: 0, gid: 0, size: 0, mtime: 0, typeflag: TypeFlag.File, linkname: '', uname: '', gname: '', prefix: '' };
}

function putString(block: Buffer, f: FieldName, value: string): void {
  const [offset, length] = field[f];
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new RangeError(`tar header field ${f} is ${bytes.length} bytes, limit ${length}`);
  bytes.copy(block, offset);
}

// Zero-padded octal with a NUL terminator, as Go's archive/tar and GNU tar write it.
function putOctal(block: Buffer, f: FieldName, value: number): void {
  const [offset, length] = field[f];
  const digits = value.toString(8);
  if (!Number.isSafeInteger(value) || value < 0 || digits.length > length - 1) {
    throw new RangeError(`tar header field ${f} cannot hold ${value} in octal`);
  }
  block.write(digits.padStart(length - 1, '0'), offset, 'ascii');
}

function checksum(block: Buffer): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < blockSize; i++) {
    // The checksum field itself counts as eight spaces.
    const b = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return { unsigned, signed };
}

/** One 512-byte ustar header. Throws RangeError when a field does not fit; callers use pax for those. */
export function encodeHeader(h: RawHeader): Buffer {
  const block = Buffer.alloc(blockSize);
  putString(block, 'name', h.name);
  putOctal(block, 'mode', h.mode);
  putOctal(block, 'uid', h.uid);
  putOctal(block, 'gid', h.gid);
  putOctal(block, 'size', h.size);
  putOctal(block, 'mtime', h.mtime);
  putString(block, 'typeflag', h.typeflag);
  putString(block, 'linkname', h.linkname);
  block.write('ustar\0', field.magic[0], 'ascii');
  block.write('00', field.version[0], 'ascii');
  putString(block, 'uname', h.uname);
  putString(block, 'gname', h.gname);
  putOctal(block, 'devmajor', 0);
  putOctal(block, 'devminor', 0);
  putString(block, 'prefix', h.prefix);
  const sum = checksum(block).unsigned;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', field.chksum[0], 'ascii');
  return block;
}

function invalid(message: string): ArtifactError {
  return new ArtifactError(ArtifactErrorCode.InvalidArchive, message);
}

function getString(block: Buffer, f: FieldName): string {
  const [offset, length] = field[f];
  const raw = block.subarray(offset, offset + length);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul === -1 ? length : nul).toString('utf8');
}

// Octal, or GNU base-256 when the top bit is set. Values beyond 2^53 are refused rather than rounded,
// because a rounded size would desynchronise the reader.
function getNumber(block: Buffer, f: FieldName): number {
  const [offset, length] = field[f];
  const raw = block.subarray(offset, offset + length);
  if (raw[0]! & 0x80) {
    if (raw[0] === 0xff) throw invalid(`tar header field ${f} is negative`);
    let value = BigInt(raw[0]! & 0x7f);
    for (let i = 1; i < length; i++) value = (value << 8n) | BigInt(raw[i]!);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid(`tar header field ${f} is too large`);
    return Number(value);
  }
  const text = raw.toString('latin1').replace(/[\0 ]+$/, '').replace(/^[ ]+/, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw invalid(`tar header field ${f} is not octal: ${JSON.stringify(text)}`);
  const value = parseInt(text, 8);
  if (!Number.isSafeInteger(value)) throw invalid(`tar header field ${f} is too large`);
  return value;
}

export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

/** Decodes one header block, verifying its checksum. Accepts ustar, GNU and v7 layouts. */
export function decodeHeader(block: Buffer): RawHeader {
  if (block.length !== blockSize) throw invalid('truncated tar header');
  const stored = getNumber(block, 'chksum');
  const sum = checksum(block);
  // Some historic writers summed signed bytes; both are accepted, as GNU tar does.
  if (stored !== sum.unsigned && stored !== sum.signed) throw invalid('tar header checksum mismatch: not a tar stream, or corrupted');
  const magic = block.subarray(field.magic[0], field.magic[0] + 6).toString('latin1');
  return {
    name: getString(block, 'name'),
    mode: getNumber(block, 'mode'),
    uid: getNumber(block, 'uid'),
    gid: getNumber(block, 'gid'),
    size: getNumber(block, 'size'),
    mtime: getNumber(block, 'mtime'),
    typeflag: String.fromCharCode(block[field.typeflag[0]]!),
    linkname: getString(block, 'linkname'),
    uname: getString(block, 'uname'),
    gname: getString(block, 'gname'),
    // Only POSIX ustar has a prefix; GNU's "ustar  " keeps access/change times in those bytes.
    prefix: magic === 'ustar\0' ? getString(block, 'prefix') : '',
  };
}

/** The full entry name of a decoded header. */
export function headerPath(h: RawHeader): string {
  return h.prefix === '' ? h.name : `${h.prefix}/${h.name}`;
}

/**
 * Splits a long path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a slash, or returns
 * undefined when it cannot be split and needs a pax record.
 */
export function splitUstarPath(path: string): { prefix: string; name: string } | undefined {
  const bytes = Buffer.byteLength(path);
  if (bytes <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return { prefix, name };
  }
  return undefined;
}

/** pax records: `<len> <key>=<value>\n`, where len counts the whole record including its own digits. */
export function encodePaxRecords(records: Record<string, string>): Buffer {
  const parts: string[] = [];
  for (const key of Object.keys(records).sort()) {
    const body = ` ${key}=${records[key]}\n`;
    const bodyLen = Buffer.byteLength(body);
    let len = bodyLen + String(bodyLen).length;
    if (String(len).length + bodyLen !== len) len = bodyLen + String(len).length;
    parts.push(`${len}${body}`);
  }
  return Buffer.from(parts.join(''), 'utf8');
}

export function decodePaxRecords(data: Buffer): Record<string, string> {
  const records: Record<string, string> = Object.create(null) as Record<string, string>;
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) throw invalid('malformed pax record: no length');
    const lenText = data.subarray(offset, space).toString('latin1');
    if (!/^[1-9][0-9]*$/.test(lenText)) throw invalid('malformed pax record length');
    const len = Number(lenText);
    const end = offset + len;
    if (end > data.length || data[end - 1] !== 0x0a) throw invalid('malformed pax record: bad length');
    const record = data.subarray(space + 1, end - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq <= 0) throw invalid('malformed pax record: no key');
    records[record.slice(0, eq)] = record.slice(eq + 1);
    offset = end;
  }
  return records;
}

/** Bytes of zero padding after an entry body of `size` bytes. */
export function paddingFor(size: number): number {
  const rem = size % blockSize;
  return rem === 0 ? 0 : blockSize - rem;
}
