"""The command-line ends of the Label Studio loop (wired into `extractor/cli.py`):

    protokol extract FILE... --as label-studio [--label-config config.xml] > tasks.json
    protokol bulk INPUT --out out/ --label-studio tasks.json      # and label_config.xml beside it
    protokol gold export.json --out gold/                          # then: protokol evaluate gold/
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from extractor.errors import ProtokolError
from extractor.integrations.labelstudio.config import label_config
from extractor.integrations.labelstudio.gold import export_to_gold, write_gold
from extractor.integrations.labelstudio.tasks import to_task, unique_ids


def extract_tasks(paths: list[str], pipeline) -> tuple[list[dict], list[str]]:
    """(tasks, "path: error" lines) for files on disk; one unreadable file never stops the rest."""
    from extractor.pipeline import Doc

    tasks, failed = [], []
    for path, doc_id in zip(paths, unique_ids(paths)):
        try:
            doc = Doc.from_bytes(Path(path).read_bytes(), path)
        except ProtokolError as exc:
            failed.append(f"{path}: {exc}")
            continue
        result = next(pipeline.batch([doc]))
        if result.error:
            failed.append(f"{path}: {result.error}")
        else:
            tasks.append(to_task(result.protocol, doc.text, doc_id, source=path))
    return tasks, failed


def print_tasks(paths: list[str], pipeline, config_path: str | None) -> int:
    """`protokol extract --as label-studio`: the tasks as one JSON list on stdout."""
    tasks, failed = extract_tasks(paths, pipeline)
    for line in failed:
        print(line, file=sys.stderr)
    if config_path:
        Path(config_path).write_text(label_config(), encoding="utf-8")
    print(json.dumps(tasks, ensure_ascii=False, indent=1))
    return 2 if failed else 0


def bulk_tasks_file(input_spec: str, out: str, tasks_path: str, extensions) -> None:
    """`protokol bulk --label-studio`: tasks.json and label_config.xml after the run."""
    from extractor.integrations.labelstudio.bulk import write_bulk_tasks

    written, skipped = write_bulk_tasks(input_spec, Path(out), Path(tasks_path), extensions=extensions)
    for line in skipped:
        print(f"label-studio: left out {line}", file=sys.stderr)
    print(f"Label Studio: {written} tasks in {tasks_path}, labelling config in "
          f"{Path(tasks_path).with_name('label_config.xml')}")


def cmd_gold(args) -> int:
    """`protokol gold EXPORT.json --out DIR`: the corrected export as ID.gold.json + ID.txt files."""
    try:
        try:
            export = json.loads(Path(args.export).read_text(encoding="utf-8"))
        except FileNotFoundError:
            from extractor.errors import file_not_found

            raise file_not_found(args.export) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            from extractor.integrations.labelstudio.gold import bad_export

            raise bad_export(f"{args.export} is not JSON: {exc}") from None
        converted = export_to_gold(export)
    except ProtokolError as exc:
        print(f"{args.export}: {exc}", file=sys.stderr)
        return 2
    written = write_gold(converted, Path(args.out))
    for doc_id in converted.skipped:
        print(f"{doc_id}: no annotation (nobody submitted this task), left out", file=sys.stderr)
    print(f"{len(written)} gold files in {args.out}; score them with: protokol evaluate {args.out}")
    return 0
