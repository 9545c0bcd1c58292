import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlertSpec } from '@conflux/api';
import type { InvolvedObject } from '@conflux/bus';
import { kustomizationEvent } from '../test-events.ts';
import { type MatchIssue, matchAlerts, messagePasses } from './match.ts';
import { compileGoRegex } from './regex.ts';
import type { AlertObject } from '../objects.ts';

function alert(name: string, spec: Partial<AlertSpec>, namespace = 'apps'): AlertObject {
  return {
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    kind: 'Alert',
    metadata: { name, namespace },
    spec: { providerRef: { name: 'p' }, eventSources: [{ kind: 'Kustomization', name: '*' }], ...spec },
  };
}

function deps(labels: Record<string, string> | Error = {}) {
  const issues: MatchIssue[] = [];
  let reads = 0;
  return {
    issues,
    reads: () => reads,
    labelsOf: async (_: InvolvedObject) => {
      reads++;
      if (labels instanceof Error) throw labels;
      return labels;
    },
    report: (i: MatchIssue) => issues.push(i),
  };
}

const names = (alerts: AlertObject[]) => alerts.map((a) => a.metadata.name);

describe('matchAlerts: event sources', () => {
  const event = kustomizationEvent();

  it('GIVEN sources by name, by *, by another name, kind or namespace WHEN an event arrives THEN only kind+namespace+name-or-* match', async () => {
    const alerts = [
      alert('by-name', { eventSources: [{ kind: 'Kustomization', name: 'webapp' }] }),
      alert('by-star', { eventSources: [{ kind: 'Kustomization', name: '*' }] }),
      alert('other-name', { eventSources: [{ kind: 'Kustomization', name: 'db' }] }),
      alert('other-kind', { eventSources: [{ kind: 'HelmRelease', name: '*' }] }),
      alert('explicit-ns', { eventSources: [{ kind: 'Kustomization', name: '*', namespace: 'apps' }] }, 'monitoring'),
      alert('other-ns', { eventSources: [{ kind: 'Kustomization', name: '*' }] }, 'monitoring'),
      alert('star-ns', { eventSources: [{ kind: 'Kustomization', name: '*', namespace: '*' }] }, 'monitoring'),
      alert('second-source', { eventSources: [{ kind: 'HelmRelease', name: '*' }, { kind: 'Kustomization', name: 'webapp' }] }),
    ];
    assert.deepEqual(names(await matchAlerts(alerts, event, deps())), ['by-name', 'by-star', 'explicit-ns', 'second-source']);
  });

  it('GIVEN a kind in another case WHEN matched THEN it does not match: kind comparison is exact', async () => {
    assert.deepEqual(await matchAlerts([alert('lower', { eventSources: [{ kind: 'kustomization' as 'Kustomization', name: '*' }] })], event, deps()), []);
  });

  it('GIVEN a suspended Alert WHEN an event matches it THEN it is skipped', async () => {
    assert.deepEqual(await matchAlerts([alert('s', { suspend: true })], event, deps()), []);
  });
});

describe('matchAlerts: severity', () => {
  it('GIVEN info and error Alerts WHEN info and error events arrive THEN info Alerts take both and error Alerts only errors', async () => {
    const alerts = [alert('info', { eventSeverity: 'info' }), alert('error', { eventSeverity: 'error' }), alert('default', {})];
    assert.deepEqual(names(await matchAlerts(alerts, kustomizationEvent({ severity: 'error' }), deps())), ['info', 'error', 'default']);
    assert.deepEqual(names(await matchAlerts(alerts, kustomizationEvent({ severity: 'info' }), deps())), ['info', 'default']);
  });
});

describe('matchAlerts: matchLabels', () => {
  const labelled = (matchLabels: Record<string, string>) => alert('l', { eventSources: [{ kind: 'Kustomization', name: '*', matchLabels }] });

  it('GIVEN matchLabels the object has WHEN matched THEN the Alert matches, reading the object once for all Alerts', async () => {
    const d = deps({ team: 'a', tier: 'web' });
    const matched = await matchAlerts([labelled({ team: 'a' }), labelled({ team: 'a', tier: 'web' })], kustomizationEvent(), d);
    assert.equal(matched.length, 2);
    assert.equal(d.reads(), 1);
  });

  it('GIVEN matchLabels the object lacks WHEN matched THEN no match', async () => {
    assert.deepEqual(await matchAlerts([labelled({ team: 'b' })], kustomizationEvent(), deps({ team: 'a' })), []);
  });

  it('GIVEN no matchLabels WHEN matched THEN the object is never read', async () => {
    const d = deps();
    await matchAlerts([alert('plain', {})], kustomizationEvent(), d);
    assert.equal(d.reads(), 0);
  });

  it('GIVEN the object cannot be read WHEN matched THEN no match and a SourceFetchFailed issue', async () => {
    const d = deps(new Error('not found'));
    assert.deepEqual(await matchAlerts([labelled({ team: 'a' })], kustomizationEvent(), d), []);
    assert.equal(d.issues[0]?.reason, 'SourceFetchFailed');
    assert.match(d.issues[0]?.message ?? '', /Kustomization\/apps\/webapp.*not found/);
  });
});

describe('matchAlerts: inclusion and exclusion lists', () => {
  const event = kustomizationEvent({ message: 'Health check failed after 2m0s' });

  it('GIVEN inclusion patterns WHEN one matches anywhere in the message THEN the Alert matches', async () => {
    assert.equal((await matchAlerts([alert('i', { inclusionList: ['^nothing', 'check failed'] })], event, deps())).length, 1);
    assert.equal((await matchAlerts([alert('i', { inclusionList: ['^nothing'] })], event, deps())).length, 0);
  });

  it('GIVEN a message matching both lists WHEN filtered THEN exclusion wins', async () => {
    assert.equal((await matchAlerts([alert('ie', { inclusionList: ['Health'], exclusionList: ['after \\d+m'] })], event, deps())).length, 0);
  });

  it('GIVEN an invalid pattern WHEN filtered THEN it is skipped with an InvalidConfig issue', async () => {
    const d = deps();
    const matched = await matchAlerts([alert('bad', { inclusionList: ['(', 'Health'] })], event, d);
    assert.equal(matched.length, 1);
    assert.equal(d.issues[0]?.reason, 'InvalidConfig');
    assert.match(d.issues[0]?.message ?? '', /failed to compile inclusion regex/);
  });

  it('GIVEN Go inline flags WHEN compiled THEN they become RegExp flags', () => {
    assert.equal(compileGoRegex('(?i)health CHECK').test('Health check failed'), true);
    assert.equal(compileGoRegex('health CHECK').test('Health check failed'), false);
    assert.equal(compileGoRegex('a\\-b').test('a-b'), true);
  });

  it('GIVEN no lists WHEN filtered THEN everything passes', () => {
    assert.deepEqual(messagePasses(alert('n', {}), 'anything'), { pass: true, invalid: [] });
  });
});
