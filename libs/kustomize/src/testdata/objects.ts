// Small manifests shared by the fixtures. Written for these tests; modelled on the kinds real overlays touch.

export const deployment = (name = 'web', extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: app
        image: nginx:1.25
        ports:
        - containerPort: 80
          protocol: TCP
        env:
        - name: MODE
          value: base
        volumeMounts:
        - name: config
          mountPath: /etc/app
      - name: sidecar
        image: busybox
        args: ["sleep", "3600"]
      volumes:
      - name: config
        configMap:
          name: app-config${extra}
`;

export const service = (name = 'web'): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - name: http
    port: 80
    targetPort: 80
`;

export const configMap = (name = 'plain', value = 'x'): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  key: ${value}
`;

export const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
`;

export const widget = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: gadget
spec:
  items:
  - name: a
    size: 1
  - name: b
    size: 2
  template:
    spec:
      containers:
      - name: w
        image: nginx:1.0
`;

export const namespace = (name = 'team'): string => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
`;

export const rbac = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
- kind: ServiceAccount
  name: runner
- kind: ServiceAccount
  name: default
- kind: User
  name: alice
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: viewer
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: view
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: viewer
subjects:
- kind: ServiceAccount
  name: runner
  namespace: apps
`;

export const workloads = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: postgres:16
        envFrom:
        - configMapRef:
            name: db-env
        - secretRef:
            name: db-secret
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: backup
            image: postgres:16
            env:
            - name: PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db-secret
                  key: password
            - name: HOST
              valueFrom:
                configMapKeyRef:
                  name: db-env
                  key: host
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: agent
        image: registry.example.com:5000/agent:2.0@sha256:abc
      volumes:
      - name: creds
        secret:
          secretName: db-secret
      - name: proj
        projected:
          sources:
          - configMap:
              name: db-env
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: db
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: db
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db
spec:
  podSelector:
    matchLabels:
      app: db
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: web
`;
