// NATS subjects for Conflux: `<root>.<group>.<kind>.<namespace>.<name>` where root is
// `conflux.v1.ready` (readiness, core NATS), `conflux.v1.events` (alerts, JetStream) or
// `conflux.v1.reconcile` (reconcile requests, core NATS).
// Each of the four object tokens is encoded (see docs/adr/0003): NATS splits subjects on '.', treats
// '*' and '>' as wildcards and forbids whitespace, while Kubernetes groups and names are full of dots.

/** The subject roots. The `v1` names this subject layout; a different layout would get a new root. */
export const SubjectRoot = {
  ready: 'conflux.v1.ready',
  events: 'conflux.v1.events',
  reconcile: 'conflux.v1.reconcile',
} as const;
export type SubjectRoot = (typeof SubjectRoot)[keyof typeof SubjectRoot];

/** An object as a subject names it. `group` is '' for the core group, `namespace` '' for cluster scope. */
export interface ObjectRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Tokens after the root: group, kind, namespace, name. */
const objectTokens = 4;
const escape = '_';
// A lone escape character cannot be produced by a non-empty string, so it stands for the empty one.
const emptyToken = escape;
const literal = /^[A-Za-z0-9-]$/;
const hex = '0123456789ABCDEF';
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Encodes one string as one subject token. Letters, digits and '-' pass through, so DNS names stay
 * readable; every other UTF-8 byte becomes `_XX` (upper-case hex), which removes '.', wildcards,
 * whitespace and '$' and keeps the mapping one-to-one.
 */
export function encodeToken(value: string): string {
  if (value === '') return emptyToken;
  let out = '';
  for (const ch of value) {
    if (literal.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of utf8.encode(ch)) out += escape + hex[byte >> 4] + hex[byte & 15];
  }
  return out;
}

/**
 * Decodes a token made by encodeToken, or returns undefined. Only the canonical form is accepted, so
 * a subject names exactly one object and a filter built from the object matches exactly its subject.
 */
export function decodeToken(token: string): string | undefined {
  if (token === emptyToken) return '';
  if (token === '') return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < token.length; i++) {
    const ch = token[i]!;
    if (ch === escape) {
      const hi = hex.indexOf(token[i + 1] ?? '');
      const lo = hex.indexOf(token[i + 2] ?? '');
      if (hi < 0 || lo < 0) return undefined;
      bytes.push(hi * 16 + lo);
      i += 2;
    } else if (literal.test(ch)) {
      bytes.push(ch.charCodeAt(0));
    } else {
      return undefined;
    }
  }
  let value: string;
  try {
    value = strictUtf8.decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
  return encodeToken(value) === token ? value : undefined;
}

/** The API group of an apiVersion: 'source.toolkit.fluxcd.io/v1' → 'source.toolkit.fluxcd.io', 'v1' → ''. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The subject an object's messages are published on. */
export function subjectFor(ref: ObjectRef, root: string = SubjectRoot.ready): string {
  return [root, encodeToken(ref.group), encodeToken(ref.kind), encodeToken(ref.namespace), encodeToken(ref.name)].join('.');
}

/** The object a subject names, or undefined when the subject is not a well-formed subject under `root`. */
export function parseSubject(subject: string, root: string = SubjectRoot.ready): ObjectRef | undefined {
  if (!subject.startsWith(`${root}.`)) return undefined;
  const tokens = subject.slice(root.length + 1).split('.');
  if (tokens.length !== objectTokens) return undefined;
  const [group, kind, namespace, name] = tokens.map(decodeToken);
  if (group === undefined || kind === undefined || namespace === undefined || name === undefined) return undefined;
  if (kind === '' || name === '') return undefined;
  return { group, kind, namespace, name };
}

/**
 * A subscription filter: each part that is given must match exactly, each part left out matches
 * anything. Trailing wildcards collapse into '>' so the filter stays short.
 */
export function subjectFilter(selector: Partial<ObjectRef>, root: string = SubjectRoot.ready): string {
  const parts = [selector.group, selector.kind, selector.namespace, selector.name].map((part) =>
    part === undefined ? '*' : encodeToken(part),
  );
  while (parts.length > 0 && parts[parts.length - 1] === '*') parts.pop();
  return parts.length === objectTokens ? [root, ...parts].join('.') : [root, ...parts, '>'].join('.');
}

/** Every object's messages. */
export function allFilter(root: string = SubjectRoot.ready): string {
  return subjectFilter({}, root);
}

/** Every object of one kind, in every namespace. */
export function kindFilter(ref: Pick<ObjectRef, 'group' | 'kind'>, root: string = SubjectRoot.ready): string {
  return subjectFilter({ group: ref.group, kind: ref.kind }, root);
}

/** Every object of one kind in one namespace. */
export function namespaceFilter(ref: Pick<ObjectRef, 'group' | 'kind' | 'namespace'>, root: string = SubjectRoot.ready): string {
  return subjectFilter({ group: ref.group, kind: ref.kind, namespace: ref.namespace }, root);
}

/** One object. */
export function objectFilter(ref: ObjectRef, root: string = SubjectRoot.ready): string {
  return subjectFor(ref, root);
}
