package dev.hyperdrive.wire;

/**
 * The Int32 codes that open an untagged startup-phase packet: a protocol version, or one of the special
 * request codes PostgreSQL reserves in the 1234.x "major version"
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html, StartupMessage, SSLRequest,
 * GSSENCRequest, CancelRequest).
 */
public final class StartupCodes {
  public static final int CANCEL_REQUEST = 80877102;
  public static final int SSL_REQUEST = 80877103;
  public static final int GSSENC_REQUEST = 80877104;

  /** Protocol 3.0; minor versions above it are decoded and negotiated down by the session layer. */
  public static final int PROTOCOL_3_0 = 3 << 16;

  /** SSLRequest and GSSENCRequest: length and code, nothing else. */
  public static final int ENCRYPTION_REQUEST_LENGTH = 8;
  /** CancelRequest in protocol 3.0: length, code, process id and a 4-byte secret key. */
  public static final int CANCEL_REQUEST_LENGTH = 16;

  private StartupCodes() {}

  public static int majorVersion(int code) {
    return code >>> 16;
  }

  public static int minorVersion(int code) {
    return code & 0xFFFF;
  }

  /** Whether {@code code} names a protocol version we speak: major 3, any minor. */
  public static boolean isProtocol3(int code) {
    return majorVersion(code) == 3;
  }

  public static boolean isEncryptionRequest(int code) {
    return code == SSL_REQUEST || code == GSSENC_REQUEST;
  }

  /** Checks the code and total length of a startup packet, with PostgreSQL's wording for refusals. */
  public static void checkPacket(int code, int length) throws ProtocolException {
    checkLength(length);
    if (isEncryptionRequest(code)) {
      requireLength(length, ENCRYPTION_REQUEST_LENGTH, code == SSL_REQUEST ? "SSLRequest" : "GSSENCRequest");
    } else if (code == CANCEL_REQUEST) {
      requireLength(length, CANCEL_REQUEST_LENGTH, "CancelRequest");
    } else if (!isProtocol3(code)) {
      throw new ProtocolException("unsupported frontend protocol " + majorVersion(code) + "." + minorVersion(code)
          + ": server supports 3.0 to 3.0 (newer 3.x minor versions are negotiated down)");
    }
  }

  /** Any startup packet: at least its length and code, at most {@link MessageLimits#MAX_STARTUP_PACKET_LENGTH}. */
  public static void checkLength(int length) throws ProtocolException {
    if (length < 8 || length > MessageLimits.MAX_STARTUP_PACKET_LENGTH) {
      throw new ProtocolException("invalid length of startup packet: " + length);
    }
  }

  private static void requireLength(int length, int expected, String packet) throws ProtocolException {
    if (length != expected) {
      throw new ProtocolException("invalid length of startup packet: " + packet + " must be " + expected
          + " bytes, got " + length);
    }
  }
}
