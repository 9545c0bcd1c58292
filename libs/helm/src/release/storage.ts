// Release history in a namespace, kept as helm's Secret driver keeps it, so the helm CLI and Conflux
// read and write the same records. Queries go straight to the API server: helm's storage is never
// cached, and a stale read here would let two writers pick the same revision.

import { coreResources, isAlreadyExists, isNotFound, type KubeClient } from '@conflux/runtime';
import { releaseFromSecret, releaseSecret, releaseSecretName, type ReleaseSecret } from './secret.ts';
import { ReleaseStatus, type Release } from './types.ts';

export class ReleaseExistsError extends Error {}

export interface ReleaseStorageOptions {
  /** The clock for the createdAt/modifiedAt labels. */
  now?: () => Date;
}

export interface CreateOptions {
  /** helm's --history-max: before creating, drop the oldest revisions (never the deployed one) to keep this many in all. 0 keeps everything. */
  maxHistory?: number;
}

const byVersion = (a: Release, b: Release): number => a.version - b.version;

export class ReleaseStorage {
  readonly #client: KubeClient;
  readonly #namespace: string;
  readonly #now: () => Date;

  constructor(client: KubeClient, namespace: string, options: ReleaseStorageOptions = {}) {
    this.#client = client;
    this.#namespace = namespace;
    this.#now = options.now ?? (() => new Date());
  }

  get namespace(): string {
    return this.#namespace;
  }

  /** Every revision of a release, oldest first. */
  async history(name: string): Promise<Release[]> {
    return (await this.#query({ name, owner: 'helm' })).sort(byVersion);
  }

  /** The highest revision, whatever its status (helm's Last). */
  async last(name: string): Promise<Release | undefined> {
    return (await this.history(name)).at(-1);
  }

  /** The newest revision whose status is deployed (helm's Deployed). */
  async deployed(name: string): Promise<Release | undefined> {
    return (await this.#query({ name, owner: 'helm', status: ReleaseStatus.deployed })).sort(byVersion).at(-1);
  }

  /** Every release's revisions in the namespace (helm's List, before `helm list` keeps the latest of each). */
  async list(): Promise<Release[]> {
    return this.#query({ owner: 'helm' });
  }

  async get(name: string, version: number): Promise<Release | undefined> {
    try {
      const secret = await this.#client.get<ReleaseSecret>(coreResources.Secret, this.#namespace, releaseSecretName(name, version));
      return releaseFromSecret(secret);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** The revision number the next install, upgrade or rollback gets. */
  async nextVersion(name: string): Promise<number> {
    return ((await this.last(name))?.version ?? 0) + 1;
  }

  /** Stores a new revision; fails with ReleaseExistsError when that revision is already stored. */
  async create(release: Release, options: CreateOptions = {}): Promise<void> {
    if ((options.maxHistory ?? 0) > 0) await this.#removeLeastRecent(release.name, options.maxHistory! - 1);
    const secret = releaseSecret(release, { namespace: this.#namespace, stamp: 'createdAt', now: this.#now() });
    try {
      await this.#client.create(coreResources.Secret, secret);
    } catch (err) {
      if (isAlreadyExists(err)) {
        throw new ReleaseExistsError(`release ${release.name} revision ${release.version} already exists in namespace ${this.#namespace}; another install or upgrade got there first`);
      }
      throw err;
    }
  }

  /** Stores the revision under a new number (last + 1) and returns it as stored. */
  async createNext(release: Release, options: CreateOptions = {}): Promise<Release> {
    const next = { ...release, version: await this.nextVersion(release.name) };
    await this.create(next, options);
    return next;
  }

  /**
   * Rewrites a stored revision. Like helm, the Secret is replaced whole and unconditionally (no
   * resourceVersion), so createdAt gives way to modifiedAt.
   */
  async update(release: Release): Promise<void> {
    const secret = releaseSecret(release, { namespace: this.#namespace, stamp: 'modifiedAt', now: this.#now() });
    await this.#client.update(coreResources.Secret, secret);
  }

  /** Marks a revision superseded, as an upgrade or rollback does to the one it replaces. */
  async supersede(name: string, version: number): Promise<Release> {
    const release = await this.get(name, version);
    if (release === undefined) throw new Error(`release ${name} revision ${version} not found in namespace ${this.#namespace}`);
    if (release.info === null) throw new Error(`release ${name} revision ${version} in namespace ${this.#namespace} has no info to mark superseded`);
    release.info = { ...release.info, status: ReleaseStatus.superseded };
    await this.update(release);
    return release;
  }

  async delete(name: string, version: number): Promise<void> {
    await this.#client.delete(coreResources.Secret, this.#namespace, releaseSecretName(name, version));
  }

  async #query(labels: Record<string, string>): Promise<Release[]> {
    const labelSelector = Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const list = await this.#client.list<ReleaseSecret>(coreResources.Secret, { namespace: this.#namespace, labelSelector });
    return list.items.map(releaseFromSecret);
  }

  // Oldest first until `keep` remain; the deployed revision is never removed, so history may stay longer.
  async #removeLeastRecent(name: string, keep: number): Promise<void> {
    const history = await this.history(name);
    if (history.length <= keep) return;
    const deployed = await this.deployed(name);
    const doomed: Release[] = [];
    for (const r of history) {
      if (history.length - doomed.length === keep) break;
      if (r.version !== deployed?.version) doomed.push(r);
    }
    for (const r of doomed) await this.delete(r.name, r.version);
  }
}
