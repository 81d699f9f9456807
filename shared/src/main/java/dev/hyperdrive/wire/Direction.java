package dev.hyperdrive.wire;

/**
 * Which side of a PostgreSQL connection sends the frames being read, and therefore which tags are valid,
 * which messages have a fixed length and how large each may be
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html).
 */
public enum Direction {
  /** Messages a client (driver) sends to a server. */
  FRONTEND,
  /** Messages a server sends to a client. */
  BACKEND;

  /**
   * PostgreSQL's cap for frontend control messages (PQ_SMALL_MESSAGE_LIMIT in src/backend/tcop/postgres.c
   * SocketBackend): nothing legitimate comes close, so a larger claim is refused before buffering.
   */
  public static final int SMALL_MESSAGE_LIMIT = 10_000;
  /** PostgreSQL's cap for authentication responses (PG_MAX_AUTH_TOKEN_LENGTH in src/backend/libpq/auth.c). */
  public static final int AUTH_MESSAGE_LIMIT = 65_535;

  private static final int VARIABLE = -1;
  private static final int UNKNOWN = 0;
  private static final int SMALL = 1;
  private static final int AUTH = 2;
  private static final int LARGE = 3;

  private final int[] sizeClass = new int[256];
  private final int[] fixedLength = new int[256];

  static {
    // Frontend: Bind, Parse, Query, CopyData and FunctionCall carry user data of any size.
    FRONTEND.define(LARGE, 'B', 'P', 'Q', 'd', 'F');
    FRONTEND.define(SMALL, 'C', 'D', 'E', 'f');
    FRONTEND.define(AUTH, 'p');
    FRONTEND.defineFixed(4, 'H', 'S', 'X', 'c');

    BACKEND.define(LARGE, 'R', 'C', 'G', 'H', 'W', 'd', 'D', 'E', 'V', 'N', 'A', 't', 'S', 'T', 'v');
    BACKEND.defineFixed(4, '1', '2', '3', 'n', 'c', 's', 'I');
    BACKEND.defineFixed(5, 'Z');
    // BackendKeyData carries a 4-byte secret in protocol 3.0, the only version we speak to an origin.
    BACKEND.defineFixed(12, 'K');
  }

  private void define(int sizeClassOfTags, char... tags) {
    for (char tag : tags) {
      sizeClass[tag] = sizeClassOfTags;
      fixedLength[tag] = VARIABLE;
    }
  }

  private void defineFixed(int length, char... tags) {
    for (char tag : tags) {
      sizeClass[tag] = SMALL;
      fixedLength[tag] = length;
    }
  }

  public boolean isValidTag(byte tag) {
    return sizeClass[tag & 0xFF] != UNKNOWN;
  }

  /** The only legal value of the Int32 length field for {@code tag}, or -1 if its length varies. */
  public int fixedLength(byte tag) {
    return isValidTag(tag) ? fixedLength[tag & 0xFF] : VARIABLE;
  }

  /** The largest legal value of the Int32 length field (which counts itself) for a valid {@code tag}. */
  public int maxLength(byte tag, MessageLimits limits) {
    int large = limits.maxMessageLength();
    switch (sizeClass[tag & 0xFF]) {
      case SMALL:
        return Math.min(SMALL_MESSAGE_LIMIT, large);
      case AUTH:
        return Math.min(AUTH_MESSAGE_LIMIT, large);
      case LARGE:
        return large;
      default:
        throw new IllegalArgumentException("not a " + this + " tag: " + Frames.describeTag(tag));
    }
  }
}
