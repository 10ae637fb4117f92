"""The OIC's meeting series, how their meetings get ids, and how they are named in each language.

A meeting belongs to one **series** (the `body` cell of meetings.csv). Its id is built from the series'
id prefix, its kind and either its number or, for a meeting sources know only by date and place, a key
made of its start date and city:

- numbered: `OIC/cfm/38`, `OIC/summit-extraordinary/4`, `OIC/st-summit/1`, `COMCEC/33`,
  `PUIC/conference/13`, `OIC/food-security/7`;
- unnumbered: `OIC/summit-extraordinary/2024-11-riyadh` (the start's year and month, then the city),
  `OIC/executive-committee/2011-11-30-jeddah` (series that can meet more than once a month in one city
  key by the full day).

An extraordinary meeting's prefix carries `-extraordinary` (`OIC/cfm-extraordinary/17`), as it always has.

**Which meetings count.** Only the ordinary, numbered sessions of a body that passes a chair on (the
Islamic Summit and the CFM, `BODIES`) form its chain of sessions: the chair rule
(`chair.from_sessions.v1`, see rules.py) and "which session" numbering count those alone. Extraordinary
sessions, unnumbered meetings, joint meetings with another organisation and meetings of other series
(the science summit, COMCEC, ...) never shift the chair, even when they are meetings of the same organ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from yntymaq.errors import BadInput
from yntymaq.vocab import Date

# The bodies whose ordinary sessions pass a chair on: series key -> organ id.
BODIES = {"summit": "OIC/summit", "cfm": "OIC/cfm"}
KINDS = ("ordinary", "extraordinary")
ONLINE = "online"  # the city cell of a meeting held by video link


@dataclass(frozen=True)
class Series:
    """A series of meetings: where its ids start, what it is a meeting of, and how its meetings are named.

    `numbered[kind]` and `unnumbered[kind]` are per-language templates; `{n}` is the number, `{nth}`
    the English ordinal, `{org}` the Organisation's name of the meeting's time and `{cfm}` the English
    name of its Council of Foreign Ministers then. An unnumbered meeting's name gets its place and date
    after it.
    """

    key: str
    prefix: str
    body: str  # the entity each meeting is `meeting_of`
    numbered: dict[str, dict[str, str]]
    unnumbered: dict[str, dict[str, str]] = field(default_factory=dict)
    key_precision: str = "month"  # "month" or "day": how much of the start date an unnumbered id keeps
    joint: bool = False  # may hold joint meetings with another organisation (see JOINT_PARTNERS)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(k for k in KINDS if k in self.numbered or k in self.unnumbered)


SERIES: dict[str, Series] = {s.key: s for s in (
    Series("summit", "OIC/summit", "OIC/summit", joint=True, numbered={
        "ordinary": {"kk": "{org}-ның {n}-саммиті", "ru": "{n}-й саммит {org}", "en": "{nth} Islamic Summit"},
        "extraordinary": {"kk": "{org}-ның {n}-төтенше саммиті", "ru": "{n}-й чрезвычайный саммит {org}",
                          "en": "{nth} Extraordinary Islamic Summit"},
    }, unnumbered={
        "extraordinary": {"kk": "{org}-ның төтенше саммиті", "ru": "Чрезвычайный саммит {org}",
                          "en": "Extraordinary Islamic Summit"},
    }),
    Series("cfm", "OIC/cfm", "OIC/cfm", numbered={
        "ordinary": {"kk": "{org} СІМК {n}-сессиясы", "ru": "{n}-я сессия СМИД {org}",
                     "en": "{nth} session of {cfm}"},
        "extraordinary": {"kk": "{org} СІМК {n}-төтенше сессиясы", "ru": "{n}-я чрезвычайная сессия СМИД {org}",
                          "en": "{nth} extraordinary session of {cfm}"},
    }, unnumbered={
        "extraordinary": {"kk": "{org} СІМК төтенше сессиясы", "ru": "Чрезвычайная сессия СМИД {org}",
                          "en": "Extraordinary session of {cfm}"},
    }),
    # The kk form follows Kazakh reports of the 2nd summit ("ғылым және технология жөніндегі ... саммиті").
    Series("st-summit", "OIC/st-summit", "OIC", numbered={
        "ordinary": {"kk": "{org}-ның ғылым және технология жөніндегі {n}-саммиті",
                     "ru": "{n}-й саммит {org} по науке и технологиям",
                     "en": "{nth} {org} Summit on Science and Technology"},
    }),
    # The kk form follows Kazinform's "Ислам ынтымақтастығы Ұйымы Атқарушы комитетінің ... отырысы".
    Series("executive-committee", "OIC/executive-committee", "OIC/executive-committee", key_precision="day",
           numbered={}, unnumbered={
        "ordinary": {"kk": "{org} Атқарушы комитетінің отырысы", "ru": "Заседание Исполнительного комитета {org}",
                     "en": "Meeting of the {org} Executive Committee"},
        "extraordinary": {"kk": "{org} Атқарушы комитетінің төтенше отырысы",
                          "ru": "Чрезвычайное заседание Исполнительного комитета {org}",
                          "en": "Extraordinary meeting of the {org} Executive Committee"},
    }),
    Series("comcec", "COMCEC", "COMCEC", numbered={
        "ordinary": {"kk": "КОМСЕК-тің {n}-сессиясы", "ru": "{n}-я сессия КОМСЕК", "en": "{nth} Session of the COMCEC"},
    }),
    Series("puic", "PUIC/conference", "PUIC", numbered={
        "ordinary": {"kk": "{org}-ға мүше мемлекеттер Парламенттік одағының {n}-конференциясы",
                     "ru": "{n}-я конференция Парламентского союза государств — членов {org}",
                     "en": "{nth} Conference of the Parliamentary Union of the {org} Member States"},
    }),
    Series("food-security", "OIC/food-security", "OIC", numbered={
        "ordinary": {"kk": "Азық-түлік қауіпсіздігі және ауыл шаруашылығын дамыту жөніндегі {org}-ның {n}-министрлік конференциясы",
                     "ru": "{n}-я Министерская конференция {org} по продовольственной безопасности и развитию сельского хозяйства",
                     "en": "{nth} {org} Ministerial Conference on Food Security and Agricultural Development"},
    }),
)}

# Organisations the OIC holds joint meetings with, and the forms of their names a label needs:
# kk genitive and instrumental, ru genitive and instrumental, en with its article.
JOINT_PARTNERS: dict[str, dict[str, str]] = {
    "LAS": {"kk_gen": "Араб мемлекеттері лигасының", "kk_ins": "Араб мемлекеттері лигасымен",
            "ru_gen": "Лиги арабских государств", "ru_ins": "Лигой арабских государств",
            "en": "the League of Arab States"},
}

_ONLINE_NAMES = {"kk": "онлайн", "ru": "онлайн", "en": "online"}

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


def series_key(name: str) -> str:
    """The series a name means, in any case (`COMCEC` -> `comcec`); BadInput naming every series if none."""
    key = name.strip().lower()
    if key not in SERIES:
        raise BadInput(f"body: {name!r} is not a meeting series; use one of {', '.join(SERIES)}")
    return key


def _en_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def meeting_key(start: str, city: str, precision: str) -> str:
    """The id key of an unnumbered meeting: `2024-11-riyadh` (precision month) or `2011-11-30-jeddah` (day).

    `start` is the date as written (YYYY-MM or YYYY-MM-DD); the caller checks it is precise enough.
    """
    return f"{start[:7] if precision == 'month' else start[:10]}-{city}"


def meeting_ident(series: str, kind: str, ordinal: int | None, key: str | None = None) -> str:
    """The id of a meeting of a series: by its number, or by its date-and-city key when it has none."""
    prefix = SERIES[series].prefix
    suffix = "" if kind == "ordinary" else f"-{kind}"
    return f"{prefix}{suffix}/{ordinal if ordinal is not None else key}"


@lru_cache(maxsize=None)
def _months(lang: str, context: str) -> dict[int, str]:
    from babel.dates import get_month_names  # only a build labels meetings: not at every start-up

    return dict(get_month_names("wide", context=context, locale=lang))


def date_words(date: str, lang: str) -> str:
    """A date as a label writes it: `2024 жылғы 5 наурыз`, `5 марта 2024 г.`, `5 March 2024`."""
    parts = [int(p) for p in date.split("-")]
    year, month, day = (parts + [None, None])[:3]
    if month is None:
        return {"kk": f"{year} ж.", "ru": f"{year} г.", "en": str(year)}[lang]
    if lang == "kk":
        name = _months("kk", "format")[month]
        return f"{year} жылғы {day} {name}" if day else f"{year} жылғы {name}"
    if lang == "ru":
        return f"{day} {_months('ru', 'format')[month]} {year} г." if day else f"{_months('ru', 'stand-alone')[month]} {year} г."
    return f"{day} {_months('en', 'format')[month]} {year}" if day else f"{_months('en', 'format')[month]} {year}"


def meeting_names(body: str, kind: str, ordinal: int | None = None, *, place: dict[str, str] | None = None,
                  start: str | None = None, joint: str | None = None) -> dict[str, str]:
    """Names of a meeting in kk, ru and en, with the Organisation's name of the meeting's time
    (`start`, its first day: ИКҰ / ОИК / the Organisation of the Islamic Conference before 28 June 2011).

    A numbered meeting is named by its number (the 38th session of the CFM); an unnumbered one by its
    series, then its place (`place`: the city's names, or None when it met online) and its start date.
    A joint meeting names both organisations.
    """
    series = SERIES[body]
    org = organisation_names_at(_day(start))
    cfm = ("the OIC Council of Foreign Ministers" if org["en"] == "OIC"
           else f"the Council of Foreign Ministers of the {org['en']}")
    names = {}
    for lang in ("kk", "ru", "en"):
        if ordinal is not None:
            name = series.numbered[kind][lang].format(n=ordinal, nth=_en_ordinal(ordinal), org=org[lang], cfm=cfm)
            if joint:
                partner = JOINT_PARTNERS[joint]
                name += {"kk": f" ({partner['kk_ins']} бірлескен)", "ru": f" (совместно с {partner['ru_ins']})",
                         "en": f" (joint with {partner['en']})"}[lang]
        else:
            if joint:
                partner = JOINT_PARTNERS[joint]
                name = {"kk": f"{org['kk']} мен {partner['kk_gen']} бірлескен төтенше саммиті",
                        "ru": f"Совместный чрезвычайный саммит {org['ru']} и {partner['ru_gen']}",
                        "en": f"Joint Extraordinary Summit of the {org['en']} and {partner['en']}"}[lang]
            else:
                name = series.unnumbered[kind][lang].format(org=org[lang], cfm=cfm)
            where = (place or {}).get(lang) or (place or {}).get("en") if place is not None else _ONLINE_NAMES[lang]
            when = date_words(start, lang) if start else ""
            name += f" ({', '.join(p for p in (where, when) if p)})"
        names[lang] = name
    return names


def _day(start: str | None) -> Date | None:
    try:
        return Date.parse(start) if start else None
    except ValueError:  # a malformed date, which the dataset's validation reports on its own
        return None
