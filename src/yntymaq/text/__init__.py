"""The text engine: read, normalise, segment, tokenise, identify the language — with exact offsets.

It knows Kazakh, Russian and English and nothing about any organisation. Everything the system
reads passes through `analyse` (a string) or `analyse_file` (a file of any common kind); every
offset it returns points into the original text. `scan` is the fast path (normalise, segment,
tokenise) for streams of any size. `document_date` finds a text's dateline or date stamp.
"""

from importlib import import_module

# normalize and tokenize are both modules of this package and functions it exports: imported here,
# so that the function, not the module, is the package's attribute (as a lazy name could not be).
from yntymaq.text.normalize import Normalized, OffsetMap, normalize
from yntymaq.text.tokenize import tokenize, tokens

# The names are loaded on first use (PEP 562), so that a command which needs one table of the text
# engine (`yntymaq ask` reads `text.tables` and `text.dates`) does not import the whole pipeline.
_EXPORTS = {
    "DocumentDate": "doctime", "document_date": "doctime",
    "identify": "langid",
    "STAGE_NAMES": "pipeline", "Document": "pipeline", "Sentence": "pipeline", "Token": "pipeline",
    "analyse": "pipeline", "analyse_file": "pipeline", "iter_sentences": "pipeline", "scan": "pipeline",
    "ReadText": "read", "read_bytes": "read", "read_file": "read",
    "sentence_spans": "segment",
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'yntymaq.text' has no attribute {name!r}")
    value = getattr(import_module(f"yntymaq.text.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_EXPORTS))


__all__ = [
    "STAGE_NAMES", "Document", "DocumentDate", "Normalized", "OffsetMap", "ReadText", "Sentence", "Token", "analyse",
    "analyse_file", "document_date", "identify", "iter_sentences", "normalize", "read_bytes", "read_file", "scan",
    "sentence_spans", "tokenize", "tokens",
]
