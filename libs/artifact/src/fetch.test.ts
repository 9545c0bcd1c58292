// The consumer protocol against a real HTTP server on a loopback port.
import assert from 'node:assert/strict';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { archiveFiles } from './archive.ts';
import { digestOf } from './digest.ts';
import { ArtifactErrorCode, isArtifactError } from './errors.ts';
import { downloadArtifact, fetchArtifact } from './fetch.ts';
import { collect, craftTarGz, tempDir } from './test-fixtures.ts';

const files = [
  { path: 'kustomization.yaml', content: 'resources: [app.yaml]\n' },
  { path: 'app.yaml', content: 'kind: ConfigMap\n' },
];
let good: Buffer;
const evil = craftTarGz([{ name: 'ok.yaml', body: 'ok' }, { name: '../../escaped.yaml', body: 'pwned' }]);
const hits = new Map<string, number>();
let base = '';
const server = createServer((req, res) => {
  const path = req.url ?? '/';
  const n = (hits.get(path) ?? 0) + 1;
  hits.set(path, n);
  if (path === '/gitrepository/ns/app/good.tar.gz') return void res.end(good);
  if (path === '/evil.tar.gz') return void res.end(evil);
  if (path === '/redirect') return void res.writeHead(302, { location: '/gitrepository/ns/app/good.tar.gz' }).end();
  if (path === '/flaky') {
    if (n <= 2) return void res.writeHead(503).end('busy');
    return void res.end(good);
  }
  if (path === '/down') return void res.writeHead(502).end();
  if (path === '/forbidden') return void res.writeHead(403).end();
  if (path === '/big-declared') return void res.writeHead(200, { 'content-length': String(good.length) }).end(good);
  if (path === '/big-chunked') {
    res.writeHead(200); // no content-length: the cap must hold while streaming
    res.write(good);
    return void res.end(good);
  }
  res.writeHead(404).end('404 page not found');
});

before(async () => {
  good = await collect(archiveFiles(files));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fast = { retryWaitMinMs: 5, retryWaitMaxMs: 20 };

describe('fetch and verify', () => {
  it('GIVEN a published artifact WHEN fetched with its digest THEN it is extracted and the temp download is gone', async () => {
    const tmp = await tempDir();
    const target = join(await tempDir(), 'src');
    const result = await fetchArtifact(`${base}/gitrepository/ns/app/good.tar.gz`, target, { digest: digestOf(good), tmpDir: tmp, ...fast });
    assert.equal(result.digest, digestOf(good));
    assert.equal(result.size, good.length);
    assert.equal(result.files, 2);
    for (const f of files) assert.equal(await readFile(join(target, f.path), 'utf8'), f.content);
    assert.deepEqual(await readdir(tmp), []);
  });

  it('GIVEN a digest that does not match WHEN fetched THEN ArtifactDigestMismatch and nothing is extracted', async () => {
    const tmp = await tempDir();
    const target = join(await tempDir(), 'src');
    await assert.rejects(
      fetchArtifact(`${base}/gitrepository/ns/app/good.tar.gz`, target, { digest: digestOf('something else'), tmpDir: tmp, ...fast }),
      (err) => isArtifactError(err, ArtifactErrorCode.DigestMismatch),
    );
    await assert.rejects(lstat(target), { code: 'ENOENT' });
    assert.deepEqual(await readdir(tmp), []);
  });

  it('GIVEN a 404 WHEN fetched THEN ArtifactNotFound at once, without retries, so the caller requeues', async () => {
    hits.delete('/gone');
    await assert.rejects(downloadArtifact(`${base}/gone`, { digest: digestOf(good), retries: 5, ...fast }), (err) => isArtifactError(err, ArtifactErrorCode.NotFound) && err.status === 404);
    assert.equal(hits.get('/gone'), 1);
  });

  it('GIVEN a server that answers 503 twice WHEN fetched with retries THEN the third attempt succeeds', async () => {
    hits.delete('/flaky');
    const d = await downloadArtifact(`${base}/flaky`, { digest: digestOf(good), retries: 3, ...fast });
    await d.remove();
    assert.equal(hits.get('/flaky'), 3);
  });

  it('GIVEN a server that keeps failing WHEN retries run out THEN ArtifactFetchFailed after 1 + retries attempts; a 403 is not retried', async () => {
    hits.delete('/down');
    await assert.rejects(downloadArtifact(`${base}/down`, { digest: digestOf(good), retries: 2, ...fast }), (err) => isArtifactError(err, ArtifactErrorCode.FetchFailed));
    assert.equal(hits.get('/down'), 3);
    hits.delete('/forbidden');
    await assert.rejects(downloadArtifact(`${base}/forbidden`, { digest: digestOf(good), retries: 2, ...fast }), (err) => isArtifactError(err, ArtifactErrorCode.FetchFailed) && err.status === 403);
    assert.equal(hits.get('/forbidden'), 1);
  });

  it('GIVEN nothing listening WHEN fetched THEN ArtifactFetchFailed after the retries', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    await assert.rejects(downloadArtifact(`http://127.0.0.1:${port}/x`, { digest: digestOf(good), retries: 1, ...fast }), (err) => isArtifactError(err, ArtifactErrorCode.FetchFailed));
  });

  it('GIVEN a download larger than the limit WHEN fetched THEN ArtifactTooLarge, from Content-Length or while streaming', async () => {
    await assert.rejects(downloadArtifact(`${base}/big-declared`, { digest: digestOf(good), maxDownloadSize: 100, ...fast }), (err) => isArtifactError(err, ArtifactErrorCode.TooLarge));
    await assert.rejects(
      downloadArtifact(`${base}/big-chunked`, { digest: digestOf(good), maxDownloadSize: good.length + 10, ...fast }),
      (err) => isArtifactError(err, ArtifactErrorCode.TooLarge),
    );
  });

  it('GIVEN a redirect or a host override WHEN fetched THEN the artifact is still found and verified', async () => {
    const d = await downloadArtifact(`${base}/redirect`, { digest: digestOf(good), ...fast });
    assert.ok((await readFile(d.path)).equals(good));
    await d.remove();
    const o = await downloadArtifact('http://source-controller.flux-system.svc.cluster.local./gitrepository/ns/app/good.tar.gz', {
      digest: digestOf(good),
      hostOverride: base.slice('http://'.length),
      ...fast,
    });
    await o.remove();
  });

  it('GIVEN a tarball with ../ entries served with a matching digest WHEN fetched THEN extraction refuses it and nothing escapes', async () => {
    const dir = await tempDir();
    const target = join(dir, 'src');
    await assert.rejects(fetchArtifact(`${base}/evil.tar.gz`, target, { digest: digestOf(evil), ...fast }), (err) => isArtifactError(err, ArtifactErrorCode.UnsafePath));
    assert.deepEqual(await readdir(dir), []);
  });
});
