"""`yntymaq text FILE`: read a file and show its language, sentences, tokens with stems, and dates."""

from __future__ import annotations

import csv
import sys

import click

from yntymaq import settings
from yntymaq.cli.output import PRETTY_OPTION, JsonWriter, check_pretty, stdout, write_items
from yntymaq.errors import BadInput
from yntymaq.i18n import check_lang
from yntymaq.text.pipeline import STAGE_NAMES, Document, DocumentStream, analyse_file, analyse_stream
from yntymaq.vocab import LANGS

LABELS = {
    "kk": {"file": "Файл", "format": "пішімі", "encoding": "кодтауы", "language": "тілі", "script": "жазуы", "sentences": "сөйлем",
           "dates": "Күндер мен реттік сандар", "sentence": "Сөйлем", "span": "Орны", "text": "Мәтін",
           "kind": "Түрі", "value": "Мәні", "none": "жоқ"},
    "ru": {"file": "Файл", "format": "формат", "encoding": "кодировка", "language": "язык", "script": "письмо", "sentences": "предл.",
           "dates": "Даты и порядковые числа", "sentence": "Предложение", "span": "Позиция", "text": "Текст",
           "kind": "Вид", "value": "Значение", "none": "нет"},
    "en": {"file": "File", "format": "format", "encoding": "encoding", "language": "language", "script": "script",
           "sentences": "sentences", "dates": "Dates and ordinals", "sentence": "Sentence", "span": "Span",
           "text": "Text", "kind": "Kind", "value": "Value", "none": "none"},
}


def document_json(doc: Document) -> dict:
    """What `--json` prints (`write_document_json` writes it as it goes): offsets are into the original
    text of the file."""
    return {"file": doc.name, "format": doc.format, "encoding": doc.encoding, "language": doc.language,
            "script": doc.script, "transliteration": doc.transliteration, "stages": list(doc.stages),
            "sentences": [{"start": sent.start, "end": sent.end, "text": sent.text, "norm": sent.norm,
                           "language": sent.language, "tokens": [token.to_json() for token in sent.tokens],
                           "dates": sent.dates, "ordinals": sent.ordinals} for sent in doc.sentences]}


SPOOL_BYTES = 1 << 23
"""The sentences' JSON is held in memory up to this much, then in a temporary file (`write_document_json`)."""


def write_document_json(doc: DocumentStream, out, *, pretty: bool = False) -> None:
    """`document_json` written as the sentences are analysed, with the same bytes as `dumps` of the
    whole. The document's language and script come before the sentences but are known only after
    them: the sentences go to a spool (memory, then a temporary file past SPOOL_BYTES) and follow."""
    import shutil
    from tempfile import SpooledTemporaryFile

    with SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        write_items(spool, (sent.to_json() for sent in doc.sentences), pretty=pretty)
        head = JsonWriter(out, pretty=pretty)
        for key, value in (("file", doc.name), ("format", doc.format), ("encoding", doc.encoding),
                           ("language", doc.language), ("script", doc.script),
                           ("transliteration", doc.transliteration), ("stages", list(doc.stages))):
            head.field(key, value)
        head.key("sentences")
        spool.seek(0)
        shutil.copyfileobj(spool, out, 1 << 20)
        head.close()


SHOWN_CHARS = 2000
"""The readable output shows this much of a sentence (and of a word): a terminal gains nothing from a
megabyte on one line, and laying it out would take longer than reading the text."""
SHOWN_TOKENS = 400
"""Tokens shown under one sentence in the readable output."""


def _token_text(token) -> Text:
    from rich.text import Text

    out = Text(token.text)
    if token.norm != token.text:
        out.append(f"({token.norm})", style="yellow")
    if token.stem is not None and (token.stem != token.norm or token.suffixes):
        out.append("→" + token.stem, style="cyan")
        if token.suffixes:
            out.append("+" + "+".join(token.suffixes), style="dim cyan")
    elif token.lemma is not None and token.lemma != token.norm.lower():
        out.append("→" + token.lemma, style="cyan")
    return out


def _print_readable(doc: Document, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    labels = LABELS[lang]
    console = Console(highlight=False)
    header = Text(f"{labels['file']}: {doc.name or '-'}", style="bold")
    header.append(f"  {labels['format']}: {doc.format}"
                  f"  {labels['encoding']}: {doc.encoding or '-'}"
                  f"  {labels['language']}: {doc.language or '?'}"
                  f"  {labels['script']}: {doc.script}" + (f" ({doc.transliteration})" if doc.transliteration else "") +
                  f"  {labels['sentences']}: {len(doc.sentences)}")
    console.print(header)
    for number, sent in enumerate(doc.sentences, start=1):
        line = Text(f"{number:>4} ", style="bold")
        line.append(f"[{sent.start}–{sent.end}] ", style="dim")
        line.append(f"{sent.language or '?'}  ", style="magenta")
        norm = sent.norm.replace("\n", " ")
        line.append(norm[:SHOWN_CHARS])
        if len(norm) > SHOWN_CHARS:
            line.append(f" … (+{len(norm) - SHOWN_CHARS} characters: --json shows all)", style="dim")
        console.print(line)
        if sent.tokens:
            tokens = Text("      ", style="dim")
            for i, token in enumerate(sent.tokens[:SHOWN_TOKENS]):
                if i:
                    tokens.append(" · ", style="dim")
                tokens.append_text(_token_text(token)[:SHOWN_CHARS])
            if len(sent.tokens) > SHOWN_TOKENS:
                tokens.append(f" … (+{len(sent.tokens) - SHOWN_TOKENS} tokens: --json or --csv shows all)")
            console.print(tokens)
    rows = [(number, mention) for number, sent in enumerate(doc.sentences, start=1)
            for mention in [*sent.dates, *sent.ordinals]]
    if not rows:
        return
    table = Table(title=labels["dates"])
    for column in ("sentence", "span", "text", "kind", "value"):
        table.add_column(labels[column])
    for number, mention in sorted(rows, key=lambda row: row[1]["start"]):
        kind = mention.get("kind", "ordinal")
        value = mention.get("value")
        if mention.get("end_value"):
            value = f"{value or '…'} – {mention['end_value']}"
        elif mention.get("century") is not None:
            value = f"{mention['century']}" + (f"–{mention['end_century']}" if mention.get("end_century") else "")
        table.add_row(str(number), f"{mention['start']}–{mention['end']}", Text(mention["text"]), kind,
                      "" if value is None else str(value))
    console.print(table)


def _print_csv(doc: Document) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(["sentence", "start", "end", "text", "norm", "kind", "stem", "suffixes", "lemma", "language"])
    for number, sent in enumerate(doc.sentences, start=1):
        for token in sent.tokens:
            writer.writerow([number, token.start, token.end, token.text, token.norm, token.kind, token.stem or "",
                             "+".join(token.suffixes), token.lemma or "", sent.language or ""])


@click.command("text")
@click.argument("file", metavar="FILE")
@click.option("--json", "as_json", is_flag=True, help="JSON шығару / вывод в JSON / print JSON.")
@PRETTY_OPTION
@click.option("--csv", "as_csv", is_flag=True, help="Таңбалауыштар CSV-мен / токены в CSV / print the tokens as CSV.")
@click.option("--disable", "disabled", multiple=True, metavar="STAGE",
              help=f"Кезеңді өшіру / отключить этап / switch a stage off: {', '.join(STAGE_NAMES)} (repeatable).")
@click.option("--text-lang", default=None, type=click.Choice(LANGS, case_sensitive=False),
              help="Мәтін тілі / язык текста / the text's language, instead of identifying it.")
@click.option("--lang", default=None, metavar="kk|ru|en",
              help="Жазулар тілі / язык подписей / language of labels (default: YNTYMAQ_LANG or kk).")
def text_command(file: str, as_json: bool, pretty: bool, as_csv: bool, disabled: tuple[str, ...], text_lang: str | None,
                 lang: str | None) -> None:
    """Мәтінді талдау / анализ текста / analyse a text: sentences, tokens, stems, dates.

    Reads FILE (plain text in UTF-8, UTF-16, cp1251 or a Kazakh code page; HTML; PDF; DOCX; `-` for
    standard input) and prints its language, its sentences with their tokens and stems, and the
    dates and ordinals found. Offsets are character offsets into the file's text (for HTML, PDF and
    DOCX: into the text taken from the document).

    Файлды оқып, тілін, сөйлемдерін, сөздердің түбірлерін және күндерін көрсетеді.
    Читает файл и показывает язык, предложения, основы слов и найденные даты.

    Example: yntymaq text article.txt --json
    """
    if as_json and as_csv:
        raise BadInput("--json and --csv cannot be used together: choose one")
    check_pretty(pretty, as_json)
    lang = check_lang(settings.get("lang", lang))
    if as_json:  # written as it is read: memory stays flat however big the file
        write_document_json(analyse_stream(file, disable=disabled, language=text_lang), stdout(), pretty=pretty)
        return
    doc = analyse_file(file, disable=disabled, language=text_lang)
    if as_csv:
        _print_csv(doc)
    else:
        _print_readable(doc, lang)
