import type { KubeClient } from '../kube/client.ts';
import { isAlreadyExists, isConflict, isNotFound } from '../kube/errors.ts';
import type { KubeObject } from '../kube/object.ts';
import { apiVersionOf, coreResources } from '../kube/resources.ts';

/** What a Lease says about who leads; the part of the object that leader election reads and writes. */
export interface LeaderRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime?: Date;
  renewTime?: Date;
  leaseTransitions: number;
}

/** A record as read from the API server, with the resourceVersion an update must be conditional on. */
export interface ObservedLease {
  record: LeaderRecord;
  resourceVersion: string;
}

/** coordination.k8s.io/v1 LeaseSpec; times are MicroTime strings. */
type LeaseSpec = {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
};

interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

const leaseResource = coreResources.Lease;

/**
 * Reads and writes one coordination.k8s.io/v1 Lease. Every write is conditional: create fails if the
 * Lease exists, update carries the resourceVersion last read, so two candidates racing for the same
 * Lease cannot both win (the API server answers 409 to the loser).
 */
export class LeaseLock {
  readonly namespace: string;
  readonly name: string;
  private readonly client: KubeClient;

  constructor(client: KubeClient, namespace: string, name: string) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /** The Lease, or undefined when it does not exist yet. */
  async get(timeoutMs: number): Promise<ObservedLease | undefined> {
    try {
      return observed(await withDeadline(this.client.get<Lease>(leaseResource, this.namespace, this.name), timeoutMs, 'get'));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Creates the Lease; undefined when another candidate created it first. */
  async create(record: LeaderRecord, timeoutMs: number): Promise<ObservedLease | undefined> {
    try {
      return observed(await withDeadline(this.client.create<Lease>(leaseResource, this.lease(record)), timeoutMs, 'create'));
    } catch (err) {
      if (isAlreadyExists(err)) return undefined;
      throw err;
    }
  }

  /** Replaces the Lease's record if nobody wrote it since `resourceVersion`; undefined on a conflict. */
  async update(record: LeaderRecord, resourceVersion: string, timeoutMs: number): Promise<ObservedLease | undefined> {
    try {
      return observed(await withDeadline(this.client.update<Lease>(leaseResource, this.lease(record, resourceVersion)), timeoutMs, 'update'));
    } catch (err) {
      if (isConflict(err)) return undefined;
      throw err;
    }
  }

  private lease(record: LeaderRecord, resourceVersion?: string): Lease {
    return {
      apiVersion: apiVersionOf(leaseResource),
      kind: leaseResource.kind,
      metadata: { name: this.name, namespace: this.namespace, ...(resourceVersion ? { resourceVersion } : {}) },
      spec: toSpec(record),
    };
  }
}

function observed(lease: Lease): ObservedLease {
  const spec = lease.spec ?? {};
  return {
    resourceVersion: lease.metadata.resourceVersion ?? '',
    record: {
      holderIdentity: spec.holderIdentity ?? '',
      leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
      acquireTime: toDate(spec.acquireTime),
      renewTime: toDate(spec.renewTime),
      leaseTransitions: spec.leaseTransitions ?? 0,
    },
  };
}

function toSpec(record: LeaderRecord): LeaseSpec {
  return {
    holderIdentity: record.holderIdentity,
    leaseDurationSeconds: record.leaseDurationSeconds,
    ...(record.acquireTime ? { acquireTime: microTime(record.acquireTime) } : {}),
    ...(record.renewTime ? { renewTime: microTime(record.renewTime) } : {}),
    leaseTransitions: record.leaseTransitions,
  };
}

/** MicroTime wants six fractional digits; the API server rejects the three a Date serialises with. */
export function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function toDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Gives up on a request after `timeoutMs`, so a hung API server cannot hold a renewal past the renew
 * deadline. The request itself runs on until the client's own timeout and its late answer is ignored:
 * no worse than aborting it, since an aborted write may have reached the server as well, and every
 * write is conditional on a resourceVersion that the elector re-reads before its next one.
 */
function withDeadline<T>(request: Promise<T>, timeoutMs: number, verb: string): Promise<T> {
  const ms = Math.max(1, Math.floor(timeoutMs));
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`lease ${verb}: no answer within ${ms} ms`)), ms);
  });
  request.catch(() => undefined);
  return Promise.race([request, expired]).finally(() => clearTimeout(timer));
}
