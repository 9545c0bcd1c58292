import { array, boolean, object, oneOf, ref, string, stringMap } from '../../schema/dsl.ts';
import { conditions, LocalObjectReference, observedGeneration, reconcileRequestStatus, statusDefault } from '../../meta.ts';
import { ageColumn, readinessColumns } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { CrossNamespaceObjectReference, deprecatedVersionWarning, notificationCategories, notificationGroup } from './common.ts';

const spec = object(
  {
    providerRef: ref(LocalObjectReference, { doc: 'The Provider, in the same namespace, that the notifications go to.', required: true }),
    eventSeverity: oneOf(['info', 'error'], { doc: "Which events to send: 'info' sends all, 'error' only errors.", default: 'info' }),
    eventSources: array(CrossNamespaceObjectReference, { doc: 'The objects whose events are sent; any entry may match.', required: true }),
    inclusionList: array(string(), { doc: 'Go regular expressions; when set, only events whose message matches one are sent.' }),
    eventMetadata: stringMap({ doc: 'Metadata added to every event sent; keys already set by the emitter are kept.' }),
    exclusionList: array(string(), { doc: 'Go regular expressions; events whose message matches one are not sent. Wins over inclusionList.' }),
    summary: string({ doc: 'Deprecated: use eventMetadata.summary. A short description of the impact.', maxLength: 255 }),
    suspend: boolean({ doc: 'Stop sending notifications for this Alert.' }),
  },
  { typeDoc: 'Which events to send to which Provider.' },
);

const v1beta2Status = object(
  { ...reconcileRequestStatus, conditions, observedGeneration },
  { typeDoc: 'What the controller last observed of an Alert (v1beta2 only).' },
);

export const AlertKind = defineKind({
  group: notificationGroup,
  kind: 'Alert',
  plural: 'alerts',
  shortNames: [],
  categories: notificationCategories,
  versions: [
    {
      name: 'v1beta2',
      served: true,
      storage: false,
      deprecated: true,
      deprecationWarning: deprecatedVersionWarning('Alert', 'v1beta2', 'v1beta3'),
      doc: 'An Alert sends the events of chosen objects to a Provider. This version is deprecated; use v1beta3.',
      spec,
      status: v1beta2Status,
      statusDefault,
      printerColumns: readinessColumns,
    },
    {
      name: 'v1beta3',
      served: true,
      storage: true,
      doc: 'An Alert sends the events of chosen objects to a Provider.',
      spec,
      printerColumns: [ageColumn],
    },
  ],
});
