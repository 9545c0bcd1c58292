// A tiny custom resource for tests of the runtime and benchmarks: enough spec to exercise suspend, interval and
// failures, with a status subresource like every Flux kind.
export const widgetGroup = 'runtime.test.conflux.dev';

/** Addressed like the runtime's ResourceType (structurally: libs/testing does not depend on the runtime). */
export const widgetResource = { group: widgetGroup, version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true } as const;

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
