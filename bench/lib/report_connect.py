"""Report of bench/connect-loopback. Usage: report_connect.py WORK COMMAND MACHINE SVG RUNS WARMUP"""
import json
import os
import sys

from benchlib import bar_chart, fmt, percentile, table

MODES = [("direct", "direct to PostgreSQL 15"), ("edge", "edge (+ endpoint)"), ("pgbouncer", "PgBouncer 1.18")]


STEPS = [("startup_ms", "StartupMessage → auth request"), ("sasl_first_ms", "SCRAM client-first → server-first"),
         ("client_pbkdf2_ms", "client's own PBKDF2 (4,096 rounds)"),
         ("sasl_final_ms", "SCRAM client-final → AuthenticationOk … ReadyForQuery"),
         ("select_ms", "first `select 1`"), ("second_select_ms", "second `select 1`, same session")]


def steps_section(work, modes):
    """p50 of each exchange, from bench/lib/connect_steps.py (a raw protocol client), when it ran."""
    paths = {key: os.path.join(work, key + "-steps.json") for key, _ in modes}
    if not all(os.path.exists(path) for path in paths.values()):
        return ""
    data = {key: json.load(open(path)) for key, path in paths.items()}
    rows = [[label] + [fmt(percentile(data[key][step], 50), 2) + " / " + fmt(percentile(data[key][step], 99), 2)
                       for key, _ in modes] for step, label in STEPS]
    return "\n".join([
        "Where the time goes (bench/lib/connect_steps.py: the same connections from a raw protocol client that "
        "times each exchange, p50 / p99 ms; its own PBKDF2 is the floor no server can remove):",
        "",
        table(["exchange"] + [label for _, label in modes], rows),
        "",
    ])


def main(work, command, machine, svg, runs, warmup):
    data = {key: json.load(open(os.path.join(work, key + ".json"))) for key, _ in MODES}
    rows, values = [], {}
    for key, label in MODES:
        total, conn = data[key]["total_ms"], data[key]["connect_ms"]
        p = {q: percentile(total, q) for q in (50, 90, 99)}
        rows.append([label, fmt(p[50], 2), fmt(p[90], 2), fmt(p[99], 2), fmt(max(total), 2),
                     fmt(percentile(conn, 50), 2), fmt(percentile(conn, 99), 2)])
        for q in (50, 90, 99):
            values[(f"p{q}", label)] = p[q]
    edge = data["edge"]["total_ms"]
    p50, p99 = percentile(edge, 50), percentile(edge, 99)
    print("\n".join([
        "## Connection set-up on loopback",
        "",
        f"Measured {machine}. Command: `{command}`.",
        "",
        f"{runs} sequential connections per mode (after {warmup} warm-up ones), each: libpq connect "
        "(SCRAM-SHA-256, no TLS), `select 1`, close — timed in the client (bench/lib/pqclient.py, ctypes over "
        "libpq 15). Debian's PostgreSQL 15, the endpoint (pool of 8, opened in advance), the edge (result cache "
        "off, so `select 1` reaches PostgreSQL as in the other modes) and "
        "PgBouncer (transaction mode, pool of 8) all on 127.0.0.1. The client's own SCRAM work (4,096 "
        "PBKDF2 iterations) is inside every figure.",
        "",
        table(["mode", "p50 ms", "p90 ms", "p99 ms", "max ms", "connect only p50", "connect only p99"], rows),
        "",
        f"Target (issue 7): edge p50 under 1 ms and p99 under 5 ms — p50 {fmt(p50, 2)} ms "
        f"({'met' if p50 < 1 else 'missed'}), p99 {fmt(p99, 2)} ms ({'met' if p99 < 5 else 'missed'}).",
        "",
        steps_section(work, MODES),
        f"![connection set-up]({os.path.basename(svg)})",
        "",
    ]))
    bar_chart(svg, "Connection set-up on loopback: connect + select 1 + close", "milliseconds (lower is better)",
              ["p50", "p90", "p99"], [label for _, label in MODES], values,
              note=f"{runs} sequential libpq connections per mode, SCRAM-SHA-256")


if __name__ == "__main__":
    main(*sys.argv[1:])
