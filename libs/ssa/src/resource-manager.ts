import type { KubeClient, KubeObject } from '@conflux/runtime';
import { applyAll, type ApplyOptions } from './apply.ts';
import { sleep } from './async.ts';
import { type ChangeSet, ChangeAction, type ChangeSetEntry } from './changeset.ts';
import type { ManagerContext } from './context.ts';
import { ApplyError, HealthCheckError } from './errors.ts';
import { LiveDigests } from './live-digests.ts';
import { normalizeObject } from './normalize.ts';
import { type ObjectRef, objectRefOf, splitApiVersion, subjectOf } from './object-ref.ts';
import { pruneAll, type PruneOptions } from './prune.ts';
import { RESTMapper } from './rest-mapper.ts';
import { Stage, splitStages } from './stages.ts';
import { waitForHealth, type WaitOptions } from './wait.ts';

export interface ResourceManagerOptions {
  /** "kustomize-controller" for Kustomizations. */
  fieldManager: string;
  /** Put on every applied object (kustomize.toolkit.fluxcd.io/name and /namespace); prune requires them on the live object. */
  ownerLabels: Record<string, string>;
  /** Managers whose fields are taken over like kubectl's (upstream --override-manager). */
  overrideManagers?: string[];
  /** Objects read and dry-run at once (upstream --concurrent-ssa, default 4). */
  concurrency?: number;
  /** A shared discovery cache, for example one per cluster across many Kustomizations. */
  mapper?: RESTMapper;
  /**
   * What was last seen of each applied object, shared across reconciles (one per process): with it an
   * unchanged object costs one dry run instead of a read and a dry run.
   */
  liveDigests?: LiveDigests;
  /** Poll interval of the stage waits and of waiting out a deletion; upstream uses 2 s. */
  stageWaitPollMs?: number;
}

export interface ApplyStagedOptions extends ApplyOptions {
  /** Deadline of the wait after the definitions and class stages; upstream uses 60 s. */
  waitTimeoutMs?: number;
}

/**
 * Server-side apply for a set of objects the way Flux applies a Kustomization: in stages, with a dry-run
 * diff so unchanged objects are not written, prune of what left the set, and kstatus health checks.
 */
export class ResourceManager {
  readonly #ctx: ManagerContext;

  constructor(client: KubeClient, options: ResourceManagerOptions) {
    this.#ctx = {
      client,
      mapper: options.mapper ?? new RESTMapper(client),
      digests: options.liveDigests ?? new LiveDigests(),
      fieldManager: options.fieldManager,
      ownerLabels: { ...options.ownerLabels },
      overrideManagers: options.overrideManagers ?? [],
      concurrency: options.concurrency ?? 4,
      deletionPollMs: options.stageWaitPollMs ?? 2_000,
      stageWaitPollMs: options.stageWaitPollMs ?? 2_000,
      stageWaitTimeoutMs: 60_000,
    };
  }

  get mapper(): RESTMapper {
    return this.#ctx.mapper;
  }

  /**
   * Upstream's ApplyAllStaged. CRDs, Namespaces and ClusterRoles go first and are waited for (CRDs until
   * Established and served), then the *Class kinds, also waited for, then everything else in upstream's
   * kind order. A failure throws an ApplyError whose changeSet lists what was applied before it.
   */
  async applyAllStaged(objects: KubeObject[], options: ApplyStagedOptions = {}): Promise<ChangeSet> {
    const normalized = objects.map((o) => {
      checkIdentity(o);
      return normalizeObject(o, this.#ctx.ownerLabels);
    });
    const ctx = { ...this.#ctx, stageWaitTimeoutMs: options.waitTimeoutMs ?? this.#ctx.stageWaitTimeoutMs };
    const entries: ChangeSetEntry[] = [];
    for (const { stage, items } of splitStages(normalized, objectRefOf)) {
      try {
        const cs = await applyAll(ctx, items, options);
        entries.push(...cs.entries);
        if (stage !== Stage.Rest) await this.#waitForStage(ctx, cs, options.signal);
      } catch (err) {
        if (!(err instanceof ApplyError)) throw err;
        throw new ApplyError(err.message, { ...(err.ref ? { ref: err.ref } : {}), changeSet: { entries: [...entries, ...err.changeSet.entries] }, cause: err.cause ?? err });
      }
    }
    return { entries };
  }

  /** One stage without the staging: sorted, dry-run diffed and applied. The objects must be complete (owner labels are added). */
  async applyAll(objects: KubeObject[], options: ApplyOptions = {}): Promise<ChangeSet> {
    objects.forEach(checkIdentity);
    return applyAll(this.#ctx, objects.map((o) => normalizeObject(o, this.#ctx.ownerLabels)), options);
  }

  /** Deletes the stale objects that still carry our owner labels, in reverse apply order; see prune.ts. */
  prune(stale: ObjectRef[], options: PruneOptions = {}): Promise<ChangeSet> {
    return pruneAll(this.#ctx, stale, options);
  }

  /** kstatus-based wait until every ref is Current; see wait.ts for when it gives up. */
  waitForHealth(refs: ObjectRef[], options: WaitOptions): Promise<void> {
    return waitForHealth(this.#ctx, refs, options);
  }

  async #waitForStage(ctx: ManagerContext, cs: ChangeSet, signal: AbortSignal | undefined): Promise<void> {
    const refs = cs.entries.filter((e) => e.action !== ChangeAction.Skipped).map((e) => e.ref);
    const started = Date.now();
    try {
      await waitForHealth(ctx, refs, { timeoutMs: ctx.stageWaitTimeoutMs, pollMs: ctx.stageWaitPollMs, ...(signal ? { signal } : {}) });
    } catch (err) {
      if (err instanceof HealthCheckError) throw new ApplyError(err.message, { cause: err });
      throw err;
    }
    // Established is not quite served: discovery of a new group-version can trail it by a moment.
    const crds = refs.filter((r) => r.kind === 'CustomResourceDefinition' && r.group === 'apiextensions.k8s.io');
    for (const ref of crds) await this.#waitServed(ctx, ref, Math.max(ctx.stageWaitTimeoutMs - (Date.now() - started), 0), signal);
  }

  async #waitServed(ctx: ManagerContext, ref: ObjectRef, timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
    const resource = await ctx.mapper.resourceFor(ref.group, ref.version, ref.kind);
    const crd = await ctx.client.get<KubeObject>(resource, undefined, ref.name);
    const spec = crd.spec as { group?: string; names?: { kind?: string }; versions?: Array<{ name: string; served?: boolean }> } | undefined;
    const kind = spec?.names?.kind;
    if (!spec?.group || !kind) return;
    const deadline = Date.now() + timeoutMs;
    for (const v of (spec.versions ?? []).filter((x) => x.served !== false)) {
      for (;;) {
        try {
          await ctx.mapper.resourceFor(spec.group, v.name, kind);
          break;
        } catch (err) {
          if (Date.now() >= deadline) throw new ApplyError(`${subjectOf(ref)} is established but ${kind} is not served in ${spec.group}/${v.name}: ${err instanceof Error ? err.message : String(err)}`, { ref });
          try {
            await sleep(200, signal);
          } catch {
            throw new ApplyError(`apply canceled while waiting for ${subjectOf(ref)}`, { ref });
          }
        }
      }
    }
  }
}

/** Upstream refuses objects without apiVersion, kind or name before applying anything. */
function checkIdentity(o: KubeObject): void {
  const { version } = splitApiVersion(o.apiVersion ?? '');
  if (!version || !o.kind || !o.metadata?.name) {
    const shown = `${o.kind ?? '<no kind>'}/${o.metadata?.name ?? '<no name>'} (apiVersion ${o.apiVersion ?? '<none>'})`;
    throw new ApplyError(`failed to decode Kubernetes apiVersion, kind and name of ${shown}`);
  }
}
