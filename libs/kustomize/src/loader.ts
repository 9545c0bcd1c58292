import { posix } from 'node:path';
import { BuildError, BuildErrorCode } from './errors.ts';
import type { BuildFileSystem, EntryKind } from './fs.ts';

/**
 * Resolves and reads the files a kustomization names, with Flux's restrictions: anything under the
 * build root may be loaded (kustomize's LoadRestrictionsNone inside Flux's secure filesystem), nothing
 * outside it, and nothing remote (Flux's --no-remote-bases).
 */
export class Loader {
  readonly fs: BuildFileSystem;
  readonly root: string;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  constructor(fs: BuildFileSystem, root: string) {
    this.fs = fs;
    this.root = posix.resolve('/', root);
  }

  /** A path relative to the root, for error messages. */
  display(path: string): string {
    const rel = posix.relative(this.root, path);
    return rel || '.';
  }

  resolve(baseDir: string, ref: string, where: { file?: string; field?: string }): string {
    if (isRemote(ref)) {
      throw new BuildError(BuildErrorCode.RemoteRefused, `remote reference "${ref}" is not allowed: only files under the source root can be loaded`, where);
    }
    const path = posix.resolve(baseDir, ref);
    if (path !== this.root && !path.startsWith(this.root === '/' ? '/' : `${this.root}/`)) {
      throw new BuildError(BuildErrorCode.OutsideRoot, `"${ref}" is outside the source root`, where);
    }
    return path;
  }

  kind(path: string): EntryKind | undefined {
    return this.fs.kind(path);
  }

  readBytes(path: string, where: { file?: string; field?: string }): Uint8Array {
    if (this.fs.kind(path) !== 'file') {
      throw new BuildError(BuildErrorCode.MissingResource, `"${this.display(path)}": no such file`, where);
    }
    return this.fs.readFile(path);
  }

  readText(path: string, where: { file?: string; field?: string }): string {
    return this.decoder.decode(this.readBytes(path, where));
  }
}

/** kustomize's notion of a remote target: a URL, an scp-like Git address, or a host-qualified repo path. */
export function isRemote(ref: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) ||
    /^[\w.-]+@[\w.-]+:/.test(ref) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(ref) ||
    /\?(ref|version|submodules|timeout)=/.test(ref)
  );
}
