// One release revision as the Secret helm's storage driver keeps: name, type, labels and data.

import type { KubeObject } from '@conflux/runtime';
import { decodeRelease, encodeRelease } from './codec.ts';
import type { Release } from './types.ts';

export const releaseSecretType = 'helm.sh/release.v1';

/** Labels helm owns on a record; any other label on the Secret is a custom release label. */
export const systemLabels = ['name', 'owner', 'status', 'version', 'createdAt', 'modifiedAt'] as const;

export interface ReleaseSecret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
}

/** The storage key and Secret name: `sh.helm.release.v1.<name>.v<version>`. */
export function releaseSecretName(name: string, version: number): string {
  return `sh.helm.release.v1.${name}.v${version}`;
}

export interface ReleaseSecretOptions {
  namespace: string;
  /** Which timestamp label to stamp, as helm's Create (createdAt) or Update (modifiedAt) does. */
  stamp: 'createdAt' | 'modifiedAt';
  now?: Date;
}

/** The Secret helm would write for this release; `data.release` carries Kubernetes' base64 of helm's base64. */
export function releaseSecret(release: Release, options: ReleaseSecretOptions): ReleaseSecret {
  const seconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  // Custom labels first, so that helm's own always win a clash, as in its driver.
  const labels: Record<string, string> = {
    ...release.labels,
    [options.stamp]: String(seconds),
    name: release.name,
    owner: 'helm',
    status: release.info?.status ?? '',
    version: String(release.version),
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: releaseSecretName(release.name, release.version), namespace: options.namespace, labels },
    type: releaseSecretType,
    data: { release: Buffer.from(encodeRelease(release), 'utf8').toString('base64') },
  };
}

export class ReleaseSecretError extends Error {}

/** The release a Secret holds, with its custom labels; throws when the Secret is not a release record. */
export function releaseFromSecret(secret: ReleaseSecret): Release {
  const data = secret.data?.release;
  if (data === undefined) {
    throw new ReleaseSecretError(`Secret ${secret.metadata.namespace}/${secret.metadata.name} has no "release" key: it is not a Helm release record`);
  }
  const release = decodeRelease(Buffer.from(data, 'base64').toString('utf8'));
  const reserved: readonly string[] = systemLabels;
  release.labels = Object.fromEntries(Object.entries(secret.metadata.labels ?? {}).filter(([k]) => !reserved.includes(k)));
  return release;
}
