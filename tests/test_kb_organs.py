"""The organs and institutions, the observer organisations, former members and period-correct names in the
shipped dataset."""

import pytest

from yntymaq.kb.meetings import RENAMED, meeting_names, organisation_names_at
from yntymaq.vocab import Date

# Each case: an institution, its category (None: a standing committee or a body the sources give no
# category), and the city of its seat.
ORGANS = [
    ("IOFS", "specialised", "astana"),
    ("IRCICA", "subsidiary", "istanbul"),
    ("IIFA", "subsidiary", "jeddah"),
    ("IU-Uganda", "subsidiary", "mbale"),
    ("ISBO", "specialised", "jeddah"),
    ("ICCIA", "affiliated", "karachi"),
    ("SMIIC", "affiliated", "istanbul"),
    ("COMSTECH", None, "islamabad"),
    ("COMIAC", None, "dakar"),
    ("ISSF", None, "riyadh"),
    ("OISA", None, "jeddah"),
]


@pytest.mark.parametrize("ident,category,seat", ORGANS, ids=[c[0] for c in ORGANS])
def test_organ_category_and_seat(shipped_kb, ident, category, seat):
    part_of = shipped_kb.facts(subject=ident, predicate="part_of", object="OIC")
    assert part_of, f"{ident} is not part of the OIC"
    assert {f.qualifier("category") for f in part_of} == {category}
    assert seat in {f.object for f in shipped_kb.facts(subject=ident, predicate="headquartered_in")}


def test_iofs_founding_statute_and_kazakhstans_law(shipped_kb):
    founded = shipped_kb.facts(subject="IOFS", predicate="founded")
    assert [(str(f.start), f.qualifier("place")) for f in founded] == [("2016-04-28", "astana")]
    assert [f.object for f in shipped_kb.facts(subject="IOFS/statute", predicate="adopted_at")] == ["OIC/cfm/40"]
    law = shipped_kb.facts(subject="KZ/law-256-V", predicate="in_force")
    assert [(f.object, str(f.start)) for f in law] == [("KZ", "2015-01-01")]
    assert any(s.url.startswith("http://adilet.zan.kz/") for f in law for s in f.sources)


def test_iofs_is_found_by_its_kazakh_name(shipped_kb):
    assert shipped_kb.resolve("Азық-түлік қауіпсіздігі жөніндегі Ислам Ұйымы").id == "IOFS"
    assert shipped_kb.resolve("IOFS").id == "IOFS"


def test_renamings_with_their_dates(shipped_kb):
    icesco = {f.value: (f.start, f.end) for f in shipped_kb.facts(subject="ICESCO", predicate="named")}
    assert icesco["Islamic World Educational, Scientific and Cultural Organization"] == (Date(2020, 1), None)
    assert icesco["Islamic Educational, Scientific and Cultural Organization"] == (None, Date(2020, 1))
    una = {f.value: (f.start, f.end) for f in shipped_kb.facts(subject="IINA", predicate="named")}
    assert una["Union of OIC News Agencies"] == (Date(2017, 10), None)


OBSERVER_ORGANISATIONS = ["UN", "AU", "NAM", "MNLF", "PUIC"]


def test_observer_organisations_are_observers_not_members(shipped_kb):
    at = Date(2024)
    observers = {r.state.id for r in shipped_kb.observer_organisations(at=at)}
    assert set(OBSERVER_ORGANISATIONS) <= observers
    listed = {r.state.id for r in shipped_kb.members(at=at)}
    assert not listed & observers, "an organisation is listed among the states"
    count = shipped_kb.member_count(at=at)
    states = [r for r in shipped_kb.members(at=at) if r.certain]
    assert count.members == sum(r.status in ("member", "suspended") for r in states)
    assert count.observers == sum(r.status == "observer" for r in states)
    assert count.members == 57 and count.observers == 5


def test_no_organisation_observes_before_its_year(shipped_kb):
    assert "UN" not in {r.state.id for r in shipped_kb.observer_organisations(at=Date(1975))}
    assert "UN" in {r.state.id for r in shipped_kb.observer_organisations(at=Date(1977))}


def test_zanzibar_was_a_member_and_left_in_august_1993(shipped_kb):
    history = shipped_kb.membership_history("zanzibar")
    assert history and all(r.status == "member" for r in history)
    assert {r.end for r in history} == {Date(1993, 8)}
    # the sources disagree: one row, the other version beside it
    assert {str(r.start) for r in history} | {str(f.start) for r in history for f in r.alternatives} == {"1992", "1993"}
    assert "zanzibar" not in {r.state.id for r in shipped_kb.members(at=Date(1994))}
    assert any(c.subject.id == "zanzibar" for c in shipped_kb.conflicts("zanzibar"))


@pytest.mark.parametrize("lang,name", [("en", "Palestine"), ("ru", "Палестина"), ("kk", "Палестина")])
def test_palestine_is_named_as_the_oic_names_it(shipped_kb, lang, name):
    ps = shipped_kb.entity("PS")
    assert ps.label(lang) == name
    assert shipped_kb.resolve("Palestinian Territories").id == "PS"  # CLDR's name still finds it


CORRECTED_KK = [
    ("IINA", "Халықаралық ислам жаңалықтары агенттігі", "Ислам жаңалықтары агенттігі"),
    ("ICECS", "Экономикалық, мәдени және әлеуметтік мәселелер жөніндегі ислам комиссиясы",
     "Экономика және мәдени мәселелер жөнінде ислам комиссиясы"),
    ("OICC", "Ислам астаналары мен қалалары ұйымы", "Ислам астаналары ұйымы"),
    ("al-quds-fund", "Әл-Құдс қоры", "Иерусалим қоры"),
]


@pytest.mark.parametrize("ident,kk,old", CORRECTED_KK, ids=[c[0] for c in CORRECTED_KK])
def test_corrected_kazakh_names_keep_the_old_form_findable(shipped_kb, ident, kk, old):
    assert shipped_kb.entity(ident).names["kk"] == kk
    assert shipped_kb.resolve(old).id == ident


def test_a_kazakh_name_carries_its_source(shipped_kb):
    facts = shipped_kb.facts(subject="hissein-brahim-taha", predicate="named")
    assert [f.value for f in facts if f.qualifier("lang") == "kk"] == ["Хусейн Ибрагим Таха"]
    assert all(f.sources for f in facts)


# Period-correct labels: the Organisation was renamed on the opening day of the 38th CFM.
def test_rename_constant_agrees_with_the_dataset(shipped_kb):
    new = [f for f in shipped_kb.facts(subject="OIC", predicate="named") if f.value == "Ислам ынтымақтастығы ұйымы"]
    assert [f.start for f in new] == [RENAMED]


@pytest.mark.parametrize("ident,kk,ru,en", [
    ("OIC/cfm/37", "ИКҰ СІМК 37-сессиясы", "37-я сессия СМИД ОИК",
     "37th session of the Council of Foreign Ministers of the Organisation of the Islamic Conference"),
    ("OIC/cfm/38", "ИЫҰ СІМК 38-сессиясы", "38-я сессия СМИД ОИС", "38th session of the OIC Council of Foreign Ministers"),
    ("OIC/summit/11", "ИКҰ-ның 11-саммиті", "11-й саммит ОИК", "11th Islamic Summit"),
    ("OIC/summit/12", "ИЫҰ-ның 12-саммиті", "12-й саммит ОИС", "12th Islamic Summit"),
])
def test_meeting_labels_carry_the_name_of_their_time(shipped_kb, ident, kk, ru, en):
    meeting = shipped_kb.entity(ident)
    assert (meeting.label("kk"), meeting.label("ru"), meeting.label("en")) == (kk, ru, en)


@pytest.mark.parametrize("day,kk", [
    (Date(2011, 6, 27), "ИКҰ"), (Date(2011, 6, 28), "ИЫҰ"), (Date(2010), "ИКҰ"),
    (Date(2011, 6), "ИЫҰ"),  # June 2011 cannot be placed before the 28th: today's name
    (None, "ИЫҰ"),
])
def test_organisation_name_for_a_date(day, kk):
    assert organisation_names_at(day)["kk"] == kk


def test_an_undated_meeting_gets_todays_name():
    assert meeting_names("cfm", "extraordinary", 3)["ru"] == "3-я чрезвычайная сессия СМИД ОИС"
