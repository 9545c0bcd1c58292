import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitSHA, processedEvent, settings } from '../test-events.ts';
import { azureDevOpsAlreadyReported, azureDevOpsPlan, azureDevOpsRequests } from './azure-devops.ts';

const address = 'https://dev.azure.com/org/proj/_git/repo';

describe('azuredevops', () => {
  it('GIVEN info, error and Progressing events WHEN planned THEN succeeded, error, and Progressing skipped', () => {
    assert.equal(azureDevOpsPlan(processedEvent({ severity: 'info' }))?.state, 'succeeded');
    assert.equal(azureDevOpsPlan(processedEvent())?.state, 'error');
    assert.equal(azureDevOpsPlan(processedEvent({ reason: 'Progressing' })), undefined);
  });

  it('GIVEN an Azure Repos URL and a PAT WHEN built THEN the statuses of the commit, Basic auth with an empty user, genre fluxcd:<summary>', () => {
    const event = processedEvent();
    const { list, create } = azureDevOpsRequests(azureDevOpsPlan(event)!, event, settings({ type: 'azuredevops', address, token: 'pat' }));
    const url = `https://dev.azure.com/org/proj/_apis/git/repositories/repo/commits/${commitSHA}/statuses`;
    assert.equal(list.method, 'GET');
    assert.equal(list.url, url);
    assert.equal(create.method, 'POST');
    assert.equal(create.url, url);
    assert.equal(create.headers['Authorization'], `Basic ${Buffer.from(':pat').toString('base64')}`);
    assert.match(create.headers['Accept']!, /^application\/json;api-version=/);
    assert.deepEqual(JSON.parse(create.body!), { context: { genre: 'fluxcd:prod', name: 'kustomization/webapp/0c9c2e41' }, description: 'health check failed', state: 'error' });
    const plain = processedEvent({ metadata: { revision: `main@sha1:${commitSHA}` } });
    assert.equal(JSON.parse(azureDevOpsRequests(azureDevOpsPlan(plain)!, plain, settings({ type: 'azuredevops', address, token: 'pat' })).create.body!).context.genre, 'fluxcd');
  });

  it('GIVEN an address that is not org/project/_git/repo, or no token WHEN built THEN a clear error', () => {
    const event = processedEvent();
    assert.throws(() => azureDevOpsRequests(azureDevOpsPlan(event)!, event, settings({ type: 'azuredevops', address: 'https://dev.azure.com/org/repo', token: 'pat' })), /expected <org>\/<project>\/_git\/<repo>/);
    assert.throws(() => azureDevOpsRequests(azureDevOpsPlan(event)!, event, settings({ type: 'azuredevops', address })), /personal access token/);
  });

  it('GIVEN existing statuses WHEN the first one with our genre and name says the same THEN already reported', () => {
    const event = processedEvent();
    const plan = azureDevOpsPlan(event)!;
    const ours = { genre: 'fluxcd:prod', name: 'kustomization/webapp/0c9c2e41' };
    const same = { count: 2, value: [{ context: { genre: 'other', name: 'x' }, state: 'succeeded' }, { context: ours, state: 'error', description: 'health check failed' }] };
    assert.equal(azureDevOpsAlreadyReported(same, plan, event, ours.name), true);
    const newer = { value: [{ context: ours, state: 'succeeded', description: 'reconciliation succeeded' }, { context: ours, state: 'error', description: 'health check failed' }] };
    assert.equal(azureDevOpsAlreadyReported(newer, plan, event, ours.name), false);
    assert.equal(azureDevOpsAlreadyReported(undefined, plan, event, ours.name), false);
  });
});
