package dev.hyperdrive.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogFunctionVolatilityTest {

  private final CatalogFunctionVolatility catalog = CatalogFunctionVolatility.fromRows(List.of(
      FunctionRow.of("pg_catalog", "lower", 'i'),
      FunctionRow.of("public", "lower", 'v'),
      FunctionRow.of("pg_catalog", "length", 'i'),
      FunctionRow.of("pg_catalog", "length", 's'),
      FunctionRow.of("public", "score", 'i'),
      FunctionRow.of("audit", "score", 's'),
      FunctionRow.of("public", "Mixed", 'i')));

  @Test
  void anOverloadedNameTakesItsMostVolatileVariant() {
    assertThat(catalog.volatility(null, "length")).isEqualTo(Volatility.STABLE);
    assertThat(catalog.volatility("pg_catalog", "length")).isEqualTo(Volatility.STABLE);
  }

  @Test
  void unqualifiedNamesResolveInPgCatalogFirstThenTheMostVolatileOfAnySchema() {
    assertThat(catalog.volatility(null, "lower")).isEqualTo(Volatility.IMMUTABLE);
    assertThat(catalog.volatility(null, "score")).isEqualTo(Volatility.STABLE);
  }

  @Test
  void qualifiedNamesLookOnlyInTheirSchema() {
    assertThat(catalog.volatility("public", "lower")).isEqualTo(Volatility.VOLATILE);
    assertThat(catalog.volatility("public", "score")).isEqualTo(Volatility.IMMUTABLE);
    assertThat(catalog.volatility("other", "score")).isEqualTo(Volatility.UNKNOWN);
  }

  @Test
  void namesMatchExactlyAndMissingOnesAreUnknown() {
    assertThat(catalog.volatility(null, "Mixed")).isEqualTo(Volatility.IMMUTABLE);
    assertThat(catalog.volatility(null, "mixed")).isEqualTo(Volatility.UNKNOWN);
    assertThat(catalog.volatility(null, "nothing")).isEqualTo(Volatility.UNKNOWN);
    assertThat(Volatility.UNKNOWN.cacheable()).isFalse();
  }

  @Test
  void theBuiltinCatalogHoldsPostgresql17sRealValues() {
    CatalogFunctionVolatility builtin = CatalogFunctionVolatility.builtin();

    assertThat(CatalogFunctionVolatility.builtinRows()).hasSizeGreaterThan(2500);
    assertThat(builtin.volatility(null, "now")).isEqualTo(Volatility.STABLE);
    assertThat(builtin.volatility(null, "random")).isEqualTo(Volatility.VOLATILE);
    assertThat(builtin.volatility(null, "nextval")).isEqualTo(Volatility.VOLATILE);
    assertThat(builtin.volatility(null, "count")).isEqualTo(Volatility.IMMUTABLE);
    assertThat(builtin.volatility(null, "upper")).isEqualTo(Volatility.IMMUTABLE);
    assertThat(builtin.volatility("pg_catalog", "clock_timestamp")).isEqualTo(Volatility.VOLATILE);
    assertThat(builtin.volatility("information_schema", "_pg_char_max_length")).isEqualTo(Volatility.IMMUTABLE);
  }

  @Test
  void rowsRejectCodesPgProcDoesNotUse() {
    assertThatThrownBy(() -> FunctionRow.of("public", "f", 'x')).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FunctionRow("public", "f", Volatility.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void volatilityOrdersFromImmutableToUnknown() {
    assertThat(Volatility.mostVolatile(Volatility.IMMUTABLE, Volatility.STABLE)).isEqualTo(Volatility.STABLE);
    assertThat(Volatility.mostVolatile(Volatility.VOLATILE, Volatility.STABLE)).isEqualTo(Volatility.VOLATILE);
    assertThat(Volatility.mostVolatile(Volatility.VOLATILE, Volatility.UNKNOWN)).isEqualTo(Volatility.UNKNOWN);
  }
}
