export { build, type BuildOptions } from './build.ts';
export { BuildError, BuildErrorCode, type BuildErrorWhere } from './errors.ts';
export { type BuildFileSystem, diskFS, type EntryKind, memoryFS } from './fs.ts';
export type { Kustomization } from './kustomization.ts';
export type { KubeObject } from './resource.ts';
export { parseYamlStream, toYamlStream } from './yaml.ts';
export { envsubst, EnvsubstError, EnvsubstErrorCode, type EnvsubstOptions } from './postbuild/envsubst.ts';
export {
  normaliseVariables, substitute, SubstituteError, SubstituteErrorCode, substituteKey, type SubstituteOptions,
} from './postbuild/substitute.ts';
