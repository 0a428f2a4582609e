"""Load test of the extraction API: 1, 4, 8 and 16 concurrent clients posting a real protocol.

    python tests/bench/bench_api.py [--workers 2] [--seconds 10] [--levels 1,4,8,16] [--repeat 2]
                                    [--file PATH] [--url http://127.0.0.1:PORT]

Starts `protokol serve` on a free loopback port (unless --url names a running loopback server),
reads the protocol at run time (../shared/corpus/real/minpros_profi_2023_11.txt, else
corpus/sample.txt), and runs every level `--repeat` times, each run with fresh connections
(one keep-alive connection per client), for a bounded time. Prints per run: throughput,
p50/p95/p99 latency, answers by status, the server's RSS (all its processes) and where the CPU
went (% of one core: the front process, the extraction processes, this load generator) and how
the requests were shared among the processes that extracted them (from the access log's `worker`,
or its `pid` for servers without one): "100" means a single process served the whole run.
Targets, relative to the machine: at 8 and 16 clients throughput >= 0.9 x the best run's, and
p99 <= 1.3 x clients / throughput (the queueing ideal); the last lines say whether every run holds.
"""
from __future__ import annotations

import argparse
import contextlib
import asyncio
import json
import os
import tempfile
import resource
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parents[2]
warnings.filterwarnings("ignore", message=".*httpx2")   # starlette's testclient, imported by _api
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process, from /proc (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def descendants(pid: int) -> list[int]:
    """The processes started by `pid`, at any depth."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = [int(k) for t in os.listdir(f"/proc/{p}/task") for k in Path(f"/proc/{p}/task/{t}/children").read_text().split()]
        except OSError:
            kids = []
        out += kids
        todo += kids
    return out


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="extraction processes of the server")
    parser.add_argument("--seconds", type=float, default=10.0, help="per run")
    parser.add_argument("--file", type=Path, help="the protocol to post")
    parser.add_argument("--url", help="a running server on loopback instead of starting one")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)), help="client counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each level, each with fresh connections")
    args = parser.parse_args()
    path = args.file or next(p for p in CANDIDATES if p.is_file())
    data = path.read_bytes()
    if args.url and urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only")
    runs: list[tuple[int, float, float]] = []
    with contextlib.ExitStack() as stack:
        proc, url = None, args.url
        log = stack.enter_context(tempfile.NamedTemporaryFile("w+", suffix=".log"))
        if not url:
            url, proc = stack.enter_context(running_server(args.workers, stdout=log))
        print(f"{path.name}: {len(data) / 1024:.1f} KB, {args.workers} extraction processes, {args.seconds:g} s per run, "
              f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
        asyncio.run(level(url, data, path.name, 2 * args.workers, 3))   # warm-up: every process has run
        print(f"{'clients':>7} {'req':>5} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'RSS MB':>7} "
              f"{'front%':>6} {'extr%':>6} {'load%':>6} {'shares %':>9}  statuses")
        for clients in [int(c) for c in args.levels.split(",") for _ in range(args.repeat)]:
            pids = descendants(proc.pid) if proc else []
            log.seek(0, os.SEEK_END)
            logged = log.tell()
            cpu0 = (cpu_seconds(proc.pid) if proc else 0.0, sum(map(cpu_seconds, pids)), own_cpu())
            latencies, statuses, took = asyncio.run(level(url, data, path.name, clients, args.seconds))
            cpu1 = (cpu_seconds(proc.pid) if proc else 0.0, sum(map(cpu_seconds, pids)), own_cpu())
            front, extraction, load = (100 * (b - a) / took for a, b in zip(cpu0, cpu1))
            rss = rss_mb(proc.pid) if proc else float("nan")
            rate, p99 = len(latencies) / took, percentile(latencies, 99)
            runs.append((clients, rate, p99))
            log.seek(logged)
            served = Counter(line.get("worker") or line.get("pid") for line in map(json.loads, filter(
                lambda x: x.startswith("{"), log.read().splitlines())) if line.get("path") == "/v1/extract")
            shares = "/".join(f"{100 * n / max(1, sum(served.values())):.0f}" for _, n in served.most_common())
            print(f"{clients:>7} {len(latencies):>5} {rate:>6.1f} {percentile(latencies, 50):>7.0f} "
                  f"{percentile(latencies, 95):>7.0f} {p99:>7.0f} {rss:>7.0f} {front:>6.0f} {extraction:>6.0f} "
                  f"{load:>6.0f} {shares or '-':>9}  {dict(statuses)}", flush=True)
    best = max(rate for _, rate, _ in runs)
    print(f"\nbest run {best:.1f} req/s; load average {os.getloadavg()[0]:.1f} at the end")
    for clients, rate, p99 in runs:
        if clients < 8:
            continue
        ideal = 1000 * clients / rate
        holds = rate >= 0.9 * best and p99 <= 1.3 * ideal
        print(f"  {clients:>2} clients: {rate:5.1f} req/s = {rate / best:.2f} x best (>= 0.90), p99 {p99:.0f} ms = "
              f"{p99 / ideal:.2f} x clients/throughput (<= 1.30): {'holds' if holds else 'MISSES'}")


if __name__ == "__main__":
    main()
