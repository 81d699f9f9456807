// Connects with postgres.js (which looks up the database's array types in pg_type on connect) and runs one
// query. CatalogCacheIT runs it several times and counts the lookups the origin ran.
// Usage: node catalog-lookup.mjs <postgres-url>
import postgres from 'postgres';

const sql = postgres(process.argv[2], { max: 1, onnotice: () => {} });
try {
  const [{ n }] = await sql`SELECT ${41}::int + 1 AS n`;
  console.log(`answer: ${n}`);
} finally {
  await sql.end();
}
