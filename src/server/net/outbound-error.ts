/** What went wrong with an outbound connection, in a closed list the probes turn into messages. */
export type OutboundErrorCode =
  | 'address_refused'
  | 'scheme_refused'
  | 'dns_failed'
  | 'timeout'
  | 'aborted'
  | 'connect_failed'
  | 'tls_failed';

/** The step an outbound request was in; timeouts name it. */
export type OutboundPhase = 'dns' | 'connect' | 'tls' | 'headers' | 'body';

/** An outbound failure with a message fit to show an operator (no stack, no secrets). */
export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    readonly details: { phase?: OutboundPhase; address?: string; range?: string; cause?: string } = {},
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

const phaseWords: Record<OutboundPhase, string> = {
  dns: 'resolving the host',
  connect: 'connecting',
  tls: 'during the TLS handshake',
  headers: 'waiting for headers',
  body: 'reading the body',
};

/** "timed out after 5000 ms waiting for headers". */
export function describeTimeout(timeoutMs: number, phase: OutboundPhase): string {
  return `timed out after ${Math.round(timeoutMs)} ms ${phaseWords[phase]}`;
}

const socketErrorWords: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  EPIPE: 'connection closed by the server',
  ETIMEDOUT: 'connection timed out',
};

const tlsErrorWords: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'issuer not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'issuer not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issuer not trusted',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  CERT_REVOKED: 'certificate revoked',
  CERT_UNTRUSTED: 'certificate not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host',
};

/** A short human phrase for a socket or TLS error code, or null when the code is not a known one. */
export function describeErrorCode(code: string | undefined): string | null {
  if (code === undefined) return null;
  return socketErrorWords[code] ?? (tlsErrorWords[code] ? `TLS: ${tlsErrorWords[code]}` : null);
}

/** The phrase for a certificate verification code such as `CERT_HAS_EXPIRED`. */
export function describeCertificateError(code: string): string {
  return tlsErrorWords[code] ?? code.toLowerCase().replaceAll('_', ' ');
}

/** The `code` of a Node or undici error, when it has one. */
export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
