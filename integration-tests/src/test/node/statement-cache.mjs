// A repeated parameterized SELECT through the edge with postgres.js, on two connections: with its defaults
// (named statements, Parse/Describe/Flush then Bind/Execute/Sync) or with prepare:false (the unnamed
// statement). Prints one line per answer; StatementCacheHitsIT counts what the origin ran.
// Usage: node statement-cache.mjs <postgres-url> default|unprepared
import postgres from 'postgres';

const [url, mode] = process.argv.slice(2);
const options = { max: 1, onnotice: () => {}, ...(mode === 'unprepared' ? { prepare: false } : {}) };
const say = (line) => console.log(line);

// One view per mode, so pg_stat_statements counts each mode's query apart.
const label = mode === 'unprepared'
  ? async (sql, id) => (await sql`SELECT label FROM js_unprepared_items WHERE id = ${id}`)[0].label
  : async (sql, id) => (await sql`SELECT label FROM js_default_items WHERE id = ${id}`)[0].label;

async function main() {
  const first = postgres(url, options);
  const second = postgres(url, options);
  try {
    say(`first connection: ${await label(first, 1)}`);
    say(`repeated: ${await label(first, 1)}`);
    say(`repeated: ${await label(first, 1)}`);
    say(`second connection: ${await label(second, 1)}`);
    say(`other value: ${await label(second, 2)}`);
    say(`other value on the first connection: ${await label(first, 2)}`);
    say(`first value again: ${await label(second, 1)}`);
  } finally {
    await first.end();
    await second.end();
  }
  say('done');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
