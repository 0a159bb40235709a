export {
  createBus,
  type Bus,
  type BusOptions,
  type MessageMeta,
  type SubscribeOptions,
  type RequestOptions,
  type RequestMap,
} from './create-bus.js';
export { getBus, type BusRegistry } from './registry.js';
export { BusError, isBusError, type BusErrorCode } from './bus-error.js';
export type { TopicPattern, TopicsMatching, PatternsOf, PatternMatches } from './topic-pattern.js';
export { PROTOCOL, type BusMessage } from './message.js';
export type { Transport, TransportLink } from './transports/transport.js';
export { broadcastChannelTransport } from './transports/broadcast-channel.js';
export { messagePortTransport, type PortLike } from './transports/message-port.js';
export { windowTransport, type WindowLike, type WindowTransportOptions, type MessageEventTargetLike } from './transports/window.js';
export { websocketTransport, type WebSocketTransport, type WebSocketTransportOptions } from './transports/websocket.js';
export {
  connectRelay,
  type RelayClient,
  type RelayClientOptions,
  type RelayStatus,
  type RelayEphemeral,
  type WebSocketLike,
  type WebSocketConstructor,
} from './transports/websocket-client.js';
export type { RelayMessage } from './relay-protocol.js';
