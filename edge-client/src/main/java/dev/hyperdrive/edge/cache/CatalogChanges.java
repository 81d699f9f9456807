package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.SqlLexException;
import dev.hyperdrive.cache.SqlLexer;
import dev.hyperdrive.cache.Token;
import dev.hyperdrive.cache.TokenKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each database's catalog last changed as far as this edge saw: a number that moves whenever a
 * session relays DDL (a statement starting with CREATE, ALTER, DROP or COMMENT — types, domains and
 * extensions, and also tables, whose row and array types drivers look up too), and again when the
 * transaction that ran it ends. Catalog-cache keys carry it, so entries made before the change are never
 * found again and age out. Thread-safe.
 */
final class CatalogChanges {
  /** Keyed beside the session settings; a GUC name cannot contain a space, so it never collides with one. */
  static final String KEY_SETTING = "catalog generation";

  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

  long generation(String database) {
    AtomicLong generation = generations.get(database);
    return generation == null ? 0 : generation.get();
  }

  void changed(String database) {
    generations.computeIfAbsent(database, name -> new AtomicLong()).incrementAndGet();
  }

  /** Whether {@code sql} holds a statement that may change the catalog (decided on the lexer's tokens). */
  static boolean changesCatalog(String sql, boolean standardConformingStrings) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("create") && !lower.contains("alter") && !lower.contains("drop") && !lower.contains("comment")) {
      return false; // most statements: no need to lex
    }
    List<Token> tokens;
    try {
      tokens = new SqlLexer(standardConformingStrings).tokenize(sql);
    } catch (SqlLexException unlexable) {
      return true; // the origin may still run it: assume the worst
    }
    boolean statementStart = true;
    for (Token token : tokens) {
      if (statementStart && (token.isWord("create") || token.isWord("alter") || token.isWord("drop")
          || token.isWord("comment"))) {
        return true;
      }
      statementStart = token.kind() == TokenKind.SEMICOLON;
    }
    return false;
  }
}
