"""What real texts do, read in sentences written for these tests: lists of participants, meetings named by
place and time, themed summits, other bodies, the time of a claim and verdicts that can be trusted."""

from __future__ import annotations

import pytest

from yntymaq.ingest import process_text
from yntymaq.vocab import Date, VerdictKind

SUPPORTED, CONTRADICTED, UNVERIFIABLE = VerdictKind.SUPPORTED, VerdictKind.CONTRADICTED, VerdictKind.UNVERIFIABLE


def claims_of(kb, text: str, lang: str, **options):
    return [(c, v) for c, v in process_text(text, kb, lang=lang, **options).claims]


def keys(found, predicate: str) -> set[tuple]:
    return {(c.fact.subject, c.fact.object or c.fact.value) for c, _ in found if c.fact.predicate == predicate}


# -- participation: every state of a list, the meeting named last -------------------------------------

LISTS = [
    ("en", "The 12th Islamic Summit opened in Cairo. The summit was attended by heads of state from Iran, "
           "Indonesia, the Republic of Senegal and Turkey.", "OIC/summit/12", {"IR", "ID", "SN", "TR"}),
    ("ru", "В Каире открылся 12-й саммит ОИС. В саммите участвуют президенты Ирана, Индонезии, Республики "
           "Сенегал и Турции.", "OIC/summit/12", {"IR", "ID", "SN", "TR"}),
    ("kk", "Каирде ИЫҰ-ның 12-саммиті ашылды. Саммитке Иран, Индонезия және Түркия басшылары қатысты.",
     "OIC/summit/12", {"IR", "ID", "TR"}),
]


@pytest.mark.parametrize("lang, text, meeting, states", LISTS, ids=[c[0] for c in LISTS])
def test_every_state_of_a_list_takes_part_in_the_meeting_named_before(shipped_kb, lang, text, meeting, states):
    found = keys(claims_of(shipped_kb, text, lang), "participated_in")
    assert {(s, meeting) for s in states} <= found, found
    assert not {s for s, _ in found} - states  # no state outside the list


def test_a_state_after_its_city_says_where_not_who(shipped_kb):
    text = "The 1st Islamic Summit was held in Rabat, Morocco, and was attended by the King of Jordan."
    found = keys(claims_of(shipped_kb, text, "en"), "participated_in")
    assert ("MA", "OIC/summit/1") not in found


# -- meetings named by place and time, themed summits --------------------------------------------------

PLACED = [
    ("en", "Iran spoke at the OIC summit in Istanbul in April 2016.", "OIC/summit/13"),
    ("en", "The last CFM held in Niamey in 2020 elected the Secretary General.", "OIC/cfm/47"),
    ("ru", "В 2011 году в Астане прошла сессия СМИД ОИС.", "OIC/cfm/38"),
]


@pytest.mark.parametrize("lang, text, meeting", PLACED, ids=[c[2] for c in PLACED])
def test_a_meeting_named_by_place_and_time_is_the_one_that_fits(shipped_kb, lang, text, meeting):
    found = claims_of(shipped_kb, text, lang)
    assert meeting in {c.fact.subject for c, _ in found} | {c.fact.object for c, _ in found}, found


def test_a_place_without_a_time_that_fits_several_meetings_names_none(shipped_kb):
    # Mecca hosted several summits: without a year the summit is none of them in particular
    found = claims_of(shipped_kb, "Iran took part in the OIC summit in Mecca.", "en")
    assert not keys(found, "participated_in")


@pytest.mark.parametrize("lang, text", [
    ("en", "The 1st OIC Summit on Science and Technology was held in Astana on 10-11 September 2017."),
    ("ru", "В Астане открылся первый саммит по науке и технологиям Организации исламского сотрудничества."),
    ("kk", "Астанада Ислам ынтымақтастығы ұйымының ғылым және технологиялар жөніндегі бірінші саммиті өтті."),
])
def test_a_summit_on_science_is_not_the_first_islamic_summit(shipped_kb, lang, text):
    found = claims_of(shipped_kb, text, lang)
    subjects = {c.fact.subject for c, _ in found}
    assert "OIC/summit/1" not in subjects
    assert all(v.kind is not CONTRADICTED for _, v in found), [(c.fact, v.reason) for c, v in found]


# -- the right body ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("ru", "Штаб-квартира института ОИС по продовольственной безопасности будет в Астане."),
    ("en", "The headquarters of the OIC institute for food security will be in Astana."),
    ("kk", "ИЫҰ-ның азық-түлік қауіпсіздігі жөніндегі ұйымының штаб-пәтері Астанада орналасады."),
])
def test_the_seat_of_an_institute_is_not_the_oics(shipped_kb, lang, text):
    found = claims_of(shipped_kb, text, lang)
    assert ("OIC", "astana") not in keys(found, "headquartered_in"), found


def test_the_body_that_founded_is_not_the_one_founded(shipped_kb):
    found = claims_of(shipped_kb, "ИСЕСКО — организация, учрежденная Организацией Исламская конференция в мае 1979 года.", "ru")
    subjects = {c.fact.subject for c, _ in found if c.fact.predicate == "founded"}
    assert "OIC" not in subjects and subjects <= {"ICESCO"}


# -- the time of a claim, and verdicts ----------------------------------------------------------------

def test_a_count_without_a_time_is_never_contradicted(shipped_kb):
    found = claims_of(shipped_kb, "ИЫҰ-ға 56 мемлекет мүше.", "kk")
    verdicts = [v for c, v in found if c.fact.predicate == "member_count"]
    assert verdicts and all(v.kind is UNVERIFIABLE for v in verdicts), [v.reason for v in verdicts]


def test_a_count_with_the_documents_time_is_judged_then(shipped_kb):
    text = "Сегодня в ОИС 57 государств-членов."
    (verdict,) = [v for c, v in claims_of(shipped_kb, text, "ru", doc_time=Date(1980)) if c.fact.predicate == "member_count"]
    assert verdict.kind is CONTRADICTED and "1980" in verdict.reason
    (verdict,) = [v for c, v in claims_of(shipped_kb, text, "ru") if c.fact.predicate == "member_count"]
    assert verdict.kind is SUPPORTED and "today" in verdict.reason


def test_an_office_held_at_another_time_than_stated_is_contradicted(shipped_kb):
    found = claims_of(shipped_kb, "In 2010 the Secretary General of the OIC was Hamid Algabid.", "en")
    verdicts = [v for c, v in found if c.fact.predicate == "holds_office"]
    assert verdicts and all(v.kind is CONTRADICTED for v in verdicts), [v.reason for v in verdicts]


def test_an_undated_status_is_supported_over_its_whole_record_and_says_so(shipped_kb):
    found = claims_of(shipped_kb, "Syria's membership of the OIC was suspended.", "en")
    verdicts = [v for c, v in found if c.fact.predicate == "member_of"]
    assert verdicts and all(v.kind is SUPPORTED and "no time" in v.reason for v in verdicts)


# -- Kazakh in Latin and Arabic script: read through Cyrillic, cited in the original letters ---------------

OTHER_SCRIPTS = [
    ("arabic", "يسلام ىنتىماقتاستىعى ۇيىمى 57 مەملەكەتتى بىرىكتىرەدى. قازاقستان ۇيىمعا 1995 جىلى مۇشە بولدى."),
    ("latin", "Islam yntymaqtastyǵy uıymy 57 memleketti biriktiredi. "
              "Qazaqstan 1995 jyly Islam Konferensııasy Uıymyna múshe boldy."),
]


@pytest.mark.parametrize("script, text", OTHER_SCRIPTS, ids=[c[0] for c in OTHER_SCRIPTS])
def test_kazakh_in_other_scripts_gives_claims_at_original_offsets(shipped_kb, script, text):
    found = claims_of(shipped_kb, text, None)
    by_predicate = {c.fact.predicate: (c, v) for c, v in found}
    assert set(by_predicate) == {"member_count", "member_of"}, found
    count, joined = by_predicate["member_count"], by_predicate["member_of"]
    assert count[0].fact.value == "57" and joined[0].fact.subject == "KZ" and str(joined[0].fact.start) == "1995"
    for claim, verdict in (count, joined):
        assert verdict.kind is SUPPORTED
        # the citation is the original sentence, letter for letter
        assert claim.span.text == text[claim.span.start:claim.span.end]
        assert claim.span.text.startswith(("يسلام", "قازاقستان", "Islam", "Qazaqstan"))


# -- counts: how texts give the number of members ------------------------------------------------------

COUNTS = [
    ("en", "The OIC unites 57 countries on four continents.", "57", None),
    ("en", "The OIC brings together over 55 states.", "55", "more_than"),
    ("ru", "ОИС объединяет более 50 государств.", "50", "more_than"),
    ("ru", "В состав ОИС входят 57 государств.", "57", None),
    ("kk", "ИЫҰ 57 мемлекеттен тұрады.", "57", None),
    ("kk", "ИЫҰ 50-ден астам мемлекетті біріктіреді.", "50", "more_than"),
]


@pytest.mark.parametrize("lang, text, value, qualifier", COUNTS, ids=[c[1][:30] for c in COUNTS])
def test_a_count_of_members_as_texts_give_it(shipped_kb, lang, text, value, qualifier):
    counts = [c for c, _ in claims_of(shipped_kb, text, lang) if c.fact.predicate == "member_count"]
    assert [(c.fact.value, c.fact.qualifier("qualifier")) for c in counts] == [(value, qualifier)]


OTHER_COUNTS = [
    ("en", "The OIC minister praised CICA, a dialogue platform uniting 27 countries."),
    ("kk", "ИЫҰ министрлері бүгінде құрамына 32 ел кіретін азық-түлік қауіпсіздігі қорының жұмысын талқылады."),
    ("ru", "Министры ОИС обсудили работу фонда, объединяющего 30 государств."),
]


@pytest.mark.parametrize("lang, text", OTHER_COUNTS, ids=[c[0] for c in OTHER_COUNTS])
def test_a_count_of_another_bodys_states_is_not_the_organisations(shipped_kb, lang, text):
    assert not [c for c, _ in claims_of(shipped_kb, text, lang) if c.fact.predicate == "member_count"]


def test_a_lower_bound_is_supported_when_the_count_exceeds_it(shipped_kb):
    (claim, verdict), = [(c, v) for c, v in claims_of(shipped_kb, "The OIC unites over 50 states.", "en")
                         if c.fact.predicate == "member_count"]
    assert verdict.kind is SUPPORTED


# -- chairs: named by a noun, handed over, of the OIC and not of another body ----------------------------

CHAIRS = [
    ("en", "Kazakhstan's chairmanship of the OIC Council of Foreign Ministers ended in 2012.", ("OIC/cfm", "KZ")),
    ("en", "The session was held under the chairmanship of Uzbekistan at the 43rd CFM.", ("OIC/cfm", "UZ")),
    ("ru", "Председательство Казахстана в Совете министров иностранных дел ОИС продлилось год.", ("OIC/cfm", "KZ")),
    ("ru", "Заседание СМИД ОИС прошло под председательством Пакистана.", ("OIC/cfm", "PK")),
    ("kk", "Қазақстанның ИЫҰ сыртқы істер министрлері кеңесіндегі төрағалығы бір жылға созылды.", ("OIC/cfm", "KZ")),
]


@pytest.mark.parametrize("lang, text, chair", CHAIRS, ids=[c[1][:30] for c in CHAIRS])
def test_a_chairmanship_named_by_a_noun(shipped_kb, lang, text, chair):
    assert chair in keys(claims_of(shipped_kb, text, lang), "chaired_by")


def test_a_handover_from_one_state_to_another(shipped_kb):
    text = "Заседание началось с церемонии передачи председательства в СМИД ОИС от Кот-д’Ивуар к Бангладеш."
    found = keys(claims_of(shipped_kb, text, "ru"), "chaired_by")
    assert ("OIC/cfm", "BD") in found and ("OIC/cfm", "CI") in found


OTHER_CHAIRS = [
    ("en", "The OIC envoy recalled Kazakhstan's chairmanship of the OSCE in 2010."),
    ("ru", "Министр ОИС вспомнил председательство Казахстана в ОБСЕ в 2010 году."),
]


@pytest.mark.parametrize("lang, text", OTHER_CHAIRS, ids=[c[0] for c in OTHER_CHAIRS])
def test_a_chairmanship_of_another_body_is_no_claim(shipped_kb, lang, text):
    assert not keys(claims_of(shipped_kb, text, lang), "chaired_by")


def test_a_chair_at_the_texts_date_only_is_never_contradicted(shipped_kb):
    # written in March 2011, of the chairmanship to come in June: the text's date is not the claim's time
    text = "Kazakhstan will be chairing the OIC Council of Foreign Ministers."
    (claim, verdict), = [(c, v) for c, v in claims_of(shipped_kb, text, "en", doc_time=Date.parse("2011-03-15"))
                         if c.fact.predicate == "chaired_by"]
    assert verdict.kind is UNVERIFIABLE and "2011-03-15" in verdict.reason


# -- infobox fields turned into text; the summit a summit's noun points back to -------------------------

def test_the_fields_of_an_infobox_are_statements_of_their_own(shipped_kb):
    text = ("|leader_title1 = Secretary-General |leader_name1 = Ekmeleddin İhsanoğlu |established_event1 = "
            "|established_date1 = September 25 1969 |admin_center_type = Headquarters |admin_center = Jeddah")
    found = claims_of(shipped_kb, text, "en")
    office = [(c, v) for c, v in found if c.fact.predicate == "holds_office"]
    # the date of another field is not the time the Secretary General is named at
    assert office and all(c.at is None and v.kind is SUPPORTED for c, v in office)
    # a field that labels the next one is read with it
    assert ("OIC", "jeddah") in keys(found, "headquartered_in")


def test_a_summits_noun_points_back_to_the_summit_not_to_a_session_named_after_it(shipped_kb):
    text = ("The 12th Islamic Summit opened in Cairo. Kazakhstan will host the 38th CFM in Astana. "
            "The two-day summit was attended by heads of state from Iran and Turkey.")
    found = keys(claims_of(shipped_kb, text, "en"), "participated_in")
    assert {("IR", "OIC/summit/12"), ("TR", "OIC/summit/12")} <= found
    assert not {m for _, m in found} & {"OIC/cfm/38"}


# -- what is not the statement's: a state beside the subject, a city naming a document, a future seat -----

def test_a_state_along_with_the_subject_is_not_the_host(shipped_kb):
    text = "Pakistan along with Saudi Arabia hosted the second OIC summit in Lahore in February 1974."
    assert keys(claims_of(shipped_kb, text, "en"), "hosted_by") == {("OIC/summit/2", "PK")}


def test_a_city_that_names_a_document_is_not_where_the_meeting_was(shipped_kb):
    text = ("Pakistan will host the 48th session of the OIC Council of Foreign Ministers on March 22-23, which "
            "coincides with the anniversary of the Lahore Resolution.")
    assert not keys(claims_of(shipped_kb, text, "en"), "held_in")


@pytest.mark.parametrize("lang, text", [
    ("ru", "Штаб-квартира будет в Астане, сказал он на заседании в рамках ОИС."),
    ("en", "The headquarters will be in Astana, he told the OIC meeting."),
])
def test_a_seat_to_come_is_no_claim_of_the_seat(shipped_kb, lang, text):
    assert not keys(claims_of(shipped_kb, text, lang), "headquartered_in")


def test_a_count_before_a_future_verb_is_still_a_count(shipped_kb):
    text = "During the meeting in Jeddah, representatives of the 57 member states will discuss the OIC's reports."
    assert ("OIC", "57") in keys(claims_of(shipped_kb, text, "en"), "member_count")


def test_the_chair_of_a_session_is_judged_at_that_session(shipped_kb):
    text = "Nigeria's minister, who chaired the 47th session of the OIC CFM, spoke first."
    (claim, verdict), = [(c, v) for c, v in claims_of(shipped_kb, text, "en") if c.fact.predicate == "chaired_by"]
    assert claim.fact.qualifier("meeting") == "OIC/cfm/47" and verdict.kind is CONTRADICTED  # Niger chaired it


def test_the_summit_with_a_capital_is_the_texts_own_summit(shipped_kb):
    text = ("The 1st OIC Summit on Science and Technology was held in Astana in September 2017. It was proposed "
            "at the 13th Islamic Summit in Istanbul. The Summit was attended by the heads of state of Iran and Turkey.")
    found = keys(claims_of(shipped_kb, text, "en"), "participated_in")
    assert {("IR", "OIC/st-summit/1"), ("TR", "OIC/st-summit/1")} <= found
    assert ("IR", "OIC/summit/13") not in found


def test_the_head_of_state_in_a_kazakh_text_is_kazakhstans_and_the_meeting_was_held(shipped_kb):
    found = claims_of(shipped_kb, "Мемлекет басшысы Ислам ынтымақтастығы ұйымының XIII саммитіне қатысты.", "kk")
    assert ("KZ", "OIC/summit/13") in keys(found, "participated_in")
    assert ("OIC/summit/13", "OIC/summit") in keys(found, "meeting_of")
    # another state's head of state is that state's
    other = claims_of(shipped_kb, "Түркияның мемлекет басшысы ИЫҰ-ның XIII саммитіне қатысты.", "kk")
    assert ("KZ", "OIC/summit/13") not in keys(other, "participated_in")


# -- statuses as texts state them ------------------------------------------------------------------------

STATUSES = [
    ("ru", "Россия с 2005 года имеет в этой организации статус наблюдателя при ОИС.", ("RU", "observer", "2005")),
    ("ru", "Россия примкнула к Организации исламского сотрудничества в качестве страны-наблюдателя.",
     ("RU", "observer", "None")),
    ("en", "Azerbaijan, elected as a full member of the OIC on December 8, 1991, hosted a session.",
     ("AZ", "member", "1991-12-08")),
    ("en", "Pakistan along with Saudi Arabia has been a key founding member of the OIC.", ("SA", "member", "None")),
    ("en", "Pakistan along with Saudi Arabia has been a key founding member of the OIC.", ("PK", "member", "None")),
    ("en", "1979 - Egypt suspended from OIC after signing a peace agreement.", ("EG", "suspended", "1979")),
    ("en", "A timeline of the OIC.\n\n1984 - Egypt readmitted.", ("EG", "member", "1984")),
]


@pytest.mark.parametrize("lang, text, status", STATUSES, ids=[f"{c[0]}-{c[2][0]}-{c[2][1]}" for c in STATUSES])
def test_a_status_as_texts_state_it(shipped_kb, lang, text, status):
    found = {(c.fact.subject, c.fact.qualifier("status"), str(c.fact.start)): v for c, v in claims_of(shipped_kb, text, lang)
             if c.fact.predicate == "member_of"}
    assert status in found and found[status].kind is SUPPORTED, found


def test_a_verb_that_does_not_say_membership_is_no_suspension(shipped_kb):
    assert not keys(claims_of(shipped_kb, "Syria suspended talks with the OIC in 2012.", "en"), "member_of")


def test_the_document_of_its_time(shipped_kb):
    found = claims_of(shipped_kb, "1972 - OIC Charter adopted at foreign ministers meeting in Jeddah.", "en")
    adopted = [(c, v) for c, v in found if c.fact.predicate == "adopted_at"]
    assert [(c.fact.subject, v.kind) for c, v in adopted] == [("OIC/charter-1972", SUPPORTED)]


def test_a_forerunner_founded_is_not_the_body_it_became(shipped_kb):
    text = ("1974 - the nucleus of what was to become the Islamic Commission for Economic, Cultural and Social "
            "Affairs, set up at OIC summit in Lahore.")
    assert "ICECS" not in {s for s, _ in keys(claims_of(shipped_kb, text, "en"), "founded")}


@pytest.mark.parametrize("lang, text, states", [
    ("en", "The OIC praised Turkey, Qatar, Malaysia and other member states.", {"TR", "QA", "MY"}),
    ("ru", "Турция, Катар и другие государства-члены ОИС поддержали решение.", {"TR", "QA"}),
    ("kk", "Қазақстанның Ислам ынтымақтастығы ұйымына мүшелігі", {"KZ"}),
    ("kk", "Qazaqstannyń Islam yntymaqtastyǵy uıymyna múshelіgі", {"KZ"}),
])
def test_members_named_without_a_verb(shipped_kb, lang, text, states):
    found = [(c, v) for c, v in claims_of(shipped_kb, text, lang) if c.fact.predicate == "member_of"]
    assert {c.fact.subject for c, _ in found} == states and all(v.kind is SUPPORTED for _, v in found)


def test_a_suspended_membership_named_by_its_noun_is_no_plain_membership(shipped_kb):
    found = claims_of(shipped_kb, "Египеттің ИКҰ-ға мүшелігі 1979 жылы тоқтатылды.", "kk")
    assert [(c.fact.subject, c.fact.qualifier("status")) for c, _ in found if c.fact.predicate == "member_of"] == \
        [("EG", "suspended")]


@pytest.mark.parametrize("lang, text", [
    ("en", "It was renamed the OIC / Organization of Islamic Cooperation in 2011."),
    ("ru", "В Астане изменили название структуры, которая отныне называется Организация Исламского сотрудничества (ОИС)."),
])
def test_a_new_name_in_another_spelling_is_the_name_it_took(shipped_kb, lang, text):
    named = [(c, v) for c, v in claims_of(shipped_kb, text, lang) if c.fact.predicate == "named"]
    assert named and all(c.fact.subject == "OIC" and v.kind is SUPPORTED for c, v in named)


@pytest.mark.parametrize("text, year", [
    ("The Muslim states formed the OIC in 1969.", "1969"),
    ("The OIC was formed in 1969.", "1969"),
    ("The Organization of the Islamic Conference (OIC) is an international organization. |leader_name1 = "
     "Ekmeleddin İhsanoğlu |established_date1 = September 25 1969 |official_website = ", "1969-09-25"),
])
def test_a_founding_as_texts_write_it(shipped_kb, text, year):
    found = [(c, v) for c, v in claims_of(shipped_kb, text, "en") if c.fact.predicate == "founded"]
    assert [(c.fact.subject, str(c.fact.start), v.kind) for c, v in found] == [("OIC", year, SUPPORTED)]


def test_a_verb_of_many_meanings_founds_only_its_object(shipped_kb):
    assert not keys(claims_of(shipped_kb, "The committee formed a view on the OIC proposal in 2010.", "en"), "founded")


def test_the_office_named_in_lower_case(shipped_kb):
    text = "Hussein Ibrahim Taha from Chad was elected as the next secretary general of the OIC."
    assert ("hissein-brahim-taha", "OIC/secretary-general") in keys(claims_of(shipped_kb, text, "en"), "holds_office")
    assert not keys(claims_of(shipped_kb, "The UN secretary general Antonio Guterres met OIC officials.", "en"),
                    "holds_office")


def test_a_count_made_an_adjective(shipped_kb):
    found = claims_of(shipped_kb, "The 12th summit of the 57-member OIC opened in Cairo.", "en")
    assert ("OIC", "57") in keys(found, "member_count")
    assert ("OIC/summit/12", "cairo") in keys(found, "held_in")  # the count ends no statement
    bound = [c for c, _ in claims_of(shipped_kb, "The more than 55-nation-strong OIC meets in Mecca.", "en")
             if c.fact.predicate == "member_count"]
    assert [(c.fact.value, c.fact.qualifier("qualifier")) for c in bound] == [("55", "more_than")]


def test_a_former_name_in_brackets(shipped_kb):
    text = "Россия примкнула к Организации исламского сотрудничества (до 2011 г. – Организации Исламская Конференция)."
    named = [c for c, v in claims_of(shipped_kb, text, "ru") if c.fact.predicate == "named"]
    assert [(c.fact.subject, str(c.fact.end)) for c in named] == [("OIC", "2011")]


@pytest.mark.parametrize("lang, text", [
    ("ru", "ОИС приветствовала новость. Казахстан вступил в ВТО в 2015 году."),
    ("kk", "ИЫҰ бұл жаңалықты құптады. Қазақстан 2015 жылы ДСҰ-ға мүше болды."),
    ("en", "The OIC welcomed it. Kazakhstan became a member of the Shanghai Cooperation Organisation in 2001."),
    ("ru", "ОИС поддержала. Казахстан стал членом Шанхайской организации сотрудничества в 2001 году."),
])
def test_joining_another_body_is_no_claim_of_the_organisation(shipped_kb, lang, text):
    assert not keys(claims_of(shipped_kb, text, lang), "member_of")


@pytest.mark.parametrize("lang, text", [
    ("en", "The OIC has 57 members. Kazakhstan joined in 1995."),
    ("kk", "ИЫҰ туралы. Қазақстан ұйымға 1995 жылы мүше болды."),
])
def test_joining_the_organisation_the_text_is_about(shipped_kb, lang, text):
    assert ("KZ", "OIC") in keys(claims_of(shipped_kb, text, lang), "member_of")


@pytest.mark.parametrize("lang, text, predicate", [
    ("ru", "ОИС провела встречу. ШОС объединяет 8 государств.", "member_count"),
    ("kk", "ИЫҰ жиналды. ШЫҰ 8 мемлекетті біріктіреді.", "member_count"),
    ("en", "The OIC met. The headquarters of CICA is in Astana.", "headquartered_in"),
])
def test_another_bodys_count_and_seat_are_not_the_organisations(shipped_kb, lang, text, predicate):
    assert not keys(claims_of(shipped_kb, text, lang), predicate)
