"""`yntymaq ask`: a question in Kazakh, Russian or English answered with its sources. Formatting only."""

from __future__ import annotations

import json

import click


@click.command("ask")
@click.argument("question", nargs=-1, required=True)
@click.option("--db", default=None, metavar="PATH|URL",
              help="Дерек қоры / база знаний / knowledge base (SQLite path or URL; env YNTYMAQ_DB).")
@click.option("--json", "as_json", is_flag=True, help="JSON шығару / вывод в JSON / print JSON.")
@click.option("--lang", default=None, metavar="kk|ru|en",
              help="Сұрақ тілі / язык вопроса / the question's language (default: read from the question).")
def ask_command(question: tuple[str, ...], db: str | None, as_json: bool, lang: str | None) -> None:
    """Сұраққа жауап / ответ на вопрос / answer a question, with its sources.

    QUESTION in kk, ru or en; the answer is in the question's language. A question the knowledge
    base cannot answer is abstained on, with the reason. Exit code 2 when abstained.

    Example: yntymaq ask "Қазақстан ИЫҰ-ға қашан мүше болды?"
    """
    from yntymaq.ask import ask
    from yntymaq.i18n import check_lang
    from yntymaq.kb import KB

    if lang is not None:
        check_lang(lang)
    result = ask(KB.open(db), " ".join(question), lang=lang)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(format_answer(result))
    if result["abstained"]:
        raise SystemExit(2)


def format_answer(result: dict) -> str:
    """The answer as text: each answer's sentence, then its sources, numbered once."""
    from yntymaq.ask.answer import templates

    table = templates(result["language"])
    if result["abstained"]:
        return f"{table['abstain']}: {result['reason']}"
    lines, numbers = [], {}
    for a in result["answers"]:
        marks = []
        for s in a["sources"]:
            key = (s["id"], s.get("locator"))
            numbers.setdefault(key, (len(numbers) + 1, s))
            marks.append(f"[{numbers[key][0]}]")
        lines.append(f"{a['text']} {''.join(marks)}".rstrip())
    if numbers:
        lines.append("")
        for n, s in numbers.values():
            where = ", ".join(x for x in (s.get("publisher"), s.get("url")) if x)
            lines.append(f"[{n}] {s['title']}" + (f" — {where}" if where else ""))
    return "\n".join(lines)
