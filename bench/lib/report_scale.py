"""Report of bench/scale-loopback. Usage: report_scale.py WORK COMMAND MACHINE SVG IDLE ACTIVE POOL DURATION ALLOWANCE"""
import glob
import json
import os
import re
import sys

from benchlib import bar_chart, fmt, percentile, table


def latencies_ms(directory):
    values = []
    for path in glob.glob(os.path.join(directory, "tx*")):
        for line in open(path):
            parts = line.split()
            if len(parts) >= 3:
                values.append(int(parts[2]) / 1000.0)
    return values


def retained_note(work, heap_before, heap_after, heap_later):
    """When the edge's live heap stays well above where it started, name what holds it."""
    path = os.path.join(work, "edge-histogram-after.txt")
    if heap_after < 2 * heap_before + 8 or not os.path.exists(path):
        return []
    rows = []
    for line in open(path).read().splitlines():
        parts = line.split()
        if len(parts) >= 4:
            rows.append([parts[3].replace("|", "/"), f"{int(parts[1]):,}", fmt(int(parts[2]) / 2**20, 1)])
    return [f"After every idle client had closed, the edge's live heap was still {fmt(heap_after, 1)} MiB "
            f"(before: {fmt(heap_before, 1)} MiB). Largest classes then (`jcmd GC.class_histogram`):", "",
            table(["class", "instances", "MiB"], rows), "",
            f"65 s after they closed it was {fmt(heap_later, 1)} MiB"
            + (": the closed sessions are released only when the edge's 60 s handshake timeout fires (the "
               "timer, scheduled for every connection, is not cancelled when the session completes its "
               "handshake or closes, and it keeps the session, its channel and its relay stream reachable)."
               if heap_later < 2 * heap_before + 8 else ": something keeps closed sessions for good."), ""]


def main(work, command, machine, svg, idle, active, pool, duration, allowance):
    lines = open(os.path.join(work, "memory.txt")).read().splitlines()
    memory = {parts[0]: [int(x) / 1024 for x in parts[1:]] for parts in (l.split() for l in lines[1:])}
    opened = sum(json.load(open(p))["opened"] for p in glob.glob(os.path.join(work, "hold*.json")))
    open_sockets = int(open(os.path.join(work, "idle-open.txt")).read())
    seconds = max(json.load(open(p))["seconds"] for p in glob.glob(os.path.join(work, "hold*.json")))
    before, held = memory["before"], memory[f"with-{idle}"]
    mem_rows = []
    for index, name in ((0, "edge heap after full GC"), (1, "edge RSS"), (2, "endpoint heap after full GC"),
                        (3, "endpoint RSS")):
        per_conn = (held[index] - before[index]) * 1024 / max(opened, 1)
        mem_rows.append([name, fmt(before[index], 1), fmt(held[index], 1), fmt(memory["after"][index], 1),
                         fmt(memory["later"][index], 1), fmt(per_conn, 1)])
    active_rows, values = [], {}
    for name, label in (("edge", "edge + endpoint"), ("pgbouncer", "PgBouncer 1.18")):
        out = open(os.path.join(work, name + ".out")).read()
        tps = re.search(r"^tps = ([0-9.]+)", out, re.M)
        failed = re.search(r"^number of failed transactions: (\d+)", out, re.M)
        processed = re.search(r"^number of transactions actually processed: (\d+)", out, re.M)
        connecting = re.search(r"^initial connection time = ([0-9.]+) ms", out, re.M)
        lat = latencies_ms(os.path.join(work, name + ".log"))
        samples = [int(x) for x in open(os.path.join(work, name + ".origin")).read().split() if x.isdigit()]
        active_rows.append([label, fmt(float(tps.group(1)), 0) if tps else "failed",
                            processed.group(1) if processed else "n/a", failed.group(1) if failed else "n/a",
                            fmt(percentile(lat, 50), 1), fmt(percentile(lat, 99), 1),
                            f"{max(samples) if samples else 'n/a'} (of {len(samples)} samples)",
                            fmt(float(connecting.group(1)) / 1000, 1) if connecting else "n/a"])
        values[("TPS", label)] = float(tps.group(1)) if tps else 0
    edge_heap = held[0]
    print("\n".join([
        "## Connection scale on loopback",
        "",
        f"Measured {machine}. Command: `{command}`.",
        "",
        f"**Idle connections.** {opened:,} libpq connections opened to one edge (SCRAM-SHA-256, each ran "
        f"`select 1`, so each also holds its relay stream to the endpoint) in {fmt(seconds, 0)} s, "
        f"{open_sockets:,} established sockets on the edge's port while held. Heap is the live heap after a "
        "full GC (`jcmd GC.run`, then `GC.heap_info`); both JVMs ran with `-Xmx2g`. MiB:",
        "",
        table(["", "before", f"with {opened:,} open", "2 s after they closed", "65 s after", "KiB per connection"],
              mem_rows),
        "",
        f"Target (issue 7): {idle} idle clients in under 512 MB of edge heap — "
        f"{fmt(edge_heap, 0)} MiB ({'met' if edge_heap < 512 else 'missed'}).",
        "",
        *retained_note(work, before[0], memory["after"][0], memory["later"][0]),
        f"**Active clients.** pgbench select-only, simple protocol, {active} clients, `-j 2`, `-T` {duration} s "
        f"plus {allowance} s for connecting them (pgbench's TPS leaves its initial connection time out), "
        f"over a pool of {pool} (endpoint `default_pool_size` / PgBouncer transaction mode); latencies from "
        f"pgbench's per-transaction log; origin connections sampled every 0.5 s from pg_stat_activity.",
        "",
        table(["mode", "TPS", "transactions", "failed", "p50 ms", "p99 ms", "most origin connections seen",
               "s to connect all clients"],
              active_rows),
        "",
        f"![scale]({os.path.basename(svg)})",
        "",
    ]))
    bar_chart(svg, f"{active} active clients over a pool of {pool}: TPS", "transactions per second",
              ["TPS"], ["edge + endpoint", "PgBouncer 1.18"], values,
              note=f"pgbench -S, {duration} s; idle: {opened:,} connections, edge heap {fmt(edge_heap, 0)} MiB")


if __name__ == "__main__":
    main(*sys.argv[1:])
