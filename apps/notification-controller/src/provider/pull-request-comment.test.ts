import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processedEvent, settings } from '../test-events.ts';
import { changeRequestNumber, commentBody, githubCommentRequests, githubpullrequestcomment } from './pull-request-comment.ts';
import type { NotificationRequest, Send } from './types.ts';

const uid = '0c9c2e41-aaaa-bbbb-cccc-dddddddddddd';
const event = processedEvent({ metadata: { change_request: '42', revision: 'main@sha1:abc' } });
const s = settings({ type: 'githubpullrequestcomment', address: 'https://github.com/org/repo', token: 'ghp', providerUID: uid });
const marker = `<!-- flux-pr-comment-key:${uid}/Kustomization/apps/webapp -->`;

describe('githubpullrequestcomment', () => {
  it('GIVEN an event WHEN the comment is written THEN the hidden marker, then the status without the change_request key', () => {
    assert.equal(commentBody(event, uid, 'flux-pr-comment-key'), `${marker}\n\n## Flux Status\n\n⚠️ Kustomization/apps/webapp\n\nHealth check failed\n\nMetadata:\n* \`revision\`: main@sha1:abc\n`);
  });

  it('GIVEN a pull request number WHEN built THEN the user, the first 100 comments oldest first, create and edit on the issues API', () => {
    const r = githubCommentRequests(event, s);
    assert.equal(r.user.url, 'https://api.github.com/user');
    assert.equal(r.list.url, 'https://api.github.com/repos/org/repo/issues/42/comments?direction=asc&per_page=100&sort=created');
    assert.equal(r.create.method, 'POST');
    assert.equal(r.create.url, 'https://api.github.com/repos/org/repo/issues/42/comments');
    assert.equal(r.create.body, `${JSON.stringify({ body: commentBody(event, uid, 'flux-pr-comment-key') })}\n`);
    assert.equal(r.edit(7).method, 'PATCH');
    assert.equal(r.edit(7).url, 'https://api.github.com/repos/org/repo/issues/comments/7');
    assert.equal(r.create.headers['Authorization'], 'Bearer ghp');
  });

  it('GIVEN a change_request that is no number WHEN read THEN a clear error', () => {
    assert.throws(() => changeRequestNumber(processedEvent({ metadata: { change_request: 'abc' } })), /invalid "change_request" metadata value "abc"/);
  });

  it('GIVEN our earlier comment among others WHEN notified THEN it is edited; GIVEN only someone else’s THEN a new one is created', async () => {
    const run = async (comments: object[]) => {
      const sent: NotificationRequest[] = [];
      const send: Send = async (r) => {
        sent.push(r);
        if (r.url.endsWith('/user')) return { status: 200, body: '{"login":"flux-bot"}' };
        if (r.method === 'GET') return { status: 200, body: JSON.stringify(comments) };
        return { status: 200, body: '{}' };
      };
      await githubpullrequestcomment(event, s, send);
      return sent.at(-1)!;
    };
    const edited = await run([{ id: 5, user: { login: 'someone' }, body: marker }, { id: 9, user: { login: 'flux-bot' }, body: `${marker}\nold` }]);
    assert.equal(edited.method, 'PATCH');
    assert.match(edited.url, /\/issues\/comments\/9$/);
    const created = await run([{ id: 5, user: { login: 'someone' }, body: marker }]);
    assert.equal(created.method, 'POST');
  });
});
