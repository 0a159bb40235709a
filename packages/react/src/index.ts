export { RemoteComponent, type RemoteComponentProps, type RemoteFallback, type RemoteProps } from './remote-component.js';
export { useStore } from './use-store.js';
export { useTopic } from './use-topic.js';
export { useRelayStatus } from './use-relay-status.js';
