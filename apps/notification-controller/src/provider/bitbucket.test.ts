import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { commitSHA, processedEvent, settings } from '../test-events.ts';
import { bitbucket, bitbucketPlan, bitbucketRequests, statusKey } from './bitbucket.ts';
import { bitbucketServerCommitsURL, bitbucketServerRequests } from './bitbucket-server.ts';
import { NotificationError, type NotificationRequest, type Send } from './types.ts';

const id = 'kustomization/webapp/0c9c2e41';
const key = createHash('sha1').update(id).digest('hex');

/** A Send that answers from `answer` and keeps what was asked: the notifier's decisions, without a network. */
function scripted(answer: (r: NotificationRequest) => { status: number; body: string }): { send: Send; sent: NotificationRequest[] } {
  const sent: NotificationRequest[] = [];
  const send: Send = async (r) => {
    sent.push(r);
    const a = answer(r);
    if (a.status >= 300) throw new NotificationError(`${r.method} ${r.url} failed with status code ${a.status}`, a.status);
    return a;
  };
  return { send, sent };
}

describe('bitbucket (Cloud)', () => {
  it('GIVEN info, error and Progressing events WHEN planned THEN SUCCESSFUL, FAILED, and Progressing skipped', () => {
    assert.equal(bitbucketPlan(processedEvent({ severity: 'info' }))?.state, 'SUCCESSFUL');
    assert.equal(bitbucketPlan(processedEvent())?.state, 'FAILED');
    assert.equal(bitbucketPlan(processedEvent({ reason: 'Progressing' })), undefined);
  });

  it('GIVEN a repository and a user:app-password token WHEN built THEN api.bitbucket.org with Basic auth and the SHA-1 key of the status ID', () => {
    const { get, create } = bitbucketRequests(bitbucketPlan(processedEvent())!, processedEvent(), settings({ type: 'bitbucket', address: 'https://bitbucket.org/org/repo.git', token: 'bob:app-pw' }));
    assert.equal(statusKey(id), key);
    assert.equal(get.method, 'GET');
    assert.equal(get.url, `https://api.bitbucket.org/2.0/repositories/org/repo/commit/${commitSHA}/statuses/build/${key}`);
    assert.equal(create.method, 'POST');
    assert.equal(create.url, `https://api.bitbucket.org/2.0/repositories/org/repo/commit/${commitSHA}/statuses/build`);
    assert.equal(create.headers['Authorization'], `Basic ${Buffer.from('bob:app-pw').toString('base64')}`);
    assert.deepEqual(JSON.parse(create.body!), { state: 'FAILED', key, name: 'kustomization/webapp', description: 'health check failed', url: 'https://bitbucket.org' });
  });

  it('GIVEN a token without exactly one colon, or none WHEN built THEN a clear error', () => {
    const plan = bitbucketPlan(processedEvent())!;
    assert.throws(() => bitbucketRequests(plan, processedEvent(), settings({ type: 'bitbucket', address: 'https://bitbucket.org/org/repo', token: 'a:b:c' })), /expected to be <user>:<password>/);
    assert.throws(() => bitbucketRequests(plan, processedEvent(), settings({ type: 'bitbucket', address: 'https://bitbucket.org/org/repo' })), /needs a token/);
  });

  it('GIVEN no status yet (404) WHEN notified THEN the status is created; GIVEN the same status WHEN notified THEN nothing is posted', async () => {
    const s = settings({ type: 'bitbucket', address: 'https://bitbucket.org/org/repo', token: 'bob:pw' });
    const missing = scripted((r) => (r.method === 'GET' ? { status: 404, body: '{}' } : { status: 201, body: '{}' }));
    await bitbucket(processedEvent(), s, missing.send);
    assert.deepEqual(missing.sent.map((r) => r.method), ['GET', 'POST']);
    const same = scripted(() => ({ status: 200, body: JSON.stringify({ key, state: 'FAILED', description: 'health check failed' }) }));
    await bitbucket(processedEvent(), s, same.send);
    assert.deepEqual(same.sent.map((r) => r.method), ['GET']);
    const broken = scripted(() => ({ status: 403, body: '' }));
    await assert.rejects(bitbucket(processedEvent(), s, broken.send), /could not get commit status/);
  });
});

describe('bitbucketserver', () => {
  it('GIVEN clone URLs with and without a context path WHEN parsed THEN the commits endpoint under that path', () => {
    assert.equal(bitbucketServerCommitsURL('https://bb.example.com/scm/PROJ/repo.git'), 'https://bb.example.com/rest/api/latest/projects/PROJ/repos/repo/commits');
    assert.equal(bitbucketServerCommitsURL('http://127.0.0.1:7990/bitbucket/scm/PROJ/repo.git'), 'http://127.0.0.1:7990/bitbucket/rest/api/latest/projects/PROJ/repos/repo/commits');
    assert.throws(() => bitbucketServerCommitsURL('ssh://git@bb.example.com:7999/proj/repo.git'), /Must be http or https/);
    assert.throws(() => bitbucketServerCommitsURL('https://bb.example.com/projects/PROJ/repo.git'), /not http\(s\) git clone url/);
  });

  it('GIVEN a token WHEN built THEN Bearer auth, the Atlassian headers, GET by key and the status body with the description in the name', () => {
    const address = 'https://bb.example.com/scm/PROJ/repo.git';
    const { get, create } = bitbucketServerRequests(bitbucketPlan(processedEvent())!, processedEvent(), settings({ type: 'bitbucketserver', address, token: 'bbs' }));
    const builds = `https://bb.example.com/rest/api/latest/projects/PROJ/repos/repo/commits/${commitSHA}/builds`;
    assert.equal(get.url, `${builds}?key=${key}`);
    assert.equal(create.url, builds);
    for (const r of [get, create]) {
      assert.equal(r.headers['Authorization'], 'Bearer bbs');
      assert.equal(r.headers['x-atlassian-token'], 'no-check');
      assert.equal(r.headers['x-requested-with'], 'XMLHttpRequest');
    }
    assert.equal(create.body, `{"description":"health check failed","key":"${key}","name":"kustomization/webapp [health check failed]","state":"FAILED","url":"${address}"}\n`);
  });

  it('GIVEN username and password but no token WHEN built THEN Basic auth; GIVEN neither THEN a clear error', () => {
    const plan = bitbucketPlan(processedEvent({ severity: 'info' }))!;
    const { create } = bitbucketServerRequests(plan, processedEvent(), settings({ type: 'bitbucketserver', address: 'https://bb.example.com/scm/P/r.git', username: 'u', password: 'p' }));
    assert.equal(create.headers['Authorization'], `Basic ${Buffer.from('u:p').toString('base64')}`);
    assert.throws(() => bitbucketServerRequests(plan, processedEvent(), settings({ type: 'bitbucketserver', address: 'https://bb.example.com/scm/P/r.git' })), /username\/password or API Token/);
  });
});
