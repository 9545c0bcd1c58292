// GIVEN the real control plane with the Widget CRD: healthCheckExprs decide the health of Widgets in
// place of kstatus (which would call a Widget without conditions healthy at once), and a readyExpr
// decides when a dependency is ready in place of the built-in check. Invalid expressions stall the
// Kustomization with InvalidCELExpression before anything is applied.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { controlPlaneForSuite, eventually, freshNamespace, type GitServer, installCRDs, startGitServer, type TestNamespace, widgetCRD, widgetGroup } from '@conflux/testing';
import { condition, type Harness, isReadyAt, startHarness } from './test-support.ts';

const widget = (name: string) => `apiVersion: ${widgetGroup}/v1\nkind: Widget\nmetadata:\n  name: ${name}\nspec:\n  size: 1\n`;
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;
const widgetHealth = [{ apiVersion: `${widgetGroup}/v1`, kind: 'Widget', current: "status.phase == 'Running'", failed: "status.phase == 'Crashed'" }];

describe('Kustomization CEL: healthCheckExprs and readyExpr', () => {
  let h: Harness;
  let git: GitServer;
  let ns: TestNamespace;
  let revision: string;

  before(async () => {
    await installCRDs((await controlPlaneForSuite()).clients, [widgetCRD]);
    // A long dependency requeue: a dependent released by a readyExpr is released by the trigger, not the poll.
    h = await startHarness('ks-cel', ['--requeue-dependency=10m']);
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'ks-cel');
    const repo = await git.createRepository('cel');
    const commit = await repo.commit({
      'widgets/widget.yaml': widget('w-ok'),
      'crashy/widget.yaml': widget('w-crash'),
      'invalid/cm.yaml': cm('never-applied'),
      'infra/cm.yaml': cm('infra'),
      'app/cm.yaml': cm('app'),
      'gated/cm.yaml': cm('gated'),
    }, 'cel');
    revision = `main@sha1:${commit}`;
    await h.createGitRepository(ns.name, 'repo', repo.url);
    await h.syncSource(ns.name, 'repo', commit);
  });

  after(async () => {
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  const widgetPath = (name: string) => `/apis/${widgetGroup}/v1/namespaces/${ns.name}/widgets/${name}`;
  const widgetApplied = (name: string) =>
    eventually(`Widget ${name} to be applied`, () => h.plane.clients.custom.getNamespacedCustomObject({ group: widgetGroup, version: 'v1', plural: 'widgets', namespace: ns.name, name }));

  it('GIVEN healthCheckExprs for Widget WHEN a Widget has no status phase THEN the Kustomization waits, and turns Ready once the phase is Running', async () => {
    await h.createKustomization(ns.name, 'widgets', { path: './widgets', targetNamespace: ns.name, wait: true, timeout: '2m', healthCheckExprs: widgetHealth });
    await widgetApplied('w-ok');
    // kstatus alone would call the Widget Current at once; the expression cannot even be evaluated yet.
    await new Promise((r) => setTimeout(r, 2_000));
    const waiting = await h.getKustomization(ns.name, 'widgets');
    assert.equal(waiting.status?.lastAppliedRevision, undefined);
    await h.patch(widgetPath('w-ok'), { status: { phase: 'Running' } }, 'status');
    const ks = await h.waitFor(ns.name, 'widgets', 'Ready once the Widget runs', isReadyAt(revision));
    assert.equal(condition(ks, 'Healthy')?.status, 'True');
  });

  it('GIVEN healthCheckExprs for Widget WHEN the failed expression holds THEN the wait fails early with HealthCheckFailed naming the Widget', async () => {
    await h.createKustomization(ns.name, 'crashy', { path: './crashy', targetNamespace: ns.name, wait: true, timeout: '5m', healthCheckExprs: widgetHealth });
    await widgetApplied('w-crash');
    await h.patch(widgetPath('w-crash'), { status: { phase: 'Crashed' } }, 'status');
    const ks = await h.waitFor(ns.name, 'crashy', 'HealthCheckFailed', (o) => condition(o, 'Ready')?.reason === 'HealthCheckFailed');
    assert.match(condition(ks, 'Ready')!.message, new RegExp(`failed early due to stalled resources: \\[Widget/${ns.name}/w-crash status: 'Failed'`));
    assert.equal(ks.status?.lastAppliedRevision, undefined);
  });

  it('GIVEN a healthCheckExprs entry that does not parse THEN the Kustomization is Stalled with InvalidCELExpression and nothing is applied', async () => {
    await h.createKustomization(ns.name, 'invalid', { path: './invalid', targetNamespace: ns.name, healthCheckExprs: [{ ...widgetHealth[0]!, current: "status.phase ==" }] });
    const ks = await h.waitFor(ns.name, 'invalid', 'Stalled', (o) => condition(o, 'Stalled')?.status === 'True');
    assert.equal(condition(ks, 'Stalled')?.reason, 'InvalidCELExpression');
    assert.equal(condition(ks, 'Ready')?.reason, 'InvalidCELExpression');
    assert.match(condition(ks, 'Ready')!.message, /^Reconciliation failed terminally due to configuration error: .*healthCheckExprs\[0\].*'status.phase =='/);
    await assert.rejects(h.plane.clients.core.readNamespacedConfigMap({ namespace: ns.name, name: 'never-applied' }));
  });

  it('GIVEN a suspended dependency that never reconciled WHEN the readyExpr accepts it THEN the dependent proceeds, where the built-in check would wait', async () => {
    await h.createKustomization(ns.name, 'infra', { path: './infra', targetNamespace: ns.name, suspend: true });
    await h.createKustomization(ns.name, 'app', { path: './app', targetNamespace: ns.name, dependsOn: [{ name: 'infra', readyExpr: 'dep.spec.suspend == true && self.metadata.namespace == dep.metadata.namespace' }] });
    await h.waitFor(ns.name, 'app', 'Ready despite the suspended dependency', isReadyAt(revision));
    await h.plane.clients.core.readNamespacedConfigMap({ namespace: ns.name, name: 'app' });
  });

  it('GIVEN a readyExpr on a label WHEN the label is added to the dependency THEN the waiting dependent is released by that change', async () => {
    await h.createKustomization(ns.name, 'gated', {
      path: './gated',
      targetNamespace: ns.name,
      dependsOn: [{ name: 'infra', readyExpr: "'release' in dep.metadata.labels && dep.metadata.labels['release'] == 'go'" }],
    });
    const waiting = await h.waitFor(ns.name, 'gated', 'DependencyNotReady', (o) => condition(o, 'Ready')?.reason === 'DependencyNotReady');
    assert.equal(condition(waiting, 'Ready')!.message, `dependency '${ns.name}/infra' is not ready according to readyExpr eval`);
    await h.patch(`/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/${ns.name}/kustomizations/infra`, { metadata: { labels: { release: 'go' } } });
    // --requeue-dependency is 10m here, so only the trigger on the dependency's change can release it in time.
    await h.waitFor(ns.name, 'gated', 'Ready after the label', isReadyAt(revision), 60_000);
  });

  it('GIVEN a readyExpr naming an undeclared variable THEN the dependent is Stalled with InvalidCELExpression', async () => {
    await h.createKustomization(ns.name, 'typo', { path: './app', targetNamespace: ns.name, dependsOn: [{ name: 'infra', readyExpr: 'deps.spec.suspend' }] });
    const ks = await h.waitFor(ns.name, 'typo', 'Stalled', (o) => condition(o, 'Stalled')?.status === 'True');
    assert.equal(condition(ks, 'Stalled')?.reason, 'InvalidCELExpression');
    assert.match(condition(ks, 'Ready')!.message, /failed to evaluate dependency infra: .*undeclared reference to 'deps'/);
  });
});
