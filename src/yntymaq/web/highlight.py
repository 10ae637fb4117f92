"""A stored document's text as HTML: claims coloured by verdict, the names it mentions marked inside them.

Offsets are character offsets into the original text. The text is cut at every offset a claim or a
mention starts or ends, and every piece is escaped on its own, so that no character of the text can
become markup and each marked element holds exactly the characters its `data-start`/`data-end` name.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from yntymaq.views import most_telling


def _attrs(**values) -> str:
    return "".join(f' {name.replace("_", "-")}="{escape(value)}"' for name, value in values.items() if value is not None)


def highlight(text: str, mentions: list[dict], claims: list[dict], *, entity_url: Callable[[str], str],
              title: Callable[[dict], str] = lambda claim: claim["verdict_label"],
              unlinked_title: Callable[[dict], str] = lambda mention: "") -> Markup:
    """The text with each stretch that claims cover in a `span.claim` (its verdict a class, its claims'
    ids in `data-claims`) and each mention in an `a.mention` (linked) or `mark.mention` (unlinked).

    A stretch several claims share takes the verdict a reader must see first (contradicted, then new,
    unverifiable, supported). A mention that crosses a claim's edge is marked in two pieces."""
    size = len(text)

    def clip(start: int, end: int) -> tuple[int, int] | None:
        start, end = max(0, min(start, size)), max(0, min(end, size))
        return (start, end) if start < end else None

    claim_spans = [(span, c) for c in claims if (span := clip(c["source"]["start"], c["source"]["end"]))]
    mention_spans = [(span, m) for m in mentions if (span := clip(m["start"], m["end"]))]
    cuts = sorted({0, size, *(x for span, _ in claim_spans for x in span), *(x for span, _ in mention_spans for x in span)})

    number = {id(c): n for n, c in enumerate(claims, start=1)}
    ends = {id(c): end for (_, end), c in claim_spans}
    # Runs of pieces covered by the same claims, and inside them by the same mention: one sweep over
    # the cuts, keeping the spans open at each (every span starts and ends at a cut), so that the time
    # grows with the text and its marks, not with their product.
    pieces = [(a, b, claims_at, mention_at) for (a, b), claims_at, mention_at in
              zip(zip(cuts, cuts[1:]), _sweep(cuts, claim_spans, innermost=False),
                  _sweep(cuts, mention_spans, innermost=True))]
    out: list[str] = []
    i = 0
    while i < len(pieces):
        run_start, _, run_claims, _ = pieces[i]
        j = i
        while j + 1 < len(pieces) and [id(c) for c in pieces[j + 1][2]] == [id(c) for c in run_claims]:
            j += 1
        run_end = pieces[j][1]
        inner = _mentions_html(text, pieces[i:j + 1], entity_url, unlinked_title)
        if run_claims:
            verdict = most_telling(c["verdict"] for c in run_claims)
            ids = " ".join(str(c["id"]) for c in run_claims if c.get("id") is not None)
            out.append(f'<span class="claim v-{escape(verdict)}"{_attrs(data_start=run_start, data_end=run_end, data_claims=ids)}'
                       f' tabindex="0"{_attrs(title=" · ".join(title(c) for c in run_claims))}>{inner}</span>')
            ending = [c for c in run_claims if ends[id(c)] == run_end]
            if ending:  # a footnote mark where a claim ends, outside the text: the evidence without a script
                refs = [f'<a class="claim-ref v-{escape(c["verdict"])}"{_attrs(href="#claim-" + str(c.get("id")))}>'
                        f"{number[id(c)]}</a>" for c in ending]
                out.append(f'<sup class="claim-refs">{"".join(refs)}</sup>')
        else:
            out.append(inner)
        i = j + 1
    return Markup("".join(out))


def _sweep(cuts: list[int], spans: list, *, innermost: bool) -> list:
    """For each piece between two consecutive cuts: the items whose spans cover it, in their order
    (or, with `innermost`, the one with the shortest span, the first of equals; None when none)."""
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for index, ((start, end), _) in enumerate(spans):
        starting.setdefault(start, []).append(index)
        ending.setdefault(end, []).append(index)
    open_now: set[int] = set()
    out = []
    for cut in cuts[:-1]:
        open_now.difference_update(ending.get(cut, ()))
        open_now.update(starting.get(cut, ()))
        if innermost:
            best = min(open_now, key=lambda i: (spans[i][0][1] - spans[i][0][0], i)) if open_now else None
            out.append(None if best is None else spans[best][1])
        else:
            out.append(tuple(spans[i][1] for i in sorted(open_now)))
    return out


def _mentions_html(text: str, pieces: list, entity_url, unlinked_title) -> str:
    out: list[str] = []
    i = 0
    while i < len(pieces):
        start, _, _, mention = pieces[i]
        j = i
        while j + 1 < len(pieces) and mention is not None and pieces[j + 1][3] is mention:
            j += 1
        end = pieces[j][1]
        piece = escape(text[start:end])
        if mention is None:
            out.append(str(piece))
        elif mention.get("entity"):
            entity = mention["entity"]
            out.append(f'<a class="mention"{_attrs(href=entity_url(entity["id"]), data_entity=entity["id"], data_start=start, data_end=end, title=entity["label"])}>'
                       f"{piece}</a>")
        else:
            out.append(f'<mark class="mention unlinked"{_attrs(data_start=start, data_end=end, title=unlinked_title(mention))}>'
                       f"{piece}</mark>")
        i = j + 1
    return "".join(out)
