"""A real `protokol bulk` killed with SIGKILL half-way, then started again; and the same job on a
Dask LocalCluster, compared with the local run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import OWN_CORPUS, ROOT
from test_bulk import make_input, read_jsonl

N_DOCS = 40


def many_documents(folder: Path, n: int = N_DOCS) -> list[Path]:
    """n distinct protocols: our corpus under new names, each with its own last line (so each has its
    own content hash and is really extracted)."""
    folder.mkdir()
    texts = sorted(p for p in OWN_CORPUS.glob("*.txt") if p.name != "sample.txt")
    out = []
    for i in range(n):
        src = texts[i % len(texts)]
        dst = folder / f"copy{i:03d}_{src.name}"
        dst.write_text(src.read_text(encoding="utf-8") + f"\nКопия № {i}\n", encoding="utf-8")
        out.append(dst)
    return out


def bulk(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "extractor.cli", "bulk", *args, "--no-progress"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, **kw)


def lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


@pytest.mark.slow
def test_sigkill_mid_run_then_resume(tmp_path):
    docs = many_documents(tmp_path / "in")
    out = tmp_path / "out"
    run = bulk(str(tmp_path / "in"), "--out", str(out), "--jobs", "2")
    deadline = time.monotonic() + 90
    while lines(out / "protocols.jsonl") < 3 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGKILL)         # the parent and its workers, at once
    run.wait()
    assert run.returncode == -signal.SIGKILL
    done_before = lines(out / "protocols.jsonl")
    assert 3 <= done_before < N_DOCS, "the kill did not land mid-run"
    assert not (out / "assignments.csv").exists()
    with open(out / "protocols.jsonl", "ab") as f:   # and as if the kill had cut a write in half
        f.write(b'{"source":"' + str(docs[-1]).encode() + b'","sha256":"00","protocol":{"schema_ver')

    again = bulk(str(tmp_path / "in"), "--out", str(out), "--jobs", "2")
    stdout, stderr = again.communicate(timeout=180)
    assert again.returncode == 0, stderr
    raw = (out / "protocols.jsonl").read_bytes()
    assert raw.endswith(b"\n")
    records = [json.loads(line) for line in raw.splitlines()]       # no torn line: every line parses
    sources = [r["source"] for r in records]
    assert sorted(sources) == sorted(str(p) for p in docs)          # every document exactly once
    assert lines(out / "errors.jsonl") == 0
    assert f"{done_before}" in stdout and "extracted" in stdout     # the summary: done before, skipped
    register = (out / "assignments.csv").read_text(encoding="utf-8-sig")
    asking = [r["source"] for r in records if any(d["kind"] in ("assignment", "recommendation")
                                                   for d in r["protocol"]["decisions"])]
    assert len(asking) > N_DOCS // 2 and all(source in register for source in asking)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_local_output(tmp_path):
    distributed = pytest.importorskip("distributed")
    from extractor.bulk import BulkOptions, run_bulk

    src = make_input(tmp_path / "in")
    local = run_bulk(BulkOptions(str(src), tmp_path / "local", jobs=2))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster:
        remote = run_bulk(BulkOptions(str(src), tmp_path / "dask", dask=cluster.scheduler_address))
    assert remote.jobs == 2
    assert len(remote.worker_rss) == 2 and os.getpid() not in remote.worker_rss   # both workers, not here

    def by_source(name: str, folder: str) -> dict:
        return {r["source"]: r for r in read_jsonl(tmp_path / folder / name)}

    for name in ("protocols.jsonl", "errors.jsonl"):
        assert by_source(name, "dask") == by_source(name, "local")
    for name in ("assignments.csv", "deadlines.ics", "references.csv"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert (remote.extracted, remote.duplicates, remote.failed) == (local.extracted, local.duplicates, local.failed)
