"""CSV exports of list endpoints: the rows streamed in chunks, text cells safe to open in a spreadsheet.

COLUMNS = [("work_order_number", lambda wo: wo.work_order_number), ("unit", lambda wo: wo.unit.unit_number)]
return csv_response(rows=qs.iterator(chunk_size=1000), columns=COLUMNS, filename="work-orders-2026-11-29.csv")
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP: tab and CR too
FLUSH_EVERY = 500


def csv_safe(value) -> str:
    """The cell's text, with spreadsheet formulas neutralised ("=cmd()" -> "'=cmd()"); negative numbers stay."""
    text = "" if value is None else str(value)
    if text[:1] in FORMULA_STARTS:
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def csv_lines(rows: Iterable, columns: list[tuple[str, Callable]]) -> Iterator[str]:
    """The header, then the rows, as text chunks of up to FLUSH_EVERY lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    writer.writerow([name for name, _ in columns])
    yield flush()
    for n, row in enumerate(rows, start=1):
        writer.writerow([csv_safe(get(row)) for _, get in columns])
        if n % FLUSH_EVERY == 0:
            yield flush()
    tail = flush()
    if tail:
        yield tail


def csv_response(*, rows: Iterable, columns: list[tuple[str, Callable]], filename: str) -> StreamingHttpResponse:
    """A streamed `text/csv` attachment. Pass a lazy iterable (`qs.iterator(chunk_size=...)`): the rows are read
    while the response is sent, so memory stays flat whatever the count."""
    response = StreamingHttpResponse(csv_lines(rows, columns), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
