#!/usr/bin/env python3
"""Network probes for the simulated WAN self-check (bench/wan/selftest).

  probe.py serve PORT                       TCP server for the client probes below
  probe.py connect HOST PORT COUNT          connect() times, ms (one round trip each)
  probe.py roundtrip HOST PORT COUNT        connect + 1-byte request/response, ms (two round trips)
  probe.py download HOST PORT BYTES         server -> client bulk transfer, MB/s
  probe.py upload HOST PORT BYTES           client -> server bulk transfer, MB/s
  probe.py udp-recv PORT COUNT              receive numbered datagrams, report order, loss, one-way delay
  probe.py udp-send HOST PORT COUNT PPS     send COUNT numbered, time-stamped datagrams at PPS

All namespaces share one CLOCK_MONOTONIC, so a sender's time stamp gives the receiver the
true one-way delay of each datagram.
"""
import socket
import statistics
import struct
import sys
import threading
import time

CHUNK = 256 * 1024


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def summary(label, ms_values):
    print(f"{label}: n={len(ms_values)} p50={statistics.median(ms_values):.2f} ms "
          f"p99={percentile(ms_values, 99):.2f} ms max={max(ms_values):.2f} ms")


def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        part = sock.recv(n - len(data))
        if not part:
            raise ConnectionError("peer closed early")
        data += part
    return data


def handle(conn):
    with conn:
        op = conn.recv(1)
        if op == b"E":
            conn.sendall(b"e")
        elif op == b"D":
            remaining = struct.unpack("!Q", recv_exact(conn, 8))[0]
            block = b"x" * CHUNK
            while remaining > 0:
                n = min(remaining, CHUNK)
                conn.sendall(block[:n])
                remaining -= n
        elif op == b"U":
            total = 0
            while True:
                part = conn.recv(CHUNK)
                if not part:
                    break
                total += len(part)
            conn.sendall(struct.pack("!Q", total))


def serve(port):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("0.0.0.0", int(port)))
    srv.listen(128)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def connect_times(host, port, count, with_request):
    times = []
    for _ in range(int(count)):
        start = time.perf_counter()
        s = socket.create_connection((host, int(port)))
        if with_request:
            s.sendall(b"E")
            recv_exact(s, 1)
        times.append((time.perf_counter() - start) * 1000)
        s.close()
    summary("roundtrip" if with_request else "connect", times)


def download(host, port, nbytes):
    nbytes = int(nbytes)
    s = socket.create_connection((host, int(port)))
    start = time.perf_counter()
    s.sendall(b"D" + struct.pack("!Q", nbytes))
    got = 0
    while got < nbytes:
        part = s.recv(CHUNK)
        if not part:
            break
        got += len(part)
    elapsed = time.perf_counter() - start
    if got != nbytes:
        sys.exit(f"download: got {got} of {nbytes} bytes")
    print(f"download: {nbytes / 1e6:.0f} MB in {elapsed:.2f} s = {nbytes / 1e6 / elapsed:.1f} MB/s")


def upload(host, port, nbytes):
    nbytes = int(nbytes)
    s = socket.create_connection((host, int(port)))
    start = time.perf_counter()
    s.sendall(b"U")
    block = b"y" * CHUNK
    remaining = nbytes
    while remaining > 0:
        n = min(remaining, CHUNK)
        s.sendall(block[:n])
        remaining -= n
    s.shutdown(socket.SHUT_WR)
    total = struct.unpack("!Q", recv_exact(s, 8))[0]
    elapsed = time.perf_counter() - start
    if total != nbytes:
        sys.exit(f"upload: server got {total} of {nbytes} bytes")
    print(f"upload: {nbytes / 1e6:.0f} MB in {elapsed:.2f} s = {nbytes / 1e6 / elapsed:.1f} MB/s")


def udp_recv(port, count):
    count = int(count)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 * 1024 * 1024)
    s.bind(("0.0.0.0", int(port)))
    s.settimeout(5)
    delays, last_seq, out_of_order, received = [], -1, 0, 0
    try:
        while received < count:
            data = s.recv(64)
            now = time.clock_gettime(time.CLOCK_MONOTONIC)
            seq, sent = struct.unpack("!Qd", data[:16])
            if seq < last_seq:
                out_of_order += 1
            last_seq = max(last_seq, seq)
            delays.append((now - sent) * 1000)
            received += 1
    except socket.timeout:
        pass
    print(f"udp: received {received} of {count}, out of order {out_of_order}")
    summary("udp one-way delay", delays)


def udp_send(host, port, count, pps):
    """Paced by sleeping in 1 ms steps (a busy loop would starve the receiver on small machines)."""
    count, pps = int(count), float(pps)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    start = time.perf_counter()
    seq = 0
    while seq < count:
        due = min(count, int((time.perf_counter() - start) * pps) + 1)
        while seq < due:
            s.sendto(struct.pack("!Qd", seq, time.clock_gettime(time.CLOCK_MONOTONIC)), (host, int(port)))
            seq += 1
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    print(f"udp: sent {count} datagrams in {elapsed:.2f} s = {count / elapsed:.0f} per s")


COMMANDS = {
    "serve": serve,
    "connect": lambda h, p, c: connect_times(h, p, c, False),
    "roundtrip": lambda h, p, c: connect_times(h, p, c, True),
    "download": download,
    "upload": upload,
    "udp-recv": udp_recv,
    "udp-send": udp_send,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](*sys.argv[2:])
