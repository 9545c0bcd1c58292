// The harness helpers that stand in for cluster parts the control plane does not run.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  controlPlaneForSuite,
  freshNamespace,
  installCRDs,
  type KubeClients,
  markDeploymentReady,
  markStatefulSetReady,
} from '@conflux/testing';

let k: KubeClients;
before(async () => {
  k = (await controlPlaneForSuite()).clients;
});

const labels = { app: 'web' };
const podTemplate = { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'ghcr.io/stefanprodan/podinfo:6.14.1' }] } };

describe('harness helpers', () => {
  it('GIVEN a Deployment WHEN marked ready THEN its status reads as fully rolled out, as kstatus expects', async () => {
    const ns = await freshNamespace(k, 'ready');
    try {
      await k.apps.createNamespacedDeployment({
        namespace: ns.name,
        body: { metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: labels }, template: podTemplate } },
      });
      const before = await k.apps.readNamespacedDeployment({ namespace: ns.name, name: 'web' });
      assert.equal(before.status?.readyReplicas, undefined, 'no kubelet: nothing is ready until marked');

      await markDeploymentReady(k, ns.name, 'web');
      const after = await k.apps.readNamespacedDeployment({ namespace: ns.name, name: 'web' });
      assert.equal(after.status?.observedGeneration, after.metadata?.generation);
      assert.equal(after.status?.readyReplicas, 2);
      assert.equal(after.status?.availableReplicas, 2);
      assert.equal(after.status?.updatedReplicas, 2);
      assert.equal(after.status?.conditions?.find((c) => c.type === 'Available')?.status, 'True');
    } finally {
      await ns.remove();
    }
  });

  it('GIVEN a StatefulSet WHEN marked ready THEN all replicas are ready on the current revision', async () => {
    const ns = await freshNamespace(k, 'ready-sts');
    try {
      await k.apps.createNamespacedStatefulSet({
        namespace: ns.name,
        body: { metadata: { name: 'db' }, spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: labels }, template: podTemplate } },
      });
      await markStatefulSetReady(k, ns.name, 'db');
      const sts = await k.apps.readNamespacedStatefulSet({ namespace: ns.name, name: 'db' });
      assert.equal(sts.status?.readyReplicas, 3);
      assert.equal(sts.status?.currentRevision, sts.status?.updateRevision);
      assert.equal(sts.status?.observedGeneration, sts.metadata?.generation);
    } finally {
      await ns.remove();
    }
  });

  it('GIVEN a CRD as YAML WHEN installed THEN it is Established and its objects can be created at once', async () => {
    const group = 'e2e.conflux.dev';
    await installCRDs(k, [
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.${group}
spec:
  group: ${group}
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: { type: integer, minimum: 1 }
`,
    ]);
    const ns = await freshNamespace(k, 'crd');
    try {
      const created = await k.custom.createNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: ns.name,
        plural: 'widgets',
        body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3 } },
      });
      assert.equal((created as { spec: { size: number } }).spec.size, 3);
      await assert.rejects(
        k.custom.createNamespacedCustomObject({
          group,
          version: 'v1',
          namespace: ns.name,
          plural: 'widgets',
          body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'bad' }, spec: { size: 0 } },
        }),
        /spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1/,
      );
    } finally {
      await ns.remove();
    }
  });
});
