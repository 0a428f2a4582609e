"""The correction loop through Label Studio: tasks with pre-annotations, the labelling config they
need, and a corrected export back to gold that `protokol evaluate` scores.

Round trip: prediction -> tasks -> an export whose annotations are the predictions -> `protokol gold`
-> `protokol evaluate` scores 1.0; an export with one addressee and one deadline changed changes
exactly those counts.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import OWN_CORPUS, SHARED_CORPUS
from extractor.cli import main
from extractor.export.corpus import deadline_to_corpus
from extractor.errors import ProtokolError
from extractor.evaluation.evaluate import evaluate, summary
from extractor.integrations.labelstudio import export_to_gold, label_config, to_task
from extractor.integrations.labelstudio.values import deadline_line, parse_deadline, parse_reference, reference_line
from models import Deadline, Reference

OWN = sorted(p for p in OWN_CORPUS.glob("*.txt") if p.name != "sample.txt")
SEED = SHARED_CORPUS / "real" / "minpros_profi_2023_11.txt"
SAMPLE = OWN_CORPUS / "sample.txt"


@pytest.fixture(scope="module")
def tasks(pipeline):
    docs = OWN + ([SEED] if SEED.exists() else [])
    out = []
    for path in docs:
        text = path.read_text(encoding="utf-8")
        out.append(to_task(pipeline(text), text, path.stem))
    return out


def as_export(tasks: list[dict]) -> list[dict]:
    """What Label Studio exports after a person submitted each pre-annotation unchanged."""
    return [{"id": n, "data": t["data"], "predictions": t["predictions"],
             "annotations": [{"id": n, "was_cancelled": False, "result": copy.deepcopy(t["predictions"][0]["result"])}]}
            for n, t in enumerate(tasks, 1)]


def run_gold(tmp_path, export: list[dict]):
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    assert main(["gold", str(path), "--out", str(tmp_path / "gold")]) == 0
    return tmp_path / "gold"


# --- the task format and the labelling config --------------------------------------------------

def test_every_result_fits_the_labelling_config(tasks):
    root = ET.fromstring(label_config())
    tags = {el.get("name"): el for el in root.iter() if el.get("name")}
    labels = {el.get("value") for el in tags["label"]}
    relations = {el.get("value") for el in root.iter("Relation")}
    tag_of = {"labels": "Labels", "choices": "Choices", "textarea": "TextArea"}
    for task in tasks:
        text = task["data"]["text"]
        result = task["predictions"][0]["result"]
        spans = {r["id"]: r["value"] for r in result if r["type"] == "labels"}
        assert len(spans) == sum(r["type"] == "labels" for r in result), "region ids are unique"
        for r in result:
            if r["type"] == "relation":
                assert r["from_id"] in spans and r["to_id"] in spans and set(r["labels"]) <= relations
                continue
            assert tags[r["from_name"]].tag == tag_of[r["type"]] and r["to_name"] == "text"
            assert tags[r["to_name"]].tag == "Text" and tags[r["to_name"]].get("value") == "$text"
            v = r["value"]
            assert (v["start"], v["end"]) == (spans[r["id"]]["start"], spans[r["id"]]["end"])
            if r["type"] == "labels":
                assert v["text"] == text[v["start"]:v["end"]] and set(v["labels"]) <= labels
            elif r["type"] == "choices":
                assert set(v["choices"]) <= {c.get("value") for c in tags[r["from_name"]]}


def test_sample_decision_3_is_linked_to_its_values(pipeline):
    text = SAMPLE.read_text(encoding="utf-8")
    result = to_task(pipeline(text), text, "sample")["predictions"][0]["result"]
    by_id = {}
    for r in result:
        if r["type"] != "relation":
            by_id.setdefault(r["id"], {})[r["from_name"]] = r["value"]
    (d3,) = [i for i, v in by_id.items() if v["label"]["labels"] == ["Decision"] and v["item_id"]["text"] == ["3"]]
    linked = [(by_id[r["to_id"]]["label"]["labels"][0], by_id[r["to_id"]]["label"]["text"],
               by_id[r["to_id"]].get("norm", {}).get("text")) for r in result
              if r["type"] == "relation" and r["from_id"] == d3]
    assert ("Addressee", "Сенцова Ж.А.", ["Сенцова Ж.А."]) in linked
    assert ("Addressee", "юрисконсультом Дроздовым П.Л.", ["юрисконсульт Дроздов П.Л."]) in linked
    assert ("Deadline", "до 16:00 16.05.2025", ["2025-05-16T16:00"]) in linked
    assert by_id[d3]["kind"]["choices"] == ["assignment"]


# --- round trip ------------------------------------------------------------------------------------

def test_round_trip_scores_one(tasks, tmp_path, pipeline):
    gold_dir = run_gold(tmp_path, as_export(tasks))
    assert len(list(gold_dir.glob("*.gold.json"))) == len(tasks)
    runs = evaluate(gold_dir, pipeline=pipeline)
    assert [r.doc for r in runs] == sorted(t["data"]["doc_id"] for t in tasks)
    assert all(m == [] for m in (r.score.misses for r in runs))
    fields = summary(runs)["fields"]
    for name, f in fields.items():
        assert f.get("f1", f.get("accuracy")) in (1.0, None), name
    assert fields["decisions"]["tp"] == sum(
        1 for t in tasks for r in t["predictions"][0]["result"]
        if r["type"] == "labels" and r["value"]["labels"] == ["Decision"])


def _single(result: list[dict], label: str, kind: str | None = None) -> dict:
    """A region of `label` (of a deadline `kind`) that exactly one decision links to."""
    relations = [r for r in result if r["type"] == "relation"]
    kinds = {r["id"]: r["value"]["choices"][0] for r in result if r.get("from_name") == "deadline_kind"}
    for r in result:
        if r["type"] == "labels" and r["value"]["labels"] == [label] and kinds.get(r["id"]) == kind and \
                sum(rel["to_id"] == r["id"] for rel in relations) == 1:
            return r
    raise AssertionError(f"no {label} of one decision")


def test_changed_addressee_and_deadline_change_exactly_those_counts(tasks, tmp_path, pipeline):
    task = next(t for t in tasks if t["data"]["doc_id"] == "org_molkombinat_planerka_2025_05")
    before = summary(evaluate(run_gold(tmp_path / "a", as_export([task])), pipeline=pipeline))["fields"]
    export = as_export([task])
    result = export[0]["annotations"][0]["result"]
    addressee = _single(result, "Addressee")
    addressee["value"]["text"] = "Отдел снабжения"            # a person corrected who must act
    deadline = _single(result, "Deadline", kind="date")
    (norm,) = [r for r in result if r.get("id") == deadline["id"] and r.get("from_name") == "norm"]
    norm["value"]["text"] = ["2031-01-01"]                           # ... and the date
    after = summary(evaluate(run_gold(tmp_path / "b", export), pipeline=pipeline))["fields"]
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"addressees", "deadline"}
    for k in changed:
        b, a = before[k], after[k]
        assert (a["tp"], a["fp"], a["fn"]) == (b["tp"] - 1, b["fp"] + 1, b["fn"] + 1), k


# --- bad exports -------------------------------------------------------------------------------------

BAD = [
    pytest.param({"data": {"text": "x"}}, "E031", "not a list", id="object-not-list"),
    pytest.param([{"data": {}}], "E031", "data.text", id="task-without-text"),
    pytest.param([{"data": {"text": "abc"}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "from_name": "label", "to_name": "text", "value": {"labels": ["Decision"]}}]}]}],
        "E031", "no start", id="region-without-offsets"),
    pytest.param([{"data": {"text": "Решили: сделать до 5 мая.", "doc_id": "d"}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 0, "end": 25, "labels": ["Decision"]}},
        {"id": "b", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 17, "end": 24, "labels": ["Deadline"]}},
        {"id": "b", "type": "textarea", "from_name": "norm", "to_name": "text",
         "value": {"start": 17, "end": 24, "text": ["5 мая"]}}]}]}],
        "E032", "task d, decision 1, deadline", id="deadline-not-a-date"),
]


@pytest.mark.parametrize("export,code,detail", BAD)
def test_bad_export_is_a_coded_error(export, code, detail):
    with pytest.raises(ProtokolError) as exc:
        export_to_gold(export)
    assert exc.value.code == code and detail in exc.value.message


def _decision_of_kind(kind: str, when: str, cancelled: bool = False) -> dict:
    region = {"start": 0, "end": 25, "text": "Отделу кадров сдать план."}
    return {"updated_at": when, "was_cancelled": cancelled, "result": [
        {"id": "d", "type": "labels", "from_name": "label", "to_name": "text", "value": {**region, "labels": ["Decision"]}},
        {"id": "d", "type": "choices", "from_name": "kind", "to_name": "text", "value": {**region, "choices": [kind]}}]}


def test_the_latest_submitted_annotation_is_read():
    task = {"data": {"text": "Отделу кадров сдать план.", "doc_id": "d"}, "annotations": [
        _decision_of_kind("note", "2025-01-01T10:00:00Z"), _decision_of_kind("assignment", "2025-01-02T10:00:00Z"),
        _decision_of_kind("resolution", "2025-01-03T10:00:00Z", cancelled=True)]}
    ((gold, text),) = export_to_gold([task]).golds
    assert [(d["id"], d["kind"], d["text"]) for d in gold["decisions"]] == [("1", "assignment", text)]


def test_gold_command_refuses_non_json_and_skips_unannotated(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["gold", str(bad), "--out", str(tmp_path / "g")]) == 2
    assert "E031" in capsys.readouterr().err
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps([{"data": {"text": "x", "doc_id": "a/b"}, "annotations": [{"was_cancelled": True}]}]))
    assert main(["gold", str(empty), "--out", str(tmp_path / "g")]) == 0
    assert "a_b: no annotation" in capsys.readouterr().err
    assert list((tmp_path / "g").iterdir()) == []


# --- values as one editable line -------------------------------------------------------------------

D = dt.date


def _dl(**fields) -> Deadline:
    return Deadline(start=0, end=1, **fields)


def _ref(**fields) -> Reference:
    return Reference(start=0, end=1, **fields)

DEADLINES = [
    pytest.param(_dl(kind="date", date=D(2023, 11, 24), text="до 24 ноября"), "2023-11-24", id="date"),
    pytest.param(_dl(kind="datetime", date=D(2023, 11, 13), time="12:00", tz="Europe/Moscow", text="до 12:00 (мск)"),
                 "2023-11-13T12:00 Europe/Moscow", id="datetime-tz"),
    pytest.param(_dl(kind="datetime", date=D(2025, 5, 16), time="16:00", text="до 16:00"), "2025-05-16T16:00",
                 id="datetime"),
    pytest.param(_dl(kind="range", start_date=D(2023, 10, 1), end_date=D(2023, 12, 31), text="IV квартал"),
                 "2023-10-01/2023-12-31", id="range"),
    pytest.param(_dl(kind="relative", amount=10, unit="working_day", text="в течение 10 рабочих дней"),
                 "10 working_day", id="relative"),
    pytest.param(_dl(kind="relative", amount=2, unit="week", date=D(2025, 3, 26), text="в двухнедельный срок"),
                 "2 week = 2025-03-26", id="relative-dated"),
    pytest.param(_dl(kind="recurring", freq="quarterly", text="ежеквартально"), "quarterly", id="recurring"),
    pytest.param(_dl(kind="as_established", text="в установленные сроки"), "", id="as-established"),
]


@pytest.mark.parametrize("deadline,line", DEADLINES)
def test_deadline_line_and_back(deadline, line):
    assert deadline_line(deadline) == line
    assert parse_deadline(deadline.kind, line, deadline.text, "t") == deadline_to_corpus(deadline) | \
        ({"time": deadline.time} if deadline.kind == "datetime" else {})


@pytest.mark.parametrize("ref,line", [
    pytest.param(_ref(text="x", number="Д05-84/05пр", date=D(2023, 7, 5)), "№ Д05-84/05пр от 2023-07-05", id="both"),
    pytest.param(_ref(text="x", number="14/25-ТО"), "№ 14/25-ТО", id="number"),
    pytest.param(_ref(text="x", date=D(2025, 1, 10)), "от 2025-01-10", id="date"),
])
def test_reference_line_and_back(ref, line):
    assert reference_line(ref) == line
    assert parse_reference(line, "t") == {"date": ref.date.isoformat() if ref.date else None, "number": ref.number}


# --- the commands --------------------------------------------------------------------------------------

def test_extract_as_label_studio(tmp_path, capsys):
    config = tmp_path / "config.xml"
    status = main(["extract", str(SAMPLE), str(tmp_path / "missing.txt"), "--as", "label-studio",
                   "--label-config", str(config)])
    out = capsys.readouterr()
    assert status == 2 and "E004" in out.err
    (task,) = json.loads(out.out)
    assert task["data"]["doc_id"] == "sample" and task["data"]["text"] == SAMPLE.read_text(encoding="utf-8")
    assert ET.fromstring(config.read_text(encoding="utf-8")).tag == "View"


def test_bulk_writes_tasks_and_config(tmp_path, capsys):
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "a" / "one.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (src / "two.txt").write_text(OWN[0].read_text(encoding="utf-8"), encoding="utf-8")
    (src / "copy.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")   # one task for both
    tasks_path = tmp_path / "ls" / "tasks.json"
    assert main(["bulk", str(src), "--out", str(tmp_path / "out"), "--jobs", "1", "--no-progress",
                 "--label-studio", str(tasks_path)]) == 0
    tasks = json.loads(tasks_path.read_text(encoding="utf-8"))
    assert sorted(t["data"]["doc_id"] for t in tasks) in (["one", "two"], ["copy", "two"])
    assert all(t["predictions"][0]["result"] for t in tasks)
    assert (tmp_path / "ls" / "label_config.xml").exists()
    assert "2 tasks" in capsys.readouterr().out
