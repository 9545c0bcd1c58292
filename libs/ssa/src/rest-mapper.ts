import type { KubeClient, ResourceType } from '@conflux/runtime';

/** The kind is not served at that version: a CRD missing or not yet established, or a typo. */
export class NoKindMatchError extends Error {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  constructor(group: string, version: string, kind: string) {
    super(`no matches for kind "${kind}" in version "${group ? `${group}/${version}` : version}"`);
    this.name = 'NoKindMatchError';
    this.group = group;
    this.version = version;
    this.kind = kind;
  }
}

interface ApiResourceList {
  resources?: Array<{ name: string; kind: string; namespaced: boolean }>;
}

/**
 * Maps group/version/kind to the REST resource through API discovery. Each group-version is read on its
 * own (/api/v1, /apis/<group>/<version>) the first time it is needed, so applying a Deployment costs one
 * request, not the whole discovery tree; a kind missing from the cache re-reads its group-version once,
 * which is how a CRD applied a moment ago becomes usable.
 */
export class RESTMapper {
  readonly #client: KubeClient;
  readonly #byGroupVersion = new Map<string, Promise<Map<string, ResourceType> | undefined>>();

  constructor(client: KubeClient) {
    this.#client = client;
  }

  async resourceFor(group: string, version: string, kind: string): Promise<ResourceType> {
    const cached = await this.#groupVersion(group, version, false);
    const hit = cached?.get(kind);
    if (hit) return hit;
    const fresh = await this.#groupVersion(group, version, true);
    const found = fresh?.get(kind);
    if (!found) throw new NoKindMatchError(group, version, kind);
    return found;
  }

  /** Any served version of group/kind, the preferred one first; undefined when the group does not serve the kind. */
  async anyVersionOf(group: string, kind: string): Promise<ResourceType | undefined> {
    const path = group ? `/apis/${group}` : '/api';
    const res = await this.#client.raw('GET', path);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new Error(`discovery of ${path} failed: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
    const body = JSON.parse(res.body) as { versions?: Array<string | { version: string }>; preferredVersion?: { version: string } };
    const versions = (body.versions ?? []).map((v) => (typeof v === 'string' ? v : v.version));
    const preferred = body.preferredVersion?.version;
    const ordered = preferred ? [preferred, ...versions.filter((v) => v !== preferred)] : versions;
    for (const version of ordered) {
      const found = (await this.#groupVersion(group, version, true))?.get(kind);
      if (found) return found;
    }
    return undefined;
  }

  /** Forgets what discovery said, for example after a CRD was deleted. */
  invalidate(): void {
    this.#byGroupVersion.clear();
  }

  #groupVersion(group: string, version: string, refresh: boolean): Promise<Map<string, ResourceType> | undefined> {
    const key = `${group}/${version}`;
    let entry = this.#byGroupVersion.get(key);
    if (!entry || refresh) {
      entry = this.#discover(group, version);
      // A failed read must not stick: the next caller tries again.
      entry.catch(() => this.#byGroupVersion.delete(key));
      this.#byGroupVersion.set(key, entry);
    }
    return entry;
  }

  async #discover(group: string, version: string): Promise<Map<string, ResourceType> | undefined> {
    const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const res = await this.#client.raw('GET', path);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new Error(`discovery of ${path} failed: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
    const list = JSON.parse(res.body) as ApiResourceList;
    const kinds = new Map<string, ResourceType>();
    for (const r of list.resources ?? []) {
      if (r.name.includes('/')) continue; // subresources such as deployments/status
      kinds.set(r.kind, { group, version, kind: r.kind, plural: r.name, namespaced: r.namespaced });
    }
    return kinds;
  }
}
