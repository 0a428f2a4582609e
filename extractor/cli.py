"""The `protokol` command line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import ProtokolError


def _table(protocol) -> str:
    """A readable table of the assignments: id, who, what, by when, where to send."""
    from .table import render

    return render(protocol)


def cmd_extract(args: argparse.Namespace) -> int:
    from .errors import file_not_found
    from .pipeline import Pipeline

    missing = [p for p in args.files if not Path(p).is_file()]
    for path in missing:
        print(f"{path}: {file_not_found(path)}", file=sys.stderr)
    pipeline = Pipeline()
    status = 2 if missing else 0
    for result in pipeline.batch((p, Path(p).read_bytes()) for p in args.files if p not in missing):
        if result.error:
            print(f"{result.name}: {result.error}", file=sys.stderr)
            status = 2
            continue
        p = result.protocol
        if args.as_ == "corpus":
            from .corpus_format import to_corpus

            print(json.dumps(to_corpus(p, Path(result.name).stem), ensure_ascii=False, indent=1))
        elif args.format == "table":
            print(_table(p))
        else:
            print(p.model_dump_json(indent=1, exclude_none=not args.full))
    return status


def cmd_schema(args: argparse.Namespace) -> int:
    from models import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=1))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="protokol", description="Assignments from Russian meeting protocols")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract one or more protocols")
    ex.add_argument("files", nargs="+", help="PDF, DOCX or TXT files (the format is told by content)")
    ex.add_argument("--format", choices=("json", "table"), default="json")
    ex.add_argument("--as", dest="as_", choices=("model", "corpus"), default="model",
                    help="corpus: the gold format of the annotated corpus")
    ex.add_argument("--full", action="store_true", help="keep null fields in the JSON")
    ex.set_defaults(func=cmd_extract)
    sc = sub.add_parser("schema", help="print the JSON Schema of the output")
    sc.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `protokol` console script."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
