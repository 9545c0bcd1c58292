import { updateField, type FieldSpec } from '../fieldspec.ts';
import type { Image } from '../kustomization.ts';
import { kindOf, type Resource } from '../resource.ts';

/** Splits an image reference into name, tag and digest; a `:` in the registry host is not a tag. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = Math.max(image.indexOf('/'), 0);
  const search = image.slice(slash);
  let at = search.indexOf('@');
  let colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) {
    at += slash;
    return { name: image.slice(0, at), tag: '', digest: image.slice(at + 1) };
  }
  colon += slash;
  if (at >= 0) {
    at += slash;
    return { name: image.slice(0, colon), tag: image.slice(colon + 1, at), digest: image.slice(at + 1) };
  }
  return { name: image.slice(0, colon), tag: image.slice(colon + 1), digest: '' };
}

/** The new image string, or undefined when `image` is not the one the entry names. */
export function updateImage(image: string, entry: Image, matcher: RegExp): string | undefined {
  if (!matcher.test(image)) return undefined;
  let { name, tag, digest } = splitImage(image);
  if (entry.newName) name = entry.newName;
  // A new tag or digest replaces both the old tag and the old digest.
  if (entry.newTag || entry.digest) {
    tag = entry.newTag ?? '';
    digest = entry.digest ?? '';
  }
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

/**
 * The `images:` field. Like kustomize's legacy image filter, it rewrites the `image` of every element of
 * any `containers`/`initContainers` list anywhere in an object (CRDs excepted), then image volume sources.
 */
export function applyImages(resources: readonly Resource[], images: readonly Image[], extra: readonly FieldSpec[] = []): void {
  for (const entry of images) {
    // The name is used as an unescaped regular expression, exactly as kustomize does.
    const matcher = new RegExp(`^${entry.name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`);
    for (const res of resources) {
      if (kindOf(res.obj) === 'CustomResourceDefinition') continue;
      visitContainers(res.obj, (c) => {
        if (typeof c['image'] !== 'string') return;
        const next = updateImage(c['image'], entry, matcher);
        if (next !== undefined) c['image'] = next;
      });
      const specs: FieldSpec[] = [{ path: 'spec/volumes[]/image/reference' }, { path: 'spec/template/spec/volumes[]/image/reference' }, ...extra.map((s) => ({ ...s, create: false }))];
      for (const spec of specs) {
        updateField(res.obj, spec, (v) => (typeof v === 'string' ? (updateImage(v, entry, matcher) ?? v) : v));
      }
    }
  }
}

function visitContainers(node: unknown, fn: (container: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visitContainers(item, fn);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) if (c && typeof c === 'object' && !Array.isArray(c)) fn(c as Record<string, unknown>);
    }
    visitContainers(value, fn);
  }
}
