import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { conditionReasonPattern, conditionTypePattern } from '../meta.ts';
import {
  Finalizer,
  HelmAnnotations,
  HelmLabels,
  KustomizeAnnotations,
  KustomizeLabels,
  OCIAnnotations,
  ReconcileAnnotations,
  ReconcileLabels,
  ShardingLabels,
  SsaPolicy,
} from './annotations.ts';
import { ConditionType, negativePolarityConditions } from './conditions.ts';
import { eventMetadataKey, eventMetadataPrefix, EventMetadataKey } from './events.ts';
import { allReasons, HelmReason, KustomizeReason, MetaReason, NotificationReason, SourceReason } from './reasons.ts';

// A qualified Kubernetes label or annotation key: an optional DNS-subdomain prefix and a name.
const qualifiedKey = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

describe('the vocabulary', () => {
  test('GIVEN every condition type THEN each is a valid metav1.Condition type', () => {
    for (const type of Object.values(ConditionType)) assert.match(type, new RegExp(conditionTypePattern), type);
  });

  test('GIVEN every reason THEN each is a valid metav1.Condition reason', () => {
    assert.ok(allReasons.size > 80);
    for (const reason of allReasons) assert.match(reason, new RegExp(conditionReasonPattern), reason);
  });

  test('GIVEN each reason group THEN every key spells its value, so a reason cannot be misnamed', () => {
    for (const group of [MetaReason, SourceReason, KustomizeReason, HelmReason, NotificationReason]) {
      for (const [key, value] of Object.entries(group)) assert.equal(key, value);
    }
  });

  test('GIVEN the references THEN the reasons controllers depend on are spelled as upstream spells them', () => {
    assert.equal(SourceReason.GitOperationFailed, 'GitOperationFailed');
    assert.equal(SourceReason.ArtifactUpToDate, 'ArtifactUpToDate');
    assert.equal(KustomizeReason.HealthCheckFailed, 'HealthCheckFailed');
    assert.equal(HelmReason.RetriesExceeded, 'RetriesExceeded');
    assert.equal(NotificationReason.TokenNotFound, 'TokenNotFound');
    assert.equal(MetaReason.ProgressingWithRetry, 'ProgressingWithRetry');
  });

  test('GIVEN every annotation and label key THEN each is a valid qualified key', () => {
    const keys = [ReconcileAnnotations, ReconcileLabels, KustomizeAnnotations, KustomizeLabels, HelmAnnotations, HelmLabels, ShardingLabels, OCIAnnotations].flatMap(
      (o) => Object.values(o),
    );
    for (const key of keys) assert.match(key, qualifiedKey, key);
  });

  test('GIVEN the references THEN the well-known keys and values are exact', () => {
    assert.equal(Finalizer, 'finalizers.fluxcd.io');
    assert.equal(ReconcileAnnotations.requestedAt, 'reconcile.fluxcd.io/requestedAt');
    assert.equal(ReconcileAnnotations.forceAt, 'reconcile.fluxcd.io/forceAt');
    assert.equal(KustomizeAnnotations.ssa, 'kustomize.toolkit.fluxcd.io/ssa');
    assert.deepEqual(Object.values(SsaPolicy), ['Override', 'Merge', 'IfNotPresent', 'Ignore']);
    assert.equal(KustomizeLabels.name, 'kustomize.toolkit.fluxcd.io/name');
    assert.equal(HelmAnnotations.driftDetection, 'helm.toolkit.fluxcd.io/driftDetection');
    assert.equal(ShardingLabels.key, 'sharding.fluxcd.io/key');
    assert.equal(eventMetadataPrefix, 'event.toolkit.fluxcd.io/');
    assert.equal(eventMetadataKey('kustomize.toolkit.fluxcd.io', EventMetadataKey.commitStatus), 'kustomize.toolkit.fluxcd.io/commit_status');
  });

  test('GIVEN the polarity set THEN Ready is positive and the abnormal-true conditions are negative', () => {
    assert.ok(!negativePolarityConditions.has(ConditionType.Ready));
    assert.ok(!negativePolarityConditions.has(ConditionType.ArtifactInStorage));
    assert.ok(negativePolarityConditions.has(ConditionType.FetchFailed));
    assert.ok(negativePolarityConditions.has(ConditionType.Stalled));
  });
});
