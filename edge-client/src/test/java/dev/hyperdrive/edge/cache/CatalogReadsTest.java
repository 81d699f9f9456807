package dev.hyperdrive.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogReadsTest {
  private final CatalogReads reads = new CatalogReads(EdgeCacheTier.MAX_QUERY_LENGTH);

  @ParameterizedTest
  @ValueSource(strings = {
      // postgres.js's array types on connect
      """
      select b.oid, b.typarray
            from pg_catalog.pg_type a
            left join pg_catalog.pg_type b on b.oid = a.typelem
            where a.typcategory = 'A'
            group by b.oid, b.typarray
            order by b.oid
      """,
      // pgjdbc TypeInfoCache: a type by name, with the session's search path
      "SELECT t.oid, n.nspname = ANY(current_schemas(true)), n.nspname, t.typinput = 'array_in'::regproc,"
          + " t.typname, t.typelem, t.typtype, t.typdelim, e.typname, e.typtype, e.typdelim, arr.oid, e.typtype"
          + "  FROM pg_catalog.pg_type t  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
          + "  LEFT JOIN pg_catalog.pg_type arr ON (arr.typelem, arr.typinput) = (t.oid, 'array_in'::regproc)"
          + "  LEFT JOIN pg_catalog.pg_type e ON t.typelem = e.oid"
          + "  LEFT JOIN (SELECT s.r, (current_schemas(false))[r] AS nspname"
          + "               FROM generate_series(1, array_upper(current_schemas(false), 1)) AS s (r)) AS sp"
          + "    USING (nspname) WHERE t.typname = $1 ORDER BY sp.r, t.oid DESC LIMIT 1;",
      // pgjdbc TypeInfoCache: a type by OID
      "SELECT t.oid, n.nspname = ANY(current_schemas(true)), n.nspname, t.typinput = 'array_in'::regproc,"
          + " t.typname, t.typelem, t.typtype, t.typdelim, e.typname, e.typtype, e.typdelim, arr.oid, arr.typname"
          + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid"
          + " LEFT JOIN pg_catalog.pg_type e ON t.typelem = e.oid"
          + " LEFT JOIN pg_catalog.pg_type arr ON arr.oid = t.typarray WHERE t.oid = $1",
      // the same, as the pgjdbc these tests run sends it
      "SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname FROM pg_catalog.pg_type t"
          + " JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid WHERE t.oid = $1",
      "SELECT oid, typname FROM pg_type WHERE typname = $1",
      "SELECT a.attname FROM pg_attribute a, pg_class c WHERE a.attrelid = c.oid AND c.relname = 'x'",
      "SELECT t.oid FROM \"pg_catalog\".\"pg_type\" t",
      "SELECT rngsubtype FROM pg_catalog.pg_range WHERE rngtypid = $1",
  })
  void driversCatalogReadsCount(String sql) {
    assertThat(reads.isCatalogRead(sql, true)).as(sql).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT 1",
      "SELECT * FROM items",
      "SELECT * FROM pg_catalog.pg_type t JOIN items i ON i.type_oid = t.oid",
      "SELECT * FROM pg_type, items",
      "SELECT (SELECT count(*) FROM items) FROM pg_type",
      "SELECT * FROM public.pg_type",
      "SELECT * FROM pg_stat_activity",
      "SELECT * FROM pg_catalog.pg_settings",
      "SELECT now(), typname FROM pg_type",
      "SELECT typname FROM pg_type FOR UPDATE",
      "SELECT * FROM (pg_type JOIN items ON true)",
      "WITH t AS (SELECT * FROM pg_type) SELECT * FROM t",
      "SELECT typname FROM pg_type; SELECT 1",
      "INSERT INTO items SELECT oid FROM pg_type",
      "SELECT '-- FROM pg_type' FROM items",
  })
  void otherReadsDoNot(String sql) {
    assertThat(reads.isCatalogRead(sql, true)).as(sql).isFalse();
  }
}
