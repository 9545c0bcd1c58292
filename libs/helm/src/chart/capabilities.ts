// .Capabilities as `helm template` sees it without a cluster: Kubernetes v1.20.0 (what helm v3.21.4
// built from the module proxy reports) and the API group versions of client-go's scheme.

import { goFunc, GoStruct, typedSlice } from '../template/values.ts';

/** client-go's scheme versions, in helm's order (from `range .Capabilities.APIVersions` of helm v3.21.4). */
export const defaultAPIVersions: readonly string[] = [
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1', 'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1', 'apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1', 'authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1',
  'autoscaling/v1', 'autoscaling/v2', 'batch/v1', 'batch/v1beta1', 'certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1',
  'certificates.k8s.io/v1alpha1', 'coordination.k8s.io/v1alpha2', 'coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1',
  'discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1', 'events.k8s.io/v1', 'events.k8s.io/v1beta1', 'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta1', 'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'node.k8s.io/v1',
  'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1', 'policy/v1beta1', 'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1', 'resource.k8s.io/v1', 'resource.k8s.io/v1beta2',
  'resource.k8s.io/v1beta1', 'resource.k8s.io/v1alpha3', 'scheduling.k8s.io/v1alpha2', 'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1', 'storage.k8s.io/v1beta1', 'storage.k8s.io/v1', 'storage.k8s.io/v1alpha1',
  'storagemigration.k8s.io/v1beta1', 'apiextensions.k8s.io/v1beta1', 'apiextensions.k8s.io/v1',
];

export const defaultKubeVersion = 'v1.20.0';

export interface HelmVersionInfo {
  version: string;
  gitCommit: string;
  gitTreeState: string;
  goVersion: string;
}

/** chartutil.ParseKubeVersion: "1.30" or "v1.30.1" to its version, major and minor. */
export function parseKubeVersion(text: string): { version: string; major: string; minor: string } {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(text);
  if (!m) throw new Error(`invalid kube version '${text}': Invalid Semantic Version`);
  // Helm keeps the text as given ("1.29" stays v1.29), adding only the v.
  return { version: text.startsWith('v') ? text : `v${text}`, major: m[1]!, minor: m[2] ?? '0' };
}

/** The *chartutil.Capabilities struct; APIVersions gets extra group/versions on top of the defaults. */
export function capabilitiesObject(options: { kubeVersion?: string; apiVersions?: readonly string[]; helmVersion?: HelmVersionInfo }): GoStruct {
  const kv = parseKubeVersion(options.kubeVersion ?? defaultKubeVersion);
  const versions = [...defaultAPIVersions, ...(options.apiVersions ?? [])];
  const kubeVersion = new GoStruct(
    'chartutil.KubeVersion',
    { Version: kv.version, Major: kv.major, Minor: kv.minor },
    // String has a pointer receiver in helm: {{ .Capabilities.KubeVersion }} prints v1.x.y, printf and list print the struct.
    { String: goFunc([], 'string', () => kv.version, { pointerReceiver: true }), GitVersion: goFunc([], 'string', () => kv.version) },
  );
  // VersionSet is a []string with a Has method: templates range over it and print it as a list.
  const apiVersions = typedSlice([...versions], 'chartutil.VersionSet', { Has: goFunc(['string'], 'bool', (s) => versions.includes(s as string)) });
  // helm built as a library (as Flux's helm-controller embeds it) reports its source default, "v3.21";
  // only release binaries stamp the patch version in at link time.
  const hv = options.helmVersion ?? { version: 'v3.21', gitCommit: '', gitTreeState: '', goVersion: 'go1.26.8' };
  const helmVersion = new GoStruct('version.BuildInfo', {
    Version: hv.version,
    GitCommit: hv.gitCommit,
    GitTreeState: hv.gitTreeState,
    GoVersion: hv.goVersion,
  });
  return new GoStruct('*chartutil.Capabilities', { KubeVersion: kubeVersion, APIVersions: apiVersions, HelmVersion: helmVersion });
}
