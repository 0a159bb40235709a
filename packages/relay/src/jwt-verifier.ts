import type { IncomingMessage } from 'node:http';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export interface JwtVerifierOptions {
  /** HMAC secret (HS256…), or the URL of a JWKS (`https://issuer/.well-known/jwks.json`) for RS/ES/EdDSA keys. */
  secret?: string;
  jwksUrl?: string;
  /** Required `iss` and `aud` claims, when given. */
  issuer?: string;
  audience?: string;
}

/**
 * A `verify` hook for `startRelay` that checks a JWT with `jose`. Browsers cannot set headers on
 * a WebSocket, so the token is read from the `token` query parameter (`ws://relay/?token=…`), or
 * from `Authorization: Bearer …` for other clients. Resolves to the token's claims (the `user`
 * that `allow` receives); a missing, expired or badly signed token rejects (HTTP 401).
 */
export function jwtVerifier(options: JwtVerifierOptions): (request: IncomingMessage) => Promise<JWTPayload> {
  const key = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : new TextEncoder().encode(options.secret);
  if (!options.jwksUrl && !options.secret) throw new TypeError('jwtVerifier needs secret or jwksUrl');
  return async (request) => {
    const fromQuery = new URL(request.url ?? '/', 'http://relay').searchParams.get('token');
    const fromHeader = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = fromQuery ?? fromHeader;
    if (!token) throw new Error('no token');
    const { payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], { issuer: options.issuer, audience: options.audience });
    return payload;
  };
}
