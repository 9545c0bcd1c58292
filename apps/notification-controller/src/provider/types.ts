// What every provider type works from: the resolved settings of a Provider, the event after the metadata
// pipeline, and a way to send HTTP requests. A notifier builds its requests with pure functions (unit-
// tested against the reference) and sends them through `send`, which retries and enforces the timeout.
import type { NotificationEvent } from '@conflux/bus';

export interface ProviderSettings {
  /** spec.type. */
  type: string;
  /** The Secret's `address`, else spec.address. */
  address: string;
  channel: string;
  /** The Secret's `username`, else spec.username. */
  username: string;
  password: string;
  token: string;
  /** The Secret's `headers`, a YAML map. */
  headers: Record<string, string>;
  /** The commit status ID (reference §2.3 step 7), for commit-status types. */
  commitStatus: string;
  /** metadata.uid of the Provider, which keys the change-request comments it writes. */
  providerUID?: string;
  /** Every key of the Secret, for the type-specific ones (nats `creds` and `nkey`). */
  secret?: Readonly<Record<string, string>>;
}

export interface NotificationRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface NotificationResponse {
  status: number;
  body: string;
}

/** Sends a request; resolves with a 2xx answer, rejects with a NotificationError after the last retry. */
export type Send = (request: NotificationRequest) => Promise<NotificationResponse>;

/**
 * Delivers one event; rejects when delivery failed for good. Resolving without sending is a skip. `signal`
 * ends with the Provider's timeout, for notifiers that do not speak HTTP through `send`.
 */
export type Notifier = (event: NotificationEvent, settings: ProviderSettings, send: Send, signal?: AbortSignal) => Promise<void>;

export class NotificationError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'NotificationError';
    this.status = status;
  }
}

export const jsonHeaders = { 'Content-Type': 'application/json' } as const;
