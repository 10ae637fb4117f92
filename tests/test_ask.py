"""Asking: each kind of question in each language, abstentions, multiple choice, the JSON shape, the
question set's floor, the CLI and the API. Over the shipped dataset (the `shipped_kb` fixture)."""

import json
import sys
from pathlib import Path

import pytest

from yntymaq.ask import ask, looks_like_question

ROOT = Path(__file__).resolve().parent.parent

# (question, what the answer must hold): E entity id among the answers, V a value prefix, N a count,
# Y / NO the yes/no, O the option index, A an abstention.
CASES = {
    "when": [
        ("Қазақстан ИЫҰ-ға қашан мүше болды?", "V:1995-12"),
        ("Когда Таджикистан вступил в ОИС?", "V:1992"),
        ("When did Turkmenistan join the OIC?", "V:1992"),
        ("ИКҰ СІМК 37-сессиясы қашан өтті?", "V:2010-05-18"),
        ("Когда прошла 46-я сессия СМИД?", "V:2019-03-01"),
        ("When was the 11th Islamic Summit held?", "V:2008-03-13"),
    ],
    "who": [
        ("2000 жылы ИКҰ Бас хатшысы кім болды?", "E:azeddine-laraki"),
        ("Кто был генеральным секретарём ОИК в 1990 году?", "E:hamid-algabid"),
        ("Who chaired the CFM in 2005-09?", "E:YE"),
        ("who was the oic secretary general in 2019", "E:yousef-al-othaimeen"),
    ],
    "where": [
        ("СІМК 40-сессиясы қай қалада өтті?", "E:conakry"),
        ("Где прошел 10-й саммит ОИС?", "E:putrajaya"),
        ("Which city hosted the 47th CFM?", "E:niamey"),
        ("ИЫҰ-ның 9-саммиті қай елде өтті?", "E:QA"),
    ],
    "count": [
        ("1980 жылы ИКҰ-да неше мүше болды?", "N:41"),
        ("Сколько саммитов прошло в Марокко?", "N:3"),
        ("How many CFM sessions were held in Pakistan?", "N:7"),
    ],
    "yesno": [
        ("Сирия 2015 жылы мүшелігі тоқтатылған ба?", "Y"),
        ("Является ли Таиланд членом ОИС?", "NO"),
        ("Was Afghanistan suspended in 1985?", "Y"),
        ("Did Kazakhstan take part in the 48th CFM?", "Y"),
    ],
    "time": [
        ("2012 жылы наурызда СІМК төрағасы кім болды?", "E:KZ"),
        ("Кто председательствовал в СМИД в 1999 году?", "E:QA"),
        ("Who chaired the CFM in March 2013?", "E:DJ"),
    ],
    "first_last": [
        ("ИЫҰ-ның соңғы саммиті қайда өтті?", "E:banjul"),
        ("Где прошла первая сессия СМИД?", "E:jeddah"),
        ("Who was the first OIC Secretary General?", "E:tunku-abdul-rahman"),
    ],
    "choice": [
        ("Қазақстан ИЫҰ-ға қай жылы кірді? A) 1991 B) 1995 C) 1999", "O:1"),
        ("Где прошла 39-я сессия СМИД? А) Джибути Б) Баку", "O:0"),
        ("Where was the 38th CFM held: Baku or Astana?", "O:1"),
        ("When did Kazakhstan join the OIC? A) 1990 B) 1991", "A"),
    ],
    "restored": [
        ("Когда Афганистан восстановили в ОИК?", "V:1989"),
        ("When was Egypt reinstated in the OIC?", "V:1984"),
        ("Сирия ИЫҰ-ға қашан оралды?", "V:2025-03-07"),
        ("When was Kazakhstan readmitted to the OIC?", "A"),  # never suspended: nothing to restore
    ],
    "not_choice": [
        ("Which of these is not an OIC member: A) Kazakhstan B) Russia C) Kyrgyzstan", "O:1"),
        ("Какая страна не является членом ОИС? 1) Россия 2) Египет", "O:0"),
        ("Қайсысы ИЫҰ мүшесі емес: A) Ресей B) Таиланд C) Қазақстан", "A"),  # two fit: no one option
    ],
    "listed_options": [
        ("When did Kazakhstan join the OIC: 1992, 1995 or 1999?", "O:1"),
        ("Где прошла 37-я сессия СМИД: в Баку, Ташкенте или Душанбе?", "O:2"),
    ],
    "count_of_list": [
        ("ИЫҰ-ның неше ресми тілі бар?", "N:3"),
    ],
    "seat_country": [
        ("In which country is SESRIC headquartered?", "E:TR"),
        ("IRCICA қай елде орналасқан?", "E:TR"),
    ],
    "other_series": [
        ("Where did the PUIC conference meet in 2023?", "E:algiers"),
        ("Where did the Executive Committee meet in November 2011?", "E:jeddah"),
    ],
    "editions": [
        ("Which summit adopted the latest OIC Charter?", "E:OIC/summit/11"),
        ("Where was the first OIC Charter adopted?", "E:jeddah"),
    ],
    "latin_kazakh": [
        ("Qazaqstan IKU-ga qai jyly kirdi?", "V:1995"),
        ("qazaqstan iyu mushesi me", "Y"),
    ],
    "term": [
        ("Бас хатшы қанша жылға сайланады?", "V:5"),
        ("На какой срок избирается генсек ОИС?", "V:5"),
    ],
    "abstain": [
        ("Қазақстанның халқы қанша?", "A"),
        ("НАТО Бас хатшысы кім?", "A"),
        ("Кто будет генеральным секретарём ОИС в 2040 году?", "A"),
        ("Where was the 90th CFM held?", "A"),
        ("Who is the prime minister of Malaysia?", "A"),
        ("qwzx vbnm", "A"),
        ("", "A"),
    ],
}


def _holds(result: dict, expect: str) -> bool:
    kind, _, value = expect.partition(":")
    if kind == "A":
        return result["abstained"] and bool(result["reason"])
    if result["abstained"]:
        return False
    answers = result["answers"]
    if kind == "E":
        return any(a["entity"] and a["entity"]["id"] == value for a in answers)
    if kind == "V":
        return any((a["value"] or "").startswith(value) for a in answers)
    if kind == "N":
        return answers[0]["value"] == value
    if kind in ("Y", "NO"):
        return answers[0]["value"] == ("yes" if kind == "Y" else "no")
    if kind == "O":
        return result["understood"]["choice"] == int(value)
    raise AssertionError(expect)


@pytest.mark.parametrize("question,expect", [c for cases in CASES.values() for c in cases],
                         ids=[f"{k}-{i}" for k, cases in CASES.items() for i in range(len(cases))])
def test_question_kinds(shipped_kb, question, expect):
    result = ask(shipped_kb, question)
    assert _holds(result, expect), json.dumps(result, ensure_ascii=False)[:600]


@pytest.mark.parametrize("question,lang,word", [
    ("Қазақстан ИЫҰ-ға қашан мүше болды?", "kk", "желтоқсан"),
    ("Когда Казахстан вступил в ОИС?", "ru", "декабрь"),
    ("When did Kazakhstan join the OIC?", "en", "December"),
])
def test_answered_in_the_question_language(shipped_kb, question, lang, word):
    result = ask(shipped_kb, question)
    assert result["language"] == lang
    assert word in result["answers"][0]["text"]


def test_json_shape(shipped_kb):
    result = ask(shipped_kb, "Қазақстан ИЫҰ-ға қашан мүше болды?")
    assert set(result) == {"question", "language", "abstained", "reason", "understood", "answers"}
    answer = result["answers"][0]
    assert set(answer) == {"text", "value", "entity", "start", "end", "sources", "facts"}
    assert answer["entity"] == {"id": "KZ", "label": "Қазақстан"}
    assert answer["sources"] and all(s["title"] and s["url"] for s in answer["sources"])
    assert answer["facts"][0]["predicate"] == "member_of"


def test_disagreement_is_stated(shipped_kb):
    result = ask(shipped_kb, "Where was the 8th extraordinary summit held?")
    assert not result["abstained"] and result["reason"] == "the sources disagree"
    assert {a["entity"]["id"] for a in result["answers"]} == {"riyadh", "islamabad"}
    count = ask(shipped_kb, "How many summits were held in Pakistan?")
    assert count["answers"][0]["value"] == "2" and "the sources disagree" in count["answers"][0]["text"]


def test_abstention_gives_a_reason_in_the_language(shipped_kb):
    result = ask(shipped_kb, "Кто будет председателем СМИД в 2030 году?")
    assert result["abstained"] and result["answers"] == [] and "будущем" in result["reason"]


@pytest.mark.parametrize("text,question", [
    ("Қазақстан", False), ("OIC/cfm/38", False), ("Казахстан", False),
    ("Қазақстан ИЫҰ-ға қашан мүше болды", True), ("who chaired the CFM in 2012", True), ("Кто генсек ОИС?", True),
])
def test_looks_like_question(text, question):
    assert looks_like_question(text) is question


def test_question_set_floor(shipped_kb):
    """The project's question set stays at or above its floor (`make bench` prints the figures)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_ask

    rows = bench_ask.load()
    assert len(rows) >= 200
    assert sum(r["lang"] == "kk" for r in rows) >= 80
    assert sum(bool(r["expect"].get("abstain")) for r in rows) >= 30
    tally, _, _ = bench_ask.score(shipped_kb, rows)
    total = tally["all"]
    n = sum(total.values())
    assert total["right"] / n >= 0.95
    assert total["wrong"] / n <= 0.01


def test_heldout_tuning_half_floor(shipped_kb):
    """The held-out set's tuning half (odd lines) stays at or above its floor; its even lines are
    only scored by the bench, never tested, so that they stay unseen."""
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_ask

    rows = bench_ask.load(bench_ask.HELDOUT)
    assert len(rows) >= 150
    assert sum(r["lang"] == "kk" for r in rows) >= 60
    assert sum(bool(r["expect"].get("abstain")) for r in rows) >= 20
    tune, held = bench_ask.halves(rows)
    assert len(tune) + len(held) == len(rows) and all(r["line"] % 2 for r in tune)
    tally, _, _ = bench_ask.score(shipped_kb, tune)
    total = tally["all"]
    n = sum(total.values())
    assert total["right"] / n >= 0.95
    assert total["wrong"] / n <= 0.01


def test_latin_kazakh_is_read_as_kazakh(shipped_kb):
    result = ask(shipped_kb, "Qazaqstan IKU-ga qai jyly kirdi?")
    assert result["language"] == "kk" and result["question"] == "Qazaqstan IKU-ga qai jyly kirdi?"
    assert result["understood"]["script"] == "latin" and "ИКҰ" in result["understood"]["read_as"]
    english = ask(shipped_kb, "when did kazakhstan join the oic")
    assert english["language"] == "en" and "script" not in english["understood"]


def test_cli_ask(shipped_kb, monkeypatch):
    from click.testing import CliRunner

    from yntymaq.cli import main

    runner = CliRunner()
    out = runner.invoke(main, ["ask", "--db", shipped_kb.store.url, "Қазақстан ИЫҰ-ға қашан мүше болды?"])
    assert out.exit_code == 0 and "1995 ж. желтоқсан" in out.output and "[1]" in out.output
    out = runner.invoke(main, ["ask", "--db", shipped_kb.store.url, "--json", "When was the OIC founded?"])
    assert json.loads(out.output)["answers"][0]["value"] == "1969-09-25"
    out = runner.invoke(main, ["ask", "--db", shipped_kb.store.url, "What is the population of Kazakhstan?"])
    assert out.exit_code == 2 and out.output.startswith("No answer:")


def test_api_and_search_box(shipped_kb):
    from fastapi.testclient import TestClient

    from yntymaq.web import create_app

    client = TestClient(create_app(shipped_kb.store.url))
    r = client.get("/api/ask", params={"q": "Қазақстан ИЫҰ-ға қашан мүше болды?"})
    assert r.status_code == 200 and r.json()["answers"][0]["entity"]["id"] == "KZ"
    assert client.get("/api/ask", params={"q": ""}).status_code == 400
    page = client.get("/search", params={"q": "Қазақстан ИЫҰ-ға қашан мүше болды?"})
    assert page.status_code == 200 and "/ask" in str(page.url) and "1995 ж. желтоқсан" in page.text
    name = client.get("/search", params={"q": "Қазақстан"}, follow_redirects=False)
    assert name.headers["location"] == "/e/KZ"
