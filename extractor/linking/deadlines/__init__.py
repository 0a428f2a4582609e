"""The deadline (срок) of one decision item.

`find_deadline(text, protocol_date, cell=...)` gives a `DeadlineMatch` or None; `explain(...)` lists
every candidate and the winner (also `PROTOKOL_DEBUG=deadlines`). The grammar is the table of
named rules in `rules`; what each rule builds is in `builders` (`more_builders` for the rows
added for day ranges with a dash, scheduled date-times and terms from the meeting in other words);
which match wins is in `find`.
"""
from extractor.linking.deadlines.find import DeadlineMatch, explain, find_deadline

__all__ = ["DeadlineMatch", "explain", "find_deadline"]
