// The rate-limit key of an event (reference §1.4). It is also the Nats-Msg-Id producers publish with, so
// the HTTP path and the JetStream path dedup against each other; libs/bus owns the one implementation.
export { eventMessageId as eventKey } from '@conflux/bus';
