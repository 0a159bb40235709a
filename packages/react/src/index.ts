export { RemoteComponent, type RemoteComponentProps } from './remote-component.js';
export { useStore } from './use-store.js';
export { useTopic } from './use-topic.js';
