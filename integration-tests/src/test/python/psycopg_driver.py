"""psycopg 3 (Debian's python3-psycopg) through the edge: server-side prepared statements from the first
execution (prepare_threshold=0) on more connections than the endpoint has origin connections, common
types, a committed and a rolled-back transaction, an error and recovery. Prints one line per check;
DriversThroughEdgeIT compares the lines. Usage: /usr/bin/python3 psycopg_driver.py <postgres-url>"""
import datetime
import decimal
import json
import sys
import threading
import uuid

import psycopg
from psycopg.types.json import Jsonb

URL = sys.argv[1]


def connect():
    return psycopg.connect(URL, autocommit=True, prepare_threshold=0)


def format_types(r):
    ts = r[5].astimezone(datetime.timezone.utc)
    return ("types: i=%s b=%s t=%s n=%s f=%s ts=%s.%03dZ j=%s y=%s u=%s d=%s dt=%s arr=%s nul=%s" % (
        r[0], r[1], r[2], r[3], str(r[4]).lower(), ts.strftime("%Y-%m-%dT%H:%M:%S"), ts.microsecond // 1000,
        json.dumps(r[6], separators=(",", ":")), r[7].hex(), r[8], r[9], r[10].isoformat(),
        json.dumps(r[11], separators=(",", ":")), "null" if r[12] is None else r[12]))


def count(conn):
    return conn.execute("SELECT count(*)::int FROM driver_py_items WHERE id > %s", (0,)).fetchone()[0]


def main():
    with connect() as conn:
        row = conn.execute(
            "SELECT %s::int4, %s::int8, %s::text, %s::numeric, %s::bool, %s::timestamptz, %s::jsonb, %s::bytea,"
            " %s::uuid, %s::float8, %s::date, %s::int4[], %s::text",
            (42, 9007199254740993, "héllo wörld", decimal.Decimal("12.345"), True,
             datetime.datetime(2024, 2, 29, 12, 34, 56, 789000, tzinfo=datetime.timezone.utc), Jsonb({"a": [1, 2]}),
             bytes.fromhex("deadbeef"), uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), 1.5,
             datetime.date(2024, 2, 29), [1, 2, 3], None)).fetchone()
        print(format_types(row), flush=True)

        conn.execute("DROP TABLE IF EXISTS driver_py_items")
        conn.execute("CREATE TABLE driver_py_items (id int PRIMARY KEY, label text)")
        with conn.transaction():
            conn.execute("INSERT INTO driver_py_items VALUES (%s, %s)", (1, "one"))
            conn.execute("INSERT INTO driver_py_items VALUES (%s, %s)", (2, "two"))
        print("commit: %d rows" % count(conn), flush=True)

        try:
            with conn.transaction():
                conn.execute("INSERT INTO driver_py_items VALUES (%s, %s)", (3, "three"))
                raise RuntimeError("roll me back")
        except RuntimeError:
            pass
        print("rollback: %d rows" % count(conn), flush=True)

        try:
            conn.execute("SELECT 1 / %s::int", (0,))
        except psycopg.Error as e:
            print("error: %s %s" % (e.sqlstate, e.diag.message_primary), flush=True)
        print("recovered: %d" % conn.execute("SELECT 1 / %s::int", (1,)).fetchone()[0], flush=True)

        try:
            with conn.transaction():
                try:
                    conn.execute("SELECT 1 / %s::int", (0,))
                except psycopg.Error:
                    pass
                conn.execute("SELECT %s::int", (1,))
        except psycopg.Error as e:
            print("aborted transaction: %s" % e.sqlstate, flush=True)
        print("after rollback: %d" % conn.execute("SELECT 1 / %s::int", (1,)).fetchone()[0], flush=True)

    sums = []
    failures = []
    lock = threading.Lock()

    def worker(offset):
        try:
            with connect() as conn:
                for n in range(offset, 200, 8):
                    value = conn.execute("SELECT %s::int + %s::int", (n, 1)).fetchone()[0]
                    with lock:
                        sums.append(value)
        except Exception as e:  # reported below; the test fails on the missing line
            with lock:
                failures.append(repr(e))

    threads = [threading.Thread(target=worker, args=(offset,)) for offset in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for failure in failures:
        print("failure: %s" % failure, file=sys.stderr, flush=True)
    print("prepared: %d queries sum=%d" % (len(sums), sum(sums)), flush=True)
    print("done", flush=True)


main()
