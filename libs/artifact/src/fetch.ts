// The consumer side of the artifact protocol: download status.artifact.url, verify its digest over the
// exact bytes, and only then extract. node:http is used rather than fetch() because fetch() transparently
// decodes Content-Encoding, which would hash different bytes than the server stored.
import { mkdtemp, open, rm } from 'node:fs/promises';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertDigest, createDigester, digestAlgorithmOf } from './digest.ts';
import { ArtifactError, ArtifactErrorCode } from './errors.ts';
import { extractTarGz, type ExtractOptions, type ExtractResult } from './extract.ts';

/** Default cap on the downloaded (compressed) bytes. */
export const defaultMaxDownloadSize = 100 * 1024 * 1024;
/** kustomize-controller's --http-retry default. */
export const defaultFetchRetries = 9;

export interface DownloadOptions {
  /** status.artifact.digest; the download is refused unless the bytes hash to it. */
  digest: string;
  maxDownloadSize?: number;
  /** Extra attempts after the first, for network errors, 429 and 5xx. A 404 is never retried here. */
  retries?: number;
  /** Backoff doubles from min to max between attempts (go-retryablehttp's defaults: 1 s, 30 s). */
  retryWaitMinMs?: number;
  retryWaitMaxMs?: number;
  /** Per attempt. */
  timeoutMs?: number;
  /** Replaces host:port of the URL (upstream's SOURCE_CONTROLLER_LOCALHOST, for running outside the cluster). */
  hostOverride?: string;
  signal?: AbortSignal;
  /** Where the temporary download goes; os.tmpdir() by default. */
  tmpDir?: string;
}

export interface DownloadedArtifact {
  /** A temp file holding the verified bytes. */
  path: string;
  size: number;
  digest: string;
  /** Deletes the temp file and its directory. */
  remove(): Promise<void>;
}

const maxRedirects = 10;

class RetryableError extends Error {}

function request(url: URL, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? httpsGet : url.protocol === 'http:' ? httpGet : undefined;
    if (!get) {
      reject(new ArtifactError(ArtifactErrorCode.FetchFailed, `artifact URL ${url.href} must be http or https`, { subject: url.href }));
      return;
    }
    const req = get(url, { signal, headers: { 'accept-encoding': 'identity', 'user-agent': 'conflux-artifact-fetcher' } }, resolve);
    req.on('error', reject);
  });
}

async function openResponse(url: URL, signal: AbortSignal): Promise<IncomingMessage> {
  let current = url;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const res = await request(current, signal);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      current = new URL(res.headers.location, current);
      continue;
    }
    return res;
  }
  throw new ArtifactError(ArtifactErrorCode.FetchFailed, `artifact URL ${url.href} redirected more than ${maxRedirects} times`, { subject: url.href });
}

// One attempt: stream to `file` while hashing, enforcing the size cap on the header and on the bytes.
async function attempt(url: URL, file: string, options: DownloadOptions, max: number): Promise<{ size: number; digest: string }> {
  const signals = [AbortSignal.timeout(options.timeoutMs ?? 5 * 60_000)];
  if (options.signal) signals.push(options.signal);
  const signal = AbortSignal.any(signals);
  const res = await openResponse(url, signal);
  const status = res.statusCode ?? 0;
  if (status !== 200) {
    res.resume();
    if (status === 404) {
      throw new ArtifactError(ArtifactErrorCode.NotFound, `artifact ${url.href} not found (404); the source may not have published it yet, retry later`, {
        subject: url.href,
        status,
      });
    }
    if (status === 429 || (status >= 500 && status !== 501)) throw new RetryableError(`GET ${url.href}: HTTP ${status}`);
    throw new ArtifactError(ArtifactErrorCode.FetchFailed, `GET ${url.href} answered HTTP ${status}`, { subject: url.href, status });
  }
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (declared > max) {
    res.destroy();
    throw new ArtifactError(ArtifactErrorCode.TooLarge, `artifact ${url.href} is ${declared} bytes, over the ${max}-byte download limit`, { subject: url.href });
  }
  const digester = createDigester(digestAlgorithmOf(options.digest));
  const out = await open(file, 'w', 0o600);
  let size = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max) {
        res.destroy();
        throw new ArtifactError(ArtifactErrorCode.TooLarge, `artifact ${url.href} exceeds the ${max}-byte download limit`, { subject: url.href });
      }
      digester.update(chunk);
      let offset = 0;
      while (offset < chunk.length) offset += (await out.write(chunk, offset, chunk.length - offset)).bytesWritten;
    }
  } catch (err) {
    if (err instanceof ArtifactError || options.signal?.aborted) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    // A local disk problem is not the server's fault and will not improve by asking again.
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EACCES') {
      throw new ArtifactError(ArtifactErrorCode.FetchFailed, `saving ${url.href} to ${file} failed: ${(err as Error).message}`, { subject: url.href, cause: err });
    }
    throw new RetryableError(`GET ${url.href}: ${(err as Error).message}`, { cause: err });
  } finally {
    await out.close();
  }
  return { size, digest: digester.digest() };
}

// Network errors, timeouts, 429 and 5xx are worth another attempt; our own verdicts (404, too large,
// digest mismatch, bad URL) are not, and a caller's abort ends everything.
function isRetryable(err: unknown): boolean {
  return !(err instanceof ArtifactError);
}

/**
 * Downloads an artifact into a temp file and verifies its digest over the exact bytes. The caller owns
 * the result and must `remove()` it. Throws ArtifactNotFound on 404 (retry later), ArtifactTooLarge,
 * ArtifactDigestMismatch, or ArtifactFetchFailed once retries are exhausted.
 */
export async function downloadArtifact(rawURL: string, options: DownloadOptions): Promise<DownloadedArtifact> {
  digestAlgorithmOf(options.digest); // a malformed expected digest fails before any network work
  const url = new URL(rawURL);
  if (options.hostOverride) url.host = options.hostOverride;
  const max = options.maxDownloadSize ?? defaultMaxDownloadSize;
  const retries = options.retries ?? defaultFetchRetries;
  const waitMin = options.retryWaitMinMs ?? 1_000;
  const waitMax = options.retryWaitMaxMs ?? 30_000;
  const dir = await mkdtemp(join(options.tmpDir ?? tmpdir(), 'artifact-'));
  const file = join(dir, 'artifact.tar.gz');
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    for (let attemptNo = 0; ; attemptNo++) {
      try {
        const { size, digest } = await attempt(url, file, options, max);
        assertDigest(options.digest, digest, url.href);
        return { path: file, size, digest, remove };
      } catch (err) {
        if (options.signal?.aborted || !isRetryable(err)) throw err;
        if (attemptNo >= retries) {
          throw new ArtifactError(ArtifactErrorCode.FetchFailed, `downloading ${url.href} failed after ${attemptNo + 1} attempts: ${(err as Error).message}`, {
            subject: url.href,
            cause: err,
          });
        }
        await sleep(Math.min(waitMax, waitMin * 2 ** attemptNo), undefined, options.signal ? { signal: options.signal } : undefined);
      }
    }
  } catch (err) {
    await remove();
    throw err;
  }
}

/**
 * Download, verify, extract: the whole consumer protocol. Nothing is extracted unless the digest matches,
 * and extraction applies every safety check of extractTarGz.
 */
export async function fetchArtifact(
  url: string,
  targetDir: string,
  options: DownloadOptions & ExtractOptions,
): Promise<ExtractResult & { size: number; digest: string }> {
  const downloaded = await downloadArtifact(url, options);
  try {
    const result = await extractTarGz(downloaded.path, targetDir, options);
    return { ...result, size: downloaded.size, digest: downloaded.digest };
  } finally {
    await downloaded.remove();
  }
}
