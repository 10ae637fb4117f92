"""A tiny, valid dataset and knowledge base for tests, docs and demos.

It is invented for testing only (its sources are marked so); the shipped dataset is in `data/`.
`FIXTURE_FILES` maps each CSV file to its rows; tests copy it, break one cell and check the error.
"""

from __future__ import annotations

from pathlib import Path

from yntymaq.kb.dataset import FILES

FIXTURE_FILES: dict[str, list[str]] = {
    "sources.csv": [
        "fixture-list,Fixture list of members (test data),https://example.org/members,Fixture publisher,2020",
        "fixture-sessions,Fixture list of sessions (test data),https://example.org/sessions,Fixture publisher,",
    ],
    "places.csv": [
        "astana,KZ,Астана,Астана,Astana,أستانا",
        "djibouti-city,DJ,Джибути,Джибути,Djibouti,جيبوتي",
        "jeddah,SA,Жидда,Джидда,Jeddah,جدة",
    ],
    "entities.csv": [
        "OIC,organisation,,Ислам ынтымақтастығы ұйымы,Организация исламского сотрудничества,Organisation of Islamic Cooperation,,",
        "OIC/summit,organ,OIC,Ислам саммиті,Исламский саммит,Islamic Summit,,",
        "OIC/cfm,organ,OIC,Сыртқы істер министрлері кеңесі,Совет министров иностранных дел,Council of Foreign Ministers,,",
        "OIC/secretary-general,office,OIC,Бас хатшы,Генеральный секретарь,Secretary General,,",
        "test-person,person,,Сынақ Тұлға,Тестовое Лицо,Test Person,,",
    ],
    "aliases.csv": [
        "OIC,kk,ИЫҰ,",
        "OIC,kk,ИКҰ,former name",
        "DJ,ru,Джибутти,variant spelling",
    ],
    "members.csv": [
        "KZ,member,1995,,fixture-list,",
        "SA,member,1969,,fixture-list,",
        "DJ,member,1978,,fixture-list,",
        "EG,member,1969,1979-05,fixture-list,",
        "EG,suspended,1979-05,1984-03,fixture-list,",
        "EG,member,1984-03,,fixture-list,",
        "TH,observer,1998,,fixture-list,",
    ],
    "meetings.csv": [
        "cfm,ordinary,1,jeddah,SA,1970-03-23,1970-03-25,fixture-sessions,",
        "cfm,ordinary,2,astana,KZ,2011-06-28,2011-06-30,fixture-sessions,",
        "cfm,ordinary,3,djibouti-city,DJ,2012-11-15,2012-11-16,fixture-sessions,",
        "summit,ordinary,1,jeddah,SA,1969-09,,fixture-sessions,",
    ],
    "offices.csv": [
        "OIC/secretary-general,test-person,2010,2014-01-31,fixture-list,",
    ],
    "facts.csv": [
        "OIC,headquartered_in,jeddah,,,,,fixture-list,",
        "OIC,founded,,,1969-09-25,,place=jeddah,fixture-list,",
        "test-person,citizen_of,SA,,,,,fixture-list,",
    ],
}


def write_fixture_dataset(folder: Path, *, replace: dict[str, list[str]] | None = None) -> Path:
    """Write the fixture dataset (with some files' rows replaced) as CSV files into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {**FIXTURE_FILES, **(replace or {})}
    for name, header in FILES.items():
        lines = [",".join(header), *files.get(name, [])]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def build_fixture_kb(db_path: Path, data_folder: Path | None = None):
    """Build the fixture dataset into an SQLite file and open it."""
    from yntymaq.kb import KB, build

    folder = write_fixture_dataset(data_folder or db_path.parent / "fixture-data")
    _, store = build(str(db_path), data=folder)
    return KB(store)
