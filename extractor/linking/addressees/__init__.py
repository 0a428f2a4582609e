"""Addressees of one decision item: who must act, as written and in the nominative.

`find_addressees(text, person_norm)` for an item's text, `responsible_addressees(text, ...)` for an
"Ответственный:" line or a table cell; `explain(text)` tells which rule fired (also
`PROTOKOL_DEBUG=addressees`). Rules are in `find`, the cutting into addressees in `segments`,
co-executors and the object's place in `regions`, register-style "Исп.: …" / "(ответственные: …;
срок: …)" parts in `register` (explain names the rule that took each part).
"""
from extractor.linking.addressees.find import (RULES, FoundAddressee, explain, find_addressees,
                                                nominative, responsible_addressees)

__all__ = ["RULES", "FoundAddressee", "explain", "find_addressees", "nominative", "responsible_addressees"]
