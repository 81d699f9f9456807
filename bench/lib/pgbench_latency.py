"""p50 and p99 transaction latency, in ms, from pgbench's per-transaction logs (`--log`).
Usage: pgbench_latency.py LOG_FILE...   prints "P50 P99" ("nan nan" when nothing was logged)

A log line is `client_id transaction_no time script_no time_epoch time_us ...`, `time` the transaction's
elapsed time in µs as the client saw it; failed or skipped transactions (`failed`, `skipped`) are left out.
"""
import sys

from benchlib import percentile


def latencies_ms(paths):
    for path in paths:
        with open(path) as log:
            for line in log:
                fields = line.split()
                if len(fields) > 2 and fields[2].isdigit():
                    yield int(fields[2]) / 1000.0


def main(paths):
    values = list(latencies_ms(paths))
    print(f"{percentile(values, 50):.3f} {percentile(values, 99):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
