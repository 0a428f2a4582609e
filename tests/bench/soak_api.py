"""Soak test of the extraction API: minutes of steady load over real documents and bad inputs.

    python tests/bench/soak_api.py [--minutes 10] [--clients 8] [--workers 2] [--bad-every 10]

Starts `protokol serve` on a free loopback port (its own empty TMPDIR, PROTOKOL_MAX_BYTES=1 MB so the
oversized input is cheap) and runs `--clients` loops for `--minutes`, each posting corpus documents
(../shared/corpus TXT/DOCX/PDF when present, else corpus/*.txt) and, every `--bad-every`-th
request, one of a fixed set of bad inputs with the code it must get. Prints one line a minute
(requests, req/s, p50/p99, statuses, the server's RSS and open file descriptors), then checks:
no 5xx at all; every bad input answered its 4xx code; RSS growth under 10 % from minute 1 to the
last minute; after the load, no more open descriptors than before it and nothing in TMPDIR.
Exit status 1 when a check fails. Loopback only; the load stops by itself.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
warnings.filterwarnings("ignore", message=".*httpx2")   # starlette's testclient, imported by _api
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "bench")]

from _api import running_server  # noqa: E402
from _docmake import text_pdf  # noqa: E402
from bench_api import percentile, rss_mb  # noqa: E402

MAX_BYTES = 1_000_000
SHARED = ROOT.parent / "shared" / "corpus"


def documents() -> list[tuple[str, bytes]]:
    """The good inputs: every TXT, DOCX and PDF of the shared corpus, else our own TXT files. Scans
    are left out: OCR takes tesseract a minute a scan on a busy machine, past the time limit, and
    that measures tesseract, not the service (tests/bench/bench_ocr.py does)."""
    paths = sorted(p for p in SHARED.rglob("*") if p.suffix in (".txt", ".docx", ".pdf")) if SHARED.is_dir() else []
    paths = paths or sorted((ROOT / "corpus").glob("*.txt"))
    return [(p.name, p.read_bytes()) for p in paths
            if p.stat().st_size <= MAX_BYTES and not (p.suffix == ".pdf" and _scan(p.read_bytes()))]


def _scan(data: bytes) -> bool:
    """No text layer on the first page (pdfium, a few milliseconds)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return not document[0].get_textpage().get_text_range().strip()
    finally:
        document.close()


def bad_inputs() -> list[tuple[str, dict, int, str]]:
    """(what, httpx request arguments, status, code): inputs a client gets wrong, and their answers."""
    pdf = text_pdf([["Protocol 3", "Decided: nothing."]])
    return [
        ("empty file", {"files": {"file": ("e.txt", b"")}}, 422, "E001"),
        ("binary", {"files": {"file": ("b.txt", bytes(range(256)) * 40)}}, 422, "E002"),
        ("truncated pdf", {"files": {"file": ("t.pdf", pdf[: len(pdf) // 2])}}, 422, "E011"),
        ("damaged docx", {"files": {"file": ("d.docx", b"PK\x03\x04" + b"\x00" * 200)}}, 422, "E016"),
        ("zip archive", {"files": {"file": ("a.zip", _zip())}}, 415, "E010"),
        ("too large", {"files": {"file": ("big.txt", "ПРОТОКОЛ ".encode() * (MAX_BYTES // 10))}}, 413, "E015"),
        ("json without text", {"json": {"txt": "x"}}, 422, "E040"),
        ("no file field", {"files": {"other": ("x.txt", b"x")}}, 422, "E040"),
        ("csv body", {"content": b"a,b", "headers": {"Content-Type": "text/csv"}}, 415, "E010"),
        ("clashing options", {"files": {"file": ("x.txt", "ПРОТОКОЛ".encode())}, "params": {"include_text": "true", "as": "corpus"}},
         422, "E040"),
    ]


def _zip() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("protocol.txt", "ПРОТОКОЛ № 1")
    return out.getvalue()


def open_fds(pid: int) -> int:
    """Open descriptors of a process and its descendants (the extraction processes)."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            total += len(os.listdir(f"/proc/{p}/fd"))
        except OSError:
            continue
    return total


def children(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = [int(k) for t in os.listdir(f"/proc/{p}/task")
                    for k in Path(f"/proc/{p}/task/{t}/children").read_text().split()]
        except OSError:
            kids = []
        out += kids
        todo += kids
    return out


async def soak(url: str, pid: int, args: argparse.Namespace) -> dict:
    """The load; one report line a minute; the figures the checks need."""
    docs, bad = documents(), bad_inputs()
    minutes = [{"lat": [], "status": Counter()} for _ in range(int(args.minutes + 0.999))]
    wrong: list[str] = []
    rss: list[tuple[float, float]] = []
    began = time.perf_counter()
    end = began + args.minutes * 60

    async def client(n: int) -> None:
        rng = random.Random(n)
        async with httpx.AsyncClient(base_url=url, timeout=120) as http:
            i = 0
            while time.perf_counter() < end:
                i += 1
                started = time.perf_counter()
                if i % args.bad_every == 0:
                    what, kwargs, status, code = rng.choice(bad)
                    r = await http.post("/v1/extract", **kwargs)
                    got = r.json().get("error", {}).get("code") if r.headers.get("content-type", "").startswith(
                        "application/json") else None
                    if (r.status_code, got) != (status, code):
                        wrong.append(f"{what}: {r.status_code} {got}, expected {status} {code}")
                else:
                    name, data = rng.choice(docs)
                    r = await http.post("/v1/extract", files={"file": (name, data)})
                minute = minutes[min(len(minutes) - 1, int((started - began) // 60))]
                minute["lat"].append((time.perf_counter() - started) * 1000)
                minute["status"][r.status_code] += 1

    async def monitor() -> None:
        shown = 0
        while time.perf_counter() < end + 1:
            await asyncio.sleep(5)
            rss.append((time.perf_counter() - began, rss_mb(pid)))
            done = int((time.perf_counter() - began) // 60)
            while shown < min(done, len(minutes)):
                m = minutes[shown]
                print(f"{shown + 1:>6} {len(m['lat']):>5} {len(m['lat']) / 60:>6.1f} {percentile(m['lat'], 50):>7.0f} "
                      f"{percentile(m['lat'], 99):>7.0f} {rss[-1][1]:>7.0f} {open_fds(pid):>4}  {dict(m['status'])}",
                      flush=True)
                shown += 1

    print(f"{len(docs)} documents, {len(bad)} kinds of bad input (1 request in {args.bad_every}), "
          f"{args.clients} clients, {args.minutes:g} min")
    print(f"{'minute':>6} {'req':>5} {'req/s':>6} {'p50 ms':>7} {'p99 ms':>7} {'RSS MB':>7} {'fds':>4}  statuses")
    await asyncio.gather(monitor(), *(client(n) for n in range(args.clients)))
    return {"minutes": minutes, "wrong": wrong, "rss": rss}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--bad-every", type=int, default=10)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="protokol-soak-"))
    env = {"TMPDIR": str(tmp), "PROTOKOL_MAX_BYTES": str(MAX_BYTES), "PROTOKOL_LOG_LEVEL": "warning"}
    with running_server(args.workers, env=env) as (url, proc):
        with httpx.Client(base_url=url, timeout=120) as http:   # warm-up: every process has run once
            for name, data in documents()[: 2 * args.workers]:
                http.post("/v1/extract", files={"file": (name, data)})
        fds_before = open_fds(proc.pid)
        figures = asyncio.run(soak(url, proc.pid, args))
        time.sleep(2)   # the last connections close
        fds_after = open_fds(proc.pid)
        left = sorted(p.name for p in tmp.iterdir())
    statuses = sum((m["status"] for m in figures["minutes"]), Counter())
    # RSS at the end of minute 1 against the end of the last minute (caches and the first OCR-free
    # documents of every kind have been through by then); judged only on runs of 3 minutes or more
    first = [r for t, r in figures["rss"] if t <= 60] or [figures["rss"][0][1]]
    last = [r for t, r in figures["rss"] if t <= args.minutes * 60] or [figures["rss"][-1][1]]
    growth = (last[-1] - first[-1]) / first[-1] if args.minutes >= 3 else 0.0
    server_errors = sum(c for s, c in statuses.items() if s >= 500)
    checks = {
        "no 5xx": server_errors == 0,
        "every bad input its coded 4xx": not figures["wrong"],
        "RSS growth < 10 % (minute 1 -> last)": growth < 0.10,
        "no descriptors left": fds_after <= fds_before,
        "no temporary files left": not left,
    }
    print(f"\n{sum(statuses.values())} requests: {dict(sorted(statuses.items()))}; 5xx: {server_errors}")
    print(f"RSS end of minute 1 {first[-1]:.0f} MB, at the end {last[-1]:.0f} MB: {growth:+.1%}; "
          f"fds {fds_before} before the load, {fds_after} after; temporary files left: {len(left)}")
    for line in figures["wrong"][:10]:
        print(f"  wrong answer to a bad input: {line}")
    for name, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    tmp.rmdir() if not left else None
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
