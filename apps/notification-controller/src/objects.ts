// Alerts and Providers as the runtime's watch caches and client hold them.
import type { AlertSpec, ProviderSpec } from '@conflux/api';
import type { KubeObject } from '@conflux/runtime';

export type AlertObject = KubeObject & { spec: AlertSpec };
export type ProviderObject = KubeObject & { spec: ProviderSpec };
