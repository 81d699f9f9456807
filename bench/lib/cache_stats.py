"""The edge's result-cache counters, as bench/java/ServeNode serves them (`edge CONFIG STATS_PORT`).

  cache_stats.py get PORT DATABASE     prints the counters as one JSON line
  cache_stats.py delta BEFORE AFTER    prints what changed between two such lines, e.g. `hit=120,miss=3`
                                       (`-` when nothing changed), the form bench/cache-loopback records
"""
import json
import sys
import urllib.request


def get(port, database):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/cache/{database}", timeout=10) as response:
        print(json.dumps(json.load(response)))


def delta(before, after):
    old, new = json.loads(before), json.loads(after)
    changed = [f"{key}={new[key] - old.get(key, 0)}" for key in new if new[key] != old.get(key, 0)]
    print(",".join(changed) or "-")


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    {"get": get, "delta": delta}[command](*rest)
