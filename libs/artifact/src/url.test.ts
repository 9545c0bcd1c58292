import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { advertisedStorageAddress, artifactURL } from './url.ts';

describe('advertised address and artifact URLs', () => {
  it('GIVEN --storage-adv-addr WHEN resolved THEN it wins over the listen address', () => {
    assert.equal(advertisedStorageAddress(':9090', 'source-controller.flux-system.svc.cluster.local.'), 'source-controller.flux-system.svc.cluster.local.');
  });

  it('GIVEN no adv addr and an empty listen host WHEN resolved THEN the host is localhost', () => {
    assert.equal(advertisedStorageAddress(':9090'), 'localhost:9090');
  });

  it('GIVEN no adv addr and 0.0.0.0 WHEN resolved THEN $HOSTNAME is used, else the OS hostname', () => {
    assert.equal(advertisedStorageAddress('0.0.0.0:9090', '', { HOSTNAME: 'pod-1' }), 'pod-1:9090');
    assert.equal(advertisedStorageAddress('0.0.0.0:9090', '', { HOSTNAME: '', hostname: () => 'node-a' }), 'node-a:9090');
    assert.equal(advertisedStorageAddress('10.0.0.5:9090', '', { HOSTNAME: 'pod-1' }), '10.0.0.5:9090');
    assert.equal(advertisedStorageAddress('[::1]:9090'), '[::1]:9090');
  });

  it('GIVEN an address with or without a scheme WHEN a URL is built THEN the scheme is added once and slashes are not doubled', () => {
    const path = 'gitrepository/default/podinfo/abc.tar.gz';
    assert.equal(artifactURL('source-controller.flux-system.svc.cluster.local.', path), `http://source-controller.flux-system.svc.cluster.local./${path}`);
    assert.equal(artifactURL('https://artifacts.example.com/', `/${path}`), `https://artifacts.example.com/${path}`);
    assert.equal(artifactURL('http://localhost:9090', path), `http://localhost:9090/${path}`);
  });
});
