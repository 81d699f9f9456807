package dev.hyperdrive.wire.frontend;

/**
 * Which message a 'p' frame holds. The tag is shared, so only the authentication exchange in progress
 * tells them apart.
 */
public enum AuthResponseKind {
  /** Cleartext or MD5 password, answering AuthenticationCleartextPassword / AuthenticationMD5Password. */
  PASSWORD,
  /** The first SASL message, answering AuthenticationSASL. */
  SASL_INITIAL,
  /** A later SASL message, answering AuthenticationSASLContinue. */
  SASL_RESPONSE
}
