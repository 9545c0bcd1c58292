import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitSHA, processedEvent, settings } from '../test-events.ts';
import { commitHash, defaultCommitStatus, eventRevision, parseGitAddress, statusDescription } from './commit-status.ts';
import { giteaPlan, giteaRequests } from './gitea.ts';
import { alreadyReported, githubPlan, githubRequests } from './github.ts';
import { gitlabAlreadyReported, gitlabPlan, gitlabRequests } from './gitlab.ts';

describe('commit status: shared rules', () => {
  it('GIVEN commit, originRevision and revision WHEN the revision is picked THEN commit wins, then originRevision', () => {
    assert.equal(eventRevision(processedEvent({ metadata: { revision: 'r', originRevision: 'o', commit: 'c' } })), 'c');
    assert.equal(eventRevision(processedEvent({ metadata: { revision: 'r', originRevision: 'o' } })), 'o');
    assert.equal(eventRevision(processedEvent({ metadata: { revision: 'r' } })), 'r');
    assert.throws(() => eventRevision(processedEvent({ metadata: {} })), /missing revision metadata/);
  });

  it('GIVEN every revision form Flux writes WHEN the hash is extracted THEN it is the 40-character SHA-1, and anything else fails', () => {
    for (const rev of [`main@sha1:${commitSHA}`, `feature/x@sha1:${commitSHA}`, `sha1:${commitSHA}`, `main/${commitSHA}`, `HEAD/${commitSHA}`, commitSHA]) assert.equal(commitHash(rev), commitSHA);
    assert.throws(() => commitHash('v1.2.3@sha256:abcd'), /failed to extract commit hash from 'v1.2.3@sha256:abcd' revision/);
  });

  it('GIVEN reasons WHEN described THEN the camel-case words are lower-cased and spaced', () => {
    assert.equal(statusDescription('ReconciliationSucceeded'), 'reconciliation succeeded');
    assert.equal(statusDescription('HealthCheckFailed'), 'health check failed');
  });

  it('GIVEN a Provider UID WHEN the default ID is made THEN it is lower(kind/name/first UID segment)', () => {
    assert.equal(defaultCommitStatus(processedEvent(), '0C9C2E41-aaaa-bbbb'), 'kustomization/webapp/0c9c2e41');
  });

  it('GIVEN ssh, scp-like and .git addresses WHEN parsed THEN https origin and a clean repository id', () => {
    assert.deepEqual(parseGitAddress('ssh://git@github.com:22/org/repo.git'), { origin: 'https://github.com', host: 'github.com', id: 'org/repo' });
    assert.deepEqual(parseGitAddress('git@gitea.example.com:org/repo.git'), { origin: 'https://gitea.example.com', host: 'gitea.example.com', id: 'org/repo' });
    assert.deepEqual(parseGitAddress('http://127.0.0.1:3000/org/repo'), { origin: 'http://127.0.0.1:3000', host: '127.0.0.1', id: 'org/repo' });
  });
});

describe('github', () => {
  it('GIVEN the worked example on github.com WHEN built THEN the statuses of reference §8.1 on api.github.com', () => {
    const plan = githubPlan(processedEvent());
    assert.deepEqual(plan, { state: 'failure', description: 'health check failed', sha: commitSHA });
    const { list, create } = githubRequests(plan!, settings({ type: 'github', address: 'https://github.com/org/repo', token: 'ghp' }));
    assert.equal(list.method, 'GET');
    assert.equal(list.url, `https://api.github.com/repos/org/repo/commits/${commitSHA}/statuses?per_page=50`);
    assert.equal(create.method, 'POST');
    assert.equal(create.url, `https://api.github.com/repos/org/repo/statuses/${commitSHA}`);
    assert.equal(create.headers['Authorization'], 'Bearer ghp');
    assert.deepEqual(JSON.parse(create.body as string), { state: 'failure', context: 'kustomization/webapp/0c9c2e41', description: 'health check failed' });
  });

  it('GIVEN another host WHEN built THEN GitHub Enterprise under /api/v3', () => {
    const { create } = githubRequests(githubPlan(processedEvent({ severity: 'info', reason: 'ReconciliationSucceeded' }))!, settings({ type: 'github', address: 'https://ghe.example.com/org/repo.git' }));
    assert.equal(create.url, `https://ghe.example.com/api/v3/repos/org/repo/statuses/${commitSHA}`);
    assert.equal(JSON.parse(create.body as string).state, 'success');
  });

  it('GIVEN a Progressing event WHEN planned THEN it is skipped', () => {
    assert.equal(githubPlan(processedEvent({ reason: 'Progressing' })), undefined);
  });

  it('GIVEN existing statuses WHEN the newest with our context says the same THEN it is already reported', () => {
    const plan = { state: 'failure', description: 'health check failed', sha: commitSHA };
    const ctx = 'kustomization/webapp/0c9c2e41';
    assert.equal(alreadyReported([{ context: 'other', state: 'success' }, { context: ctx, state: 'failure', description: 'health check failed' }], ctx, plan), true);
    assert.equal(alreadyReported([{ context: ctx, state: 'success', description: 'reconciliation succeeded' }, { context: ctx, state: 'failure', description: 'health check failed' }], ctx, plan), false);
  });

  it('GIVEN an address without owner/repo WHEN built THEN it fails', () => {
    assert.throws(() => githubRequests({ state: 'success', description: 'd', sha: commitSHA }, settings({ type: 'github', address: 'https://github.com/org' })), /expected <owner>\/<repo>/);
  });
});

describe('gitlab', () => {
  it('GIVEN a group/project address WHEN built THEN the URL-encoded project, the status named by its ID, PRIVATE-TOKEN and state failed', () => {
    const plan = gitlabPlan(processedEvent())!;
    assert.equal(plan.state, 'failed');
    const { list, create } = gitlabRequests(plan, settings({ type: 'gitlab', address: 'https://gitlab.com/group/sub/project', token: 'glpat' }));
    assert.equal(list.url, `https://gitlab.com/api/v4/projects/group%2Fsub%2Fproject/repository/commits/${commitSHA}/statuses?name=kustomization%2Fwebapp%2F0c9c2e41`);
    assert.equal(create.url, `https://gitlab.com/api/v4/projects/group%2Fsub%2Fproject/statuses/${commitSHA}`);
    assert.equal(create.headers['PRIVATE-TOKEN'], 'glpat');
    assert.deepEqual(JSON.parse(create.body as string), { state: 'failed', name: 'kustomization/webapp/0c9c2e41', description: 'health check failed' });
    assert.equal(gitlabPlan(processedEvent({ severity: 'info' }))?.state, 'success');
    assert.equal(gitlabPlan(processedEvent({ reason: 'Progressing' })), undefined);
  });

  it('GIVEN GitLab’s newest status WHEN it matches state and description THEN it is already reported', () => {
    const plan = { state: 'failed', description: 'health check failed', sha: commitSHA };
    assert.equal(gitlabAlreadyReported([{ status: 'failed', description: 'health check failed' }], plan), true);
    assert.equal(gitlabAlreadyReported([{ status: 'success', description: 'health check failed' }], plan), false);
    assert.equal(gitlabAlreadyReported([], plan), false);
  });
});

describe('gitea', () => {
  it('GIVEN info, error and Progressing events WHEN planned THEN success, failure and pending', () => {
    assert.equal(giteaPlan(processedEvent({ severity: 'info' })).state, 'success');
    assert.equal(giteaPlan(processedEvent()).state, 'failure');
    assert.equal(giteaPlan(processedEvent({ severity: 'info', reason: 'Progressing' })).state, 'pending');
  });

  it('GIVEN a Gitea repository WHEN built THEN /api/v1 with "token" auth and an empty target_url', () => {
    const { list, create } = giteaRequests(giteaPlan(processedEvent()), settings({ type: 'gitea', address: 'https://gitea.example.com/org/repo.git', token: 'gt' }));
    assert.equal(list.url, `https://gitea.example.com/api/v1/repos/org/repo/commits/${commitSHA}/statuses?page=1&limit=50`);
    assert.equal(create.url, `https://gitea.example.com/api/v1/repos/org/repo/statuses/${commitSHA}`);
    assert.equal(create.headers['Authorization'], 'token gt');
    assert.deepEqual(JSON.parse(create.body as string), { state: 'failure', target_url: '', description: 'health check failed', context: 'kustomization/webapp/0c9c2e41' });
  });
});
