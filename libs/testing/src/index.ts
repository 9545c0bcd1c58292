export { type ControlPlaneBinary, controlPlaneCacheKey, controlPlaneModuleDir, ensureControlPlaneBinary } from './controlplane-binary.ts';
export { attachControlPlane, type ControlPlane, type ControlPlaneEndpoints, type StartOptions, startControlPlane } from './controlplane.ts';
export { type CRDLike, installCRDs } from './crds.ts';
export { type GitAuth, type GitRepository, type GitRequest, type GitServer, startGitServer } from './git-server.ts';
export { ensureLeanGitServerBinary, type LeanGitServer, type LeanGitServerStats, startLeanGitServer } from './lean-git-server.ts';
export { clientsFor, eventually, type KubeClients, kubeClients, kubeconfigWithToken, statusCode } from './kube.ts';
export { freshNamespace, type TestNamespace } from './namespace.ts';
export { cacheDir, repoRoot } from './paths.ts';
export {
  ensureHelmBinary,
  ensureKustomizeBinary,
  ensureSopsBinaries,
  type ReferenceBinary,
  referenceHelmVersion,
  referenceKustomizeVersion,
  referenceSopsVersion,
  referenceAgeVersion,
} from './reference-binaries.ts';
export { markDeploymentReady, markStatefulSetReady } from './ready.ts';
export { controlPlaneForSuite, sharedControlPlaneEnv, type SuiteControlPlane } from './suite.ts';
export { widgetCRD, widgetGroup, widgetResource } from './widget.ts';
export { kubeRequest, type KubeResponse } from './kube-request.ts';
export { inParallel } from './parallel.ts';
export { freePort } from './ports.ts';
export { type WorkingCopy, workingCopy } from './working-copy.ts';
