import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { computeStatus } from './status.ts';

const crd = (conditions: Array<Record<string, string>>): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gizmos.example.com', generation: 1 },
  status: { conditions },
});

describe('computeStatus: CustomResourceDefinition', () => {
  it('GIVEN Established=True WHEN assessed THEN Current', () => {
    assert.equal(computeStatus(crd([{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'True' }])).status, 'Current');
  });

  it('GIVEN no conditions yet or Established=False while Installing WHEN assessed THEN InProgress', () => {
    assert.equal(computeStatus(crd([])).status, 'InProgress');
    assert.equal(computeStatus(crd([{ type: 'Established', status: 'False', reason: 'Installing' }])).status, 'InProgress');
  });

  it('GIVEN rejected names or a failed establishment WHEN assessed THEN Failed', () => {
    assert.equal(computeStatus(crd([{ type: 'NamesAccepted', status: 'False', message: 'plural in use' }])).status, 'Failed');
    assert.equal(computeStatus(crd([{ type: 'Established', status: 'False', reason: 'Broken' }])).status, 'Failed');
  });
});
