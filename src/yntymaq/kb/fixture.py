"""A tiny, invented knowledge base for tests, docs and demos.

It is test data, not facts: session numbers are renumbered from 1, the person is fictitious and every
row cites a `fixture-*` source. Never cite it. It holds just enough to exercise every page and query:
a few states (one suspended for a while, one observer), CFM sessions whose hosts chair in turn, two
summits, an extraordinary session, a Secretary General and a handful of other facts.

`FIXTURE_FILES` maps each CSV file to its rows without the header, so that a test can add or replace
rows and know their line numbers (the header is line 1).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from yntymaq.kb.dataset import FILES
from yntymaq.kb.query import KB

FIXTURE_FILES: dict[str, list[str]] = {
    "sources.csv": [
        "fixture-list,Test fixture: states and their status,https://example.org/yntymaq/fixture/members,yntymaq test fixture,",
        "fixture-sessions,Test fixture: sessions and their hosts,https://example.org/yntymaq/fixture/sessions,yntymaq test fixture,",
    ],
    "places.csv": [
        "jeddah,SA,Джидда,Джидда,Jeddah,جدة",
        "astana,KZ,Астана,Астана,Astana,أستانا",
        "djibouti-city,DJ,Джибути,Джибути,Djibouti City,جيبوتي",
        "cairo,EG,Каир,Каир,Cairo,القاهرة",
    ],
    "entities.csv": [
        "OIC,organisation,,Ислам ынтымақтастығы ұйымы,Организация исламского сотрудничества,Organisation of Islamic Cooperation,منظمة التعاون الإسلامي,",
        "OIC/summit,organ,OIC,Ислам саммиті,Исламский саммит,Islamic Summit,,",
        "OIC/cfm,organ,OIC,Сыртқы істер министрлері кеңесі,Совет министров иностранных дел,Council of Foreign Ministers,,",
        "OIC/secretary-general,office,OIC,Бас хатшы,Генеральный секретарь,Secretary General,,",
        "test-person,person,,Сынақ Тұлға,Тестовое Лицо,Test Person,,invented for tests",
    ],
    "aliases.csv": [
        "OIC,kk,ИЫҰ,abbreviation",
        "OIC,kk,ИКҰ,abbreviation of the name before 2011",
        "OIC,ru,ОИС,abbreviation",
        "OIC,en,OIC,abbreviation",
        "OIC/cfm,kk,СІМК,abbreviation",
        "OIC/cfm,en,CFM,abbreviation",
    ],
    "members.csv": [
        "KZ,member,1995,,fixture-list,",
        "SA,member,1969,,fixture-list,",
        "EG,member,1969,1979-05,fixture-list,",
        "EG,suspended,1979-05,1984-03,fixture-list,",
        "EG,member,1984-03,,fixture-list,",
        "DJ,member,1978,,fixture-list,",
        "BA,observer,1994,,fixture-list,",
    ],
    "meetings.csv": [
        "cfm,ordinary,1,jeddah,SA,2010-05-18,2010-05-20,,fixture-sessions,",
        "cfm,ordinary,2,astana,KZ,2011-06-28,2011-06-30,,fixture-sessions,",
        "cfm,ordinary,3,djibouti-city,DJ,2012-11-15,2012-11-17,,fixture-sessions,",
        "cfm,extraordinary,1,jeddah,SA,2012-08-14,2012-08-15,,fixture-sessions,",
        "summit,ordinary,1,jeddah,SA,2009-03-13,2009-03-14,,fixture-sessions,",
        "summit,ordinary,2,cairo,EG,2013-02-06,2013-02-07,,fixture-sessions,",
    ],
    "offices.csv": [
        "OIC/secretary-general,test-person,2010-01,,fixture-list,",
    ],
    "facts.csv": [
        "OIC,headquartered_in,jeddah,,,,,fixture-list,",
        "OIC,official_language,,ar,,,,fixture-list,",
        "test-person,citizen_of,SA,,,,,fixture-list,",
    ],
}


def write_fixture_dataset(folder: str | Path, *, replace: dict[str, list[str]] | None = None) -> Path:
    """Write the fixture's CSV files into `folder` (created if needed) and return it.

    `replace` gives other rows (header excluded) for some files, e.g. to test a broken row."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = {**FIXTURE_FILES, **(replace or {})}
    for name, header in FILES.items():
        lines = [",".join(header), *files.get(name, [])]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def build_fixture_kb(path: str | Path) -> KB:
    """Build the fixture knowledge base into the SQLite file `path` (or a database URL) and open it."""
    from yntymaq.kb import build

    with tempfile.TemporaryDirectory(prefix="yntymaq-fixture-") as folder:
        build(str(path), data=write_fixture_dataset(folder))
    return KB.open(str(path))
