// node-postgres (pg) through the edge: a Pool of more clients than the endpoint has origin connections,
// named prepared statements, common types, transactions, an error and recovery. Prints one line per
// check; DriversThroughEdgeIT compares the lines. Usage: node node-postgres.mjs <postgres-url>
import pg from 'pg';

const url = process.argv[2];
const pool = new pg.Pool({ connectionString: url, max: 8 });
const say = (line) => console.log(line);

const TYPES_SQL = `SELECT $1::int4 AS i, $2::int8 AS b, $3::text AS t, $4::numeric AS n, $5::bool AS f,
  $6::timestamptz AS ts, $7::jsonb AS j, $8::bytea AS y, $9::uuid AS u, $10::float8 AS d, $11::date AS dt,
  $12::int4[] AS arr, $13::text AS nul`;

function formatTypes(r) {
  return `types: i=${r.i} b=${r.b} t=${r.t} n=${r.n} f=${r.f} ts=${r.ts.toISOString()} j=${JSON.stringify(r.j)}`
    + ` y=${r.y.toString('hex')} u=${r.u} d=${r.d} dt=${r.dt.toISOString().slice(0, 10)}`
    + ` arr=${JSON.stringify(r.arr)} nul=${r.nul}`;
}

async function count(client) {
  const { rows } = await client.query({ name: 'count_items', text: 'SELECT count(*)::int AS n FROM driver_pg_items' });
  return rows[0].n;
}

async function main() {
  const { rows } = await pool.query({
    name: 'types',
    text: TYPES_SQL,
    values: [42, '9007199254740993', 'héllo wörld', '12.345', true, new Date('2024-02-29T12:34:56.789Z'),
      JSON.stringify({ a: [1, 2] }), Buffer.from('deadbeef', 'hex'), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      1.5, '2024-02-29', [1, 2, 3], null],
  });
  say(formatTypes(rows[0]));

  await pool.query('DROP TABLE IF EXISTS driver_pg_items');
  await pool.query('CREATE TABLE driver_pg_items (id int PRIMARY KEY, label text)');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query({ name: 'insert_item', text: 'INSERT INTO driver_pg_items VALUES ($1, $2)', values: [1, 'one'] });
    await client.query({ name: 'insert_item', text: 'INSERT INTO driver_pg_items VALUES ($1, $2)', values: [2, 'two'] });
    await client.query('COMMIT');
    say(`commit: ${await count(client)} rows`);

    await client.query('BEGIN');
    await client.query({ name: 'insert_item', text: 'INSERT INTO driver_pg_items VALUES ($1, $2)', values: [3, 'three'] });
    await client.query('ROLLBACK');
    say(`rollback: ${await count(client)} rows`);

    try {
      await client.query({ name: 'divide', text: 'SELECT 1 / $1::int AS q', values: [0] });
    } catch (e) {
      say(`error: ${e.code} ${e.message}`);
    }
    const recovered = await client.query({ name: 'divide', text: 'SELECT 1 / $1::int AS q', values: [1] });
    say(`recovered: ${recovered.rows[0].q}`);

    await client.query('BEGIN');
    await client.query({ name: 'divide', text: 'SELECT 1 / $1::int AS q', values: [0] }).catch(() => {});
    try {
      await client.query('SELECT 1');
    } catch (e) {
      say(`aborted transaction: ${e.code}`);
    }
    await client.query('ROLLBACK');
    say(`after rollback: ${(await client.query({ name: 'divide', text: 'SELECT 1 / $1::int AS q', values: [1] })).rows[0].q}`);
  } finally {
    client.release();
  }

  // Many concurrent callers, each query a named statement, over pooled driver connections.
  const queries = [];
  for (let n = 0; n < 200; n++) {
    queries.push(pool.query({ name: 'plus', text: 'SELECT $1::int + $2::int AS s', values: [n, 1] })
      .then((result) => result.rows[0].s));
  }
  const sums = await Promise.all(queries);
  say(`prepared: ${sums.length} queries sum=${sums.reduce((a, b) => a + b, 0)}`);
  say('done');
}

main().then(() => pool.end()).catch(async (e) => {
  console.error(e);
  await pool.end();
  process.exit(1);
});
