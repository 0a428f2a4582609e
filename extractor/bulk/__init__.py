"""`protokol bulk`: thousands of protocols in parallel, resumable, with an assignment register.

    from extractor.bulk import BulkOptions, run_bulk
    summary = run_bulk(BulkOptions("corpus/", Path("out"), jobs=2))

Modules: `sources` (folder / glob / zip input), `runner` (process pool, one pipeline per worker),
`dask_backend` (`--dask`), `store` (append-only JSONL, resume index), `register`, `ics`,
`citations` and `writers` (the register, calendar and citation files, reusable for any list of
protocols), `job` (one run), `report` (progress bar and summary).
"""
from extractor.export.entry import Entry, as_entries
from extractor.bulk.job import BulkOptions, Summary, run_bulk

__all__ = ["BulkOptions", "Entry", "Summary", "as_entries", "run_bulk"]
