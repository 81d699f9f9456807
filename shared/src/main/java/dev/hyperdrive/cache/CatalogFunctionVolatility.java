package dev.hyperdrive.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Function volatility read from a PostgreSQL catalog ({@code pg_proc} rows).
 *
 * <p>Resolution is a deliberate simplification of PostgreSQL's, always erring towards volatile:
 *
 * <ul>
 *   <li>An overloaded name takes its most volatile variant, since we do not resolve argument types
 *       ({@code date_trunc(text, timestamptz)} is stable, so every {@code date_trunc} counts as stable).
 *   <li>A qualified call looks only in the schema it names.
 *   <li>An unqualified call looks in {@code pg_catalog} first (PostgreSQL searches it before the
 *       {@code search_path} unless the path lists it explicitly later), then takes the most volatile
 *       function of that name in any schema, because we do not know the session's {@code search_path}.
 *   <li>Anything not found is {@link Volatility#UNKNOWN}.
 * </ul>
 */
public final class CatalogFunctionVolatility implements FunctionVolatility {

  /** What the origin endpoint runs to load the rows this class is built from. */
  public static final String CATALOG_QUERY =
      "SELECT DISTINCT n.nspname, p.proname, p.provolatile FROM pg_catalog.pg_proc p"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace";

  private static final String PG_CATALOG = "pg_catalog";
  private static final String BUILTIN_RESOURCE = "builtin-functions.tsv";

  private final Map<String, Map<String, Volatility>> bySchemaThenName = new HashMap<>();
  private final Map<String, Volatility> byNameInAnySchema = new HashMap<>();

  private CatalogFunctionVolatility(Iterable<FunctionRow> rows) {
    for (FunctionRow row : rows) {
      bySchemaThenName
          .computeIfAbsent(row.schema(), schema -> new HashMap<>())
          .merge(row.name(), row.volatility(), Volatility::mostVolatile);
      byNameInAnySchema.merge(row.name(), row.volatility(), Volatility::mostVolatile);
    }
  }

  /** Built from catalog rows, e.g. the result of {@link #CATALOG_QUERY} against the origin. */
  public static CatalogFunctionVolatility fromRows(Iterable<FunctionRow> rows) {
    return new CatalogFunctionVolatility(rows);
  }

  /** PostgreSQL 17's own functions, for use before (or without) the origin's catalog. */
  public static CatalogFunctionVolatility builtin() {
    return fromRows(builtinRows());
  }

  /**
   * The rows of a fresh PostgreSQL 17 database ({@code builtin-functions.tsv}, whose header says how
   * it was produced); add a database's own functions to these when its catalog is not available.
   */
  public static List<FunctionRow> builtinRows() {
    try (InputStream in = CatalogFunctionVolatility.class.getResourceAsStream(BUILTIN_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BUILTIN_RESOURCE);
      }
      return parseTsv(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUILTIN_RESOURCE, e);
    }
  }

  private static List<FunctionRow> parseTsv(BufferedReader reader) throws IOException {
    List<FunctionRow> rows = new ArrayList<>();
    String line;
    int lineNumber = 0;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 3 || fields[2].length() != 1) {
        throw new IllegalStateException(BUILTIN_RESOURCE + ":" + lineNumber + ": expected schema, name, provolatile");
      }
      rows.add(FunctionRow.of(fields[0], fields[1], fields[2].charAt(0)));
    }
    return rows;
  }

  @Override
  public Volatility volatility(String schemaOrNull, String functionName) {
    if (schemaOrNull != null) {
      return find(bySchemaThenName.getOrDefault(schemaOrNull, Map.of()), functionName);
    }
    Volatility inCatalog = find(bySchemaThenName.getOrDefault(PG_CATALOG, Map.of()), functionName);
    if (inCatalog != Volatility.UNKNOWN) {
      return inCatalog;
    }
    return find(byNameInAnySchema, functionName);
  }

  private static Volatility find(Map<String, Volatility> byName, String functionName) {
    return byName.getOrDefault(functionName, Volatility.UNKNOWN);
  }
}
