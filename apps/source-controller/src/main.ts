// source-controller: turns GitRepository objects into artifacts served over HTTP.
// Runs as `node apps/source-controller/src/main.ts` with KUBECONFIG and NATS_URL, or with upstream's flags.
import { createSourceController } from './app.ts';

const controller = await createSourceController();
// SIGTERM stops the manager; the artifact server has to go too, or its sockets keep the process alive.
controller.manager.done.then(() => controller.server?.close()).catch(() => undefined);
await controller.start();
