package dev.hyperdrive.cache;

/**
 * What the classifier needs to know about the session and database a query arrives in.
 *
 * @param cachingEnabled false when the database has caching turned off (status {@code disabled})
 * @param inExplicitTransaction true when the session's last ReadyForQuery said {@code T} or {@code E}
 * @param standardConformingStrings the session's {@code standard_conforming_strings} (on by default);
 *     when off, backslashes escape inside plain string constants, which changes where strings end
 */
public record QueryContext(boolean cachingEnabled, boolean inExplicitTransaction, boolean standardConformingStrings) {

  /** Caching on, outside a transaction, standard-conforming strings: the common case. */
  public static final QueryContext DEFAULT = new QueryContext(true, false, true);

  public QueryContext inTransaction(boolean inTransaction) {
    return new QueryContext(cachingEnabled, inTransaction, standardConformingStrings);
  }

  public QueryContext withCachingEnabled(boolean enabled) {
    return new QueryContext(enabled, inExplicitTransaction, standardConformingStrings);
  }

  public QueryContext withStandardConformingStrings(boolean on) {
    return new QueryContext(cachingEnabled, inExplicitTransaction, on);
  }
}
