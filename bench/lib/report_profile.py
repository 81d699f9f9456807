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


def thread_groups(work, pid, ticks_per_s, txns, limit=8):
    """CPU per transaction by thread name (pools grouped), largest first."""
    def load(suffix):
        path = os.path.join(work, f"{pid}.threads.{suffix}")
        if not os.path.exists(path):
            return {}
        return {p[0]: (int(p[1]), p[2] if len(p) > 2 else "?") for p in (l.split() for l in open(path)) if len(p) >= 2}
    before, after = load("before"), load("after")
    groups = collections.Counter()
    for tid, (ticks, name) in after.items():
        groups[name] += ticks - before.get(tid, (0, name))[0]
    total = sum(groups.values()) or 1
    return [[name, fmt(ticks / ticks_per_s * 1e6 / txns, 0), f"{fmt(100 * ticks / total, 0)} %"]
            for name, ticks in groups.most_common(limit)]


def main(work, clk_tck, command, machine):
    ticks_per_s = int(clk_tck)
    names = dict(line.split(maxsplit=1) for line in open(os.path.join(work, "names")).read().splitlines())
    rows, jfr_lines, breakdown = [], [], []
    for run in ("pgbouncer", "edge"):
        out = open(os.path.join(work, run + ".out")).read()
        tps = float(re.search(r"^tps = ([0-9.]+)", out, re.M).group(1))
        txns = int(re.search(r"^number of transactions actually processed: (\d+)", out, re.M).group(1))
        latency = re.search(r"^latency average = ([0-9.]+) ms", out, re.M).group(1)
        before, after = read_usage(os.path.join(work, run + ".before")), read_usage(os.path.join(work, run + ".after"))
        for pid in before:
            cpu_s = (after[pid][0] - before[pid][0]) / ticks_per_s
            kernel_s = (after[pid][1] - before[pid][1]) / ticks_per_s
            switches = after[pid][2] - before[pid][2]
            rows.append([run, names[str(pid)], fmt(tps, 0), latency, fmt(cpu_s * 1e6 / txns, 0),
                         f"{fmt(100 * kernel_s / cpu_s, 0) if cpu_s else 'n/a'} %", fmt(switches / txns, 1),
                         after[pid][3]])
            if names[str(pid)] != "PgBouncer":
                breakdown.append((names[str(pid)], thread_groups(work, pid, ticks_per_s, txns)))
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
        table(["run", "process", "TPS", "latency ms", "CPU µs per transaction", "of it in the kernel",
               "context switches per transaction", "threads"], rows),
        "",
        "CPU by thread (names with digits collapsed), per transaction:",
        "",
        *[line for name, groups in breakdown
          for line in (f"**{name}**", "", table(["threads", "CPU µs per transaction", "share"], groups), "")],
        *jfr_lines,
    ]))


if __name__ == "__main__":
    main(*sys.argv[1:])
