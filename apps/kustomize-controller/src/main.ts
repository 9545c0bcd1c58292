// kustomize-controller: builds the manifests of Kustomization objects from source artifacts and applies
// them with server-side apply. Runs as `node apps/kustomize-controller/src/main.ts` with KUBECONFIG and
// NATS_URL, or with upstream's flags.
import { createKustomizeController } from './app.ts';

const controller = await createKustomizeController();
await controller.start();
