"""The OIC's meeting bodies and how their sessions are named in each language."""

from __future__ import annotations

BODIES = {"summit": "OIC/summit", "cfm": "OIC/cfm"}
KINDS = ("ordinary", "extraordinary")


def _en_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def meeting_names(body: str, kind: str, ordinal: int) -> dict[str, str]:
    """Names of a session in kk, ru and en, e.g. the 38th session of the CFM."""
    n, en = ordinal, _en_ordinal(ordinal)
    if body == "summit":
        if kind == "ordinary":
            return {"kk": f"ИЫҰ-ның {n}-саммиті", "ru": f"{n}-й саммит ОИС", "en": f"{en} Islamic Summit"}
        return {"kk": f"ИЫҰ-ның {n}-төтенше саммиті", "ru": f"{n}-й чрезвычайный саммит ОИС",
                "en": f"{en} Extraordinary Islamic Summit"}
    if kind == "ordinary":
        return {"kk": f"ИЫҰ СІМК {n}-сессиясы", "ru": f"{n}-я сессия СМИД ОИС",
                "en": f"{en} session of the OIC Council of Foreign Ministers"}
    return {"kk": f"ИЫҰ СІМК {n}-төтенше сессиясы", "ru": f"{n}-я чрезвычайная сессия СМИД ОИС",
            "en": f"{en} extraordinary session of the OIC Council of Foreign Ministers"}
