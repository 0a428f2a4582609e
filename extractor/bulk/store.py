"""The results of a bulk run on disk: append-only JSONL files that survive a kill at any moment.

    protocols.jsonl  {"source": ..., "sha256": ..., ["duplicate_of": ...,] "protocol": {...}}
    errors.jsonl     {"source": ..., "sha256": ..., "code": "E0xx", "message": ...}

Only the parent process writes. Every line goes out in one `os.write` of the whole encoded line on
an O_APPEND descriptor and is fsync'ed, so a finished document is on disk before the next one is
counted. A kill in the middle of a write can leave at most a partial last line; opening the store
cuts it off (`repair`), so a resumed run never sees a torn line. The resume index is by source and
content hash: a document whose (source, sha256) is recorded is done; a new source with the content
of a recorded document is recorded as its duplicate without extracting it again.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

PROTOCOLS = "protocols.jsonl"
ERRORS = "errors.jsonl"


def repair(path: Path) -> int:
    """Cut a partial last line (a write killed half-way) off `path`; the number of bytes dropped."""
    if not path.exists():
        return 0
    size = path.stat().st_size
    with open(path, "r+b") as f:
        end = size
        while end > 0:
            start = max(0, end - 65536)
            f.seek(start)
            block = f.read(end - start)
            if end == size and block.endswith(b"\n"):
                return 0
            cut = block.rfind(b"\n")
            if cut >= 0:
                f.truncate(start + cut + 1)
                return size - (start + cut + 1)
            end = start
        f.truncate(0)
        return size


class JsonlLog:
    """One append-only JSONL file: whole lines, written atomically, read back by offset."""

    def __init__(self, path: Path, fsync: bool = True) -> None:
        self.path = path
        self.dropped = repair(path)
        self.fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        self.fsync = fsync

    def append(self, record: dict) -> tuple[int, int]:
        """Write `record` as one line; its (offset, length) in the file."""
        return self.append_raw(json.dumps(record, ensure_ascii=False, separators=(",", ":")))

    def append_raw(self, line: str) -> tuple[int, int]:
        data = (line + "\n").encode("utf-8")
        offset = os.fstat(self.fd).st_size
        written = os.write(self.fd, data)
        while written < len(data):       # a short write (disk nearly full, a signal): finish the line
            written += os.write(self.fd, data[written:])
        if self.fsync:
            os.fsync(self.fd)
        return offset, len(data)

    def read_at(self, offset: int, length: int) -> dict:
        return json.loads(os.pread(self.fd, length, offset))

    def lines(self) -> Iterator[tuple[int, int, dict]]:
        """(offset, length, record) of every whole, valid line."""
        offset = 0
        with open(self.path, "rb") as f:
            for raw in f:
                if raw.endswith(b"\n"):
                    try:
                        yield offset, len(raw), json.loads(raw)
                    except ValueError:
                        pass                  # cannot happen with one writer; never fatal
                offset += len(raw)

    def close(self) -> None:
        os.close(self.fd)


@dataclass
class Known:
    """A recorded content hash: where its protocol line is, or the error it gave."""

    source: str
    offset: int = 0
    length: int = 0
    error: dict | None = None


class Store:
    """protocols.jsonl + errors.jsonl of an output folder, with the resume index."""

    def __init__(self, out: Path, fsync: bool = True) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.protocols = JsonlLog(out / PROTOCOLS, fsync)
        self.errors = JsonlLog(out / ERRORS, fsync)
        self.done: set[tuple[str, str | None]] = set()
        self.by_sha: dict[str, Known] = {}
        self.latest: dict[str, tuple[int, int]] = {}       # source -> its last protocol line
        for offset, length, rec in self.protocols.lines():
            self._index_protocol(rec["source"], rec.get("sha256"), offset, length)
        for _, _, rec in self.errors.lines():
            self._index_error(rec)

    def _index_protocol(self, source: str, sha: str | None, offset: int, length: int) -> None:
        self.done.add((source, sha))
        self.latest[source] = (offset, length)
        if sha and (sha not in self.by_sha or self.by_sha[sha].error):
            self.by_sha[sha] = Known(source, offset, length)

    def _index_error(self, rec: dict) -> None:
        self.done.add((rec["source"], rec.get("sha256")))
        sha = rec.get("sha256")
        if sha and sha not in self.by_sha:
            self.by_sha[sha] = Known(rec["source"], error={"code": rec["code"], "message": rec["message"]})

    def is_done(self, source: str, sha: str | None) -> bool:
        return (source, sha) in self.done

    def add_protocol(self, source: str, sha: str, protocol_json: str, duplicate_of: str | None = None) -> None:
        """Record an extraction; `protocol_json` is the Protocol as JSON (made in the worker)."""
        dup = f'"duplicate_of":{json.dumps(duplicate_of, ensure_ascii=False)},' if duplicate_of else ""
        line = f'{{"source":{json.dumps(source, ensure_ascii=False)},"sha256":"{sha}",{dup}"protocol":{protocol_json}}}'
        self._index_protocol(source, sha, *self.protocols.append_raw(line))

    def add_error(self, source: str, sha: str | None, code: str, message: str,
                  duplicate_of: str | None = None) -> None:
        rec = {"source": source, "sha256": sha, "code": code, "message": message}
        if duplicate_of:
            rec["duplicate_of"] = duplicate_of
        self.errors.append(rec)
        self._index_error(rec)

    def add_duplicate(self, source: str, sha: str) -> bool:
        """Record `source` as a copy of the recorded document with the same content; True if that
        document was extracted (False: it failed, and so is this copy)."""
        known = self.by_sha[sha]
        if known.error:
            self.add_error(source, sha, known.error["code"], known.error["message"], known.source)
            return False
        protocol = self.protocols.read_at(known.offset, known.length)["protocol"]
        self.add_protocol(source, sha, json.dumps(protocol, ensure_ascii=False, separators=(",", ":")),
                          known.source)
        return True

    def records(self) -> Iterator[dict]:
        """The last protocol line of every source, sorted by source (what the register is built from)."""
        for source in sorted(self.latest):
            yield self.protocols.read_at(*self.latest[source])

    def error_count(self) -> int:
        return sum(1 for _ in self.errors.lines())

    def close(self) -> None:
        self.protocols.close()
        self.errors.close()
