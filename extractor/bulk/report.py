"""What a bulk run shows: a rich progress bar (documents/s, ETA) while it runs, a summary table at
the end."""
from __future__ import annotations

from contextlib import contextmanager

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from extractor.bulk.job import Summary


class RateColumn(ProgressColumn):
    """Documents per second over the last half minute."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:.1f} docs/s" if task.speed else "– docs/s", style="progress.data.speed")


def progress_bar(console: Console | None = None, enabled: bool = True):
    """A `progress` argument for `run_bulk`: a bar on stderr, or nothing when disabled."""
    console = console or Console(stderr=True)

    @contextmanager
    def open_bar(total: int):
        if not enabled or total == 0:
            yield lambda n=1: None
            return
        columns = (TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                   TextColumn("elapsed"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
        with Progress(*columns, console=console, transient=False, speed_estimate_period=30) as bar:
            task = bar.add_task("documents", total=total)
            yield lambda n=1: bar.advance(task, n)

    return open_bar


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def summary_table(s: Summary, out: str = "") -> Table:
    """This run and the output folder, in one table."""
    t = Table(title=f"protokol bulk → {out}" if out else "protokol bulk", title_justify="left")
    t.add_column("", style="bold")
    t.add_column("this run", justify="right")
    t.add_column("output folder", justify="right")
    t.add_row("documents in the input", str(s.found), str(s.totals.documents + s.totals.copies + s.errors_total))
    t.add_row("done before (skipped)", str(s.skipped), "")
    t.add_row("extracted", str(s.extracted), str(s.totals.documents))
    t.add_row("copies (same content)", str(s.duplicates), str(s.totals.copies))
    t.add_row("errors", str(s.failed), str(s.errors_total))
    t.add_row("decisions", str(s.decisions), str(s.totals.decisions))
    t.add_row("assignments", str(s.assignments), f"{s.totals.assignments} ({s.totals.rows} register rows)")
    t.add_row("dated deadlines (events)", "", str(s.totals.events))
    t.add_row("references", "", f"{s.totals.references} ({s.totals.resolved} resolved)")
    if s.totals.unreadable:
        t.add_row("[red]left out of the register", "", f"{len(s.totals.unreadable)} (protocols.jsonl lines "
                  "of another protokol version; delete them and run again)")
    rate = f", {s.per_second:.2f} docs/s" if s.extracted + s.failed else ""
    t.add_row("time", f"{s.seconds:.1f} s{rate}", "")
    if s.jobs:
        t.add_row("workers", str(s.jobs), "")
    if s.worker_rss:
        t.add_row("peak RSS per worker", _mb(max(s.worker_rss.values())), "")
    return t


def print_summary(s: Summary, out: str = "", console: Console | None = None) -> None:
    (console or Console()).print(summary_table(s, out))
