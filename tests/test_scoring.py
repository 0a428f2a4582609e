"""The scorer itself: perfect predictions score 1.0, crafted misses give exact counts, bad gold is refused."""
from __future__ import annotations

import copy
import json

import pytest

from extractor.errors import ProtokolError
from extractor.evaluation.evaluate import check_floor, load_gold, summary, Run
from extractor.evaluation.scoring import deadline_match, lemma_f1, pair_decisions, score_document

GOLD = {
    "doc_id": "t1",
    "protocol": {"number": "7", "date": "2025-03-12", "place": "Тверь", "chair": "Орлов П.П.", "secretary": None},
    "attendees": ["Орлов П.П.", "Рябова Е.С."],
    "agenda": [{"id": "1", "title": "О плане", "speakers": ["Рябова Е.С."]}],
    "decisions": [
        {"id": "1.1", "text": "Информацию Рябовой Е.С. принять к сведению.", "kind": "note", "addressees": [],
         "deadline": None, "emails": [], "urls": [], "references": []},
        {"id": "1.2", "text": "Отделу кадров подготовить план обучения и направить его на адрес kadry@zavod.ru.",
         "kind": "assignment",
         "addressees": [{"text": "Отделу кадров", "norm": "Отдел кадров", "role": "lead"}],
         "deadline": {"kind": "date", "date": "2025-04-01", "text": "до 1 апреля"},
         "emails": ["kadry@zavod.ru"], "urls": [], "references": [{"date": "2025-01-15", "number": "3"}]},
        {"id": "1.3", "text": "Утвердить смету расходов на второй квартал текущего года.", "kind": "resolution",
         "addressees": [], "deadline": None, "emails": [], "urls": [], "references": []},
    ],
    "persons": ["Орлов П.П.", "Рябова Е.С."],
}


def _counts(score, field):
    c = score.counts[field]
    return c.tp, c.fp, c.fn


def test_perfect_prediction_scores_one():
    s = score_document(GOLD, copy.deepcopy(GOLD))
    for field, c in s.counts.items():
        assert c.f1 == 1.0, field
    assert all(a.value == 1.0 for a in s.accuracy.values())
    assert s.misses == []


def test_crafted_misses_give_exact_counts():
    pred = copy.deepcopy(GOLD)
    pred["protocol"]["place"] = "Москва"                      # 1 wrong protocol field
    pred["attendees"] = ["Орлов П.П.", "Рябов Е.С."]           # 1 tp, 1 fp, 1 fn
    pred["persons"].append("Иванов И.И.")                      # 2 tp, 1 fp
    del pred["decisions"][2]                                    # 1 decision missed
    pred["decisions"].append({"id": "9", "text": "Совершенно другой текст без совпадений.", "kind": "note",
                              "addressees": [], "deadline": None, "emails": [], "urls": [], "references": []})
    d = pred["decisions"][1]
    d["id"], d["kind"] = "2", "recommendation"                 # wrong id and kind on a pair
    d["addressees"].append({"text": "Бухгалтерии", "norm": "Бухгалтерия", "role": "co"})  # 1 fp
    d["deadline"] = {"kind": "date", "date": "2025-04-02", "text": "до 2 апреля"}     # fp + fn
    d["emails"] = ["kadry@zavod.ru", "x@y.ru"]                 # 1 tp 1 fp
    d["references"] = [{"date": "2025-01-15", "number": "4"}]  # 1 fp 1 fn
    pred["decisions"][0]["deadline"] = {"kind": "ongoing", "text": "постоянно"}  # fp, no gold deadline
    s = score_document(GOLD, pred)
    assert _counts(s, "decisions") == (2, 1, 1)
    assert _counts(s, "addressees") == (1, 1, 0)
    assert _counts(s, "deadline") == (0, 2, 1)
    assert _counts(s, "emails") == (1, 1, 0)
    assert _counts(s, "references") == (0, 1, 1)
    assert _counts(s, "attendees") == (1, 1, 1)
    assert _counts(s, "persons") == (2, 1, 0)
    assert (s.accuracy["id"].correct, s.accuracy["id"].total) == (1, 2)
    assert (s.accuracy["kind"].correct, s.accuracy["kind"].total) == (1, 2)
    assert s.accuracy["place"].correct == 0 and s.accuracy["number"].correct == 1
    assert {m.field for m in s.misses} >= {"decision", "id", "kind", "addressees", "deadline", "emails",
                                          "references", "protocol.place", "attendees", "persons"}


@pytest.mark.parametrize("gold,pred,match", [
    pytest.param({"kind": "date", "date": "2024-01-01"}, {"kind": "date", "date": "2024-01-01", "text": "x"}, True,
                 id="same-date"),
    pytest.param({"kind": "range", "start": "2024-01-01", "end": "2024-03-31"},
                 {"kind": "range", "start": "2024-01-01", "end": "2024-03-30"}, False, id="range-end-differs"),
    pytest.param({"kind": "relative", "amount": 5, "unit": "working_day"},
                 {"kind": "relative", "amount": 5, "unit": "working_day", "date": "2024-02-02"}, True,
                 id="extra-date-not-in-gold-is-fine"),
    pytest.param({"kind": "ongoing"}, {"kind": "event"}, False, id="kind-differs"),
    pytest.param({"kind": "ongoing"}, None, False, id="missing"),
])
def test_deadline_match(gold, pred, match):
    assert deadline_match(gold, pred) is match


def test_lemma_f1_ignores_case_form():
    assert lemma_f1("Управлению образования", "Управление образования") == 1.0
    assert lemma_f1("Отделу кадров", "Бухгалтерии") == 0.0


def test_pairing_is_one_to_one_and_thresholded():
    gold = [{"text": "Утвердить план работы"}, {"text": "Провести семинар"}]
    pred = [{"text": "утвердить  план работы"}, {"text": "утвердить план работы."}, {"text": "Совсем иное"}]
    assert pair_decisions(gold, pred) == [(0, 0)]


@pytest.mark.parametrize("content,detail", [
    pytest.param("{not json", "Expecting", id="not-json"),
    pytest.param("[]", "top level", id="not-object"),
    pytest.param(json.dumps({**GOLD, "decisions": "x"}), "'decisions'", id="decisions-not-list"),
    pytest.param(json.dumps({**GOLD, "decisions": [{"id": "1"}]}), "lacks", id="decision-without-fields"),
])
def test_malformed_gold_is_a_clear_error(tmp_path, content, detail):
    path = tmp_path / "x.gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProtokolError) as exc:
        load_gold(path)
    assert exc.value.code == "E030" and detail in exc.value.message and "x.gold.json" in exc.value.message


def test_floor_ratchet():
    s = summary([Run("t1", "txt", score_document(GOLD, copy.deepcopy(GOLD)))])
    assert check_floor(s, {"decisions": 1.0, "protocol": 1.0}) == []
    pred = copy.deepcopy(GOLD)
    pred["decisions"].pop()
    s = summary([Run("t1", "txt", score_document(GOLD, pred))])
    assert [f.split(":")[0] for f in check_floor(s, {"decisions": 0.9, "emails": 1.0})] == ["decisions"]
