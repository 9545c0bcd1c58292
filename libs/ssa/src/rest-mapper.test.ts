// Discovery against the real API server: built-in kinds, unknown kinds, and a CRD installed after a miss.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { controlPlaneForSuite, installCRDs, type KubeClients } from '@conflux/testing';
import type { KubeClient } from '@conflux/runtime';
import { NoKindMatchError, RESTMapper } from './rest-mapper.ts';
import { clientFor, gizmoCRD, uniqueSuffix } from './testdata.ts';

let client: KubeClient;
let clients: KubeClients;

before(async () => {
  const plane = await controlPlaneForSuite();
  clients = plane.clients;
  client = clientFor(plane.kubeconfig);
});
after(() => client?.close());

describe('RESTMapper', () => {
  it('GIVEN built-in kinds WHEN mapped THEN plural and scope come from discovery', async () => {
    const mapper = new RESTMapper(client);
    assert.deepEqual(await mapper.resourceFor('apps', 'v1', 'Deployment'), { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true });
    assert.deepEqual(await mapper.resourceFor('', 'v1', 'Namespace'), { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false });
    assert.equal((await mapper.resourceFor('networking.k8s.io', 'v1', 'IngressClass')).plural, 'ingressclasses');
  });

  it('GIVEN an unknown kind or version WHEN mapped THEN NoKindMatchError says which', async () => {
    const mapper = new RESTMapper(client);
    await assert.rejects(mapper.resourceFor('apps', 'v1', 'Gizmo'), (err: unknown) => err instanceof NoKindMatchError && err.message === 'no matches for kind "Gizmo" in version "apps/v1"');
    await assert.rejects(mapper.resourceFor('apps', 'v9', 'Deployment'), /no matches for kind "Deployment" in version "apps\/v9"/);
  });

  it('GIVEN a miss WHEN the CRD is installed afterwards THEN the next lookup finds the kind', async () => {
    const mapper = new RESTMapper(client);
    const group = `mapper${uniqueSuffix()}.test.conflux.dev`;
    await assert.rejects(mapper.resourceFor(group, 'v1', 'Gizmo'), NoKindMatchError);
    await installCRDs(clients, [gizmoCRD(group) as { kind: string; metadata: { name: string } }]);
    const found = await (async () => {
      for (let i = 0; i < 50; i++) {
        try {
          return await mapper.resourceFor(group, 'v1', 'Gizmo');
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      return undefined;
    })();
    assert.deepEqual(found, { group, version: 'v1', kind: 'Gizmo', plural: 'gizmos', namespaced: true });
    assert.equal((await mapper.anyVersionOf(group, 'Gizmo'))?.version, 'v1');
    assert.equal(await mapper.anyVersionOf('nothing.test.conflux.dev', 'Gizmo'), undefined);
  });
});
