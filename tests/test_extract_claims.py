"""Claims read from texts: the facts the seed documents state, with their verdicts, and one table of
cases per claim rule in Kazakh, Russian and English (texts written for the tests)."""

from __future__ import annotations

import pytest

from yntymaq.extract import extract
from yntymaq.ingest import process_text
from yntymaq.vocab import Date, EntityType, VerdictKind

SUPPORTED, CONTRADICTED = VerdictKind.SUPPORTED, VerdictKind.CONTRADICTED


def _seed(seed_texts: dict[str, str], prefix: str) -> str:
    names = [name for name in seed_texts if name.startswith(prefix)]
    assert len(names) == 1, f"expected one seed named {prefix}*, found {names}"
    return seed_texts[names[0]]


@pytest.fixture(scope="module")
def seeds_read(seed_texts, shipped_kb):
    """Each seed's text and its claims with verdicts, read once."""
    out = {}
    for prefix in ("000_", "004_"):
        text = _seed(seed_texts, prefix)
        out[prefix] = (text, process_text(text, shipped_kb).claims)
    return out


def _d(value: str | None) -> Date | None:
    return Date.parse(value) if value else None


def _find(claims, predicate: str, subject: str, *, object=None, value=None, **qualifiers):
    found = [(c, v) for c, v in claims if c.fact.predicate == predicate and c.fact.subject == subject
             and (object is None or c.fact.object == object) and (value is None or c.fact.value == value)
             and all(c.fact.qualifier(k) == q for k, q in qualifiers.items())]
    assert found, f"no {predicate} claim of {subject} {object or value or ''} {qualifiers or ''}"
    return found


def _assert_span(text: str, claim, *words: str) -> None:
    """The claim's span is its sentence, exactly: the text at its offsets, holding the words that
    state the fact, and starting and ending at a sentence boundary."""
    span = claim.span
    assert text[span.start:span.end] == span.text
    for word in words:
        assert word in span.text, f"{word!r} is not in the claim's sentence {span.text!r}"
    assert span.start == 0 or text[span.start - 1] in " \n\t.\u00a0" or text[span.start - 2:span.start] == ".."
    assert span.text.rstrip()[-1] in ".!?" or span.end == len(text.rstrip())


# -- the seeds -----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix, start, words", [
    ("000_", "1995", ["1995", "Қазақстан"]),
    ("004_", "1995", ["1995", "мүшелігіне"]),
])
def test_seed_kazakhstan_member_since_1995(seeds_read, prefix, start, words):
    text, claims = seeds_read[prefix]
    found = _find(claims, "member_of", "KZ", object="OIC", status="member")
    dated = [(c, v) for c, v in found if c.fact.start == _d(start)]
    assert dated, f"Kazakhstan's membership is read without its year: {[c.fact.start for c, _ in found]}"
    claim, verdict = dated[0]
    assert verdict.kind is SUPPORTED, verdict.reason
    _assert_span(text, claim, *words)


def test_seed_57_members(seeds_read):
    text, claims = seeds_read["004_"]
    found = _find(claims, "member_count", "OIC", value="57", status="member")
    for claim, verdict in found:
        assert claim.fact.start is None  # the text says "today", not a year
        assert verdict.kind is SUPPORTED, verdict.reason
        _assert_span(text, claim, "57")


def test_seed_headquarters_in_jeddah(seeds_read):
    text, claims = seeds_read["004_"]
    (claim, verdict), = _find(claims, "headquartered_in", "OIC", object="jeddah")
    assert verdict.kind is SUPPORTED, verdict.reason
    _assert_span(text, claim, "штаб-пәтері", "Джидда")


def test_seed_founded_on_25_september_1969(seeds_read):
    text, claims = seeds_read["004_"]
    (claim, verdict), = _find(claims, "founded", "OIC")
    assert claim.fact.start == Date(1969, 9, 25)
    assert verdict.kind is SUPPORTED, verdict.reason
    _assert_span(text, claim, "1969", "құрылған")


def test_seed_old_name_until_28_june_2011(seeds_read):
    text, claims = seeds_read["004_"]
    (claim, verdict), = _find(claims, "named", "OIC", lang="kk")
    assert claim.fact.value == "Ислам конференциясы ұйымы"
    assert (claim.fact.start, claim.fact.end) == (None, Date(2011, 6, 28))
    assert verdict.kind is SUPPORTED, verdict.reason
    _assert_span(text, claim, "2011", "маусымына дейін")


def test_seed_four_year_term_contradicted_by_the_2008_charter(seeds_read):
    text, claims = seeds_read["004_"]
    (claim, verdict), = _find(claims, "term_of_office", "OIC/secretary-general", value="4")
    assert claim.fact.start is None and claim.fact.end is None
    assert verdict.kind is CONTRADICTED
    assert "OIC/charter-2008" in verdict.reason and "5 years" in verdict.reason
    assert "4 years was the rule" in verdict.reason
    assert any(f.qualifier("document") == "OIC/charter-2008" for f in verdict.evidence)
    _assert_span(text, claim, "4 жылға", "сайлайды")


@pytest.mark.parametrize("meeting, body, start, place, words", [
    ("OIC/summit/8", "OIC/summit", "1997-12", "tehran", ["8-ші", "Тегеранда"]),
    ("OIC/summit/9", "OIC/summit", "2000-11", "doha", ["9-ші", "Доха"]),
    ("OIC/summit/10", "OIC/summit", "2003-10", "putrajaya", ["10-ші", "Путраджайяда"]),
    ("OIC/cfm/24", "OIC/cfm", "1996-12", "jakarta", ["24-ші", "Джакартада"]),
    ("OIC/cfm/33", "OIC/cfm", "2006-06", "baku", ["33-ші", "Бакуда"]),
])
def test_seed_meetings_with_places_and_months(seeds_read, meeting, body, start, place, words):
    text, claims = seeds_read["004_"]
    (held, held_verdict), = _find(claims, "meeting_of", meeting, object=body)
    assert (held.fact.start, held.fact.end) == (_d(start), None)
    assert held_verdict.kind is SUPPORTED, held_verdict.reason
    (where, where_verdict), = _find(claims, "held_in", meeting, object=place)
    assert where_verdict.kind is SUPPORTED, where_verdict.reason
    _assert_span(text, held, *words)
    assert where.span == held.span
    # the delegations took part in each of them
    (_, took_part), = _find(claims, "participated_in", "KZ", object=meeting)
    assert took_part.kind in (SUPPORTED, VerdictKind.NEW)


def test_seed_cfm_chair_handed_to_djibouti_at_the_39th_session(seeds_read):
    text, claims = seeds_read["000_"]
    (claim, verdict), = _find(claims, "chaired_by", "OIC/cfm", object="DJ", meeting="OIC/cfm/39")
    # "15-16 қарашадағы" has no year: the handover stays without a date
    assert (claim.fact.start, claim.fact.end) == (None, None)
    assert verdict.kind is SUPPORTED, verdict.reason
    _assert_span(text, claim, "39-сессияда", "Джубиттиге берді")
    assert not any(c.fact.predicate == "meeting_of" and c.fact.subject == "OIC/cfm/39" for c, _ in claims)


@pytest.mark.parametrize("state", ["RU", "BA", "TH"])
def test_seed_observers(seeds_read, state):
    text, claims = seeds_read["004_"]
    (claim, verdict), = _find(claims, "member_of", state, object="OIC", status="observer")
    assert claim.fact.start is None
    assert verdict.kind is SUPPORTED, verdict.reason
    _assert_span(text, claim, "бақылаушы")


# -- one table of cases per rule -----------------------------------------------------------------
# Each case: a text, its language, the claims it must give (predicate, subject, object or value, start,
# end, and qualifiers the claim must carry) and the rule name; `absent` lists claims it must not give.


def C(predicate, subject, what, start=None, end=None, rule=None, **qualifiers):  # noqa: N802
    return {"predicate": predicate, "subject": subject, "what": what, "start": _d(start), "end": _d(end),
            "rule": rule, "qualifiers": qualifiers}


def _matches(claim, want) -> bool:
    fact = claim.fact
    return (fact.predicate, fact.subject) == (want["predicate"], want["subject"]) \
        and want["what"] in (fact.object, fact.value) \
        and (fact.start, fact.end) == (want["start"], want["end"]) \
        and all(fact.qualifier(k) == v for k, v in want["qualifiers"].items()) \
        and (want["rule"] is None or claim.rule == want["rule"])


def _loose(claim, want) -> bool:
    """The same fact, its dates compared only where `want` gives one: without dates, to say a fact
    must not be claimed at all."""
    fact = claim.fact
    dated = want["start"] is not None or want["end"] is not None
    return (fact.predicate, fact.subject) == (want["predicate"], want["subject"]) \
        and want["what"] in (fact.object, fact.value) \
        and (not dated or (fact.start, fact.end) == (want["start"], want["end"])) \
        and all(fact.qualifier(k) == v for k, v in want["qualifiers"].items())


def _check_case(kb, lang, text, expected, absent=()):
    claims = extract(text, kb, lang=lang).claims
    shown = "\n".join(f"  {c.rule} {c.fact.subject} {c.fact.predicate} {c.fact.object or c.fact.value} "
                      f"{c.fact.start} {c.fact.end} {dict(c.fact.qualifiers)}" for c in claims)
    for want in expected:
        assert any(_matches(c, want) for c in claims), f"missing {want} in:\n{shown}"
    for unwanted in absent:
        assert not any(_loose(c, unwanted) for c in claims), f"unwanted {unwanted} in:\n{shown}"
    for claim in claims:
        assert text[claim.span.start:claim.span.end] == claim.span.text


MEMBERSHIP = [
    ("kk", "Қырғызстан мен Тәжікстан 1992 жылы Ислам конференциясы ұйымына мүше болды.",
     [C("member_of", "KG", "OIC", "1992", rule="kk.member_of.v2", status="member"),
      C("member_of", "TJ", "OIC", "1992", status="member")], []),
    ("kk", "1992 жылы Ислам конференциясы ұйымына Әзірбайжан мен Түрікменстан да қосылды.",
     [C("member_of", "AZ", "OIC", "1992", status="member"), C("member_of", "TM", "OIC", "1992", status="member")], []),
    ("kk", "Қазақстан Ислам ынтымақтастығы ұйымы туралы баяндамадағы пікірге қосылды.",
     [], [C("member_of", "KZ", "OIC")]),
    ("ru", "Азербайджан и Туркмения были приняты в ОИК в 1992 году.",
     [C("member_of", "AZ", "OIC", "1992", rule="ru.member_of.v2", status="member"),
      C("member_of", "TM", "OIC", "1992", status="member")], []),
    ("ru", "Гайана вступила в ОИС в 1998 году, Суринам — в 1996 году.",
     [C("member_of", "GY", "OIC", "1998", status="member"), C("member_of", "SR", "OIC", "1996", status="member")], []),
    ("ru", "Казахстан присоединился к Договору о нераспространении ядерного оружия.", [], [C("member_of", "KZ", "OIC")]),
    ("en", "Guyana joined the OIC in 1998, Togo in 1997 and Mozambique in 1994.",
     [C("member_of", "GY", "OIC", "1998", rule="en.member_of.v2", status="member"),
      C("member_of", "TG", "OIC", "1997", status="member"), C("member_of", "MZ", "OIC", "1994", status="member")], []),
    ("en", "Mozambique, an observer of the OIC from May 1993, became a full member in 1994.",
     [C("member_of", "MZ", "OIC", "1994", status="member"), C("member_of", "MZ", "OIC", "1993-05", status="observer")],
     []),
    ("en", "Kazakhstan joined the talks on regional water use with its neighbours.", [], [C("member_of", "KZ", "OIC")]),
]

OBSERVERS = [
    ("kk", "Ресей мен Таиланд Ислам ынтымақтастығы ұйымында бақылаушы мәртебесіне ие.",
     [C("member_of", "RU", "OIC", rule="kk.observer.v2", status="observer"),
      C("member_of", "TH", "OIC", status="observer")], []),
    ("ru", "Статус наблюдателя при ОИС имеют Таиланд, Россия и Босния и Герцеговина.",
     [C("member_of", "TH", "OIC", rule="ru.observer.v2", status="observer"), C("member_of", "RU", "OIC", status="observer"),
      C("member_of", "BA", "OIC", status="observer")], []),
    ("en", "The OIC has three observer states: Thailand (1998), Russia (since 2005) and Bosnia and Herzegovina, "
           "an observer since 1994.",
     [C("member_of", "TH", "OIC", "1998", rule="en.observer.v2", status="observer"),
      C("member_of", "RU", "OIC", "2005", status="observer"), C("member_of", "BA", "OIC", "1994", status="observer")], []),
]

STATUS = [
    ("kk", "2012 жылғы тамызда Ислам ынтымақтастығы ұйымы Сирияның мүшелігін тоқтатты.",
     [C("member_of", "SY", "OIC", "2012-08", rule="kk.member_status.v1", status="suspended")], []),
    ("kk", "2025 жылғы 7 наурызда Сирияның ИЫҰ-дағы мүшелігі қалпына келтірілді.",
     [C("member_of", "SY", "OIC", "2025-03-07", status="member")], []),
    ("ru", "В августе 2012 года членство Сирии в ОИС было приостановлено.",
     [C("member_of", "SY", "OIC", "2012-08", rule="ru.member_status.v1", status="suspended")], []),
    ("ru", "Членство Сирии в ОИС восстановлено 7 марта 2025 года.",
     [C("member_of", "SY", "OIC", "2025-03-07", status="member")], []),
    ("en", "The OIC suspended Syria's membership in August 2012 and restored it on 7 March 2025.",
     [C("member_of", "SY", "OIC", "2012-08", rule="en.member_status.v1", status="suspended"),
      C("member_of", "SY", "OIC", "2025-03-07", status="member")], []),
]

COUNTS = [
    ("kk", "Қазір Ислам ынтымақтастығы ұйымына 57 мемлекет мүше.",
     [C("member_count", "OIC", "57", rule="kk.member_count.v2", status="member")], []),
    ("kk", "1996 жылы Ислам конференциясы ұйымына 54 мемлекет мүше болатын.",
     [C("member_count", "OIC", "54", "1996", status="member")], []),
    ("ru", "ОИС, созданная в 1969 году, сегодня объединяет 57 государств.",
     [C("member_count", "OIC", "57", rule="ru.member_count.v2", status="member"), C("founded", "OIC", None, "1969")], []),
    ("en", "In December 1996 the OIC counted 54 member states.",
     [C("member_count", "OIC", "54", "1996-12", rule="en.member_count.v2", status="member")], []),
    ("en", "Founded in 1969, the OIC now counts 57 member states and five observer states.",
     [C("member_count", "OIC", "57", status="member"), C("member_count", "OIC", "5", status="observer")], []),
]

FOUNDED = [
    ("kk", "Ислам ынтымақтастығы ұйымы 1969 жылғы 25 қыркүйекте Рабатта құрылды.",
     [C("founded", "OIC", None, "1969-09-25", rule="kk.founded.v3", place="rabat")], []),
    ("ru", "ОИС была основана 25 сентября 1969 года в Рабате.",
     [C("founded", "OIC", None, "1969-09-25", rule="ru.founded.v3", place="rabat")], []),
    ("en", "ICESCO, founded in 1979, is based in Rabat.",
     [C("founded", "ICESCO", None, "1979", rule="en.founded.v3"), C("headquartered_in", "ICESCO", "rabat")],
     [C("founded", "ICESCO", None, "1979", place="rabat")]),
]

NAMED = [
    ("kk", "2011 жылғы 28 маусымға дейін ұйым Ислам конференциясы ұйымы деп аталды.",
     [C("named", "OIC", "Ислам конференциясы ұйымы", None, "2011-06-28", rule="kk.named.v1", lang="kk")], []),
    ("ru", "До 28 июня 2011 года ОИС носила название «Организация Исламская конференция».",
     [C("named", "OIC", "Организация Исламская конференция", None, "2011-06-28", lang="ru")], []),
    ("en", "The OIC was called the Organisation of the Islamic Conference until 28 June 2011.",
     [C("named", "OIC", "Organisation of the Islamic Conference", None, "2011-06-28", rule="en.named.v1", lang="en")], []),
]

HEADQUARTERS = [
    ("kk", "Жидда – Ислам ынтымақтастығы ұйымының штаб-пәтері орналасқан қала.",
     [C("headquartered_in", "OIC", "jeddah", rule="kk.headquartered_in.v3")], []),
    ("ru", "Штаб-квартира ИСЕСКО находится в Рабате.",
     [C("headquartered_in", "ICESCO", "rabat", rule="ru.headquartered_in.v3")], []),
    ("en", "The Islamic Development Bank is based in Jeddah, ICESCO in Rabat and SESRIC in Ankara.",
     [C("headquartered_in", "IsDB", "jeddah", rule="en.headquartered_in.v3"),
      C("headquartered_in", "ICESCO", "rabat"), C("headquartered_in", "SESRIC", "ankara")], []),
]

TERMS = [
    ("kk", "2008 жылға дейін ИЫҰ Бас хатшысын төрт жылға сайлайтын.",
     [C("term_of_office", "OIC/secretary-general", "4", None, "2008", rule="kk.term_of_office.v1")], []),
    ("ru", "Генеральный секретарь ОИС избирается сроком на пять лет с правом однократного переизбрания.",
     [C("term_of_office", "OIC/secretary-general", "5", rule="ru.term_of_office.v1", renewable="once")], []),
    ("en", "The OIC Secretary General is elected for a term of five years, renewable once.",
     [C("term_of_office", "OIC/secretary-general", "5", rule="en.term_of_office.v1", renewable="once")], []),
]

MEETINGS = [
    ("kk", "2005 жылғы маусымда Санада өткен СІМК-нің 32-сессиясы бастаманы қолдады.",
     [C("meeting_of", "OIC/cfm/32", "OIC/cfm", "2005-06", rule="kk.meeting.v2"), C("held_in", "OIC/cfm/32", "sanaa")],
     []),
    # a session named by its ordinal alone: the body is the one the text spoke of
    ("kk", "ИЫҰ СІМК-нің 39-сессиясы Джибутиде ашылды. Министр Астанада өткен 38-сессиядан бергі жұмысқа тоқталды.",
     [C("held_in", "OIC/cfm/38", "astana"), C("held_in", "OIC/cfm/39", "djibouti-city")], []),
    ("ru", "39-я сессия СМИД открылась 15 ноября 2012 года в Джибути.",
     [C("meeting_of", "OIC/cfm/39", "OIC/cfm", "2012-11-15", rule="ru.meeting.v2"), C("held_in", "OIC/cfm/39", "djibouti-city")],
     [C("hosted_by", "OIC/cfm/39", "DJ")]),
    # a list after a dash standing for the verb
    ("ru", "44-я сессия СМИД прошла в Абиджане, а 45-я — 5–6 мая 2018 года в Дакке.",
     [C("held_in", "OIC/cfm/44", "abidjan"), C("held_in", "OIC/cfm/45", "dhaka"),
      C("meeting_of", "OIC/cfm/45", "OIC/cfm", "2018-05-05", "2018-05-06")], []),
    ("en", "Sessions of the Council of Foreign Ministers were held as follows: the 40th in Conakry (9-11 December 2013) "
           "and the 41st in Jeddah (18-19 June 2014).",
     [C("meeting_of", "OIC/cfm/40", "OIC/cfm", "2013-12-09", "2013-12-11", rule="en.meeting.v2"),
      C("held_in", "OIC/cfm/40", "conakry"), C("meeting_of", "OIC/cfm/41", "OIC/cfm", "2014-06-18", "2014-06-19"),
      C("held_in", "OIC/cfm/41", "jeddah")], []),
    # the date belongs to taking office, not to the session
    ("en", "Hissein Brahim Taha was elected at the 47th CFM in Niamey and took office on 17 November 2021.",
     [C("held_in", "OIC/cfm/47", "niamey")], [C("meeting_of", "OIC/cfm/47", "OIC/cfm")]),
    # a day of the month is no session
    ("en", "The 38th session of the CFM, which opened on the 28th, in Astana, adopted forty resolutions.",
     [C("held_in", "OIC/cfm/38", "astana")], [C("meeting_of", "OIC/cfm/28", "OIC/cfm"), C("held_in", "OIC/cfm/28", "astana")]),
    # the years of a chairmanship are no session's dates
    ("en", "Kazakhstan chaired the CFM from June 2011 until November 2012, when it passed the chair to Djibouti "
           "at the 39th session.", [], [C("meeting_of", "OIC/cfm/39", "OIC/cfm")]),
]

HOSTS = [
    ("kk", "ИЫҰ СІМК-нің 38-сессиясы Астанада ашылды. Сессияны Қазақстан қабылдап отыр.",
     [C("hosted_by", "OIC/cfm/38", "KZ", rule="kk.hosted_by.v2")], []),
    ("ru", "Принимающей стороной 38-й сессии СМИД выступил Казахстан.",
     [C("hosted_by", "OIC/cfm/38", "KZ", rule="ru.hosted_by.v2")], []),
    ("en", "Senegal, host of the 11th Islamic Summit in Dakar, also took part in it.",
     [C("hosted_by", "OIC/summit/11", "SN", rule="en.hosted_by.v2"), C("held_in", "OIC/summit/11", "dakar"),
      C("participated_in", "SN", "OIC/summit/11")], []),
    ("en", "As the host country, Kazakhstan took part in the 38th session of the CFM.",
     [C("hosted_by", "OIC/cfm/38", "KZ"), C("participated_in", "KZ", "OIC/cfm/38")], []),
]

CHAIRS = [
    ("kk", "Сыртқы істер министрлері кеңесіндегі төрағалық Малайзиядан Мароккоға өтті.",
     [C("chaired_by", "OIC/cfm", "MA", rule="kk.chaired_by.v2"), C("chaired_by", "OIC/cfm", "MY")], []),
    ("ru", "На 40-й сессии СМИД, открывшейся 9 декабря 2013 года в Конакри, Джибути передало председательство Гвинее.",
     [C("chaired_by", "OIC/cfm", "GN", rule="ru.chaired_by.v2", meeting="OIC/cfm/40"), C("chaired_by", "OIC/cfm", "DJ")],
     []),
    ("en", "Malaysia chaired the CFM from June 2000 until June 2001, when it handed the chair to Mali.",
     [C("chaired_by", "OIC/cfm", "MY", "2000-06", "2001-06", rule="en.chaired_by.v2"),
      C("chaired_by", "OIC/cfm", "ML", "2001-06")], [C("chaired_by", "OIC/cfm", "MY", None, "2001-06")]),
    ("en", "In November 2012 Kazakhstan handed the chairmanship of the CFM to Djibouti.",
     [C("chaired_by", "OIC/cfm", "DJ", "2012-11"), C("chaired_by", "OIC/cfm", "KZ", None, "2012-11")], []),
    ("en", "The chairmanship passed from Egypt to Turkey at the 13th Summit.",
     [C("chaired_by", "OIC/summit", "TR", meeting="OIC/summit/13"), C("chaired_by", "OIC/summit", "EG")], []),
    # the summit named by a common noun is the one named before
    ("ru", "15-й саммит ОИС прошёл в мае 2024 года в Банжуле. Председательство в саммите перешло от Саудовской "
           "Аравии к Гамбии.",
     [C("chaired_by", "OIC/summit", "GM", meeting="OIC/summit/15"), C("chaired_by", "OIC/summit", "SA")], []),
]

PARTICIPATION = [
    ("kk", "Қазақстан делегациясы 2016 жылы Ыстамбұлда өткен 13-саммитке қатысты.",
     [C("participated_in", "KZ", "OIC/summit/13", rule="kk.participated_in.v3")], []),
    ("ru", "В декабре 2013 года в Конакри прошла 40-я сессия СМИД. Делегацию Казахстана на сессии возглавлял министр.",
     [C("participated_in", "KZ", "OIC/cfm/40", rule="ru.participated_in.v3")], []),
    ("ru", "15-й саммит ОИС прошёл в мае 2024 года в Банжуле. В нём участвовала делегация Казахстана.",
     [C("participated_in", "KZ", "OIC/summit/15")], []),
    ("ru", "Казахстан-\nская делегация приняла участие в 45-й сессии СМИД.",
     [C("participated_in", "KZ", "OIC/cfm/45")], []),
    ("en", "The 43rd session of the CFM met in Tashkent, and the 44th in Abidjan, where a Kazakh delegation took part.",
     [C("participated_in", "KZ", "OIC/cfm/44", rule="en.participated_in.v3"), C("held_in", "OIC/cfm/44", "abidjan")],
     [C("participated_in", "KZ", "OIC/cfm/43")]),
]

ADOPTION = [
    ("kk", "Ыстамбұлда өткен 13-саммитте Іс-қимыл бағдарламасы қабылданды.",
     [C("adopted_at", "OIC/poa-2025", "OIC/summit/13", rule="kk.adopted_at.v2")], []),
    ("ru", "В марте 2008 года в Дакаре состоялся 11-й саммит ОИС; на нём был утверждён новый Устав организации.",
     [C("adopted_at", "OIC/charter-2008", "OIC/summit/11", rule="ru.adopted_at.v2")], []),
    ("en", "The Charter adopted at the 11th Islamic Summit in Dakar replaced the first one.",
     [C("adopted_at", "OIC/charter-2008", "OIC/summit/11", rule="en.adopted_at.v2")], []),
]

OFFICES = [
    ("kk", "2021 жылғы 17 қарашада Хиссейн Брахим Таха ИЫҰ Бас хатшысы лауазымына кірісті.",
     [C("holds_office", "hissein-brahim-taha", "OIC/secretary-general", "2021-11-17", rule="kk.holds_office.v2")], []),
    ("ru", "Генеральным секретарём ОИС был Ияд Мадани. С 2016 по 2021 год этот пост занимал Юсеф аль-Усаймин.",
     [C("holds_office", "iyad-madani", "OIC/secretary-general", rule="ru.holds_office.v2"),
      C("holds_office", "yousef-al-othaimeen", "OIC/secretary-general", "2016", "2021")], []),
    ("en", "Iyad Madani (2014-2016) and Yousef Al-Othaimeen (2016-2021) each served as OIC Secretary General.",
     [C("holds_office", "iyad-madani", "OIC/secretary-general", "2014", "2016", rule="en.holds_office.v2"),
      C("holds_office", "yousef-al-othaimeen", "OIC/secretary-general", "2016", "2021")], []),
    # an election is no first day in office
    ("en", "Yousef Al-Othaimeen was elected OIC Secretary General on 17 November 2016.",
     [C("holds_office", "yousef-al-othaimeen", "OIC/secretary-general")], []),
]

# a modal, a future or a negation takes the statement back
HEDGES = [
    ("kk", "Қазақстан делегациясы ИЫҰ СІМК-нің 40-сессиясына қатысуы мүмкін.", [],
     [C("participated_in", "KZ", "OIC/cfm/40")]),
    ("ru", "Членство Сирии в ОИС может быть восстановлено в 2025 году.", [], [C("member_of", "SY", "OIC")]),
    ("en", "Kazakhstan did not attend the 40th session of the CFM, and Syria may be readmitted to the OIC.",
     [],
     [C("participated_in", "KZ", "OIC/cfm/40"), C("member_of", "SY", "OIC")]),
]

RULE_CASES = {"membership": MEMBERSHIP, "observers": OBSERVERS, "status": STATUS, "counts": COUNTS,
              "founded": FOUNDED, "named": NAMED, "headquarters": HEADQUARTERS, "terms": TERMS,
              "meetings": MEETINGS, "hosts": HOSTS, "chairs": CHAIRS, "participation": PARTICIPATION,
              "adoption": ADOPTION, "offices": OFFICES, "hedges": HEDGES}


@pytest.mark.parametrize("lang, text, expected, absent", [
    pytest.param(*case, id=f"{name}-{i}-{case[0]}") for name, cases in RULE_CASES.items() for i, case in enumerate(cases)])
def test_rule_cases(shipped_kb, lang, text, expected, absent):
    _check_case(shipped_kb, lang, text, expected, absent)


def test_every_rule_has_a_case_in_every_language():
    langs = {name: {case[0] for case in cases} for name, cases in RULE_CASES.items()}
    assert all(found == {"kk", "ru", "en"} for found in langs.values()), langs


PROSE = [
    ("kk", "Бүгін Алматыда күн ашық болды. Студенттер кітапханада дәріс оқып, ұстаздың пікіріне қосылды. "
           "Кеште қала саябағында концерт өтті."),
    ("ru", "Вчера в Алматы прошёл концерт. Студенты обсудили новую книгу и участвовали в семинаре по поэзии; "
           "декан принял участие в обсуждении."),
    ("en", "The weather in Almaty was clear today. Students attended a seminar on poetry, and the speaker joined "
           "the discussion after the session."),
]


@pytest.mark.parametrize("lang, text", PROSE, ids=[p[0] for p in PROSE])
def test_prose_without_facts_gives_no_claims(shipped_kb, lang, text):
    assert extract(text, shipped_kb, lang=lang).claims == []


# -- the time a claim speaks of ------------------------------------------------------------------


def test_now_means_the_documents_time_when_it_is_later(shipped_kb):
    text = "The OIC, founded in 1969, now counts 57 member states."
    (claim,) = [c for c in extract(text, shipped_kb, lang="en", doc_time=Date(2011, 6, 28)).claims
                if c.fact.predicate == "member_count"]
    assert claim.fact.start is None
    assert claim.at == Date(2011, 6, 28)


def test_an_unrelated_date_elsewhere_never_dates_a_claim(shipped_kb):
    text = ("The 38th session of the CFM was held in Astana on 28-30 June 2011. "
            "The OIC counts 57 member states. In 1975 the OIC counted 40 member states. The OIC counts 50 member states.")
    processed = process_text(text, shipped_kb, lang="en")
    counts = {c.fact.value: (c, v) for c, v in processed.claims if c.fact.predicate == "member_count"}
    assert all(c.at is None for c, _ in counts.values())
    assert counts["57"][1].kind is SUPPORTED and "today" in counts["57"][1].reason
    assert counts["40"][0].fact.start == Date(1975) and counts["40"][1].kind is VerdictKind.CONTRADICTED
    # undated, and not today's count: another time's, perhaps; never "contradicted"
    assert counts["50"][1].kind is VerdictKind.UNVERIFIABLE, counts["50"][1].reason


def test_now_with_only_earlier_dates_is_an_unknown_today(shipped_kb):
    processed = process_text("The OIC, founded in 1969, now counts 57 member states.", shipped_kb, lang="en")
    (claim, verdict), = [(c, v) for c, v in processed.claims if c.fact.predicate == "member_count"]
    assert claim.fact.start is None and claim.at is None
    assert verdict.kind is SUPPORTED, verdict.reason


def test_a_rule_before_a_date_is_judged_before_it(shipped_kb):
    text = ("2021 жылғы 17 қарашада Хиссейн Брахим Таха ИЫҰ Бас хатшысы лауазымына кірісті. "
            "2008 жылға дейін ИЫҰ Бас хатшысын төрт жылға сайлайтын.")
    processed = process_text(text, shipped_kb, lang="kk")
    (claim, verdict), = [(c, v) for c, v in processed.claims if c.fact.predicate == "term_of_office"]
    assert claim.fact.end == Date(2008)
    assert verdict.kind is SUPPORTED, verdict.reason
    assert "before 2008" in verdict.reason


def test_disabling_a_rule_by_name(shipped_kb):
    text = "Guyana joined the OIC in 1998."
    assert any(c.rule == "en.member_of.v2" for c in extract(text, shipped_kb, lang="en").claims)
    assert not any(c.rule == "en.member_of.v2"
                   for c in extract(text, shipped_kb, lang="en", disable=("member_of.v2",)).claims)


# -- the trigger tables: fast paths that must not change a match --------------------------------


def _low(text: str) -> str:
    from yntymaq.extract.document import _same_length_fold

    return _same_length_fold(text)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_triggers_found_over_the_whole_text_are_those_of_each_sentence(seed_texts, lang):
    from yntymaq.extract.claims import find_triggers_in, triggers
    from yntymaq.text.pipeline import analyse

    cases = [text for name, cases in RULE_CASES.items() for case_lang, text, *_ in cases if case_lang == lang]
    text = "\n\n".join(list(seed_texts.values()) + cases)
    sentences = analyse(text, language=lang, disable=("stems",)).sentences
    low = _low(text)
    spans = [(s.start, s.end, lang) for s in sentences]
    found = find_triggers_in(low, spans)
    assert any(found)
    for (start, end, _), got in zip(spans, found):
        one_by_one = {name: [(start + m.start(), start + m.end()) for m in pattern.finditer(low[start:end])]
                      for name, pattern in triggers(lang).items()}
        assert {k: [(f.start, f.end) for f in v] for k, v in got.items()} == {k: v for k, v in one_by_one.items() if v}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_word_moved_before_its_boundary_matches_the_same(seed_texts, lang):
    import re

    from yntymaq.extract.claims import _literal_first, _patterns

    low = _low("\n".join(seed_texts.values()) + " the joined session, бүгінде сегодня ныне based in Rabat")
    rewritten = 0
    for _, pattern in _patterns(lang, "triggers", "trigger"):
        fast = _literal_first(pattern.pattern)
        rewritten += fast != pattern.pattern
        assert [m.span() for m in pattern.finditer(low)] == [m.span() for m in re.finditer(fast, low)], pattern.pattern
    assert rewritten


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_match_of_a_trigger_holds_one_of_its_words(seed_texts, lang):
    from yntymaq.extract.claims import _patterns, _required_words, _trigger_words

    cases = [text for name, cases in RULE_CASES.items() for case_lang, text, *_ in cases if case_lang == lang]
    low = _low("\n\n".join(list(seed_texts.values()) + cases))
    checked = 0
    for name, pattern in _patterns(lang, "triggers", "trigger"):
        words = _required_words(pattern.pattern)
        if words is None:
            assert name not in _trigger_words(lang)
            continue
        assert words <= _trigger_words(lang).get(name, words)
        for m in pattern.finditer(low):
            assert any(word in m.group(0) for word in words), (pattern.pattern, m.group(0), sorted(words))
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("pattern, words", [
    (r"\d+\s+мүше\s+(?:мемлекет|ел)", {"мүше"}),
    (r"\b(?:өткен|өтетін|болған)\b", {"өткен", "өтетін", "болған"}),
    (r"(?:құрамына|қатарына)\s+\w+", {"құрамына", "қатарына"}),
    (r"мүше(?:сі)?\s+атан\w*", {"мүше"}),
    (r"(?:в|на)\s+н[её]м\b", None),  # no word of two letters every match holds
])
def test_the_words_a_trigger_needs_are_read_from_its_pattern(pattern, words):
    from yntymaq.extract.claims import _required_words

    assert _required_words(pattern) == (frozenset(words) if words else None)


def test_which_sentences_may_hold_dates_is_the_plain_rule():
    """A digit, or a Roman numeral of up to six letters standing as a word, however it is written."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from yntymaq.extract.document import MAY_HOLD_DATES

    plain = re.compile(r"\d|\b[IVXLХІ]{1,6}\b")

    @given(st.text(alphabet="IVXLХІiхa1б -.", max_size=30))
    @settings(max_examples=500, deadline=None)
    def same(text):
        assert bool(MAY_HOLD_DATES.search(text)) == bool(plain.search(text)), text

    same()
    assert MAY_HOLD_DATES.search("ХХ ғасыр") and not MAY_HOLD_DATES.search("ХХІІІІІІ ғасыр Іс")


def test_rules_are_spared_only_sentences_they_state_nothing_of(seed_texts, shipped_kb, monkeypatch):
    """A rule declared to need some triggers or kinds of mention finds the same claims when it is given
    every sentence, with its dates read."""
    from pathlib import Path

    from yntymaq.extract import claims as claims_module
    from yntymaq.extract import document as document_module

    bench = Path(__file__).resolve().parent.parent / "bench"
    texts = list(seed_texts.values()) + [p.read_text(encoding="utf-8").replace("‖", "")
                                         for p in sorted(bench.glob("labelled/*.txt")) + sorted(bench.glob("eval/*/*.txt"))]
    assert len(claims_module.RULE_NEEDS) >= 13

    def claims_of(text):
        return [(c.rule, c.fact, c.span.start, c.span.end) for c in extract(text, shipped_kb).claims]

    gated = [claims_of(text) for text in texts]
    monkeypatch.setattr(document_module, "RULE_NEEDS", {})
    assert [claims_of(text) for text in texts] == gated
    assert sum(map(len, gated)) > 200


def test_the_rule_index_chooses_the_rules_may_run_allows_in_their_order():
    """The extraction loop looks rules up by trigger and kind; it must give what asking each rule gives."""
    import itertools

    from yntymaq.extract.claims import PREDICATE_TRIGGERS, RULE_NEEDS, RULES, may_run
    from yntymaq.extract.document import _RuleIndex

    rules = [(name, fn, RULE_NEEDS.get(name)) for name, fn in RULES]
    rules.insert(3, ("no needs declared", lambda sentence: [], None))
    index = _RuleIndex(rules)
    names = list(PREDICATE_TRIGGERS) + ["present", "org_word", "no such trigger"]
    kinds = [kind.value for kind in EntityType] + ["ordinal"]
    chosen_sets = set()
    for triggers in itertools.chain([()], ((n,) for n in names), itertools.combinations(names[:8], 2)):
        for mention_kinds in itertools.chain([set()], ({k} for k in kinds), [set(kinds[:3])]):
            expected = [fn for _, fn, needs in rules if may_run(needs, dict.fromkeys(triggers), mention_kinds)]
            assert index.rules_for(dict.fromkeys(triggers), mention_kinds) == expected, (triggers, mention_kinds)
            chosen_sets.add(len(expected))
    assert len(chosen_sets) > 3  # the combinations chose rules of several sizes, not always all or one


@pytest.mark.parametrize("dashes", [True, False])
def test_a_clause_runs_between_the_breaks_around_an_offset(dashes):
    import re

    from yntymaq.extract.claims import Sentence

    text = "Ұйым құрылды; штаб-пәтері – Жидда: 57 мүше - және бақылаушылар"
    sent = Sentence("d", 0, 100, 100 + len(text), text, text.lower(), "kk", [], [], [], None, None, None)
    breaks = re.compile(r"[;:]|\s[–—-]\s" if dashes else r"[;:]")
    for at in range(100, 100 + len(text) + 1):
        lo, hi = 100, 100 + len(text)
        for m in breaks.finditer(text):
            if 100 + m.start() < at:
                lo = 100 + m.end()
            else:
                hi = 100 + m.start()
                break
        assert sent.clause_of(at, dashes=dashes) == (lo, hi), at
