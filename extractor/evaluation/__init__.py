"""Evaluation against annotated corpora (the gold format of ../shared/corpus/README.md).

`evaluate(gold_dir, formats)` runs the pipeline on every annotated document and scores it
(`scoring`: the corpus rules, per field with tp/fp/fn); `summary`/`check_floor` make the figures
and the ratchet; `report` writes every miss to Markdown or HTML.
"""
from extractor.evaluation.evaluate import check_floor, evaluate, load_gold, summary

__all__ = ["check_floor", "evaluate", "load_gold", "summary"]
