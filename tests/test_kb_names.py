"""Names a Kazakh reader trusts: kk names taken from Kazakh sources carry a `named` fact with that source,
every other kk name says where it comes from or that it is a rendering; and Kazakhstan's record after
2006 (sessions attended, the chairmanship, the Astana Declaration) as the sources state it."""

import csv

import pytest

from yntymaq.kb.dataset import default_data_dir
from yntymaq.vocab import Date

# entity, its kk name from a Kazakh source, and the source that states it
SOURCED_KK = [
    ("IsDB", "Ислам даму банкі", "egemen-isdb-president"),
    ("iyad-madani", "Ияд ибн Әмин Мадани", "akorda-kk-madani-2016"),
    ("IPHRC", "Адам құқықтары жөніндегі тәуелсіз тұрақты комиссия", "kazinform-kk-ombudsman-2019"),
    ("OIC/secretary-general", "Бас хатшы", "kazinform-kk-ombudsman-2019"),
    ("OIC/charter-2008", "Ислам Конференциясы Ұйымының Жарғысы", "adilet-charter-law-2012"),
    ("OIC/st-summit/1/astana-declaration", "Астана декларациясы", "egemen-st-summit-1"),
    ("UN", "Біріккен Ұлттар Ұйымы", "arasha-kk-guterres-2025"),
    ("ECO", "Экономикалық Ынтымақтастық Ұйымы", "adilet-izmir-1998"),
    ("OIC", "Ислам конференциясы ұйымы", "azattyq-kk-cfm33-2006"),
]


@pytest.mark.parametrize("ident,name,source", SOURCED_KK, ids=[c[0] for c in SOURCED_KK])
def test_kk_name_from_a_kazakh_source_is_a_named_fact_with_that_source(shipped_kb, ident, name, source):
    facts = [f for f in shipped_kb.facts(subject=ident, predicate="named") if f.qualifier("lang") == "kk" and f.value == name]
    assert facts, f"{ident}: no kk named fact {name!r}"
    assert source in {s.id for f in facts for s in f.sources}
    entity = shipped_kb.entity(ident)
    assert name in {n for lang, n in entity.all_names() if lang == "kk"}  # a sourced name is always findable


def test_the_longer_akorda_form_is_the_name_and_the_short_one_still_finds_him(shipped_kb):
    assert shipped_kb.entity("iyad-madani").names["kk"] == "Ияд ибн Әмин Мадани"
    assert shipped_kb.resolve("Ияд Мадани").id == "iyad-madani"


# What a note must say of a kk name that no `named` fact sources: where it comes from, or that it is
# a rendering. The phrases are those the dataset's notes use (data/README.md, "Names and their sources").
_MARKS = ("rendered", "russian cyrillic form", "seed text", "writes it", "gives it", "kk name as", "kk as",
          "kk title as", "descriptive")


def _entity_rows():
    with open(default_data_dir() / "entities.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_kk_name_is_sourced_or_marked_as_a_rendering(shipped_kb):
    sourced = {f.subject for f in shipped_kb.facts(predicate="named") if f.qualifier("lang") == "kk" and f.sources}
    unmarked = [row["id"] for row in _entity_rows()
                if row["type"] in ("organisation", "organ", "office", "person", "document")
                and row["id"] not in sourced and not any(m in row["note"].lower() for m in _MARKS)]
    assert unmarked == []


@pytest.mark.parametrize("ident,fixed,old", [
    ("IINA", "Халықаралық ислам жаңалықтары агенттігі", "Ислам жаңалықтары агенттігі"),
    ("ICECS", "Экономикалық, мәдени және әлеуметтік мәселелер жөніндегі ислам комиссиясы", None),
    ("OICC", "Ислам астаналары мен қалалары ұйымы", "Ислам астаналары ұйымы"),
])
def test_fixed_kk_names_stay_fixed_and_their_old_forms_are_marked_renderings(ident, fixed, old):
    row = next(r for r in _entity_rows() if r["id"] == ident)
    assert row["kk"] == fixed and "rendered" in row["note"]
    if old:
        assert row["kk"] != old


def test_al_quds_fund_kk_and_ru_name_the_same_thing():
    row = next(r for r in _entity_rows() if r["id"] == "al-quds-fund")
    assert "Құдс" in row["kk"] and "Кудс" in row["ru"] and "Quds" in row["en"]


# -- Kazakhstan's record ---------------------------------------------------------------------------

ATTENDED_AFTER_2006 = ["OIC/summit/11", "OIC/summit/12", "OIC/summit/13", "OIC/summit/14", "OIC/summit/15",
                       "OIC/cfm/39", "OIC/cfm/42", "OIC/cfm/43", "OIC/cfm/45", "OIC/cfm/46", "OIC/cfm/48",
                       "OIC/cfm/51", "OIC/st-summit/1"]


@pytest.mark.parametrize("meeting", ATTENDED_AFTER_2006)
def test_kazakhstan_attended_with_a_source(shipped_kb, meeting):
    facts = [f for f in shipped_kb.facts(subject="KZ", predicate="participated_in") if f.object == meeting]
    assert len(facts) == 1 and facts[0].sources


def test_kazakhstans_cfm_chairmanship_runs_from_astana_to_djibouti(shipped_kb):
    rows = [r for r in shipped_kb.chairs(body="cfm") if r.state.id == "KZ"]
    assert [(str(r.start), str(r.end), r.meeting.id) for r in rows] == [("2011-06-28", "2012-11-15", "OIC/cfm/38")]
    assert [r.state.id for r in shipped_kb.chairs(body="cfm", at=Date(2012, 3, 1))] == ["KZ"]


@pytest.mark.parametrize("ident,meeting,source", [
    ("OIC/st-summit/1/astana-declaration", "OIC/st-summit/1", "kazinform-astana-declaration"),
    ("OIC/cfm/38/astana-declaration", "OIC/cfm/38", "kazinform-cfm38-astana-declaration"),
])
def test_each_astana_declaration_was_adopted_at_its_own_meeting(shipped_kb, ident, meeting, source):
    adopted = shipped_kb.facts(subject=ident, predicate="adopted_at")
    assert [f.object for f in adopted] == [meeting]
    assert source in {s.id for s in adopted[0].sources}


@pytest.mark.parametrize("name", ["Астана декларациясы", "Astana Declaration", "Астанинская декларация"])
def test_the_bare_name_means_both_declarations_so_a_reader_must_choose(shipped_kb, name):
    found = {e.id for e in shipped_kb.lookup(name)}
    assert {"OIC/st-summit/1/astana-declaration", "OIC/cfm/38/astana-declaration"} <= found


def test_kazakhstan_ratified_the_charter_by_law_570_iv(shipped_kb):
    law = shipped_kb.entity("KZ/law-570-IV")
    assert law.names["kk"].startswith("Ислам Конференциясы Ұйымының Жарғысын ратификациялау туралы")
    named = shipped_kb.facts(subject="KZ/law-570-IV", predicate="named")
    assert any(s.url.startswith("http://adilet.zan.kz/") for f in named for s in f.sources)
