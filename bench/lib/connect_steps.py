"""Where a connection's set-up time goes: a raw PostgreSQL protocol client (no libpq) that times each
exchange of connect + SCRAM-SHA-256 + `select 1` + Terminate separately, and its own PBKDF2 apart, so
the server's share of every step is visible (libpq's total mixes both).

  connect_steps.py HOST PORT USER PASSWORD DATABASE RUNS WARMUP
  prints {"tcp_ms": [...], "startup_ms": [...], "sasl_first_ms": [...], "client_pbkdf2_ms": [...],
          "sasl_final_ms": [...], "select_ms": [...], "total_ms": [...]}

With SECOND_SELECT=1 a second `select 1` on the same connection is timed too (second_select_ms: the
relay stream is open by then, so the difference to select_ms is what opening it costs).
startup: StartupMessage -> AuthenticationSASL; sasl_first: SASLInitialResponse -> SASLContinue;
sasl_final: SASLResponse -> AuthenticationOk ... ReadyForQuery (the greeting); select: Query -> ReadyForQuery.
"""
import base64
import hashlib
import hmac
import json
import os
import socket
import struct
import sys
import time


def message(tag, body):
    return tag + struct.pack("!I", len(body) + 4) + body


def read_message(sock, buffer):
    while True:
        if len(buffer) >= 5:
            length = struct.unpack("!I", buffer[1:5])[0]
            if len(buffer) >= 1 + length:
                tag, body = buffer[:1], bytes(buffer[5:1 + length])
                del buffer[:1 + length]
                return tag, body
        chunk = sock.recv(65536)
        if not chunk:
            raise SystemExit("server closed the connection")
        buffer.extend(chunk)


def read_until(sock, buffer, wanted):
    while True:
        tag, body = read_message(sock, buffer)
        if tag == b"E":
            raise SystemExit("server error: " + body.decode(errors="replace"))
        if tag == wanted:
            return body


def scram_proof(password, client_first_bare, server_first, client_final_bare):
    fields = dict(part.split("=", 1) for part in server_first.split(","))
    salt, iterations = base64.b64decode(fields["s"]), int(fields["i"])
    started = time.perf_counter_ns()
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    auth_message = ",".join([client_first_bare, server_first, client_final_bare]).encode()
    signature = hmac.new(stored_key, auth_message, hashlib.sha256).digest()
    proof = bytes(a ^ b for a, b in zip(client_key, signature))
    return base64.b64encode(proof).decode(), (time.perf_counter_ns() - started) / 1e6


def one_connection(host, port, user, password, database):
    steps = {}
    mark = time.perf_counter_ns()
    began = mark

    def lap(name):
        nonlocal mark
        now = time.perf_counter_ns()
        steps[name] = (now - mark) / 1e6
        mark = now

    sock = socket.create_connection((host, port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buffer = bytearray()
    lap("tcp_ms")
    params = b"user\0" + user.encode() + b"\0database\0" + database.encode() + b"\0\0"
    body = struct.pack("!I", 196608) + params
    sock.sendall(struct.pack("!I", len(body) + 4) + body)
    read_until(sock, buffer, b"R")
    lap("startup_ms")
    nonce = base64.b64encode(os.urandom(18)).decode()
    client_first_bare = "n=,r=" + nonce
    first = ("n,," + client_first_bare).encode()
    sock.sendall(message(b"p", b"SCRAM-SHA-256\0" + struct.pack("!I", len(first)) + first))
    server_first = read_until(sock, buffer, b"R")[4:].decode()
    lap("sasl_first_ms")
    server_nonce = dict(part.split("=", 1) for part in server_first.split(","))["r"]
    client_final_bare = "c=biws,r=" + server_nonce
    proof, pbkdf2_ms = scram_proof(password, client_first_bare, server_first, client_final_bare)
    mark += int(pbkdf2_ms * 1e6)  # the client's own work is reported apart
    steps["client_pbkdf2_ms"] = pbkdf2_ms
    sock.sendall(message(b"p", (client_final_bare + ",p=" + proof).encode()))
    read_until(sock, buffer, b"Z")
    lap("sasl_final_ms")
    sock.sendall(message(b"Q", b"select 1\0"))
    read_until(sock, buffer, b"Z")
    lap("select_ms")
    if SECOND_SELECT:
        sock.sendall(message(b"Q", b"select 1\0"))
        read_until(sock, buffer, b"Z")
        lap("second_select_ms")
    sock.sendall(message(b"X", b""))
    sock.close()
    steps["total_ms"] = (time.perf_counter_ns() - began) / 1e6
    return steps


SECOND_SELECT = os.environ.get("SECOND_SELECT") == "1"


def main():
    host, port, user, password, database, runs, warmup = sys.argv[1:8]
    results = {}
    for i in range(int(warmup) + int(runs)):
        steps = one_connection(host, int(port), user, password, database)
        if i >= int(warmup):
            for name, value in steps.items():
                results.setdefault(name, []).append(value)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
