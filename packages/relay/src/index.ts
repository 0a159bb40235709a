export { startRelay, type Relay } from './start-relay.js';
export { resolveRelayOptions, type RelayOptions, type ResolvedRelayOptions } from './options.js';
export type { AllowRules } from './allow-rules.js';
export { jwtVerifier, type JwtVerifierOptions } from './jwt-verifier.js';
export { RelayError, type RelayErrorCode } from './relay-error.js';
