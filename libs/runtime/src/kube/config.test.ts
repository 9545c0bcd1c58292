import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromKubeconfig } from './config.ts';

const ca = Buffer.from('not really a CA').toString('base64');
const asYaml = `apiVersion: v1
current-context: dev
contexts:
- name: dev
  context: { cluster: local, user: admin, namespace: flux-system }
clusters:
- name: local
  cluster: { server: "https://127.0.0.1:6443/", certificate-authority-data: ${ca} }
users:
- name: admin
  user: { token: secret }
`;
const asJson = JSON.stringify({
  apiVersion: 'v1',
  'current-context': 'dev',
  contexts: [{ name: 'dev', context: { cluster: 'local', user: 'admin', namespace: 'flux-system' } }],
  clusters: [{ name: 'local', cluster: { server: 'https://127.0.0.1:6443/', 'certificate-authority-data': ca } }],
  users: [{ name: 'admin', user: { token: 'secret' } }],
});
const expected = { server: 'https://127.0.0.1:6443', namespace: 'flux-system', ca: Buffer.from('not really a CA'), token: 'secret' };

describe('fromKubeconfig', () => {
  it('GIVEN the same kubeconfig as YAML and as JSON WHEN parsed THEN both give the same cluster access', () => {
    assert.deepEqual(fromKubeconfig(asYaml, '/k/config'), expected);
    assert.deepEqual(fromKubeconfig(asJson, '/k/config.json'), expected);
  });

  it('GIVEN YAML flow style that only looks like JSON WHEN parsed THEN the YAML parser still reads it', () => {
    const flow = `{ current-context: dev, # a comment JSON would reject
      contexts: [{ name: dev, context: { cluster: local } }], clusters: [{ name: local, cluster: { server: "https://h:1" } }] }`;
    assert.deepEqual(fromKubeconfig(flow, '/k/config'), { server: 'https://h:1', namespace: 'default' });
  });

  it('GIVEN a context naming a missing cluster WHEN parsed THEN the error names the file and the cluster', () => {
    const broken = JSON.stringify({ 'current-context': 'dev', contexts: [{ name: 'dev', context: { cluster: 'gone' } }], clusters: [] });
    assert.throws(() => fromKubeconfig(broken, '/k/config'), /kubeconfig \/k\/config: no cluster named "gone"/);
  });
});
