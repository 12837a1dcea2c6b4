"""Small pure helpers every app needs once: chunking and UUID parsing. No ORM, no Django."""

import uuid
from collections.abc import Iterable, Iterator
from itertools import islice


def batched(iterable: Iterable, n: int) -> Iterator[list]:
    """itertools.batched (Python 3.12) for 3.11, yielding lists: set-based agents walk ids in chunks."""
    if n < 1:
        raise ValueError("n must be at least one")
    it = iter(iterable)
    while chunk := list(islice(it, n)):
        yield chunk


def parse_uuid(value) -> uuid.UUID | None:
    """A UUID from a URL segment or query value; None when malformed (callers answer 404/400)."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None
