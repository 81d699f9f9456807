"""Report of bench/cache-loopback.
Usage: report_cache.py HITS MIX COMMAND MACHINE SVG DURATION MIX_DURATION MIX_CLIENTS HOT_KEYS POOL HIT_SQL
Writes SVG (p50 latency) and SVG with -tps before .svg (throughput); prints the RESULTS.md section."""
import os
import sys

from benchlib import bar_chart, fmt, table

LABELS = {"direct": "direct to PostgreSQL", "cached": "edge, cache on", "edge": "edge, cache off"}
MODES = ("direct", "cached", "edge")
# A "hit" cell where the origin still ran more than this share of the queries did not measure hits.
MISS_TOLERANCE = 0.01


def rows_of(path):
    lines = open(path).read().splitlines()
    header = lines[0].split()
    return [dict(zip(header, line.split())) for line in lines[1:]]


def statuses(cell):
    """The edge's cache statuses counted during a cell (`hit=5,miss=1` → `hit 5; miss 1`); — direct."""
    counted = cell.get("edge_statuses", "-")
    if counted == "-":
        return "—"
    pairs = (item.split("=") for item in counted.split(","))
    return "; ".join(f"{name.replace('_', ' ')} {int(count):,}" for name, count in pairs)


def ratio(a, b):
    return a / b if b else float("nan")


def hits_table(cells):
    data = {(c["protocol"], int(c["clients"]), c["mode"]): c for c in cells}
    keys = sorted({(p, n) for p, n, _ in data}, key=lambda k: (["simple", "extended", "prepared"].index(k[0])
                                                                if k[0] in ("simple", "extended", "prepared") else 9, k[1]))
    rows, latency, tps, verdicts, misses = [], {}, {}, [], []
    for protocol, clients in keys:
        group = f"{protocol}, {clients} client{'s' if clients > 1 else ''}"
        row = [protocol, clients]
        for mode in MODES:
            cell = data.get((protocol, clients, mode))
            if cell is None:
                row += ["—", "—"]
                continue
            t, p50, p99 = float(cell["tps"]), float(cell["p50_ms"]), float(cell["p99_ms"])
            direct = data.get((protocol, clients, "direct"))
            versus = ""
            if mode != "direct" and direct:
                versus = f" ({fmt(ratio(t, float(direct['tps'])), 2)}×)"
            row += [f"{fmt(t, 0)}{versus}", f"{fmt(p50, 3)} / {fmt(p99, 3)}"]
            if mode != "edge":  # relayed p50s are ~10× larger and would flatten the comparison that matters
                latency[(group, LABELS[mode])] = p50 * 1000
            tps[(group, LABELS[mode])] = t
        cached, direct = data.get((protocol, clients, "cached")), data.get((protocol, clients, "direct"))
        if cached:
            issued, origin = int(cached["transactions"]), int(cached["origin_calls"])
            row += [f"{origin:,} / {issued:,}", statuses(cached)]
            if issued and origin > MISS_TOLERANCE * issued:
                misses.append(f"{protocol} at {clients} client(s): the origin ran {origin:,} of {issued:,}")
        else:
            row += ["—", "—"]
        rows.append(row)
        if cached and direct:
            p50_ratio = ratio(float(cached["p50_ms"]), float(direct["p50_ms"]))
            tps_ratio = ratio(float(cached["tps"]), float(direct["tps"]))
            met = p50_ratio <= 1 and tps_ratio >= 1
            verdicts.append(f"{protocol} {clients}: p50 {fmt(p50_ratio, 2)}×, TPS {fmt(tps_ratio, 2)}× "
                            f"({'met' if met else 'missed'})")
    groups = [f"{p}, {n} client{'s' if n > 1 else ''}" for p, n in keys]
    return rows, groups, latency, tps, verdicts, misses


def mix_table(cells):
    rows = []
    for c in cells:
        issued, origin = int(c["client_reads"]), int(c["origin_reads"])
        hit, saved = "—", "—"  # no cache direct or with the cache off: the origin runs every read
        if c["mode"] == "cached":
            hit = fmt(100 * (1 - ratio(origin, issued)), 2) + " %" if issued else "n/a"
            saved = f"{issued - origin:,}"
        rows.append([c["protocol"], LABELS[c["mode"]], fmt(float(c["tps"]), 0), f"{issued:,}", f"{origin:,}",
                     hit, saved, f"{int(c['origin_updates']):,} / {int(c['client_updates']):,}", c["failed"],
                     statuses(c)])
    return rows


def main(hits, mix, command, machine, svg, duration, mix_duration, mix_clients, hot, pool, hit_sql):
    rows, groups, latency, tps, verdicts, misses = hits_table(rows_of(hits))
    mix_rows = mix_table(rows_of(mix))
    tps_svg = svg[:-len(".svg")] + "-tps.svg"
    print("\n".join([
        "## Result cache on loopback (pgbench)",
        "",
        f"Measured {machine}. Command: `{command}`.",
        "",
        f"**Hits.** pgbench 15 runs `{hit_sql}` (one row, the same text every time) for {duration} s per cell "
        "and mode, modes one after another in each cell: direct to PostgreSQL 15 (every client its own "
        "backend), through the edge with its result cache on, primed just before the cell so every request "
        f"should be a hit, and through the edge with the cache off (relayed to the endpoint, pool of {pool}). "
        "Protocols: `simple`, `extended` (unnamed statements) and `prepared` (named statements). Latency is "
        "per query as pgbench timed it (`--log`), p50 / p99 in ms; TPS with its ratio to direct in brackets. "
        "\"origin ran\" counts, with pg_stat_statements, the SELECTs PostgreSQL executed during the cached "
        "cell against those the clients issued: 0 means every request was answered by the edge. The last "
        "column is the edge's own count of the cell's requests by cache status (hit, miss, uncacheable, ...; "
        "`statements answered` = Parse/Describe batches the edge answered from its statement metadata), read "
        "through bench/java/ServeNode. Everything shares this machine's 2 cores with pgbench itself.",
        "",
        table(["protocol", "clients", "direct TPS", "direct p50 / p99 ms", "cache on TPS", "cache on p50 / p99 ms",
               "cache off TPS", "cache off p50 / p99 ms", "origin ran / issued (cache on)",
               "edge cache statuses (cache on)"],
              rows),
        "",
        "Target (issue 5): a hit at the edge is no slower than PostgreSQL answering directly (p50 no higher, "
        "TPS no lower) — " + "; ".join(verdicts) + ".",
        "",
        ("Requests that were not hits: " + "; ".join(misses) + ". In those cells the cache-on column measures "
         "the relay, not the cache.") if misses else "Every cache-on cell was answered by the edge alone.",
        "",
        f"**Read-heavy mix.** pgbench `-f read@90 -f update@10`, {mix_clients} clients, {mix_duration} s per "
        f"mode: reads `SELECT abalance FROM pgbench_accounts WHERE aid = :aid` and updates "
        f"`UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid`, `aid` uniform over a hot "
        f"set of {int(hot):,} accounts. Reads issued = pgbench's count of read transactions; reads the origin "
        "ran = pg_stat_statements (pgbench does not count the transactions cut off when `-T` ends, so the origin "
        "may have run a few more than were counted as issued); hit ratio = 1 − origin / issued; saved = issued "
        "− origin. Writes do not invalidate cached reads (edge-client README): a cached balance may be up to "
        "`max_age` old, so with the cache on each hot key costs the origin one read per `max_age` (60 s by "
        "default; a stale entry is refreshed in the background) however often it is read.",
        "",
        table(["protocol", "mode", "TPS", "reads issued", "reads the origin ran", "hit ratio", "origin reads saved",
               "updates origin ran / issued", "failed txns", "edge cache statuses"], mix_rows),
        "",
        f"![p50 latency of a cached one-row SELECT]({os.path.basename(svg)})",
        f"![throughput of a cached one-row SELECT]({os.path.basename(tps_svg)})",
        "",
    ]))
    note = f"pgbench, one-row SELECT, {duration} s per cell, 2 cores shared by everything"
    bar_chart(svg, "Cached one-row SELECT on loopback: p50 latency per query, edge hit vs direct",
              "microseconds, client-timed (lower is better); cache-off figures are in RESULTS.md", groups,
              [LABELS["direct"], LABELS["cached"]], latency, note=note)
    bar_chart(tps_svg, "Cached one-row SELECT on loopback: throughput",
              "transactions per second (higher is better)", groups, [LABELS[m] for m in MODES], tps, note=note)


if __name__ == "__main__":
    main(*sys.argv[1:])
