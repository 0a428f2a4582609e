"""Label Studio tasks of a `protokol bulk` output folder (`protokol bulk ... --label-studio tasks.json`).

protocols.jsonl keeps each document's Protocol but not its text, and a task needs the text its
offsets index: each document is read again from the input (a scan is recognized again). A document
whose content changed since it was extracted (another sha256), or that is no longer in the input,
is left out and named in `skipped`. Copies of a document (same content) are one task.
"""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from models import Protocol

from extractor.bulk.sources import EXTENSIONS, enumerate_input, sha256
from extractor.bulk.store import Store
from extractor.export.writers import atomic_write, distinct
from extractor.errors import ProtokolError
from extractor.readers import Limits, read_document
from extractor.integrations.labelstudio.config import label_config
from extractor.integrations.labelstudio.tasks import to_task, unique_ids


def bulk_tasks(input_spec: str, out: Path, limits: Limits | None = None,
               extensions: frozenset[str] | None = EXTENSIONS) -> tuple[list[dict], list[str]]:
    """(tasks, skipped "source: why") for the documents of a bulk output folder."""
    sources = {s.name: s for s in enumerate_input(input_spec, limits, extensions)}
    store = Store(out, fsync=False)
    try:
        records = distinct(store.records())
    finally:
        store.close()
    tasks, skipped = [], []
    ids = unique_ids([r["source"] for r in records])
    for record, doc_id in zip(records, ids):
        name = record["source"]
        source = sources.get(name)
        if source is None:
            skipped.append(f"{name}: no longer in the input")
            continue
        try:
            data = source.read()
            if record.get("sha256") and sha256(data) != record["sha256"]:
                skipped.append(f"{name}: changed since it was extracted; run protokol bulk again")
                continue
            protocol = Protocol.model_validate(record["protocol"])
            text = read_document(data, name, limits).text
        except (ProtokolError, ValidationError) as exc:
            skipped.append(f"{name}: {exc}")
            continue
        if len(text) != protocol.source.chars:   # the offsets would not index this text
            skipped.append(f"{name}: read as another text than when it was extracted")
            continue
        tasks.append(to_task(protocol, text, doc_id, source=name))
    return tasks, skipped


def write_bulk_tasks(input_spec: str, out: Path, tasks_path: Path, limits: Limits | None = None,
                     extensions: frozenset[str] | None = EXTENSIONS) -> tuple[int, list[str]]:
    """Write tasks.json and, beside it, label_config.xml; returns (tasks written, skipped)."""
    tasks, skipped = bulk_tasks(input_spec, out, limits, extensions)
    tasks_path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(tasks_path, json.dumps(tasks, ensure_ascii=False, indent=1).encode("utf-8"))
    atomic_write(tasks_path.with_name("label_config.xml"), label_config().encode("utf-8"))
    return len(tasks), skipped
