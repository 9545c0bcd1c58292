import { readFileSync } from 'node:fs';
import type { Fixture } from './fixtures.ts';
import { deployment, workloads } from './objects.ts';

// Differential fixtures for the values kustomize base64-encodes (Secret data, ConfigMap binaryData), which
// it wraps every 70 characters. The wrapping feeds the hash suffix, so each fixture also has something
// that refers to the generated name.

const k = (body: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;

// A self-signed RSA-2048 certificate and key made with openssl for these tests only (see pki/README.md).
const pki = (file: string): string => readFileSync(new URL(`./pki/${file}`, import.meta.url), 'utf8');
const tlsCrt = pki('tls.crt');
const tlsKey = pki('tls.key');

/** `n` bytes of text, so that the base64 length is known: 51 bytes → 68 characters, 52 → 72, 105 → 140. */
const bytes = (n: number, fill = 'a'): string => fill.repeat(n);

/** Every byte value, most of them invalid as UTF-8, so kustomize puts the file in binaryData. */
const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
/** Non-UTF-8 content of a given length, for the 68/72-character boundary in binaryData. */
const binary = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => 0x80 + (i % 0x40));

const ingress = (secret: string): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  tls:
  - hosts: [shop.example.test]
    secretName: ${secret}
  rules:
  - host: shop.example.test
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: shop
            port:
              number: 80
`;

const tlsDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: app
        image: shop:1
        envFrom:
        - secretRef:
            name: api-token
        volumeMounts:
        - name: tls
          mountPath: /etc/tls
        - name: blob
          mountPath: /etc/blob
      volumes:
      - name: tls
        secret:
          secretName: shop-tls
      - name: blob
        configMap:
          name: blobs
`;

export const base64Fixtures: Fixture[] = [
  { name: 'base64: kubernetes.io/tls Secret from a PEM certificate and key, referenced by an Ingress and a Deployment', files: {
    'kustomization.yaml': k(`secretGenerator:
- name: shop-tls
  type: kubernetes.io/tls
  files:
  - tls.crt
  - tls.key
- name: api-token
  literals:
  - TOKEN=${bytes(40, 'tok')}
configMapGenerator:
- name: blobs
  files:
  - blob.bin
resources:
- ingress.yaml
- deployment.yaml
`),
    'tls.crt': tlsCrt, 'tls.key': tlsKey, 'blob.bin': allBytes, 'ingress.yaml': ingress('shop-tls'), 'deployment.yaml': tlsDeployment,
  } },
  { name: 'base64: the certificate renamed, with a CA bundle key and a namespace', files: {
    'kustomization.yaml': k(`namespace: shop
namePrefix: prod-
secretGenerator:
- name: shop-tls
  files:
  - tls.crt=certs/server.pem
  - tls.key=certs/server-key.pem
  - ca.crt=certs/server.pem
resources:
- ingress.yaml
`),
    'certs/server.pem': tlsCrt, 'certs/server-key.pem': tlsKey, 'ingress.yaml': ingress('shop-tls'),
  } },
  { name: 'base64: a long literal, in a Secret (wrapped) and a ConfigMap (plain text)', files: {
    'kustomization.yaml': k(`secretGenerator:
- name: db-secret
  literals:
  - password=${bytes(300, 'Sup3r-s3cret/')}
configMapGenerator:
- name: db-env
  literals:
  - banner=${bytes(300, 'hello ')}
resources:
- w.yaml
`),
    'w.yaml': workloads,
  } },
  { name: 'base64: boundaries around 70 characters, and at 140', files: {
    'kustomization.yaml': k(`secretGenerator:
- name: edges
  literals:
  - b51=${bytes(51)}
  - b52=${bytes(52)}
  - b53=${bytes(53)}
  - b54=${bytes(54)}
  - b70=${bytes(70)}
  - b71=${bytes(71)}
  - b104=${bytes(104)}
  - b105=${bytes(105)}
  - b106=${bytes(106)}
  - empty=
  - utf8=${bytes(26, 'ü')}
`),
  } },
  { name: 'base64: values from files and envs, with and without a trailing newline', files: {
    'kustomization.yaml': k(`secretGenerator:
- name: files
  files:
  - nl.txt
  - no-nl.txt
  - exact.txt
  envs:
  - long.env
`),
    'nl.txt': `${bytes(51)}\n`, 'no-nl.txt': bytes(52), 'exact.txt': `${bytes(104)}\n`, 'long.env': `SHORT=x\nLONG=${bytes(200, 'ab')}\n`,
  } },
  { name: 'base64: ConfigMap binaryData from binary files around the boundary', files: {
    'kustomization.yaml': k(`configMapGenerator:
- name: blobs
  files:
  - all.bin
  - b51.bin
  - b52.bin
  - b105.bin
  - tiny.bin
  literals:
  - text=${bytes(120, 'plain ')}
resources:
- deployment.yaml
`),
    'all.bin': allBytes, 'b51.bin': binary(51), 'b52.bin': binary(52), 'b105.bin': binary(105), 'tiny.bin': Uint8Array.of(0xff, 0xfe),
    'deployment.yaml': tlsDeployment,
  } },
  { name: 'base64: behavior merge of long values into a base Secret and ConfigMap', files: {
    'base/kustomization.yaml': k(`secretGenerator:
- name: db-secret
  literals:
  - user=admin
  - password=${bytes(80, 'base')}
configMapGenerator:
- name: db-env
  files:
  - blob=blob.bin
resources:
- w.yaml
`),
    'base/blob.bin': binary(60), 'base/w.yaml': workloads,
    'overlay/kustomization.yaml': k(`resources:
- ../base
secretGenerator:
- name: db-secret
  behavior: merge
  literals:
  - password=${bytes(90, 'prod')}
  files:
  - tls.crt
configMapGenerator:
- name: db-env
  behavior: merge
  files:
  - extra=extra.bin
`),
    'overlay/tls.crt': tlsCrt, 'overlay/extra.bin': allBytes,
  }, dir: 'overlay' },
  { name: 'base64: behavior replace with a certificate', files: {
    'base/kustomization.yaml': k('secretGenerator:\n- name: db-secret\n  literals: [password=short]\nresources:\n- w.yaml\n'),
    'base/w.yaml': workloads,
    'overlay/kustomization.yaml': k('namePrefix: o-\nresources:\n- ../base\nsecretGenerator:\n- name: db-secret\n  behavior: replace\n  files:\n  - tls.crt\n  - tls.key\n'),
    'overlay/tls.crt': tlsCrt, 'overlay/tls.key': tlsKey,
  }, dir: 'overlay' },
  { name: 'base64: merge a generated Secret into a plain Secret whose data is on one line', files: {
    'base/kustomization.yaml': k('resources:\n- secret.yaml\n- w.yaml\n'),
    'base/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-secret\ntype: Opaque\ndata:\n  old: ${Buffer.from(bytes(120)).toString('base64')}\n`,
    'base/w.yaml': workloads,
    'overlay/kustomization.yaml': k(`resources:
- ../base
secretGenerator:
- name: db-secret
  behavior: merge
  literals:
  - new=${bytes(120)}
`),
  }, dir: 'overlay' },
  { name: 'base64: a wrapped value copied by a replacement, with the hash turned off', files: {
    'kustomization.yaml': k(`generatorOptions:
  disableNameSuffixHash: true
secretGenerator:
- name: shop-tls
  files:
  - tls.crt
resources:
- cm.yaml
replacements:
- source:
    kind: Secret
    name: shop-tls
    fieldPath: data.[tls.crt]
  targets:
  - select:
      kind: ConfigMap
      name: ca
    fieldPaths:
    - data.bundle
`),
    'tls.crt': tlsCrt, 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ca\ndata:\n  bundle: placeholder\n',
  } },
  { name: 'base64: binaryData merged in an overlay with labels, mounted by a Deployment', files: {
    'base/kustomization.yaml': k('resources:\n- d.yaml\nconfigMapGenerator:\n- name: app-config\n  files:\n  - logo.bin\n'),
    'base/d.yaml': deployment(), 'base/logo.bin': binary(200),
    'overlay/kustomization.yaml': k(`resources:
- ../base
labels:
- pairs:
    env: prod
configMapGenerator:
- name: app-config
  behavior: merge
  files:
  - logo.bin
`),
    'overlay/logo.bin': binary(300),
  }, dir: 'overlay' },

  // Found while writing the fixtures above: which side of a merge or replace decides the hash suffix, and
  // replacement paths that name a key with dots in brackets.
  { name: 'generators: merge and replace keep a hash suffix only when both sides want one', files: {
    'base/kustomization.yaml': k(`resources: [plain.yaml]
configMapGenerator:
- name: hashed
  literals: [a=1]
- name: unhashed
  literals: [a=1]
  options: {disableNameSuffixHash: true}
- name: hashed2
  literals: [a=1]
- name: unhashed2
  literals: [a=1]
  options: {disableNameSuffixHash: true}
- name: both
  literals: [a=1]
`),
    'base/plain.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {a: "0"}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain2}\ndata: {a: "0"}\n',
    'overlay/kustomization.yaml': k(`resources: [../base, d.yaml]
configMapGenerator:
- name: plain
  behavior: merge
  literals: [b=2]
- name: plain2
  behavior: replace
  literals: [b=2]
- name: hashed
  behavior: merge
  literals: [b=2]
  options: {disableNameSuffixHash: true}
- name: unhashed
  behavior: merge
  literals: [b=2]
- name: hashed2
  behavior: replace
  literals: [b=2]
  options: {disableNameSuffixHash: true}
- name: unhashed2
  behavior: replace
  literals: [b=2]
- name: both
  behavior: merge
  literals: [b=2]
`),
    'overlay/d.yaml': deployment('web', '').replace('name: app-config', 'name: plain'),
  }, dir: 'overlay' },
  { name: 'replacements: bracketed keys with dots in source and target paths', files: {
    'kustomization.yaml': k(`resources:
- cm.yaml
- d.yaml
replacements:
- source:
    kind: ConfigMap
    name: ca
    fieldPath: data.[ca.crt]
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - metadata.annotations.[example.com/ca.bundle]
    - spec.template.metadata.annotations.[checksum.example.com/ca]
    options:
      create: true
`),
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ca\ndata:\n  ca.crt: the-ca\n',
    'd.yaml': deployment(),
  } },
];
