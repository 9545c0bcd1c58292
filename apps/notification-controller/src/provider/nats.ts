// nats (reference §2.4, §7): the event JSON published to the subject `channel` on the server `address`,
// over a connection opened for this one event, as upstream does. Credentials come from the Secret, in
// upstream's order of preference: a `creds` file (JWT and seed), an `nkey` seed, then username+password.
// This is the user's NATS, unrelated to Conflux's own bus.
import { type Authenticator, connect, credsAuthenticator, nkeyAuthenticator, usernamePasswordAuthenticator } from '@nats-io/transport-node';
import { encodeEvent } from '../event/wire.ts';
import { NotificationError, type Notifier, type ProviderSettings } from './types.ts';

export const natsConnectionName = 'NATS Provider Publisher';

export interface NatsPublication {
  server: string;
  subject: string;
  auth: { kind: 'creds' | 'nkey' | 'userPassword' | 'none'; authenticator?: Authenticator };
}

/** Where and how to publish; throws a NotificationError when address or channel is missing. */
export function natsPublication(settings: ProviderSettings): NatsPublication {
  if (!settings.address) throw new NotificationError('NATS server (address) cannot be empty');
  if (!settings.channel) throw new NotificationError('NATS subject (channel) cannot be empty');
  const secret = settings.secret ?? {};
  const encoder = new TextEncoder();
  let auth: NatsPublication['auth'] = { kind: 'none' };
  if (secret['creds']) auth = { kind: 'creds', authenticator: credsAuthenticator(encoder.encode(secret['creds'])) };
  else if (secret['nkey']) auth = { kind: 'nkey', authenticator: nkeyAuthenticator(encoder.encode(secret['nkey'].trim())) };
  else if (settings.username && settings.password) auth = { kind: 'userPassword', authenticator: usernamePasswordAuthenticator(settings.username, settings.password) };
  return { server: settings.address, subject: settings.channel, auth };
}

export const nats: Notifier = async (event, settings, _send, signal) => {
  const target = natsPublication(settings);
  const timeout = 10_000;
  let nc;
  try {
    nc = await connect({ servers: target.server, name: natsConnectionName, timeout, reconnect: false, ...(target.auth.authenticator ? { authenticator: target.auth.authenticator } : {}) });
  } catch (err) {
    throw new NotificationError(`error connecting to NATS server ${target.server}: ${(err as Error).message}`);
  }
  const abort = () => void nc.close();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    nc.publish(target.subject, encodeEvent(event));
    await nc.flush();
  } catch (err) {
    throw new NotificationError(`error publishing event to NATS subject ${target.subject}: ${(err as Error).message}`);
  } finally {
    signal?.removeEventListener('abort', abort);
    await nc.close();
  }
  // A permission violation closes nothing but is reported asynchronously; closed() resolves with it.
  const closedWith = await nc.closed();
  if (closedWith) throw new NotificationError(`error publishing event to NATS subject ${target.subject}: ${closedWith.message}`);
};
