import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Condition } from '@conflux/runtime';
import { summarizeReady } from './summary.ts';

const c = (type: string, status: Condition['status'], reason = `${type}Reason`): Condition => ({ type, status, reason, message: `${type} message`, lastTransitionTime: '2026-01-01T00:00:00Z' });

describe('summarizeReady', () => {
  it('GIVEN only ArtifactInStorage=True THEN Ready is True with its reason and message', () => {
    assert.deepEqual(summarizeReady([c('ArtifactInStorage', 'True', 'Succeeded')]), { type: 'Ready', status: 'True', reason: 'Succeeded', message: 'ArtifactInStorage message' });
  });

  it('GIVEN a True negative condition beside ArtifactInStorage THEN Ready is False and the first in summarize order speaks', () => {
    const ready = summarizeReady([c('ArtifactInStorage', 'True'), c('FetchFailed', 'True'), c('StorageOperationFailed', 'True')]);
    assert.equal(ready?.status, 'False');
    assert.equal(ready?.reason, 'StorageOperationFailedReason');
  });

  it('GIVEN SourceVerified=False THEN Ready is False with its reason even when everything else is fine', () => {
    const ready = summarizeReady([c('ArtifactInStorage', 'True'), c('SourceVerified', 'False', 'InvalidCommitSignature')]);
    assert.equal(ready?.status, 'False');
    assert.equal(ready?.reason, 'InvalidCommitSignature');
  });

  it('GIVEN no owned condition THEN there is no summary', () => {
    assert.equal(summarizeReady([c('Healthy', 'True')]), undefined);
  });
});
