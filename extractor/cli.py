"""The `protokol` command line."""
from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from extractor.errors import ProtokolError


def _table(protocol) -> str:
    """A readable table of the assignments: id, who, what, by when, where to send."""
    from extractor.export.console import render

    return render(protocol)


def cmd_extract(args: argparse.Namespace) -> int:
    from extractor.errors import file_not_found
    from extractor.pipeline import Pipeline

    missing = [p for p in args.files if not Path(p).is_file()]
    for path in missing:
        print(f"{path}: {file_not_found(path)}", file=sys.stderr)
    pipeline = Pipeline()
    status = 2 if missing else 0
    if args.as_ == "label-studio":
        from extractor.integrations.labelstudio.commands import print_tasks

        return max(status, print_tasks([p for p in args.files if p not in missing], pipeline, args.label_config))
    for path in (p for p in args.files if p not in missing):
        if _is_email(path):     # several documents: printed as one list
            status = max(status, _extract_message(pipeline, path, args))
            continue
        result = next(pipeline.batch([(path, Path(path).read_bytes())]))
        if result.error:
            print(f"{result.name}: {result.error}", file=sys.stderr)
            status = 2
            continue
        p = result.protocol
        if args.as_ == "corpus":
            from extractor.export.corpus import to_corpus

            print(json.dumps(to_corpus(p, Path(result.name).stem), ensure_ascii=False, indent=1))
        elif args.format == "table":
            print(_table(p))
        else:
            print(p.model_dump_json(indent=1, exclude_none=not args.full))
    return status


def _is_email(path: str) -> bool:
    from extractor.readers.sniff import EML, sniff

    with open(path, "rb") as f:
        return sniff(f.read(65536)) == EML


def _extract_message(pipeline, path: str, args: argparse.Namespace) -> int:
    """An e-mail: one entry per part (Pipeline.batch), printed as a list; 2 if a part failed."""
    from extractor.export.documents import documents_answer, documents_table

    results = list(pipeline.batch([(path, Path(path).read_bytes())]))
    for r in results:
        if r.protocol is None:
            print(f"{r.name}: {r.error or 'skipped: ' + str(r.skipped)}", file=sys.stderr)
    if args.format == "table" and args.as_ != "corpus":
        print(documents_table(results, _table))
    else:
        def render(name: str, p) -> dict:
            if args.as_ == "corpus":
                from extractor.export.corpus import to_corpus

                return to_corpus(p, Path(name).stem)
            return p.model_dump(mode="json", exclude_none=not args.full)

        print(json.dumps(documents_answer(results, render), ensure_ascii=False, indent=1))
    return 2 if any(r.error is not None for r in results) else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from extractor.evaluation import report as eval_report
    from extractor.evaluation.evaluate import FORMATS, check_floor, evaluate, summary

    formats = FORMATS if args.format == "all" else (args.format,)
    all_runs = []
    for folder in args.gold_dirs:
        def progress(done: int, total: int, run) -> None:
            print(f"\r[{done}/{total}] {run.doc} [{run.format}]".ljust(70), end="", file=sys.stderr, flush=True)

        try:
            all_runs += evaluate(Path(folder), formats, progress=progress if sys.stderr.isatty() else None)
        except ProtokolError as exc:
            print(f"{exc}", file=sys.stderr)
            return 2
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(eval_report.table(all_runs, per_document=not args.quiet))
    result = summary(all_runs)
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.report:
        from extractor.evaluation.page import report_page

        text = report_page(all_runs) if args.report.endswith(".html") else eval_report.markdown(all_runs)
        Path(args.report).write_text(text, encoding="utf-8")
    if args.floor:
        floor = json.loads(Path(args.floor).read_text(encoding="utf-8"))
        key = args.floor_key or ",".join(formats)
        failures = check_floor(result, floor.get(key, {}))
        for line in failures:
            print(f"BELOW FLOOR [{key}] {line}", file=sys.stderr)
        if failures:
            return 1
        print(f"floor [{key}]: all {len(floor.get(key, {}))} fields at or above their floor")
    return 0


def cmd_bulk(args: argparse.Namespace) -> int:
    """Extract a folder, glob or zip of protocols in parallel into an output folder (resumable)."""
    from extractor.bulk import BulkOptions, run_bulk
    from extractor.bulk.report import print_summary, progress_bar
    from extractor.bulk.sources import EXTENSIONS

    extensions = None if args.ext == "*" else frozenset(e.strip(". ").lower() for e in args.ext.split(",")) \
        if args.ext else EXTENSIONS
    opts = BulkOptions(args.input, Path(args.out), jobs=args.jobs, dask=args.dask, extensions=extensions,
                       today=args.today, soon_days=args.due_soon)
    try:
        summary = run_bulk(opts, progress_bar(enabled=not args.no_progress and sys.stderr.isatty()))
    except ProtokolError as exc:
        print(f"{args.input}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: what finished is saved; run the same command again to finish", file=sys.stderr)
        return 130
    print_summary(summary, args.out)
    if args.label_studio:
        from extractor.integrations.labelstudio.commands import bulk_tasks_file

        bulk_tasks_file(args.input, args.out, args.label_studio, extensions)
    return 0


def _cmd_gold(args: argparse.Namespace) -> int:
    from extractor.integrations.labelstudio.commands import cmd_gold

    return cmd_gold(args)


def cmd_schema(args: argparse.Namespace) -> int:
    from models import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=1))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the extraction API (api/) under uvicorn; the web stack is imported only here."""
    from api.server import serve

    serve(args.host, args.port, args.workers)
    return 0


def _iso_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD: {value!r}") from None


def _days(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of days (0 or more): {value!r}")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="protokol", description="Assignments from Russian meeting protocols")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract one or more protocols")
    ex.add_argument("files", nargs="+", help="PDF, DOCX, HTML, TXT or e-mail (.eml) files (the format is told "
                                             "by content); an e-mail prints a list, one entry per part")
    ex.add_argument("--format", choices=("json", "table"), default="json")
    ex.add_argument("--as", dest="as_", choices=("model", "corpus", "label-studio"), default="model",
                    help="corpus: the gold format of the annotated corpus; label-studio: Label Studio tasks "
                         "with our output as pre-annotations")
    ex.add_argument("--label-config", help="with --as label-studio: write the labelling config XML here")
    ex.add_argument("--full", action="store_true", help="keep null fields in the JSON")
    ex.set_defaults(func=cmd_extract)
    ev = sub.add_parser("evaluate", help="score the extractor against annotated documents (*.gold.json)")
    ev.add_argument("gold_dirs", nargs="+", help="folders searched recursively for ID.gold.json")
    ev.add_argument("--format", choices=("txt", "pdf", "docx", "html", "pdftext", "all"), default="txt",
                    help="which file of each document to read (pdftext: ID.pdftext.txt, a PDF's text as a "
                         "converter exports it; all: every format present)")
    ev.add_argument("--json", help="write the overall figures with counts to this file")
    ev.add_argument("--report", help="write every miss to OUT.md or OUT.html")
    ev.add_argument("--floor", help="ratchet file: fail (exit 1) when an overall figure is below it")
    ev.add_argument("--floor-key", help="entry of the ratchet file to check (default: the formats)")
    ev.add_argument("--quiet", action="store_true", help="overall table only")
    ev.set_defaults(func=cmd_evaluate)
    bu = sub.add_parser("bulk", help="extract many protocols in parallel into a register (resumable)")
    bu.add_argument("input", help="a folder (recursive), a glob (quote it; ** recurses) or a .zip archive")
    bu.add_argument("--out", required=True, help="output folder: protocols.jsonl, assignments.csv/.xlsx, "
                                                 "deadlines.ics, references.csv, errors.jsonl")
    bu.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    bu.add_argument("--dask", default=None, metavar="ADDRESS",
                    help="run on an existing Dask cluster (tcp://host:8786) instead of local processes")
    bu.add_argument("--ext", default=None, help="file extensions read from folders and archives "
                                                "(default txt,pdf,docx,doc,rtf,odt,html,htm,eml; * for all files)")
    bu.add_argument("--today", type=_iso_day, default=None, metavar="YYYY-MM-DD",
                    help="the day the register's status column is computed against (default: today)")
    bu.add_argument("--due-soon", type=_days, default=7, metavar="N",
                    help="status 'due soon' for assignments due within N days of --today (default 7)")
    bu.add_argument("--no-progress", action="store_true", help="no progress bar")
    bu.add_argument("--label-studio", metavar="TASKS.json",
                    help="also write Label Studio tasks (and label_config.xml beside them)")
    bu.set_defaults(func=cmd_bulk)
    go = sub.add_parser("gold", help="a corrected Label Studio export -> ID.gold.json files for evaluate")
    go.add_argument("export", help="the project exported from Label Studio as JSON")
    go.add_argument("--out", required=True, help="folder for ID.gold.json and ID.txt")
    go.set_defaults(func=_cmd_gold)
    sc = sub.add_parser("schema", help="print the JSON Schema of the output")
    sc.set_defaults(func=cmd_schema)
    sv = sub.add_parser("serve", help="run the extraction API (HTTP, FastAPI)")
    sv.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1, PROTOKOL_HOST)")
    sv.add_argument("--port", type=int, default=None, help="port (default 8000, PROTOKOL_PORT)")
    sv.add_argument("--workers", type=int, default=None, help="worker processes, one pipeline each (default 1)")
    sv.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `protokol` console script."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
