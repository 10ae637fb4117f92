"""The text engine: read, normalise, segment, tokenise, identify the language — with exact offsets.

It knows Kazakh, Russian and English and nothing about any organisation. Everything the system
reads passes through `analyse` (a string) or `analyse_file` (a file of any common kind); every
offset it returns points into the original text. `scan` is the fast path (normalise, segment,
tokenise) for streams of any size. `document_date` finds a text's dateline or date stamp.
"""

from yntymaq.text.doctime import DocumentDate, document_date
from yntymaq.text.langid import identify
from yntymaq.text.normalize import Normalized, OffsetMap, normalize
from yntymaq.text.pipeline import (
    STAGE_NAMES,
    Document,
    Sentence,
    Token,
    analyse,
    analyse_file,
    iter_sentences,
    scan,
)
from yntymaq.text.read import ReadText, read_bytes, read_file
from yntymaq.text.segment import sentence_spans
from yntymaq.text.tokenize import tokenize, tokens

__all__ = [
    "STAGE_NAMES", "Document", "DocumentDate", "Normalized", "OffsetMap", "ReadText", "Sentence", "Token", "analyse",
    "analyse_file", "document_date", "identify", "iter_sentences", "normalize", "read_bytes", "read_file", "scan",
    "sentence_spans", "tokenize", "tokens",
]
