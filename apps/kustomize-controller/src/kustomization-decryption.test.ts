// GIVEN SOPS-encrypted manifests in Git (a Secret, and a dotenv file behind a secretGenerator): with
// spec.decryption and the right age key they are applied as cleartext; with a wrong key the
// Kustomization fails with BuildFailed naming the recipient, applies nothing and prunes nothing; without
// spec.decryption the encrypted Secret is refused with upstream's message.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { toYamlStream } from '@conflux/kustomize';
import { freshNamespace, type GitRepository, type GitServer, startGitServer, type TestNamespace } from '@conflux/testing';
import { encodeIdentity, identityFromSecret } from './decryption/age.ts';
import { seededRandom, sopsEncrypt, toDotenv } from './decryption/test-sops.ts';
import { condition, type Harness, isReadyAt, startHarness } from './test-support.ts';

const random = seededRandom(`e2e-${Date.now()}`);
const rightKey = random(32);
const wrongKey = random(32);
const recipient = identityFromSecret(rightKey).recipient;

const encryptedSecret = toYamlStream([
  sopsEncrypt(
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, type: 'Opaque', stringData: { password: 'hunter2', port: '5432' } },
    { dataKey: random(32), recipients: [recipient], encryptedRegex: '^(data|stringData)$', random },
  ) as never,
]);
const encryptedEnv = toDotenv(sopsEncrypt({ API_TOKEN: 'tok-123' }, { dataKey: random(32), recipients: [recipient], random }));
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;

const files = {
  'app/kustomization.yaml': [
    'resources:', '  - secret.enc.yaml', '  - cm-keep.yaml', '  - cm-drop.yaml',
    'secretGenerator:', '  - name: api', '    envs:', '      - api.env', 'generatorOptions:', '  disableNameSuffixHash: true', '',
  ].join('\n'),
  'app/secret.enc.yaml': encryptedSecret,
  'app/api.env': encryptedEnv,
  'app/cm-keep.yaml': cm('cm-keep'),
  'app/cm-drop.yaml': cm('cm-drop'),
};

describe('Kustomization SOPS decryption', () => {
  let h: Harness;
  let git: GitServer;
  let repo: GitRepository;
  let ns: TestNamespace;
  let revision: string;

  const keySecret = (key: Buffer) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'sops-age', namespace: ns.name },
    stringData: { 'identity.agekey': `# test key\n${encodeIdentity(key)}\n` },
  });
  const secretText = async (name: string, key: string) => {
    const s = await h.plane.clients.core.readNamespacedSecret({ namespace: ns.name, name });
    return Buffer.from(s.data?.[key] ?? '', 'base64').toString();
  };

  before(async () => {
    h = await startHarness('ks-sops');
    git = await startGitServer();
    ns = await freshNamespace(h.plane.clients, 'ks-sops');
    repo = await git.createRepository('app');
    const commit = await repo.commit(files, 'encrypted secrets');
    revision = `main@sha1:${commit}`;
    await h.createGitRepository(ns.name, 'repo', repo.url);
    await h.syncSource(ns.name, 'repo', commit);
    await h.plane.clients.core.createNamespacedSecret({ namespace: ns.name, body: keySecret(rightKey) });
  });

  after(async () => {
    await ns?.remove();
    await h?.stop();
    await git?.close();
  });

  it('GIVEN the right age key WHEN the Kustomization reconciles THEN the Secrets are applied in cleartext', async () => {
    // targetNamespace rewrites the Secret's metadata after encryption, as kustomize does in most setups.
    await h.createKustomization(ns.name, 'app', { path: './app', targetNamespace: ns.name, decryption: { provider: 'sops', secretRef: { name: 'sops-age' } } });
    await h.waitFor(ns.name, 'app', 'Ready', isReadyAt(revision));
    assert.equal(await secretText('db', 'password'), 'hunter2');
    assert.equal(await secretText('db', 'port'), '5432');
    assert.equal(await secretText('api', 'API_TOKEN'), 'tok-123');
    const db = await h.plane.clients.core.readNamespacedSecret({ namespace: ns.name, name: 'db' });
    assert.equal((db as unknown as Record<string, unknown>)['sops'], undefined);
  });

  it('GIVEN no spec.decryption WHEN the same path reconciles THEN the encrypted Secret is refused with upstream wording', async () => {
    await h.createKustomization(ns.name, 'plain', { path: './app', targetNamespace: ns.name, prune: false });
    const ks = await h.waitFor(ns.name, 'plain', 'BuildFailed', (o) => condition(o, 'Ready')?.reason === 'BuildFailed');
    assert.match(condition(ks, 'Ready')!.message, /Secret\/.*db is SOPS encrypted, configuring decryption is required/);
  });

  it('GIVEN a wrong age key and a commit that drops an object WHEN it reconciles THEN BuildFailed names the recipient and nothing is applied or pruned', async () => {
    await h.plane.clients.core.replaceNamespacedSecret({ namespace: ns.name, name: 'sops-age', body: keySecret(wrongKey) });
    const before = await h.getKustomization(ns.name, 'app');
    const commit = await repo.commit({ ...files, 'app/cm-drop.yaml': null, 'app/kustomization.yaml': files['app/kustomization.yaml'].replace('  - cm-drop.yaml\n', '') }, 'drop cm-drop');
    await h.syncSource(ns.name, 'repo', commit);
    const ks = await h.waitFor(ns.name, 'app', 'BuildFailed at the new commit', (o) => o.status?.lastAttemptedRevision === `main@sha1:${commit}` && condition(o, 'Ready')?.reason === 'BuildFailed');
    assert.equal(condition(ks, 'Ready')?.status, 'False');
    assert.match(condition(ks, 'Ready')!.message, new RegExp(`none of age ${recipient} matched the decryption keys`));
    assert.equal(ks.status?.lastAppliedRevision, revision);
    assert.deepEqual(ks.status?.inventory, before.status?.inventory);
    await h.plane.clients.core.readNamespacedConfigMap({ namespace: ns.name, name: 'cm-drop' });
    assert.equal(await secretText('db', 'password'), 'hunter2');
  });
});
