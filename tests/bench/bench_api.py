"""Load test of the extraction API: 1, 4 and 8 concurrent clients posting a real protocol.

    python tests/bench/bench_api.py [--workers 2] [--seconds 15] [--file PATH] [--url http://127.0.0.1:PORT]

Starts `protokol serve` on a free loopback port (unless --url names a running loopback server),
reads the protocol at run time (../shared/corpus/real/minpros_profi_2023_11.txt, else
corpus/sample.txt), and for each concurrency level posts it for a bounded time, then prints
throughput, p50/p95/p99 latency, answers by status and the server's RSS (all its processes).
Target: p99 <= 300 ms at 8 concurrent clients on a 16 KB protocol with 2 workers.
"""
from __future__ import annotations

import argparse
import contextlib
import asyncio
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from _api import running_server  # noqa: E402  (the tests' server helper)
CANDIDATES = [ROOT.parent / "shared" / "corpus" / "real" / "minpros_profi_2023_11.txt", ROOT / "corpus" / "sample.txt"]
LEVELS = (1, 4, 8, 16)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (uvicorn workers), from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


async def level(url: str, data: bytes, name: str, clients: int, seconds: float) -> tuple[list[float], Counter, float]:
    """`clients` loops posting the document until `seconds` have passed; latencies in ms."""
    latencies: list[float] = []
    statuses: Counter = Counter()
    end = time.perf_counter() + seconds

    async def client(http: httpx.AsyncClient) -> None:
        while time.perf_counter() < end:
            started = time.perf_counter()
            response = await http.post("/v1/extract", files={"file": (name, data)})
            latencies.append((time.perf_counter() - started) * 1000)
            statuses[response.status_code] += 1

    began = time.perf_counter()
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return latencies, statuses, time.perf_counter() - began


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=15.0, help="per concurrency level")
    parser.add_argument("--file", type=Path, help="the protocol to post")
    parser.add_argument("--url", help="a running server on loopback instead of starting one")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)), help="client counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each level, each with fresh connections")
    args = parser.parse_args()
    path = args.file or next(p for p in CANDIDATES if p.is_file())
    data = path.read_bytes()
    if args.url and urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only")
    with contextlib.ExitStack() as stack:
        proc, url = None, args.url
        if not url:
            url, proc = stack.enter_context(running_server(args.workers))
        print(f"{path.name}: {len(data) / 1024:.1f} KB, {args.workers} workers, {args.seconds:g} s per level")
        asyncio.run(level(url, data, path.name, args.workers, 3))   # warm-up: every worker has run once
        print(f"{'clients':>7} {'req':>5} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'RSS MB':>7}  statuses")
        for clients in [int(c) for c in args.levels.split(",") for _ in range(args.repeat)]:
            latencies, statuses, took = asyncio.run(level(url, data, path.name, clients, args.seconds))
            rss = rss_mb(proc.pid) if proc else float("nan")
            print(f"{clients:>7} {len(latencies):>5} {len(latencies) / took:>6.1f} {percentile(latencies, 50):>7.0f} "
                  f"{percentile(latencies, 95):>7.0f} {percentile(latencies, 99):>7.0f} {rss:>7.0f}  {dict(statuses)}")

if __name__ == "__main__":
    main()
