"""Where sources disagree: both versions kept with their sources, counted once, supported either way,
listed as one row marked "sources disagree" (CLI, API, HTML), and an election kept apart from the term."""

import csv
import io
import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from yntymaq.check import check_claim
from yntymaq.cli import main
from yntymaq.vocab import Claim, Date, Fact, Origin, Span, Truth, VerdictKind
from yntymaq.web import create_app

# State: the joining years the sources give (each version's start year), as members.csv records them.
JOINING_CONFLICTS = {
    "SY": {1970, 1972},
    "AE": {1970, 1972},
    "QA": {1970, 1972},
    "OM": {1970, 1972},
    "AZ": {1991, 1992},
    "UZ": {1995, 1996},
    "BH": {1970, 1972},
    "CM": {1974, 1975},
    "BF": {1974, 1975},
    "IQ": {1975, 1976},
    "BJ": {1982, 1983},
    "MZ": {1992, 1994},
    "SO": {1969, 1970},
}


@pytest.fixture(scope="module")
def web(shipped_kb):
    with TestClient(create_app(shipped_kb.store.url)) as client:
        yield client


def _membership_conflict(kb, state):
    found = [c for c in kb.conflicts(state) if c.predicate == "member_of"]
    assert len(found) == 1, f"{state}: expected one membership conflict, got {found}"
    return found[0]


@pytest.mark.parametrize("state", sorted(JOINING_CONFLICTS))
def test_each_joining_conflict_keeps_both_rows_with_their_own_sources(shipped_kb, state):
    conflict = _membership_conflict(shipped_kb, state)
    assert {f.start.year for f in conflict.facts} == JOINING_CONFLICTS[state]
    sources = [frozenset(s.id for s in f.sources) for f in conflict.facts]
    assert all(sources) and len(set(sources)) == len(sources)  # each version has a source of its own
    assert not set.intersection(*map(set, sources))
    assert all(f.where.startswith("members.csv:") for f in conflict.facts)


@pytest.mark.parametrize("year", range(1969, 2027))
def test_member_count_counts_each_state_once(shipped_kb, year):
    at = Date(year)
    count = shipped_kb.member_count(at=at)
    states = [r.state.id for r in shipped_kb.members(at=at)]
    counted = count.members + count.observers
    assert counted + len(count.uncertain) == len(set(states))
    assert not set(count.uncertain) & {r.state.id for r in shipped_kb.members(at=at) if r.certain
                                       and states.count(r.state.id) == 1}


def test_count_is_uncertain_between_the_two_joining_years(shipped_kb):
    between = shipped_kb.member_count(at=Date(1971))
    assert {"SY", "AE", "QA", "OM"} <= set(between.uncertain)
    after = shipped_kb.member_count(at=Date(1973))
    assert not {"SY", "AE", "QA", "OM"} & set(after.uncertain)
    assert after.members - between.members >= 4  # now counted, each once
    rows = [r for r in shipped_kb.members(at=Date(1971)) if r.state.id == "AE"]
    assert len(rows) == 1 and not rows[0].certain and rows[0].alternatives


def test_uzbekistan_between_observer_and_member_is_uncertain(shipped_kb):
    # One source makes it a member from 1995, the ministry an observer until 2 October 1996.
    assert "UZ" in shipped_kb.member_count(at=Date(1996, 3)).uncertain
    assert "UZ" not in shipped_kb.member_count(at=Date(1997)).uncertain


def _claim(state, year):
    fact = Fact(subject=state, predicate="member_of", object="OIC", start=Date(year),
                qualifiers=(("status", "member"),), origin=Origin.EXTRACTED)
    return Claim(fact, Span("test", 0, 0, 10, f"{state} joined in {year}"), "test.rule.v1", "en")


@pytest.mark.parametrize("state,year", [(s, y) for s, years in sorted(JOINING_CONFLICTS.items()) for y in sorted(years)])
def test_a_claim_of_either_year_is_supported_and_shows_the_disagreement(shipped_kb, state, year):
    verdict = check_claim(_claim(state, year), shipped_kb)
    assert verdict.kind is VerdictKind.SUPPORTED, verdict.reason
    assert "the sources disagree" in verdict.reason
    conflict = _membership_conflict(shipped_kb, state)
    assert {f.id for f in conflict.facts} <= {f.id for f in verdict.evidence}
    assert verdict.evidence[0].start.year == year  # the version that agrees comes first
    for f in conflict.facts:
        assert all(s.id in verdict.reason for s in f.sources)


def test_a_claim_without_a_disagreement_says_nothing_of_one(shipped_kb):
    verdict = check_claim(_claim("KZ", 1995), shipped_kb)
    assert verdict.kind is VerdictKind.SUPPORTED and "disagree" not in verdict.reason


def test_a_contradicted_claim_is_left_as_it_was(shipped_kb):
    verdict = check_claim(_claim("UZ", 2001), shipped_kb)
    assert verdict.kind is VerdictKind.CONTRADICTED and "disagree" not in verdict.reason


# -- lists: one row per disagreement ------------------------------------------------------------


def test_cli_members_lists_one_row_per_disagreement(shipped_kb):
    result = CliRunner().invoke(main, ["members", "--at", "1980", "--json", "--lang", "en", "--db", shipped_kb.store.url])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    syria = [r for r in rows if r["state"] == "SY"]
    assert len(syria) == 1 and syria[0]["disagree"]
    assert {v["start"] for v in syria[0]["conflict"]} | {syria[0]["start"]} == {"1970", "1972"}
    assert all(v["sources"] for v in syria[0]["conflict"])
    table = CliRunner().invoke(main, ["members", "--at", "1980", "--csv", "--lang", "en", "--db", shipped_kb.store.url])
    assert [line for line in table.output.splitlines() if line.startswith("SY,")][0].count("sources disagree") == 1


def test_api_members_lists_one_row_per_state_with_the_conflict(web):
    rows = web.get("/api/members", params={"at": "1980", "lang": "en"}).json()["members"]
    ids = [r["state"] for r in rows]
    assert all(ids.count(state) == 1 for state in ("SY", "AE", "QA", "OM"))
    by_state = {r["state"]: r for r in rows}
    for state in ("SY", "AE", "QA", "OM"):
        row = by_state[state]
        assert row["disagree"] and len(row["conflict"]) == 1
        assert row["conflict"][0]["sources"] and row["conflict"][0]["sources"][0]["url"]
    assert by_state["KZ" if "KZ" in by_state else "SA"]["conflict"] == []


def test_members_page_shows_one_row_and_the_other_version_in_details(web):
    tree = HTMLParser(web.get("/members", params={"at": "1980", "lang": "en"}).text)
    rows = [tr for tr in tree.css("#members-table tbody tr") if tr.css_first('a[href="/e/SY"]')]
    assert len(rows) == 1
    details = rows[0].css_first("details.conflict")
    assert details.css_first("summary").text().strip() == "sources disagree"
    assert {"1970", "1972"} <= set(rows[0].text().split()) | {w for w in details.text().split()}
    # sources by title and publisher, their ids in the links' titles
    source_ids = {a.attributes.get("title").partition("#")[0] for a in rows[0].css(".src")}
    assert details.css("a.src") and {"wiki-syria-oic", "sis-oic"} <= source_ids
    assert "State Information Service" in rows[0].text()


def test_members_page_marks_disagreement_in_kazakh(web):
    tree = HTMLParser(web.get("/members", params={"at": "1980", "lang": "kk"}).text)
    assert "дереккөздер әртүрлі" in {s.text().strip() for s in tree.css("details.conflict summary")}


@pytest.mark.parametrize("ident,section", [("SY", "membership"), ("EG", "membership"), ("UZ", "membership"),
                                           ("hissein-brahim-taha", "offices"), ("OIC/secretary-general", "holders")])
def test_entity_card_shows_each_disagreement_as_one_row(shipped_kb, web, ident, section):
    tree = HTMLParser(web.get(f"/e/{ident}", params={"lang": "en"}).text)
    rows = tree.css(f"#section-{section} tbody tr")
    marked = [tr for tr in rows if tr.css_first("details.conflict")]
    conflicts = [c for c in shipped_kb.conflicts() if c.predicate in ("member_of", "holds_office")
                 and (c.subject.id == ident or ident == "OIC/secretary-general" and c.predicate == "holds_office")]
    assert len(marked) == len(conflicts) >= 1
    facts = [f for c in conflicts for f in c.facts]
    assert len(rows) == len(set(r for r in rows)) and len(marked) < len(facts)  # never one row per source
    for tr in marked:
        assert tr.css_first("details.conflict summary").text().strip() == "sources disagree"


def test_conflicts_listing_shows_every_kept_disagreement(shipped_kb, web):
    kept = shipped_kb.conflicts()
    api = web.get("/api/conflicts", params={"lang": "en"}).json()["conflicts"]
    assert len(api) == len(kept)
    assert {(c["subject"]["id"], c["predicate"]) for c in api} >= {(s, "member_of") for s in JOINING_CONFLICTS}
    tree = HTMLParser(web.get("/conflicts", params={"lang": "en"}).text)
    assert len(tree.css("article.conflict")) == len(kept)
    assert len(tree.css("article.conflict tbody tr")) == sum(len(c.facts) for c in kept)
    # grouped by predicate, labels rather than ids
    assert {s.attributes["id"] for s in tree.css("section[id^=predicate-]")} == {f"predicate-{c.predicate}" for c in kept}
    csv_text = web.get("/conflicts", params={"format": "csv"}).text
    assert len(csv_text.strip().splitlines()) == 1 + sum(len(c.facts) for c in kept)
    cli = CliRunner().invoke(main, ["conflicts", "--json", "--db", shipped_kb.store.url])
    assert len(json.loads(cli.output)) == len(kept)


def test_cli_conflicts_lists_one_row_per_disagreement_with_every_version(shipped_kb):
    result = CliRunner().invoke(main, ["conflicts", "--csv", "--lang", "en", "--db", shipped_kb.store.url])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == len(shipped_kb.conflicts())
    for state, years in JOINING_CONFLICTS.items():
        mine = [r for r in rows if r["subject"] == state and r["predicate"] == "member of"]
        assert len(mine) == 1, (state, mine)
        versions = mine[0]["versions"].split(" | ")
        assert len(versions) == 2
        assert {int(v.split("–")[0][:4]) for v in versions} == years
        conflict = _membership_conflict(shipped_kb, state)
        for fact in conflict.facts:
            assert all(s.id in mine[0]["versions"] for s in fact.sources)


def test_cli_conflicts_names_the_value_only_where_versions_differ_in_it(shipped_kb):
    result = CliRunner().invoke(main, ["conflicts", "OIC/summit-extraordinary/8", "--csv", "--lang", "en",
                                       "--db", shipped_kb.store.url])
    assert result.exit_code == 0, result.output
    held_in = [line for line in result.output.splitlines() if "held in" in line][0]
    assert "islamabad" in held_in and "riyadh" in held_in
    members = CliRunner().invoke(main, ["conflicts", "Bahrain", "--csv", "--lang", "en", "--db", shipped_kb.store.url])
    assert "OIC" not in members.output.splitlines()[1].split(",", 3)[3]  # the same value in both versions


# -- election and taking office -----------------------------------------------------------------


def test_taha_election_is_its_own_fact_apart_from_the_term(shipped_kb):
    elected = shipped_kb.facts(subject="hissein-brahim-taha", predicate="elected_to")
    assert len(elected) == 1
    fact = elected[0]
    assert fact.object == "OIC/secretary-general" and str(fact.start) == "2020-11-28"
    assert fact.qualifier("meeting") == "OIC/cfm/47" and fact.sources
    holders = [r for r in shipped_kb.office_holders() if r.person.id == "hissein-brahim-taha"]
    assert len(holders) == 1 and str(holders[0].start) == "2021-11-17"  # the term starts on taking office
    # The conflict on taking office does not mix in the election.
    conflict = [c for c in shipped_kb.conflicts("hissein-brahim-taha") if c.predicate == "holds_office"][0]
    assert all(f.predicate == "holds_office" for f in conflict.facts)
    assert "2020-11-28" not in {str(f.start) for f in conflict.facts}
    assert not [c for c in shipped_kb.conflicts() if c.predicate == "elected_to"]


def test_between_election_and_taking_office_the_predecessor_holds_it(shipped_kb):
    rows = {r.person.id: r for r in shipped_kb.office_holders(at=Date(2021, 3))}
    assert rows["yousef-al-othaimeen"].certain
    taha = rows["hissein-brahim-taha"]  # only the source that dates his term from 2020 puts him in office
    assert not taha.certain and str(taha.start) == "2020-11-29" and str(taha.alternatives[0].start) == "2021-11-17"
    assert shipped_kb.facts(subject="hissein-brahim-taha", predicate="elected_to")[0].holds_at(Date(2021, 3)) is Truth.NO
