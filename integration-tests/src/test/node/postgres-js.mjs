// postgres.js through the edge with its defaults (every parameterized query a named prepared statement,
// prepared with Parse/Describe/Flush), sql.begin transactions, an error and recovery, and many concurrent
// queries over more driver connections than the endpoint has origin connections. Prints one line per
// check; DriversThroughEdgeIT compares the lines. Usage: node postgres-js.mjs <postgres-url>
import postgres from 'postgres';

const sql = postgres(process.argv[2], { max: 8, onnotice: () => {} });
const say = (line) => console.log(line);

function formatTypes(r) {
  return `types: i=${r.i} b=${r.b} t=${r.t} n=${r.n} f=${r.f} ts=${r.ts.toISOString()} j=${JSON.stringify(r.j)}`
    + ` y=${r.y.toString('hex')} u=${r.u} d=${r.d} dt=${r.dt.toISOString().slice(0, 10)}`
    + ` arr=${JSON.stringify(r.arr)} nul=${r.nul}`;
}

async function count() {
  const [{ n }] = await sql`SELECT count(*)::int AS n FROM driver_js_items WHERE id > ${0}`;
  return n;
}

async function main() {
  const [row] = await sql`SELECT ${42}::int4 AS i, ${'9007199254740993'}::int8 AS b, ${'héllo wörld'}::text AS t,
    ${'12.345'}::numeric AS n, ${true}::bool AS f, ${new Date('2024-02-29T12:34:56.789Z')}::timestamptz AS ts,
    ${sql.json({ a: [1, 2] })}::jsonb AS j, ${Buffer.from('deadbeef', 'hex')}::bytea AS y,
    ${'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'}::uuid AS u, ${1.5}::float8 AS d, ${'2024-02-29'}::date AS dt,
    ${[1, 2, 3]}::int4[] AS arr, ${null}::text AS nul`;
  say(formatTypes(row));

  await sql`DROP TABLE IF EXISTS driver_js_items`;
  await sql`CREATE TABLE driver_js_items (id int PRIMARY KEY, label text)`;
  await sql.begin(async (tx) => {
    await tx`INSERT INTO driver_js_items VALUES (${1}, ${'one'})`;
    await tx`INSERT INTO driver_js_items VALUES (${2}, ${'two'})`;
  });
  say(`commit: ${await count()} rows`);

  await sql.begin(async (tx) => {
    await tx`INSERT INTO driver_js_items VALUES (${3}, ${'three'})`;
    throw new Error('roll me back');
  }).catch(() => {});
  say(`rollback: ${await count()} rows`);

  try {
    await sql`SELECT 1 / ${0}::int AS q`;
  } catch (e) {
    say(`error: ${e.code} ${e.message}`);
  }
  const [{ q }] = await sql`SELECT 1 / ${1}::int AS q`;
  say(`recovered: ${q}`);

  await sql.begin(async (tx) => {
    await tx`SELECT 1 / ${0}::int AS q`.catch(() => {});
    try {
      await tx`SELECT ${1}::int AS one`;
    } catch (e) {
      say(`aborted transaction: ${e.code}`);
    }
  }).catch(() => {});
  const [{ q: again }] = await sql`SELECT 1 / ${1}::int AS q`;
  say(`after rollback: ${again}`);

  const queries = [];
  for (let n = 0; n < 200; n++) {
    queries.push(sql`SELECT ${n}::int + ${1}::int AS s`.then(([r]) => r.s));
  }
  const sums = await Promise.all(queries);
  say(`prepared: ${sums.length} queries sum=${sums.reduce((a, b) => a + b, 0)}`);
  say('done');
}

main().then(() => sql.end()).catch(async (e) => {
  console.error(e);
  await sql.end({ timeout: 1 });
  process.exit(1);
});
