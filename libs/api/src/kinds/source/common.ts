import { array, boolean, duration, object, oneOf, ref, string, stringMap } from '../../schema/dsl.ts';
import { LocalObjectReference } from '../../meta.ts';

export const sourceGroup = 'source.toolkit.fluxcd.io';
export const sourceCategories = ['all', 'fluxcd', 'fluxcd-sources'] as const;

export function interval(what: string, required = true) {
  return duration({
    doc: `How often the ${what} is checked for changes. The controller adds a little jitter to spread the load.`,
    required,
  });
}

/** Source timeouts accept ms, s and m only: upstream never allowed hours here. */
export function timeout(what: string, withDefault = true) {
  return duration({
    doc: `Timeout for ${what}${withDefault ? '. Defaults to 60s.' : '. Defaults to 60s when empty.'}`,
    hours: false,
    ...(withDefault ? { default: '60s' } : {}),
  });
}

export function ignore() {
  return string({
    doc:
      'Exclusion patterns in .sourceignore (gitignore) syntax. When set, they replace the default exclusions; the\n' +
      'version-control files are always excluded.',
  });
}

export function certSecretRef(what: string) {
  return ref(LocalObjectReference, {
    doc:
      `A Secret with TLS material for connecting to the ${what}: a CA certificate ('ca.crt'), a client certificate\n` +
      "and key ('tls.crt', 'tls.key'), or both. The Secret type must be Opaque or kubernetes.io/tls.",
  });
}

export function proxySecretRef(what: string) {
  return ref(LocalObjectReference, {
    doc: `A Secret with the proxy to use for the ${what}: 'address' (required), and optionally 'username' and 'password'.`,
  });
}

export const OIDCIdentityMatch = object(
  {
    issuer: string({ doc: 'A Go regular expression the OIDC issuer of the Fulcio certificate must match.', required: true }),
    subject: string({ doc: 'A Go regular expression the identity subject of the Fulcio certificate must match.', required: true }),
  },
  { typeName: 'OIDCIdentityMatch', typeDoc: 'The issuer and subject a keyless signature must have been made with.' },
);

export const OCIRepositoryVerification = object(
  {
    provider: oneOf(['cosign', 'notation'], { doc: 'The signing technology to verify with.', default: 'cosign', required: true }),
    secretRef: ref(LocalObjectReference, {
      doc: "A Secret with the trusted public keys ('*.pub' for cosign; certificates and 'trustpolicy.json' for notation).",
    }),
    matchOIDCIdentity: array(OIDCIdentityMatch, {
      doc: 'For cosign keyless signatures: the artifact is verified when any of these identities matches.',
    }),
    trustedRootSecretRef: ref(LocalObjectReference, {
      doc: "A Secret with a Sigstore 'trusted_root.json', to verify against a self-hosted Sigstore.",
    }),
  },
  { typeName: 'OCIRepositoryVerification', typeDoc: 'How to verify the signature of an OCI artifact.' },
);

export const AccessFrom = object(
  {
    namespaceSelectors: array(
      object(
        { matchLabels: stringMap({ doc: 'Labels a namespace must have; all of them must match.' }) },
        { typeName: 'NamespaceSelector', typeDoc: 'Selects namespaces by label.' },
      ),
      { doc: 'Namespaces allowed to refer to this object; any selector may match.', required: true },
    ),
  },
  {
    typeName: 'AccessFrom',
    typeDoc: 'Which namespaces may refer to this object across namespaces. Provisional: not enforced.',
  },
);

export function suspendField(what: string) {
  return boolean({ doc: `Stops the controller from reconciling this ${what}.` });
}
