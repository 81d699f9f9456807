"""Report of bench/seed-wan: table (stdout, Markdown) and SVG plot.

Usage: report_seed.py WORK RTT_TARGET "MIN AVG MAX" RUNS WARMUP COMMAND MACHINE SVG
"""
import json
import os
import sys

from benchlib import bar_chart, fmt, percentile, table

MODES = [
    ("direct", "(a) direct app → PostgreSQL"),
    ("edge", "(b) edge, result cache off"),
    ("cached", "(c) edge, result cache on"),
    ("cached-unnamed", "(c') edge, cache on, prepare: false"),
    ("pgbouncer", "(d) PgBouncer 1.18 next to app"),
]
# Physical floor (issue 7): one RTT per uncached Execute; the handshake, the type lookup, Parse/Describe
# and a cached read cost none. INSERT + SELECT uncached = 2 RTT; with the SELECT cached = 1 RTT.
FLOOR_RTTS = {"direct": 2, "edge": 2, "cached": 1, "cached-unnamed": 1, "pgbouncer": 2}
TARGET_MS_ABOVE_FLOOR = 10


def main(work, rtt_target, rtt_measured, runs, warmup, command, machine, svg):
    rtt_min, rtt_avg, rtt_max = (float(x) for x in rtt_measured.split())
    rtt = rtt_avg
    results = {}
    for key, _ in MODES:
        path = os.path.join(work, key + ".json")
        if os.path.exists(path):
            data = json.load(open(path))
            results[key] = {"p50": percentile(data["ms"], 50), "p90": percentile(data["ms"], 90),
                            "n": len(data["ms"]), "rows": data["rows"],
                            "origin": int(open(os.path.join(work, key + ".origin-selects")).read()),
                            "types": int(open(os.path.join(work, key + ".origin-type-lookups")).read())}
    direct = results["direct"]["p50"]
    bouncer = results.get("pgbouncer", {}).get("p50")
    rows = []
    for key, label in MODES:
        r = results.get(key)
        floor = FLOOR_RTTS[key] * rtt
        if r is None:
            rows.append([label, "not available yet", "", "", f"{FLOOR_RTTS[key]} RTT = {fmt(floor)}", "", "", "", "", ""])
            continue
        above = r["p50"] - floor
        rows.append([label, fmt(r["p50"]), fmt(r["p90"]), fmt(r["p50"] / rtt, 2),
                     f"{FLOOR_RTTS[key]} RTT = {fmt(floor)}", f"{fmt(above)} ms = {fmt(above / rtt, 2)} RTT",
                     f"{fmt(direct / r['p50'], 2)}×", f"{fmt(bouncer / r['p50'], 2)}×" if bouncer else "n/a",
                     f"{r['origin']} / {r['n'] + int(warmup)}", f"{r['types']} / {r['n'] + int(warmup)}"])
    header = ["mode", "p50 ms", "p90 ms", "p50 in RTTs", "floor", "p50 above floor",
              "speed-up vs (a)", "speed-up vs (d)", "SELECTs the origin ran", "type lookups the origin ran"]
    edge = results.get("edge")
    lines = [
        "## Seed benchmark on a simulated WAN",
        "",
        f"Measured {machine}. Command: `{command}`.",
        "",
        f"Hosts `app` and `db` in network namespaces, {rtt_target} ms RTT target; measured with `ping -U` "
        f"(`world ping app db`): min/avg/max {rtt_min:.2f}/{rtt_avg:.2f}/{rtt_max:.2f} ms — floors use the "
        f"average. On `db`: Debian's PostgreSQL 15 (SCRAM) and the endpoint (pool of 5); on `app`: the edge, "
        f"PgBouncer 1.18 (transaction mode, warm pool of 5, postgres.js `prepare: false`) and postgres.js "
        f"3.4. Each run: a fresh connection, `INSERT INTO test_data VALUES ($1, 'lorem_ipsum', $2)`, "
        f"`SELECT userId, userText, isActive FROM test_data WHERE userId = $1`, end; {runs} runs per mode "
        f"after {warmup} warm-up runs, modes one after another in one run. Floor: one RTT per uncached "
        f"Execute (handshake, type lookup and Parse/Describe answered at the edge, a cached read costs "
        f"nothing). The last two columns count, with pg_stat_statements, what PostgreSQL itself ran of the "
        f"SELECTs and of postgres.js's `pg_type` lookups (one per new connection).",
        "",
        table(header, rows),
        "",
    ]
    for key, label in MODES[2:4]:
        r = results.get(key)
        total = r["n"] + int(warmup) if r else 0
        if r and r["origin"] >= total:
            lines += [f"In {label.split(')')[0]}) the origin still ran every SELECT ({r['origin']} of {total}): "
                      + ("the result cache answered none of this client's reads (type lookups included). With "
                         "postgres.js's default named statements every fresh connection prepares its "
                         "statements, and the edge sends a batch that prepares a named statement to the origin "
                         "(edge-client README)." if r["types"] >= total else
                         f"the result cache answered {total - r['types']} of {total} type lookups, none of the "
                         "SELECTs."), ""]
    if "cached" not in results:
        lines += ["(c) is not available yet: the edge's configuration refuses `cache: {enabled: …}`, i.e. the "
                  "result cache (issue 5) is not in this build.", ""]
    if edge and edge["origin"] < edge["n"]:
        lines += [f"WARNING: in (b) the origin ran only {edge['origin']} SELECTs of {edge['n']}: the edge "
                  "answered some from a cache although the script meant it disabled.", ""]
    if edge:
        met = edge["p50"] - 2 * rtt <= TARGET_MS_ABOVE_FLOOR
        lines += [f"Target (issue 7): (b) within {TARGET_MS_ABOVE_FLOOR} ms of the 2-RTT floor at p50 — "
                  f"{'met' if met else 'missed'}: {fmt(edge['p50'] - 2 * rtt)} ms above it "
                  f"({fmt((edge['p50'] - 2 * rtt) / rtt, 2)} RTT).", ""]
    lines += [f"![seed benchmark]({os.path.basename(svg)})", ""]
    print("\n".join(lines))

    groups = ["p50", "p90"]
    series = [label for _, label in MODES]
    values = {}
    for key, label in MODES:
        for g in groups:
            values[(g, label)] = results[key][g] if key in results else None
    bar_chart(svg, "Seed benchmark: connect + INSERT + SELECT + end, fresh connection each run",
              f"milliseconds (lower is better); RTT {rtt:.1f} ms, 2-RTT floor {2 * rtt:.0f} ms", groups, series,
              values, note=f"{runs} runs per mode, postgres.js, {rtt_target} ms RTT simulated WAN, {machine[:16]}",
              marks=[(rtt, "1-RTT floor"), (2 * rtt, "2-RTT floor")])


if __name__ == "__main__":
    main(*sys.argv[1:])
