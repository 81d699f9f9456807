package dev.hyperdrive.cache;

import java.util.Map;
import java.util.Set;

/**
 * The keywords the classifier reasons about, grouped by the role they play. Taken from PostgreSQL's
 * keyword list (Appendix C of its manual); only the words that change a classification are here.
 */
final class SqlWords {

  private SqlWords() {}

  /** First words of the statements that only read: SELECT, VALUES, TABLE and WITH ... SELECT. */
  static final Set<String> READ_STATEMENT_STARTS = Set.of("select", "values", "table", "with");

  /** Words that make any statement containing them a write. UPDATE is handled apart (FOR UPDATE). */
  static final Set<String> WRITE_WORDS = Set.of("insert", "delete", "merge");

  /**
   * SQL-standard functions written without parentheses. They read the clock, the session or the
   * catalog, so their value changes between calls.
   */
  static final Set<String> VOLATILE_KEYWORDS = Set.of(
      "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp",
      "current_user", "session_user", "user", "current_role", "current_schema", "current_catalog",
      "system_user");

  /**
   * Literals that date/time input reads as the current moment: {@code 'now'::timestamptz}, or
   * {@code created_at > 'today'} through an implicit cast. Any string constant spelling one of them
   * makes a query volatile, since we cannot see the column types.
   */
  static final Set<String> MOVING_DATETIME_LITERALS = Set.of("now", "today", "tomorrow", "yesterday");

  /**
   * Words that may be followed by a parenthesis without being a function call: reserved keywords,
   * keywords that can never name a function (type names, COALESCE-like expressions) and clause words
   * that take a parenthesised list (FILTER, OVER, GROUPING SETS, ...).
   */
  static final Set<String> NOT_FUNCTION_NAMES = Set.of(
      // reserved keywords that open parenthesised syntax
      "all", "and", "any", "array", "as", "asc", "between", "both", "by", "case", "cast", "check",
      "collate", "default", "desc", "distinct", "do", "else", "end", "except", "exists", "fetch",
      "for", "from", "group", "having", "in", "intersect", "into", "lateral", "leading", "limit",
      "not", "offset", "on", "only", "or", "order", "placing", "returning", "select", "some",
      "symmetric", "asymmetric", "table", "then", "to", "trailing", "union", "using", "variadic",
      "when", "where", "window", "with",
      // expression syntax that is not a pg_proc function
      "coalesce", "greatest", "least", "nullif", "grouping", "row", "values",
      // type names that take a modifier: numeric(10,2), varchar(20), timestamp(3), bit varying(5)
      "bigint", "bit", "boolean", "char", "character", "dec", "decimal", "float", "int", "integer",
      "interval", "national", "nchar", "numeric", "precision", "real", "smallint", "time",
      "timestamp", "varchar", "varying", "setof", "zone",
      // joins and predicates
      "join", "is", "isnull", "notnull", "like", "ilike", "similar", "escape",
      // clause words followed by a parenthesised list
      "filter", "over", "within", "rollup", "cube", "sets", "materialized", "repeatable",
      "first", "next");

  /**
   * Keywords with special call syntax that PostgreSQL turns into a pg_proc function:
   * {@code TRIM(BOTH ' ' FROM s)} calls btrim, {@code EXTRACT(year FROM t)} calls extract.
   */
  static final Map<String, String> KEYWORD_FUNCTIONS = Map.of(
      "trim", "btrim",
      "extract", "extract",
      "substring", "substring",
      "position", "position",
      "overlay", "overlay",
      "normalize", "normalize");

  /**
   * Words that, after FOR, open a locking clause: FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE, FOR KEY
   * SHARE. Matching the first word alone is enough (and safe for a clause cut short).
   */
  static final Set<String> LOCKING_CLAUSE_STARTS = Set.of("update", "share", "no", "key");
}
