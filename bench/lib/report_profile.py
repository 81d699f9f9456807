"""Report of bench/profile-loopback. Usage: report_profile.py WORK CLK_TCK COMMAND MACHINE"""
import collections
import os
import re
import subprocess
import sys

from benchlib import fmt, table


def read_usage(path):
    return {int(p[0]): [int(x) for x in p[1:]] for p in (line.split() for line in open(path)) if p}


def hottest(jfr_file, limit=12):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "40", jfr_file],
                          capture_output=True, text=True).stdout
    top, ours, samples = collections.Counter(), collections.Counter(), 0
    for event in text.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w$.<>]+)\(", event, re.M)
        if not frames:
            continue
        samples += 1
        top[frames[0]] += 1
        first_ours = next((f for f in frames if f.startswith("dev.hyperdrive")), None)
        if first_ours:
            ours[first_ours] += 1
    return samples, top.most_common(limit), ours.most_common(8)


def main(work, clk_tck, command, machine):
    ticks_per_s = int(clk_tck)
    names = dict(line.split(maxsplit=1) for line in open(os.path.join(work, "names")).read().splitlines())
    rows, jfr_lines = [], []
    for run in ("pgbouncer", "edge"):
        out = open(os.path.join(work, run + ".out")).read()
        tps = float(re.search(r"^tps = ([0-9.]+)", out, re.M).group(1))
        txns = int(re.search(r"^number of transactions actually processed: (\d+)", out, re.M).group(1))
        latency = re.search(r"^latency average = ([0-9.]+) ms", out, re.M).group(1)
        before, after = read_usage(os.path.join(work, run + ".before")), read_usage(os.path.join(work, run + ".after"))
        for pid in before:
            cpu_s = (after[pid][0] - before[pid][0]) / ticks_per_s
            switches = after[pid][1] - before[pid][1]
            rows.append([run, names[str(pid)], fmt(tps, 0), latency, fmt(cpu_s * 1e6 / txns, 0),
                         fmt(switches / txns, 1), after[pid][2]])
            jfr = os.path.join(work, f"{pid}.jfr")
            if os.path.exists(jfr):
                samples, top, ours = hottest(jfr)
                jfr_lines += [f"**{names[str(pid)]}** — {samples} Java execution samples during the run; "
                              "hottest methods (top of stack) and the first of our frames below them:", "",
                              table(["method (top of stack)", "samples"], [[m, c] for m, c in top]), "",
                              table(["first dev.hyperdrive frame", "samples"], [[m, c] for m, c in ours]), ""]
    print("\n".join([
        "## Where the relay's time goes (profile on loopback)",
        "",
        f"Measured {machine}. Command: `{command}`.",
        "",
        "pgbench select-only (simple protocol) through PgBouncer, then through edge + endpoint, the same "
        "clients and pool size; per proxy process, CPU time (user + system over all its threads, from "
        "/proc/PID/stat) and context switches (voluntary + involuntary over all its threads, from "
        "/proc/PID/task/*/status) divided by the transactions pgbench completed.",
        "",
        table(["run", "process", "TPS", "latency ms", "CPU µs per transaction", "context switches per transaction",
               "threads"], rows),
        "",
        *jfr_lines,
    ]))


if __name__ == "__main__":
    main(*sys.argv[1:])
