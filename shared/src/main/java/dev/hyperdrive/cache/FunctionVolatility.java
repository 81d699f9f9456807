package dev.hyperdrive.cache;

/**
 * Where the classifier learns how volatile a called function is. The origin endpoint builds one from
 * the origin's {@code pg_proc}; until it has, {@link CatalogFunctionVolatility#builtin()} covers
 * PostgreSQL's own functions.
 */
public interface FunctionVolatility {

  /**
   * The volatility of a function as called in SQL.
   *
   * @param schemaOrNull the schema the call names ({@code pg_catalog.now()}), or null when unqualified
   * @param functionName the name as PostgreSQL resolves it: unquoted names folded to lower case,
   *     quoted names exactly as written
   * @return {@link Volatility#UNKNOWN} when the function is not known, which callers treat as volatile
   */
  Volatility volatility(String schemaOrNull, String functionName);
}
