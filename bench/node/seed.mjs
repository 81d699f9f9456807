// The seed benchmark's client, the shape of Cloudflare's Hyperdrive post: for every run a fresh
// postgres.js connection, one INSERT and one SELECT with bound parameters, then end.
// Usage: node seed.mjs URL RUNS WARMUP PREPARE(true|false)
// Prints one JSON line: {"ms": [per-run milliseconds, warm-up excluded], "rows": rows the last SELECT saw}.
import postgres from 'postgres'

const [url, runs, warmup, prepare] = process.argv.slice(2)
const times = []
let rows = 0
for (let i = 0; i < Number(warmup) + Number(runs); i++) {
  const started = performance.now()
  const sql = postgres(url, { prepare: prepare === 'true', max: 1, ssl: false, onnotice: () => {} })
  await sql`INSERT INTO test_data VALUES (${999}, 'lorem_ipsum', ${true})`
  const result = await sql`SELECT userId, userText, isActive FROM test_data WHERE userId = ${999}`
  await sql.end()
  const elapsed = performance.now() - started
  rows = result.length
  if (i >= Number(warmup)) times.push(elapsed)
}
console.log(JSON.stringify({ ms: times, rows }))
