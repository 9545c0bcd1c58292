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

  it('GIVEN a kubeconfig from a Secret (files not allowed) WHEN it names a token file or a certificate file THEN it is refused, naming the field; embedded data still works', () => {
    const withFiles = (user: string, cluster = `certificate-authority-data: ${ca}`) =>
      asYaml.replace('user: { token: secret }', `user: { ${user} }`).replace(`certificate-authority-data: ${ca}`, cluster);
    const untrusted = { allowFiles: false };
    assert.throws(() => fromKubeconfig(withFiles('tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token'), 'Secret ns/remote', undefined, untrusted), /tokenFile names a file/);
    assert.throws(() => fromKubeconfig(withFiles('client-certificate: /etc/cert, client-key: /etc/key'), 'Secret ns/remote', undefined, untrusted), /client-certificate names a file/);
    assert.throws(() => fromKubeconfig(withFiles('token: secret', 'certificate-authority: /etc/ca.crt'), 'Secret ns/remote', undefined, untrusted), /certificate-authority names a file/);
    assert.deepEqual(fromKubeconfig(asYaml, 'Secret ns/remote', undefined, untrusted), expected);
    // The controller's own kubeconfig keeps kubectl's behaviour.
    assert.equal(fromKubeconfig(withFiles('tokenFile: /var/run/token'), '/k/config').tokenFile, '/var/run/token');
  });

  it('GIVEN a context naming a missing cluster WHEN parsed THEN the error names the file and the cluster', () => {
    const broken = JSON.stringify({ 'current-context': 'dev', contexts: [{ name: 'dev', context: { cluster: 'gone' } }], clusters: [] });
    assert.throws(() => fromKubeconfig(broken, '/k/config'), /kubeconfig \/k\/config: no cluster named "gone"/);
  });
});
