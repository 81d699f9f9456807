"""Report of bench/throughput-loopback.
Usage: report_throughput.py CELLS COMMAND MACHINE SVG DURATION POOL SCALE CACHE(yes|no)"""
import os
import sys

from benchlib import bar_chart, fmt, table

LABELS = {"direct": "direct", "pgbouncer": "PgBouncer 1.18", "edge": "edge+endpoint, cache off",
          "cached": "edge+endpoint, cache on"}


def main(cells, command, machine, svg, duration, pool, scale, cache):
    data = {}
    for line in open(cells).read().splitlines()[1:]:
        workload, clients, mode, tps, latency, failed, *counts = line.split()
        data[(workload, int(clients), mode)] = (float(tps), latency, failed, [int(c) for c in counts])
    keys = sorted({(w, c) for w, c, _ in data}, key=lambda k: (k[0] != "select-only", k[1]))
    rows, values, verdicts = [], {}, []
    for workload, clients in keys:
        bouncer = data.get((workload, clients, "pgbouncer"), (0,))[0]
        row = [workload, clients]
        for mode in ("direct", "pgbouncer", "edge", "cached"):
            cell = data.get((workload, clients, mode))
            if cell is None:
                row.append("not available yet" if mode == "cached" and workload == "select-only" else "—")
                if workload == "select-only":
                    values[(f"{workload} {clients}", LABELS[mode])] = None
                continue
            tps = cell[0]
            ratio = f" ({fmt(tps / bouncer, 2)}×)" if bouncer and mode != "pgbouncer" else ""
            hits = ""
            if mode == "cached" and len(cell[3]) == 2 and cell[3][0]:
                hits = f", {fmt(100 * (1 - cell[3][1] / cell[3][0]), 1)} % hits"
            row.append(f"{fmt(tps, 0)}{ratio}{hits}")
            values[(f"{workload} {clients}", LABELS[mode])] = tps
        edge = data.get((workload, clients, "edge"))
        row.append(edge[2] if edge else "")
        rows.append(row)
        if clients in (32, 128) and edge and bouncer:
            verdicts.append(f"{workload} at {clients} clients: edge {fmt(edge[0] / bouncer, 2)}× PgBouncer "
                            f"({'met' if edge[0] >= bouncer else 'missed'})")
    print("\n".join([
        "## Throughput on loopback (pgbench)",
        "",
        f"Measured {machine}. Command: `{command}`.",
        "",
        f"pgbench 15, simple protocol, `-j 2`, {duration} s per cell, scale {scale}, after a warm-up of the edge and "
        f"endpoint (see the command); in every cell the modes run "
        f"one after another. Direct: every client has its own PostgreSQL backend. PgBouncer 1.18: transaction "
        f"mode, pool of {pool}. Edge + endpoint: endpoint pool of {pool}, result cache off. PostgreSQL 15 runs "
        "with `synchronous_commit=off` (so TPC-B measures the proxies, not the disk). Everything — PostgreSQL, "
        "the proxies and pgbench — shares this machine's 2 cores, so every hop's CPU cost shows directly in "
        "TPS; treat figures from a loaded machine as indicative. TPS, and in brackets the ratio to PgBouncer.",
        "",
        table(["workload", "clients", "direct TPS", "PgBouncer TPS", "edge+endpoint TPS", "edge cached TPS",
               "edge failed txns"], rows),
        "",
        "Target (issue 7): at least PgBouncer's TPS at 32 and 128 clients — " + "; ".join(verdicts) + ".",
        ("\nCache hits in the cached column = transactions the origin did not run (pg_stat_statements). "
         f"pgbench -S reads a random one of {int(scale) * 100_000:,} accounts each time, and with the simple "
         "protocol every key is a different query text, so few repeat within a cell: this measures what the "
         "cache costs on a miss-heavy read load more than what it saves.") if cache == "yes" else
        "\nThe cached column is not available yet: the edge has no result cache in this build.",
        "",
        f"![throughput]({os.path.basename(svg)})",
        "",
    ]))
    groups = [f"{w} {c}" for w, c in keys]
    series = [LABELS[m] for m in ("direct", "pgbouncer", "edge", "cached")]
    bar_chart(svg, "pgbench on loopback: TPS by workload and clients", "transactions per second (higher is better)",
              groups, series, values, note=f"pool of {pool}, {duration} s per cell, 2 cores shared by everything")


if __name__ == "__main__":
    main(*sys.argv[1:])
