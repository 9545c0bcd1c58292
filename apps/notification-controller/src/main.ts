// notification-controller: events in over HTTP (:9090) and NATS, alerts out to providers, and webhook
// receivers (:9292). Runs as `node apps/notification-controller/src/main.ts` with KUBECONFIG and NATS_URL,
// or with upstream's flags.
import { createNotificationController } from './app.ts';

const controller = await createNotificationController();
// SIGTERM stops the manager; the HTTP servers and the consumer have to go too, or they keep the process alive.
controller.manager.done.then(() => controller.stop()).catch(() => undefined);
await controller.start();
