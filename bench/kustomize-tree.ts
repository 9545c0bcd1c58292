// Writes the 1000-resource overlay tree of the kustomize benchmark: a base of apps (a Deployment, a
// Service and a ConfigMap each) with generators, commonLabels, namePrefix and images, and a staging
// overlay with patches of every kind, replicas and a namespace. Deployments refer to the generated
// ConfigMap and Secret, so the hashed names have to be rewritten through them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const tiers = ['web', 'api', 'worker'] as const;

// A self-signed RSA-2048 certificate (openssl req -x509, no key kept), so the Secret generator encodes a
// value of a real certificate's size.
const certificate = `-----BEGIN CERTIFICATE-----
MIIDWTCCAkGgAwIBAgIUC3+PeP/Dt0Jp4E5cN0MpNuLIY3YwDQYJKoZIhvcNAQEL
BQAwPDEiMCAGA1UEAwwZc2hvcC5zdGFnaW5nLmV4YW1wbGUudGVzdDEWMBQGA1UE
CgwNQ29uZmx1eCBiZW5jaDAeFw0yNjExMjYwNzI3NDJaFw0zNjExMjMwNzI3NDJa
MDwxIjAgBgNVBAMMGXNob3Auc3RhZ2luZy5leGFtcGxlLnRlc3QxFjAUBgNVBAoM
DUNvbmZsdXggYmVuY2gwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQD0
2XWny/I5SXiUjBXfXgQAJfIfQgIJWtV6G0WglWEoeJaquqxjr+AsGRHyVCbFCXv0
15HUehHoY2m1+uBGmi9L9S4EZz1R4iL9++G/7omAuBrbgJRuT+wIloNvCqm5OYcH
x+icJouUSHziYa1uVr62g6EP5DSyh3MSiIUauX/92nhS7p37WlDDh7W1v6FhNH4M
3Ej8pIg1Q3CbYreHSDInjl+LqqtxMH6/qEgDMXxONyVh+gSSNIcthIQgEOAJqwpN
Okdr0sxJF67GJO1NN7SJxrjbucrgXI8XCWrQzM0ge3eveu9hzQXDu5LS9/tkvNJg
rMea5MVdYlxAVzZ9oai7AgMBAAGjUzBRMB0GA1UdDgQWBBRlAVa4xyYj1TF+aeY/
J/6WodTP2DAfBgNVHSMEGDAWgBRlAVa4xyYj1TF+aeY/J/6WodTP2DAPBgNVHRMB
Af8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQCZHAz+FHQyJVPm9c3B/wDJ1+rC
WBTq49NAzGuVYKG7G++jjSdBErje/rA1BQ/2IyGvmKihVmg01w+TTvye9Y17jECT
+iaLgYUKHxTEmKc5wNTDjDzUXiFaBwT7oRtgscFkiWveFM3YOdQFplGaJ5fPE8Nl
gawCz5o/9TXDrUlYxJHNNO+gtC91pl0+0LG4BrjvETrjr38/N8qxpXGY3gVdK2se
tst/S0jyJN90k1ULLdKG+DqJa2DaGATaH+teYpmtSGh/XZZ0egKoWYfXueL9mk9f
78C3vnyXtrBj9+/5cRKVjVZ9891ZJfC7jPu+ZhqXeROW3JiPrZ4Zb6LjTd62
-----END CERTIFICATE-----
`;

function app(i: number): string {
  const tier = tiers[i % tiers.length]!;
  const image = tier === 'worker' ? 'redis:7.2' : 'nginx:1.25';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels: {app: app-${i}, tier: ${tier}}
spec:
  replicas: 1
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}, tier: ${tier}}
    spec:
      containers:
      - name: app
        image: ${image}
        ports:
        - {name: http, containerPort: 8080}
        env:
        - name: APP_INDEX
          value: "${i}"
        - name: API_TOKEN
          valueFrom:
            secretKeyRef: {name: shared-secret, key: token}
        envFrom:
        - configMapRef: {name: shared-config}
        volumeMounts:
        - {name: config, mountPath: /etc/app}
        - {name: tls, mountPath: /etc/tls}
      - name: metrics
        image: prom/statsd-exporter:v0.26.0
      volumes:
      - name: config
        configMap: {name: app-${i}-config}
      - name: tls
        secret: {secretName: shared-secret}
---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  labels: {app: app-${i}, tier: ${tier}}
spec:
  selector: {app: app-${i}}
  ports:
  - {name: http, port: 80, targetPort: http}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-${i}-config
  labels: {app: app-${i}, tier: ${tier}}
data:
  app.properties: |
    index=${i}
    tier=${tier}
  LOG_LEVEL: info
`;
}

function baseKustomization(apps: number): string {
  const resources = Array.from({ length: apps }, (_, i) => `- apps/app-${i}.yaml`).join('\n');
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namePrefix: shop-
commonLabels:
  app.kubernetes.io/part-of: shop
commonAnnotations:
  owner: platform-team
images:
- name: nginx
  newTag: "1.27"
- name: redis
  newName: mirror.example.com/redis
  digest: sha256:0c8f3d4a4e1b2c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5
generatorOptions:
  labels:
    generated: "true"
configMapGenerator:
- name: shared-config
  literals:
  - FEATURE_X=on
  - REGION=eu-west-1
  envs:
  - shared.env
  files:
  - settings.json
secretGenerator:
- name: shared-secret
  literals:
  - token=s3cr3t
  files:
  - tls.crt
resources:
${resources}
`;
}

const overlayKustomization = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: staging
resources:
- ../../base
commonLabels:
  env: staging
images:
- name: nginx
  newName: registry.staging.example.com/nginx
replicas:
- name: shop-app-0
  count: 3
- name: shop-app-1
  count: 2
configMapGenerator:
- name: shared-config
  behavior: merge
  literals:
  - REGION=eu-central-1
  - STAGING=true
- name: staging-flags
  literals:
  - CANARY=10
patches:
# Every Deployment: limits on the app container (merged by name) and a value from the staging flags.
- target:
    kind: Deployment
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: any
    spec:
      revisionHistoryLimit: 3
      template:
        spec:
          containers:
          - name: app
            resources:
              limits: {cpu: 500m, memory: 256Mi}
            env:
            - name: CANARY
              valueFrom:
                configMapKeyRef: {name: staging-flags, key: CANARY}
# A third of them, by label: workers are recreated and tolerate the batch nodes.
- target:
    kind: Deployment
    labelSelector: tier=worker
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: any
    spec:
      strategy:
        type: Recreate
      template:
        spec:
          tolerations:
          - {key: batch, operator: Exists, effect: NoSchedule}
# Every web ConfigMap, by label: another key.
- target:
    kind: ConfigMap
    labelSelector: tier=web
  patch: |-
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: any
    data:
      CACHE: "on"
# One object by name, from a file, without a target.
- path: app-0-probe.yaml
# Remove one Service.
- patch: |-
    apiVersion: v1
    kind: Service
    metadata:
      name: shop-app-2
    $patch: delete
# JSON 6902 over every api Service: a second port.
- target:
    kind: Service
    labelSelector: tier=api
  patch: |-
    - op: add
      path: /spec/ports/-
      value: {name: grpc, port: 9090, targetPort: 9090}
# JSON 6902 over every api Deployment: an extra variable and a replaced image on the sidecar.
- target:
    group: apps
    version: v1
    kind: Deployment
    labelSelector: tier=api
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/env/-
      value: {name: GRPC_PORT, value: "9090"}
    - op: replace
      path: /spec/template/spec/containers/1/image
      value: prom/statsd-exporter:v0.27.1
# JSON 6902 by name pattern.
- target:
    kind: Service
    name: shop-app-1.*
  patch: |-
    - op: add
      path: /metadata/annotations/staging.example.com~1exposed
      value: "true"
`;

const probePatch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-app-0
spec:
  template:
    spec:
      containers:
      - name: app
        readinessProbe:
          httpGet: {path: /healthz, port: http}
`;

/** Writes the tree under `root` (which must exist) and returns the overlay's path relative to it. */
export function writeOverlayTree(root: string, apps: number): string {
  mkdirSync(join(root, 'base', 'apps'), { recursive: true });
  mkdirSync(join(root, 'overlays', 'staging'), { recursive: true });
  for (let i = 0; i < apps; i++) writeFileSync(join(root, 'base', 'apps', `app-${i}.yaml`), app(i));
  writeFileSync(join(root, 'base', 'kustomization.yaml'), baseKustomization(apps));
  writeFileSync(join(root, 'base', 'shared.env'), '# shared settings\nDB_HOST=db.internal\nDB_PORT=5432\n');
  writeFileSync(join(root, 'base', 'settings.json'), '{"retries": 3, "timeoutSeconds": 10}\n');
  writeFileSync(join(root, 'base', 'tls.crt'), certificate);
  writeFileSync(join(root, 'overlays', 'staging', 'kustomization.yaml'), overlayKustomization);
  writeFileSync(join(root, 'overlays', 'staging', 'app-0-probe.yaml'), probePatch);
  return 'overlays/staging';
}
