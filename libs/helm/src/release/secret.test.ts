import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeRelease } from './codec.ts';
import { ReleaseSecretError, releaseFromSecret, releaseSecret, releaseSecretName, releaseSecretType } from './secret.ts';
import { ReleaseStatus, type Release } from './types.ts';

const release: Release = {
  name: 'web',
  info: { firstDeployed: '', lastDeployed: '', deleted: '', description: 'Upgrade complete', status: ReleaseStatus.pendingUpgrade, notes: '' },
  chart: null,
  config: { replicas: 2 },
  manifest: '',
  hooks: [],
  version: 7,
  namespace: 'apps',
  // A custom label may not override helm's own.
  labels: { team: 'blue', status: 'forged' },
};

describe('release Secret', () => {
  it('GIVEN a release WHEN turned into a Secret THEN name, type, labels and doubly encoded data are helm\'s', () => {
    const now = new Date('2024-05-04T12:00:00.900Z');
    const secret = releaseSecret(release, { namespace: 'storage', stamp: 'createdAt', now });
    assert.equal(secret.metadata.name, 'sh.helm.release.v1.web.v7');
    assert.equal(secret.metadata.namespace, 'storage');
    assert.equal(secret.type, releaseSecretType);
    assert.deepEqual(secret.metadata.labels, { team: 'blue', createdAt: '1714824000', name: 'web', owner: 'helm', status: 'pending-upgrade', version: '7' });
    const helmText = Buffer.from(secret.data!.release!, 'base64').toString('utf8');
    assert.equal(decodeRelease(helmText).version, 7);
  });

  it('GIVEN an update WHEN the Secret is built THEN it is stamped modifiedAt and not createdAt', () => {
    const labels = releaseSecret(release, { namespace: 'storage', stamp: 'modifiedAt', now: new Date(5000) }).metadata.labels!;
    assert.equal(labels.modifiedAt, '5');
    assert.equal(labels.createdAt, undefined);
  });

  it('GIVEN a stored Secret WHEN read back THEN the release returns with only its custom labels', () => {
    const read = releaseFromSecret(releaseSecret(release, { namespace: 'storage', stamp: 'createdAt' }));
    assert.deepEqual(read.labels, { team: 'blue' });
    assert.deepEqual({ ...read, labels: {} }, { ...release, labels: {} });
  });

  it('GIVEN a Secret without a release key WHEN read THEN it fails naming the Secret', () => {
    assert.throws(() => releaseFromSecret({ metadata: { name: 'x', namespace: 'y' }, data: {} }), (e: unknown) => e instanceof ReleaseSecretError && /y\/x/.test(e.message));
  });

  it('GIVEN a release name and revision WHEN keyed THEN the key is helm\'s', () => {
    assert.equal(releaseSecretName('my.app', 12), 'sh.helm.release.v1.my.app.v12');
  });
});
