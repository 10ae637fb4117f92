"""Time that grows with the input no faster than linearly: for each pathological shape of text, four
times the input may take at most eight times as long (generous, for a shared machine; a quadratic
path takes sixteen). Each timing is the best of three, so that another process's burst does not
decide it; tiny timings get a small allowance of absolute noise."""

from __future__ import annotations

import time

import pytest

from yntymaq.text import analyse
from yntymaq.text.read import html_to_text
from yntymaq.text.segment import sentence_spans

GROWTH = 4
ALLOWED = 8
NOISE = 0.03  # seconds


def best_time(run, arg, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        run(arg)
        best = min(best, time.perf_counter() - began)
    return best


def assert_linear(run, make, n: int) -> None:
    run(make(n))  # warm the caches
    small, big = best_time(run, make(n)), best_time(run, make(GROWTH * n))
    assert big < ALLOWED * small + NOISE, f"×{GROWTH} input took ×{big / max(small, 1e-9):.1f} time ({small:.3f} s → {big:.3f} s)"


SHAPES = {  # name: (make the text of size about n, n)
    "full stops": (lambda n: "Сөз " + "." * n + " Иә.", 20_000),
    "exclamation marks": (lambda n: "Сөз " + "!" * n + " Иә.", 20_000),
    "question marks": (lambda n: "Сөз " + "?" * n + " Иә.", 20_000),
    "ellipses": (lambda n: "Сөз " + "…" * n + " Иә.", 20_000),
    "mixed marks": (lambda n: "Сөз " + ".!?…" * (n // 4) + " Иә.", 20_000),
    "closing brackets": (lambda n: "Сөз." + ")" * n + " Иә.", 20_000),
    "glued initials": (lambda n: "A." * (n // 2), 20_000),
    "one long word": (lambda n: "Қазақстан " + "а" * n + " болды.", 100_000),
    "a sentence without end": (lambda n: "Қазақстан ИЫҰ мүшесі " * (n // 21), 20_000),
    "years and dashes": (lambda n: "1995-" * (n // 5), 5_000),
    "session ordinals": (lambda n: "Сыртқы істер министрлері кеңесінің 38-ші сессиясы " * (n // 50), 10_000),
    "mixed scripts": (lambda n: "Aа" * (n // 2), 20_000),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_sentence_splitting_is_linear(shape):
    make, n = SHAPES[shape]
    assert_linear(sentence_spans, make, n)


@pytest.mark.parametrize("shape", SHAPES)
def test_the_analysis_is_linear(shape):
    make, n = SHAPES[shape]
    assert_linear(analyse, make, n)


@pytest.mark.parametrize("shape", ["full stops", "one long word", "a sentence without end", "session ordinals",
                                   "years and dashes", "glued initials"])
def test_check_is_linear(shape, shipped_kb):
    """What `yntymaq check` and `POST /api/check` do with a text."""
    from yntymaq.views import check_view

    make, n = SHAPES[shape]
    assert_linear(lambda text: check_view(shipped_kb, text, "en"), make, n)


@pytest.mark.parametrize("shape", [
    lambda n: "<html><body>" + "<div>" * n + "Қазақстан." + "</div>" * n + "</body></html>",
    lambda n: "<html><body>" + "<div><b>" * n + "Қазақстан.",
    lambda n: "<html><body><p>" + "<script>x</script><p>Сөз.</p>" * n + "</body></html>",
], ids=["nested", "unclosed", "many scripts"])
def test_reading_html_is_linear(shape):
    assert_linear(html_to_text, shape, 5_000)


def test_a_sentence_without_end_is_cut_into_bounded_pieces():
    from yntymaq.text.segment import MAX_SENTENCE

    text = "Қазақстан ИЫҰ мүшесі " * 2000
    spans = sentence_spans(text)
    assert len(spans) > 1 and all(e - s <= MAX_SENTENCE for s, e in spans)
    assert all(text[s] != " " and text[e - 1] != " " for s, e in spans)
    word = "а" * (3 * MAX_SENTENCE)
    assert sentence_spans(word) == [(0, MAX_SENTENCE), (MAX_SENTENCE, 2 * MAX_SENTENCE), (2 * MAX_SENTENCE, 3 * MAX_SENTENCE)]
