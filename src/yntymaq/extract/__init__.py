"""From a text to what it says about the knowledge base's entities: mentions (and, later, claims)."""


def extract(text, kb, **options):
    """A document's sentences, mentions and claims (see `yntymaq.extract.document.extract`)."""
    from yntymaq.extract.document import extract as run

    return run(text, kb, **options)
