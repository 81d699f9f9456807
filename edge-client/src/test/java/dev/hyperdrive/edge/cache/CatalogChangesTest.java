package dev.hyperdrive.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogChangesTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "CREATE TYPE mood AS ENUM ('happy')",
      "create domain posint as int check (value > 0)",
      "DROP TYPE IF EXISTS mood",
      "ALTER TYPE mood ADD VALUE 'sad'",
      "CREATE EXTENSION hstore",
      "/* leading comment */ CREATE TABLE t (id int)",
      "SELECT 1; DROP DOMAIN posint",
      "COMMENT ON TYPE mood IS 'x'",
  })
  void ddlChangesTheCatalog(String sql) {
    assertThat(CatalogChanges.changesCatalog(sql, true)).as(sql).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT 'CREATE TYPE x'",
      "SELECT created_at, dropped FROM items",
      "-- DROP TYPE mood\nSELECT 1",
      "SELECT $$ALTER TYPE$$",
      "INSERT INTO log VALUES ('drop type')",
  })
  void otherStatementsDoNot(String sql) {
    assertThat(CatalogChanges.changesCatalog(sql, true)).as(sql).isFalse();
  }

  @Test
  void eachChangeMovesTheDatabasesGeneration() {
    CatalogChanges changes = new CatalogChanges();
    assertThat(changes.generation("a")).isZero();
    changes.changed("a");
    changes.changed("a");
    assertThat(changes.generation("a")).isEqualTo(2);
    assertThat(changes.generation("b")).isZero();
  }
}
