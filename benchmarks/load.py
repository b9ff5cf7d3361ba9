"""``nox -s bench``: the HTTP API under load, on 127.0.0.1 only, bounded in count and time.

Starts ``shjzz serve`` on a free local port, then for ``POST /api/v1/score``
(case 02's body) and ``GET /healthz`` (the framework's own floor: the same
server answering a constant) at 1 and 50 concurrent keep-alive clients, sends
at most ``--requests`` requests or for at most ``--seconds`` seconds and prints
requests per second and the p50 and p99 latency.  ``--soak SECONDS`` (at most
180) then keeps 50 clients scoring and prints the errors and the server's
resident memory before and after.  The clients are a small asyncio HTTP/1.1
loop sharing the machine with the server: the figures are for this machine,
reported, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HOST = "127.0.0.1"
CASE = Path(__file__).parent.parent / "tests" / "shared_cases" / "02-junior-college-two-years.json"
MAX_SOAK = 180


def _request(method: str, path: str, body: bytes = b"") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: {len(body)}\r\n"
    if body:
        head += "Content-Type: application/json\r\n"
    return head.encode() + b"\r\n" + body


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> int:
    writer.write(raw)
    await writer.drain()
    status_line = await reader.readline()
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return int(status_line.split()[1])


class _Tally:
    """What the clients of one row share: the requests left, the latencies, the errors."""

    def __init__(self, requests: int, seconds: float) -> None:
        self.left = requests
        self.deadline = time.perf_counter() + seconds
        self.latencies: list[float] = []
        self.errors: list[int] = []


async def _client(port: int, raw: bytes, tally: _Tally) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while tally.left > 0 and time.perf_counter() < tally.deadline:
            tally.left -= 1
            start = time.perf_counter()
            status = await _exchange(reader, writer, raw)
            tally.latencies.append(time.perf_counter() - start)
            if status != 200:
                tally.errors.append(status)
    finally:
        writer.close()


async def _run(port: int, raw: bytes, clients: int, requests: int, seconds: float) -> dict:
    start = time.perf_counter()
    tally = _Tally(requests, seconds)
    await asyncio.gather(*(_client(port, raw, tally) for _ in range(clients)))
    elapsed = time.perf_counter() - start
    latencies, errors = sorted(tally.latencies), tally.errors
    return {
        "n": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "errors": len(errors),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def _up(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=1) as s:
            s.sendall(_request("GET", "/healthz"))
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def _wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 30
    while not _up(port):
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.1)


def main() -> None:
    """Measure the floor and the score endpoint at 1 and 50 clients; soak if asked."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=5000, help="most requests per row")
    parser.add_argument("--seconds", type=float, default=20, help="most seconds per row")
    parser.add_argument("--soak", type=float, default=0, help=f"soak seconds (≤ {MAX_SOAK})")
    args = parser.parse_args()
    case = json.loads(CASE.read_text(encoding="utf-8"))
    body = json.dumps({"applicant": case["applicant"], "on": case["on"]}).encode()
    score = _request("POST", "/api/v1/score", body)
    floor = _request("GET", "/healthz")
    port = _free_port()
    cmd = [sys.executable, "-m", "shjzz", "serve", "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_up(port)
        asyncio.run(_run(port, score, 4, 500, 10))  # warm up: data, caches, connections
        rows = {}
        print(f"HTTP API load on {HOST} (one uvicorn worker; clients on the same machine)")
        print(
            f"{'endpoint':<22}{'clients':>8}{'requests':>10}{'req/s':>10}"
            f"{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
        )
        for clients in (1, 50):
            for name, raw in (("GET /healthz", floor), ("POST /api/v1/score", score)):
                r = asyncio.run(_run(port, raw, clients, args.requests, args.seconds))
                rows[name, clients] = r
                print(
                    f"{name:<22}{clients:>8}{r['n']:>10}{r['rps']:>10.0f}"
                    f"{r['p50']:>9.2f}{r['p99']:>9.2f}{r['errors']:>8}"
                )
        for clients in (1, 50):
            ratio = (
                rows["POST /api/v1/score", clients]["rps"] / rows["GET /healthz", clients]["rps"]
            )
            print(f"score / floor throughput at {clients} client(s): {ratio:.2f}×")
        if args.soak:
            seconds = min(args.soak, MAX_SOAK)
            before = _rss_kib(server.pid)
            r = asyncio.run(_run(port, score, 50, 10**9, seconds))
            after = _rss_kib(server.pid)
            print(
                f"soak {seconds:.0f} s at 50 clients: {r['n']} requests, {r['rps']:.0f} req/s, "
                f"p99 {r['p99']:.2f} ms, {r['errors']} errors; server RSS "
                f"{before / 1024:.1f} MiB before, {after / 1024:.1f} MiB after"
            )
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
