package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.CatalogFunctionVolatility;
import dev.hyperdrive.cache.Classification;
import dev.hyperdrive.cache.FunctionVolatility;
import dev.hyperdrive.cache.QueryClassifier;
import dev.hyperdrive.cache.QueryContext;
import dev.hyperdrive.cache.SqlLexException;
import dev.hyperdrive.cache.SqlLexer;
import dev.hyperdrive.cache.Token;
import dev.hyperdrive.cache.TokenKind;
import dev.hyperdrive.cache.Volatility;
import java.util.List;
import java.util.Set;

/**
 * Recognises drivers' catalog reads, which the catalog cache answers even where result caching is off:
 * postgres.js's array-type lookup on connect, pgjdbc's type lookups by name and OID. A catalog read is
 * one query the classifier calls cacheable — where the functions drivers use to read the catalog as the
 * session sees it ({@code current_schemas}, {@code format_type}, ...) count as immutable, because the key
 * holds the session's search_path and role — that reads at least one relation, and only relations of
 * {@code pg_catalog} that describe types, relations and schemas (statistics views such as
 * {@code pg_stat_activity} or {@code pg_settings} never count). Decided on the lexer's tokens, not the text.
 */
final class CatalogReads {
  /** The catalog tables drivers read to learn types and relations; unqualified names resolve to them first. */
  static final Set<String> CATALOG_RELATIONS = Set.of("pg_type", "pg_namespace", "pg_attribute", "pg_class",
      "pg_range", "pg_enum", "pg_proc", "pg_attrdef", "pg_constraint", "pg_index", "pg_description",
      "pg_collation", "pg_extension", "pg_am", "pg_inherits", "pg_depend", "pg_operator", "pg_opclass",
      "pg_cast", "pg_language", "pg_trigger");
  /** Functions that read the catalog as the session sees it: stable, but fixed for one key between DDL. */
  private static final Set<String> CATALOG_FUNCTIONS = Set.of("current_schemas", "current_schema", "format_type",
      "pg_get_expr", "pg_get_userbyid", "to_regtype", "to_regclass", "to_regproc", "pg_get_constraintdef",
      "pg_get_indexdef", "col_description", "obj_description", "pg_type_is_visible", "pg_table_is_visible",
      "pg_function_is_visible", "array_in", "regprocin", "regtypein", "regclassin",
      // stable only in its timestamptz form, which depends on TimeZone alone (keyed): pgjdbc walks the path with it
      "generate_series");
  private static final Set<String> FROM_CLAUSE_ENDS = Set.of("where", "group", "having", "order", "limit",
      "offset", "window", "union", "intersect", "except", "fetch", "for", "returning");

  private final QueryClassifier classifier;

  CatalogReads(FunctionVolatility functions, int maxQueryLength) {
    this.classifier = new QueryClassifier(catalogHelpersImmutable(functions), maxQueryLength);
  }

  CatalogReads(int maxQueryLength) {
    this(CatalogFunctionVolatility.builtin(), maxQueryLength);
  }

  private static FunctionVolatility catalogHelpersImmutable(FunctionVolatility functions) {
    return (schema, name) -> (schema == null || schema.equals("pg_catalog")) && CATALOG_FUNCTIONS.contains(name)
        ? Volatility.IMMUTABLE : functions.volatility(schema, name);
  }

  /** Whether {@code sql} is a catalog read, sent outside a transaction. */
  boolean isCatalogRead(String sql, boolean standardConformingStrings) {
    if (!mentionsPgPrefix(sql)) {
      return false; // most queries: no need to classify twice
    }
    Classification classification = classifier.classify(sql, new QueryContext(true, false, standardConformingStrings));
    if (!classification.cacheable()) {
      return false;
    }
    try {
      List<Token> tokens = new SqlLexer(standardConformingStrings).tokenize(sql);
      return readsOnlyCatalogRelations(tokens);
    } catch (SqlLexException unlexable) {
      return false;
    }
  }

  private static boolean mentionsPgPrefix(String sql) {
    for (int i = sql.indexOf('_'); i >= 2; i = sql.indexOf('_', i + 1)) {
      if (sql.regionMatches(true, i - 2, "pg", 0, 2)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Walks FROM clauses: after FROM, JOIN or a comma of a FROM list at the same depth comes a relation, a
   * function call or a parenthesised subquery. Anything else there (a parenthesised join) is not judged:
   * the read does not count.
   */
  static boolean readsOnlyCatalogRelations(List<Token> tokens) {
    int relations = 0;
    int depth = 0;
    // Per paren depth, whether a FROM list is open there (depth is small: an array indexed by depth).
    boolean[] inFrom = new boolean[tokens.size() + 1];
    boolean expectRelation = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (expectRelation) {
        expectRelation = false;
        if (token.isWord("lateral") || token.isWord("only")) {
          expectRelation = true;
          continue;
        }
        if (token.kind() == TokenKind.LEFT_PAREN) {
          Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
          if (next == null || !(next.isWord("select") || next.isWord("values") || next.isWord("with"))) {
            return false;
          }
        } else if (token.isName()) {
          int end = i;
          while (end + 2 < tokens.size() && tokens.get(end + 1).kind() == TokenKind.DOT && tokens.get(end + 2).isName()) {
            end += 2;
          }
          boolean call = end + 1 < tokens.size() && tokens.get(end + 1).kind() == TokenKind.LEFT_PAREN;
          if (!call) {
            if (!isCatalogRelation(tokens.subList(i, end + 1))) {
              return false;
            }
            relations++;
          }
          i = end;
          continue;
        } else {
          return false;
        }
      }
      switch (token.kind()) {
        case LEFT_PAREN -> {
          depth++;
          inFrom[depth] = false;
        }
        case RIGHT_PAREN -> depth = Math.max(0, depth - 1);
        case COMMA -> expectRelation = inFrom[depth];
        default -> {
          if (token.isWord("from")) {
            inFrom[depth] = true;
            expectRelation = true;
          } else if (token.isWord("join")) {
            expectRelation = true;
          } else if (token.kind() == TokenKind.IDENTIFIER && FROM_CLAUSE_ENDS.contains(token.value())) {
            inFrom[depth] = false;
          }
        }
      }
    }
    return relations > 0;
  }

  /** {@code rel}, {@code schema.rel} or {@code db.schema.rel}, the dots included. */
  private static boolean isCatalogRelation(List<Token> name) {
    String relation = name.get(name.size() - 1).value();
    if (!CATALOG_RELATIONS.contains(relation)) {
      return false;
    }
    return name.size() == 1 || name.get(name.size() - 3).value().equals("pg_catalog");
  }
}
