// A tiny custom resource for the runtime's own tests: enough spec to exercise suspend, interval and
// failures, with a status subresource like every Flux kind.
import type { ResourceType } from '../kube/resources.ts';

export const widgetGroup = 'runtime.test.conflux.dev';

export const widgetResource: ResourceType = { group: widgetGroup, version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true };

export const widgetCRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `widgets.${widgetGroup}` },
  spec: {
    group: widgetGroup,
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  interval: { type: 'string' },
                  suspend: { type: 'boolean' },
                  fail: { type: 'boolean' },
                  size: { type: 'integer' },
                },
              },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      },
    ],
  },
};
