package dev.hyperdrive.cache;

import java.util.Objects;

/**
 * One row of {@link CatalogFunctionVolatility#CATALOG_QUERY}: a function's schema, name and
 * {@code pg_proc.provolatile} code.
 */
public record FunctionRow(String schema, String name, Volatility volatility) {

  public FunctionRow {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(volatility, "volatility");
    if (volatility == Volatility.UNKNOWN) {
      throw new IllegalArgumentException("a catalog row always has a known volatility: " + name);
    }
  }

  /** A row as {@code pg_proc} stores it ({@code provolatile} is 'i', 's' or 'v'). */
  public static FunctionRow of(String schema, String name, char provolatile) {
    return new FunctionRow(schema, name, Volatility.fromProvolatile(provolatile));
  }
}
