import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processedEvent, settings } from '../test-events.ts';
import { giteaCommentRequests, giteapullrequestcomment, gitlabCommentRequests, gitlabmergerequestcomment } from './change-request-comments.ts';
import { commentBody } from './pull-request-comment.ts';
import type { NotificationRequest, Notifier, Send } from './types.ts';

const uid = '0c9c2e41-aaaa-bbbb-cccc-dddddddddddd';
const event = processedEvent({ metadata: { change_request: '42', revision: 'main@sha1:abc' } });
const marker = `<!-- flux-pr-comment-key:${uid}/Kustomization/apps/webapp -->`;
const body = JSON.stringify({ body: commentBody(event, uid, 'flux-pr-comment-key') });

/** Runs a notifier against canned answers and returns every request it sent. */
async function run(notifier: Notifier, s: ReturnType<typeof settings>, user: object, comments: object[]): Promise<NotificationRequest[]> {
  const sent: NotificationRequest[] = [];
  const send: Send = async (r) => {
    sent.push(r);
    if (r.url.endsWith('/user')) return { status: 200, body: JSON.stringify(user) };
    if (r.method === 'GET') return { status: 200, body: JSON.stringify(comments) };
    return { status: 201, body: '{}' };
  };
  await notifier(event, s, send);
  return sent;
}

describe('gitlabmergerequestcomment', () => {
  const s = settings({ type: 'gitlabmergerequestcomment', address: 'https://gitlab.example.com/group/sub/app.git', token: 'glpat', providerUID: uid });

  it('GIVEN a nested project and merge request 42 WHEN built THEN the notes API of the URL-encoded project, with PRIVATE-TOKEN', () => {
    const r = gitlabCommentRequests(event, s);
    assert.equal(r.user.url, 'https://gitlab.example.com/api/v4/user');
    assert.equal(r.list.url, 'https://gitlab.example.com/api/v4/projects/group%2Fsub%2Fapp/merge_requests/42/notes?order_by=created_at&sort=asc&per_page=100');
    assert.deepEqual(r.create, {
      method: 'POST',
      url: 'https://gitlab.example.com/api/v4/projects/group%2Fsub%2Fapp/merge_requests/42/notes',
      headers: { Accept: 'application/json', 'PRIVATE-TOKEN': 'glpat', 'Content-Type': 'application/json' },
      body,
    });
    assert.equal(r.edit(9).method, 'PUT');
    assert.equal(r.edit(9).url, 'https://gitlab.example.com/api/v4/projects/group%2Fsub%2Fapp/merge_requests/42/notes/9');
  });

  it('GIVEN our note among a stranger’s WHEN notified THEN ours is edited; GIVEN only the stranger’s THEN a note is created', async () => {
    const edited = await run(gitlabmergerequestcomment, s, { username: 'flux-bot' }, [
      { id: 5, author: { username: 'someone' }, body: marker },
      { id: 9, author: { username: 'flux-bot' }, body: `${marker}\nold` },
    ]);
    assert.equal(edited.at(-1)!.method, 'PUT');
    assert.match(edited.at(-1)!.url, /\/notes\/9$/);
    const created = await run(gitlabmergerequestcomment, s, { username: 'flux-bot' }, [{ id: 5, author: { username: 'someone' }, body: marker }]);
    assert.equal(created.at(-1)!.method, 'POST');
  });

  it('GIVEN no token or no change_request WHEN notified THEN a clear error and nothing sent', async () => {
    await assert.rejects(run(gitlabmergerequestcomment, { ...s, token: '' }, {}, []), /gitlabmergerequestcomment provider needs a token/);
    assert.throws(() => gitlabCommentRequests(processedEvent(), s), /missing "change_request" metadata key/);
  });
});

describe('giteapullrequestcomment', () => {
  const s = settings({ type: 'giteapullrequestcomment', address: 'https://gitea.example.com/org/app', token: 'gt', providerUID: uid });

  it('GIVEN pull request 42 WHEN built THEN the issue comments API with "token" authorization', () => {
    const r = giteaCommentRequests(event, s);
    assert.equal(r.user.url, 'https://gitea.example.com/api/v1/user');
    assert.equal(r.list.url, 'https://gitea.example.com/api/v1/repos/org/app/issues/42/comments');
    assert.deepEqual(r.create, {
      method: 'POST',
      url: 'https://gitea.example.com/api/v1/repos/org/app/issues/42/comments',
      headers: { Accept: 'application/json', Authorization: 'token gt', 'Content-Type': 'application/json' },
      body,
    });
    assert.equal(r.edit(3).method, 'PATCH');
    assert.equal(r.edit(3).url, 'https://gitea.example.com/api/v1/repos/org/app/issues/comments/3');
  });

  it('GIVEN our comment WHEN notified THEN it is edited; GIVEN our marker under another user THEN a new comment is created', async () => {
    const edited = await run(giteapullrequestcomment, s, { login: 'flux-bot' }, [{ id: 3, user: { login: 'flux-bot' }, body: marker }]);
    assert.deepEqual(edited.map((r) => r.method), ['GET', 'GET', 'PATCH']);
    const created = await run(giteapullrequestcomment, s, { login: 'flux-bot' }, [{ id: 3, user: { login: 'mallory' }, body: marker }]);
    assert.equal(created.at(-1)!.method, 'POST');
  });

  it('GIVEN a repository address that is not owner/repo WHEN built THEN a clear error', () => {
    assert.throws(() => giteaCommentRequests(event, { ...s, address: 'https://gitea.example.com/a/b/c' }), /expected <owner>\/<repo>/);
  });
});
