"""A minimal libpq client (ctypes over the system's libpq.so.5) for the benchmarks that must not measure
a driver's own start-up cost: libpq is what psql and pgbench use.

  pqclient.py connect CONNINFO RUNS WARMUP   connect + `select 1` + close, RUNS times, one after another;
                                             prints {"connect_ms": [...], "total_ms": [...]}
  pqclient.py stream CONNINFO SQL            runs SQL in single-row mode (rows are never held together);
                                             prints {"rows": N, "bytes": N, "seconds": S}
  pqclient.py hold CONNINFO COUNT            opens COUNT connections (each runs `select 1`), prints
                                             {"opened": N, "seconds": S}, then holds them until stdin closes
"""
import ctypes
import json
import sys
import time

pq = ctypes.CDLL("libpq.so.5")
pq.PQconnectdb.restype = ctypes.c_void_p
pq.PQconnectdb.argtypes = [ctypes.c_char_p]
pq.PQstatus.argtypes = [ctypes.c_void_p]
pq.PQerrorMessage.restype = ctypes.c_char_p
pq.PQerrorMessage.argtypes = [ctypes.c_void_p]
pq.PQexec.restype = ctypes.c_void_p
pq.PQexec.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
pq.PQsendQuery.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
pq.PQsetSingleRowMode.argtypes = [ctypes.c_void_p]
pq.PQgetResult.restype = ctypes.c_void_p
pq.PQgetResult.argtypes = [ctypes.c_void_p]
pq.PQresultStatus.argtypes = [ctypes.c_void_p]
pq.PQresultErrorMessage.restype = ctypes.c_char_p
pq.PQresultErrorMessage.argtypes = [ctypes.c_void_p]
pq.PQnfields.argtypes = [ctypes.c_void_p]
pq.PQgetlength.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
pq.PQclear.argtypes = [ctypes.c_void_p]
pq.PQfinish.argtypes = [ctypes.c_void_p]

CONNECTION_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE = 0, 2, 9


def connect(conninfo):
    conn = pq.PQconnectdb(conninfo.encode())
    if pq.PQstatus(conn) != CONNECTION_OK:
        message = pq.PQerrorMessage(conn).decode(errors="replace").strip()
        pq.PQfinish(conn)
        raise SystemExit("connect failed: " + message)
    return conn


def select_one(conn):
    result = pq.PQexec(conn, b"select 1")
    status = pq.PQresultStatus(result)
    message = pq.PQresultErrorMessage(result).decode(errors="replace").strip()
    pq.PQclear(result)
    if status != PGRES_TUPLES_OK:
        raise SystemExit("select 1 failed: " + message)


def connect_runs(conninfo, runs, warmup):
    connect_ms, total_ms = [], []
    for i in range(int(warmup) + int(runs)):
        started = time.perf_counter_ns()
        conn = connect(conninfo)
        connected = time.perf_counter_ns()
        select_one(conn)
        pq.PQfinish(conn)
        ended = time.perf_counter_ns()
        if i >= int(warmup):
            connect_ms.append((connected - started) / 1e6)
            total_ms.append((ended - started) / 1e6)
    print(json.dumps({"connect_ms": connect_ms, "total_ms": total_ms}))


def stream(conninfo, sql):
    conn = connect(conninfo)
    started = time.perf_counter()
    if not pq.PQsendQuery(conn, sql.encode()) or not pq.PQsetSingleRowMode(conn):
        raise SystemExit("could not send the query: " + pq.PQerrorMessage(conn).decode(errors="replace"))
    rows = size = 0
    while True:
        result = pq.PQgetResult(conn)
        if not result:
            break
        status = pq.PQresultStatus(result)
        if status == PGRES_SINGLE_TUPLE:
            rows += 1
            for column in range(pq.PQnfields(result)):
                size += pq.PQgetlength(result, 0, column)
        elif status != PGRES_TUPLES_OK:
            raise SystemExit("query failed: " + pq.PQresultErrorMessage(result).decode(errors="replace"))
        pq.PQclear(result)
    seconds = time.perf_counter() - started
    pq.PQfinish(conn)
    print(json.dumps({"rows": rows, "bytes": size, "seconds": seconds}))


def hold(conninfo, count):
    started = time.perf_counter()
    conns = []
    for _ in range(int(count)):
        conn = connect(conninfo)
        select_one(conn)
        conns.append(conn)
    print(json.dumps({"opened": len(conns), "seconds": time.perf_counter() - started}), flush=True)
    sys.stdin.read()
    for conn in conns:
        pq.PQfinish(conn)


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    {"connect": connect_runs, "stream": stream, "hold": hold}[command](*rest)
