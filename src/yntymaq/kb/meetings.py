"""The OIC's meeting bodies and how their sessions are named in each language."""

from __future__ import annotations

from yntymaq.vocab import Date

BODIES = {"summit": "OIC/summit", "cfm": "OIC/cfm"}
KINDS = ("ordinary", "extraordinary")

# The day the 38th CFM (Astana) renamed the Organisation; facts.csv holds the sourced `named` facts of
# OIC that change on this day, and a test keeps this constant equal to them.
RENAMED = Date(2011, 6, 28)
_OLD_NAMES = {"kk": "ИКҰ", "ru": "ОИК", "en": "Organisation of the Islamic Conference"}
_NEW_NAMES = {"kk": "ИЫҰ", "ru": "ОИС", "en": "OIC"}


def organisation_names_at(day: Date | None) -> dict[str, str]:
    """The OIC's short name in kk, ru and en as it was on `day`: ИКҰ/ОИК before 28 June 2011, ИЫҰ/ОИС
    from then on (in English the abbreviation did not change, so the old name is spelt out). A date
    known only to the year 2011 or the month June 2011 cannot be placed and gets today's names."""
    if day is not None and day.latest < RENAMED.earliest:
        return dict(_OLD_NAMES)
    return dict(_NEW_NAMES)


def _en_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def meeting_names(body: str, kind: str, ordinal: int, *, start: Date | None = None) -> dict[str, str]:
    """Names of a session in kk, ru and en, e.g. the 38th session of the CFM, with the Organisation's
    name of the session's time (`start`, its first day)."""
    n, en = ordinal, _en_ordinal(ordinal)
    org = organisation_names_at(start)
    kk, ru = org["kk"], org["ru"]
    en_cfm = ("the OIC Council of Foreign Ministers" if org["en"] == "OIC"
              else f"the Council of Foreign Ministers of the {org['en']}")
    if body == "summit":
        if kind == "ordinary":
            return {"kk": f"{kk}-ның {n}-саммиті", "ru": f"{n}-й саммит {ru}", "en": f"{en} Islamic Summit"}
        return {"kk": f"{kk}-ның {n}-төтенше саммиті", "ru": f"{n}-й чрезвычайный саммит {ru}",
                "en": f"{en} Extraordinary Islamic Summit"}
    if kind == "ordinary":
        return {"kk": f"{kk} СІМК {n}-сессиясы", "ru": f"{n}-я сессия СМИД {ru}",
                "en": f"{en} session of {en_cfm}"}
    return {"kk": f"{kk} СІМК {n}-төтенше сессиясы", "ru": f"{n}-я чрезвычайная сессия СМИД {ru}",
            "en": f"{en} extraordinary session of {en_cfm}"}
