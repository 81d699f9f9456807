package dev.hyperdrive.cache;

import java.util.Locale;

/**
 * The one cache status every request ends with, in the vocabulary Hyperdrive reports; metrics label
 * and log lines use {@link #wireName()}.
 *
 * <p>{@link QueryClassifier} decides every status except {@link #HIT}, {@link #MISS} and
 * {@link #OVERSIZED_RESULT}, which only the cache tiers can know.
 */
public enum CacheStatus {
  /** Answered from a cache tier. */
  HIT("hit"),
  /** Cacheable, but no fresh entry existed; the origin answered and the result may be stored. */
  MISS("miss"),
  /** Caching is turned off for this database. */
  DISABLED("disabled"),
  /** A read, but one whose answer must come from the origin every time (e.g. a locking clause). */
  UNCACHEABLE("uncacheable"),
  /** More than one statement in one query string. */
  MULTIPLE_STATEMENTS("multiplestatements"),
  /** Not a read: a write, DDL, utility or transaction-control statement, or an empty query. */
  NOT_A_QUERY("notaquery"),
  /** The query text is longer than the cache is willing to key on. */
  OVERSIZED_QUERY("oversizedquery"),
  /** The result grew beyond what one cache entry may hold. */
  OVERSIZED_RESULT("oversizedresult"),
  /** The query text is not lexically valid SQL (unterminated string, comment or quote, ...). */
  PARSE_ERROR("parseerror"),
  /** The session is inside an explicit transaction, whose reads must see its own writes. */
  TRANSACTION("transaction"),
  /** The query calls a function that is not IMMUTABLE, so its answer can change between calls. */
  VOLATILE("volatile");

  private final String wireName;

  CacheStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name used in metrics labels, logs and relay metadata. */
  public String wireName() {
    return wireName;
  }

  /** Inverse of {@link #wireName()}, case-insensitive. */
  public static CacheStatus fromWireName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (CacheStatus status : values()) {
      if (status.wireName.equals(wanted)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown cache status: " + name);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
