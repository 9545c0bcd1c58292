// Chart.yaml (and a v1 chart's requirements.yaml) read into ChartMetadata, then checked with Helm's
// rules and its error texts (`validation: chart.metadata.name is required`, ...).

import { decodeValuesYAML } from '../values/decode.ts';
import type { GoValue } from '../template/values.ts';
import type { ChartDependency, ChartMetadata } from './types.ts';

export class ChartValidationError extends Error {
  override name = 'ChartValidationError';
  constructor(message: string) {
    super(`validation: ${message}`);
  }
}

/**
 * sigs.k8s.io/yaml turns a scalar into text when the target field is a string, so `appVersion: 1.0`
 * reads as "1" and `x: y` (YAML 1.1 true) as "true"; only lists and maps are refused.
 */
function str(v: GoValue | undefined, field: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  const kind = Array.isArray(v) ? 'array' : 'object';
  throw new Error(`error unmarshaling JSON: json: cannot unmarshal ${kind} into Go struct field ${field} of type string`);
}

function strList(v: GoValue | undefined, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Error(`error unmarshaling JSON: json: cannot unmarshal object into Go struct field ${field} of type []string`);
  return v.map((x) => str(x, field));
}

function asMap(v: GoValue | undefined): Record<string, GoValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) ? (v as Record<string, GoValue>) : {};
}

function dependency(v: GoValue): ChartDependency | null {
  if (v === null) return null;
  const d = asMap(v);
  return {
    name: str(d.name, 'Dependency.name'),
    version: str(d.version, 'Dependency.version'),
    repository: str(d.repository, 'Dependency.repository'),
    condition: str(d.condition, 'Dependency.condition'),
    tags: strList(d.tags, 'Dependency.tags'),
    enabled: d.enabled === true,
    importValues: Array.isArray(d['import-values']) ? d['import-values'] : [],
    alias: str(d.alias, 'Dependency.alias'),
  };
}

/** Reads the dependencies list of Chart.yaml or requirements.yaml; null entries stay for validation. */
export function readDependencies(v: GoValue | undefined): (ChartDependency | null)[] {
  return Array.isArray(v) ? v.map(dependency) : [];
}

/** Decodes Chart.yaml; an absent apiVersion means a Helm 2 (v1) chart, as Helm assumes. */
export function readChartYAML(text: string): ChartMetadata {
  let doc;
  try {
    doc = decodeValuesYAML(text);
  } catch (err) {
    throw new Error(`cannot load Chart.yaml: ${(err as Error).message}`);
  }
  try {
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(asMap(doc.annotations))) annotations[k] = str(v, 'Metadata.annotations');
    return {
      name: str(doc.name, 'Metadata.name'),
      home: str(doc.home, 'Metadata.home'),
      sources: strList(doc.sources, 'Metadata.sources'),
      version: str(doc.version, 'Metadata.version'),
      description: str(doc.description, 'Metadata.description'),
      keywords: strList(doc.keywords, 'Metadata.keywords'),
      maintainers: (Array.isArray(doc.maintainers) ? doc.maintainers : []).map((m) => {
        const x = asMap(m);
        return { name: str(x.name, 'Maintainer.name'), email: str(x.email, 'Maintainer.email'), url: str(x.url, 'Maintainer.url') };
      }),
      icon: str(doc.icon, 'Metadata.icon'),
      apiVersion: str(doc.apiVersion, 'Metadata.apiVersion') || 'v1',
      condition: str(doc.condition, 'Metadata.condition'),
      tags: str(doc.tags, 'Metadata.tags'),
      appVersion: str(doc.appVersion, 'Metadata.appVersion'),
      deprecated: doc.deprecated === true,
      annotations,
      kubeVersion: str(doc.kubeVersion, 'Metadata.kubeVersion'),
      dependencies: readDependencies(doc.dependencies) as ChartDependency[],
      type: str(doc.type, 'Metadata.type'),
    };
  } catch (err) {
    throw new Error(`cannot load Chart.yaml: ${(err as Error).message}`);
  }
}

// Masterminds/semver's loose form: "1", "1.2", "v1.2.3", with prerelease and build.
const looseSemver = /^v?(\d+)(\.\d+)?(\.\d+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const aliasFormat = /^[a-zA-Z0-9_-]+$/;

/** Helm's Metadata.Validate, in its order; throws ChartValidationError. */
export function validateMetadata(md: ChartMetadata): void {
  if (md.apiVersion === '') throw new ChartValidationError('chart.metadata.apiVersion is required');
  if (md.name === '') throw new ChartValidationError('chart.metadata.name is required');
  if (md.name.includes('/') || md.name === '.' || md.name === '..') {
    throw new ChartValidationError(`chart.metadata.name ${JSON.stringify(md.name)} is invalid`);
  }
  if (md.version === '') throw new ChartValidationError('chart.metadata.version is required');
  if (!looseSemver.test(md.version)) throw new ChartValidationError(`chart.metadata.version ${JSON.stringify(md.version)} is invalid`);
  if (md.type !== '' && md.type !== 'application' && md.type !== 'library') {
    throw new ChartValidationError('chart.metadata.type must be application or library');
  }
  const seen = new Set<string>();
  for (const d of md.dependencies as (ChartDependency | null)[]) {
    if (d === null) throw new ChartValidationError('dependencies must not contain empty or null nodes');
    if (d.alias !== '' && !aliasFormat.test(d.alias)) {
      throw new ChartValidationError(`dependency ${JSON.stringify(d.name)} has disallowed characters in the alias`);
    }
    const key = d.alias || d.name;
    if (seen.has(key)) throw new ChartValidationError(`more than one dependency with name or alias ${JSON.stringify(key)}`);
    seen.add(key);
  }
}
