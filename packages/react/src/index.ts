export { RemoteComponent, type RemoteComponentProps } from './remote-component.js';
