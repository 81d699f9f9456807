"""Report of bench/stream-loopback. Usage: report_stream.py WORK COMMAND MACHINE SVG HEAP"""
import json
import os
import sys

from benchlib import bar_chart, fmt, table

MODES = [("direct", "direct to PostgreSQL 15"), ("pgbouncer", "PgBouncer 1.18"), ("edge", "edge + endpoint")]


def main(work, command, machine, svg, heap):
    memory = {}
    for line in open(os.path.join(work, "memory.txt")):
        parts = line.split()
        for name, value in zip(parts[0::2], parts[1::2]):
            memory[name] = int(value) / 1024  # MiB
    rows, values = [], {}
    for key, label in MODES:
        r = json.load(open(os.path.join(work, key + ".json")))
        rate = r["bytes"] / r["seconds"] / 1e6
        rows.append([label, f"{r['rows']:,}", fmt(r["bytes"] / 2**30, 3), fmt(r["seconds"], 2), fmt(rate, 0)])
        values[("seconds", label)] = r["seconds"]
    mem_rows = [[service, fmt(memory[f"{service}_rss_before"], 0), fmt(memory[f"{service}_hwm_after"], 0),
                 fmt(memory[f"{service}_rss_after"], 0)] for service in ("edge", "endpoint")]
    print("\n".join([
        "## Streaming a 1 GB result on loopback",
        "",
        f"Measured {machine}. Command: `{command}`.",
        "",
        "One query, `SELECT repeat('x', 1000) FROM generate_series(1, N)`, read by libpq in single-row mode "
        "(bench/lib/pqclient.py: rows are counted and dropped, never held together), direct, through PgBouncer "
        f"1.18, and through edge + endpoint, each of those in its own JVM with `-Xmx{heap}`. Time is from "
        "sending the query to the last row, in the client. Sizes are the column bytes the client received.",
        "",
        table(["mode", "rows", "GiB", "seconds", "MB/s"], rows),
        "",
        "Memory of the two JVMs (MiB, from /proc: RSS before the streams, peak RSS `VmHWM` over the whole "
        "process life, RSS after):",
        "",
        table(["service", "RSS before", "peak RSS", "RSS after"], mem_rows),
        "",
        f"![streaming]({os.path.basename(svg)})",
        "",
    ]))
    bar_chart(svg, "A 1 GiB result: time to the last row", "seconds (lower is better)", ["seconds"],
              [label for _, label in MODES], values, note=f"libpq single-row mode; edge and endpoint -Xmx{heap}")


if __name__ == "__main__":
    main(*sys.argv[1:])
