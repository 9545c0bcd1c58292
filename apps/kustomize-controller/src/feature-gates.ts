// Upstream's --feature-gates, parsed the way component-base parses them. Only the gates Conflux acts on
// change behaviour; the others are accepted so that a Flux Deployment's args still start the controller.
export const FeatureGate = {
  StrictPostBuildSubstitutions: 'StrictPostBuildSubstitutions',
  CancelHealthCheckOnNewRevision: 'CancelHealthCheckOnNewRevision',
  DisableFailFastBehavior: 'DisableFailFastBehavior',
  DisableStatusPollerCache: 'DisableStatusPollerCache',
  AdditiveCELDependencyCheck: 'AdditiveCELDependencyCheck',
  MigrateAPIVersion: 'MigrateAPIVersion',
  DirectSourceFetch: 'DirectSourceFetch',
  ExternalArtifact: 'ExternalArtifact',
  GroupChangeLog: 'GroupChangeLog',
  CacheSecretsAndConfigMaps: 'CacheSecretsAndConfigMaps',
  DisableConfigWatchers: 'DisableConfigWatchers',
} as const;
export type FeatureGate = (typeof FeatureGate)[keyof typeof FeatureGate];

export type FeatureGates = Readonly<Record<FeatureGate, boolean>>;

// Upstream's defaults, except CancelHealthCheckOnNewRevision: Conflux cancels a stale wait by default (DESIGN).
const defaults: FeatureGates = {
  StrictPostBuildSubstitutions: true,
  CancelHealthCheckOnNewRevision: true,
  DisableFailFastBehavior: false,
  DisableStatusPollerCache: true,
  AdditiveCELDependencyCheck: false,
  MigrateAPIVersion: false,
  DirectSourceFetch: false,
  ExternalArtifact: false,
  GroupChangeLog: false,
  CacheSecretsAndConfigMaps: false,
  DisableConfigWatchers: false,
};

const known = new Set<string>(Object.values(FeatureGate));

/** Parses "A=true,B=false"; an unknown gate or a value other than true/false is an error, as upstream. */
export function parseFeatureGates(value: string): FeatureGates {
  const gates: Record<string, boolean> = { ...defaults };
  for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name = '', raw = ''] = pair.split('=').map((s) => s.trim());
    if (!known.has(name)) throw new Error(`--feature-gates: unknown feature gate "${name}"; known gates: ${[...known].join(', ')}`);
    if (raw !== 'true' && raw !== 'false') throw new Error(`--feature-gates: ${name} must be true or false, got "${raw}"`);
    gates[name] = raw === 'true';
  }
  return gates as FeatureGates;
}
