"""Reading a vendor invoice's fields from its text (3.2, offline): pure — lines in, fields out, no Django, no I/O.

The adapter (`invoices/reading.py`) turns a PDF's text layer (pdfplumber, with positions) or an OCR'd photo
(Tesseract) into `Line`s: the cells of one printed line (text separated by a wide gap), with where they sit on the
page when known. From those lines:

- **labelled fields** (`LABELS`): a label in any of several phrasings ("Invoice #", "Inv. No.", "Bill number",
  "Date of issue", "Payment due", "Balance due"…) and its value in the same cell, the next cell, or the cell
  below it (forms print the value under the label);
- **dates** in the usual formats (2026-03-15, 03/15/2026, 15.03.2026, March 15, 2026, 15 Mar 2026, 15-Mar-26):
  day-first or month-first decided once per document from the dates that can only be read one way;
- **amounts** with currency signs or codes, thousands separators and a decimal point or comma (decided once per
  document), negatives in parentheses;
- **line items** from the table: its header row gives the columns (description, quantity, unit price, amount)
  and where they are; rows continue across pages (repeated headers and "continued" lines skipped), wrapped
  descriptions join their row; without a header, rows are lines that end in numbers whose arithmetic holds;
- **the vendor**: the known vendor the text names (fuzzy, ignoring "LLC"/"Inc." and punctuation), else a
  labelled "Remit to"/"From"/"Payable to", else the company-looking line at the top (larger type scores higher),
  never a line of the "Bill to" block (that is the customer: us);
- **arithmetic cross-checks**: quantity × unit price = amount, lines sum to the subtotal, subtotal + tax = total;
  each raises the confidence of the fields it ties together when it holds and lowers it when it does not, and
  the candidates for the totals are chosen so that the arithmetic holds when some choice makes it hold.

`extract(pages, known_vendors=...)` answers a JSON-able dict: the spec's fields plus `field_confidence`,
`field_locations` and `checks`. `split_invoices(pages)` says which pages belong together in a file that holds
several invoices.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

try:  # C-speed fuzzy matching when installed; a difflib fallback keeps the module importable without it
    from rapidfuzz import fuzz as _fuzz

    def _ratio(a: str, b: str) -> float:
        return _fuzz.ratio(a, b) / 100.0

    def _partial(a: str, b: str) -> float:
        return _fuzz.partial_ratio(a, b) / 100.0

except ImportError:  # pragma: no cover
    from difflib import SequenceMatcher

    def _ratio(a: str, b: str) -> float:
        return SequenceMatcher(None, a, b).ratio()

    def _partial(a: str, b: str) -> float:
        short, long_ = sorted((a, b), key=len)
        if not short:
            return 0.0
        best = 0.0
        for i in range(0, max(1, len(long_) - len(short) + 1)):
            best = max(best, SequenceMatcher(None, short, long_[i : i + len(short)]).ratio())
        return best


CENT = Decimal("0.01")
MONEY_MAX = Decimal("99999999.99")


# --- input ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    x0: float | None = None
    x1: float | None = None
    size: float | None = None  # font size (PDF text layer) or glyph height (OCR)


@dataclass(frozen=True, slots=True)
class Line:
    cells: tuple[Cell, ...]
    page: int = 1  # 1-based
    top: float | None = None
    bottom: float | None = None
    page_width: float | None = None
    page_height: float | None = None

    @property
    def text(self) -> str:
        return "   ".join(c.text for c in self.cells)

    @property
    def size(self) -> float:
        sizes = [c.size for c in self.cells if c.size]
        return max(sizes) if sizes else 0.0


_CELL_SPLIT = re.compile(r"\t+|\s{3,}|\s*\|\s*")


def lines_from_text(text: str, page: int = 1) -> list[Line]:
    """Lines of plain text (no positions): cells are split at tabs, pipes and runs of three or more spaces."""
    out = []
    for raw in text.splitlines():
        cells = tuple(Cell(c.strip()) for c in _CELL_SPLIT.split(raw) if c.strip())
        if cells:
            out.append(Line(cells=cells, page=page))
    return out


def pages_from_text(text: str) -> list[list[Line]]:
    """Pages split at form feeds."""
    return [lines_from_text(chunk, page=i) for i, chunk in enumerate(text.split("\f"), start=1)]


# --- numbers and dates ----------------------------------------------------------------------------------------

CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_CODES = ("USD", "CAD", "AUD", "EUR", "GBP", "NZD", "MXN", "CHF")
_CODES = "|".join(CURRENCY_CODES)
# an amount token: optional sign/paren, optional currency, digits with separators, optional decimals
AMOUNT = re.compile(
    rf"(?<![\w.,/-])(?:(?:{_CODES})\s?)?[-−(]?\s?[$€£]?\s?[-−]?"
    r"(?:\d{1,3}(?:[,.'\u00a0\u202f]\d{3})+|\d+)(?:[.,]\d{1,2})?\)?"
    rf"(?:\s?(?:{_CODES}|€|CR))?(?![\w/]|[.,]\d|-\d|\s?%)"
)
_HAS_DECIMALS = re.compile(r"\d[.,]\d{2}(?!\d)")


@dataclass(frozen=True, slots=True)
class NumberStyle:
    decimal_comma: bool = False


def number_style(texts) -> NumberStyle:
    """Decimal comma when amounts like 1.234,56 or 12,50 outnumber 1,234.56 / 12.50."""
    comma = point = 0
    for text in texts:
        comma += len(re.findall(r"\d\.\d{3},\d{2}(?!\d)|(?<![\d.,])\d{1,3},\d{2}(?![\d.,])", text))
        point += len(re.findall(r"\d,\d{3}\.\d{2}(?!\d)|(?<![\d.,])\d{1,3}\.\d{2}(?![\d.,])", text))
    return NumberStyle(decimal_comma=comma > point)


def parse_amount(token: str, style: NumberStyle = NumberStyle()) -> Decimal | None:
    """'$1,234.56' → 1234.56; '1.234,56 €' (decimal comma) → 1234.56; '(45.00)' → -45.00. None if not a number."""
    s = token.strip()
    negative = s.startswith(("(", "-", "−")) or s.endswith(")") or s.upper().endswith("CR")
    s = re.sub(rf"(?i)\b(?:{_CODES})\b|CR$|[$€£¥()\s\u00a0\u202f'−+-]", "", s)
    if not s or not re.fullmatch(r"[\d.,]+", s) or not re.search(r"\d", s):
        return None
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
    elif "," in s:
        decimal = "," if re.search(r",\d{1,2}$", s) and (style.decimal_comma or s.count(",") == 1) else None
        if decimal and re.fullmatch(r"\d{1,3}(,\d{3})+", s):
            decimal = None
    elif "." in s:
        decimal = "." if not (style.decimal_comma and re.fullmatch(r"\d{1,3}(\.\d{3})+", s)) else None
        if s.count(".") > 1:
            decimal = None
    else:
        decimal = None
    if decimal:
        whole, _, frac = s.rpartition(decimal)
        s = re.sub(r"[.,]", "", whole) + "." + frac
    else:
        s = re.sub(r"[.,]", "", s)
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    if value > MONEY_MAX:
        return None
    return -value if negative else value


def amounts_in(text: str, style: NumberStyle = NumberStyle()) -> list[tuple[Decimal, re.Match]]:
    out = []
    for m in AMOUNT.finditer(text):
        value = parse_amount(m.group(0), style)
        if value is not None:
            out.append((value, m))
    return out


MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january", "janv", "enero"),
            ("feb", "february", "febr", "fev"),
            ("mar", "march", "mars", "marzo"),
            ("apr", "april", "avr", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juin", "junio"),
            ("jul", "july", "juil", "julio"),
            ("aug", "august", "aout", "agosto"),
            ("sep", "sept", "september", "septiembre"),
            ("oct", "october", "octobre", "octubre"),
            ("nov", "november", "noviembre"),
            ("dec", "december", "decembre", "diciembre"),
        ),
        start=1,
    )
    for name in names
}
_MON = r"([A-Za-z]{3,9})\.?"
DATE_PATTERNS = (
    ("ymd", re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")),
    ("num", re.compile(r"(?<![\d/.-])(\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d/]|\.\d)")),
    ("dmy_name", re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+(?:of\s+)?{_MON}[\s,\-]+'?(\d{{4}}|\d{{2}})(?!\d)")),
    ("mdy_name", re.compile(rf"(?<![A-Za-z]){_MON}[\s\-]+(\d{{1,2}})(?:st|nd|rd|th)?,?[\s\-]+'?(\d{{4}}|\d{{2}})(?!\d)")),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DateStyle:
    day_first: bool | None = None  # None: month first unless a date can only be read day-first


def date_style(texts) -> DateStyle:
    votes_day = votes_month = 0
    dotted = 0
    for text in texts:
        for m in DATE_PATTERNS[1][1].finditer(text):
            a, sep, b = int(m.group(1)), m.group(2), int(m.group(3))
            if sep == ".":
                dotted += 1
            if a > 12 >= b:
                votes_day += 1
            elif b > 12 >= a:
                votes_month += 1
    if votes_day > votes_month:
        return DateStyle(True)
    if votes_month > votes_day:
        return DateStyle(False)
    return DateStyle(True if dotted else None)


def _year(y: str) -> int:
    n = int(y)
    return n + 2000 if n < 100 else n


def _make_date(y: int, m: int, d: int) -> datetime.date | None:
    if not 1990 <= y <= 2100:
        return None
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def dates_in(text: str, style: DateStyle = DateStyle()) -> list[tuple[datetime.date, int, int]]:
    """Every date in `text`: (date, start, end), in order of position."""
    found: list[tuple[datetime.date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = None
            if kind == "ymd":
                value = _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            elif kind == "num":
                a, b, y = int(m.group(1)), int(m.group(3)), _year(m.group(4))
                day_first = style.day_first
                if a > 12:
                    day_first = True
                elif b > 12:
                    day_first = False
                # month first (US) unless the document or the numbers say day first
                value = _make_date(y, b, a) if day_first else _make_date(y, a, b)
            elif kind == "dmy_name":
                month = MONTHS.get(m.group(2).lower()[:4].rstrip(".")) or MONTHS.get(m.group(2).lower()[:3])
                if month:
                    value = _make_date(_year(m.group(3)), month, int(m.group(1)))
            else:
                month = MONTHS.get(m.group(1).lower()[:4].rstrip(".")) or MONTHS.get(m.group(1).lower()[:3])
                if month and m.group(1).lower() in MONTHS or (month and len(m.group(1)) >= 3):
                    value = _make_date(_year(m.group(3)), month, int(m.group(2)))
            if value is not None:
                found.append((value, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    found.sort(key=lambda t: t[1])
    return found


def _strip_dates(text: str, style: DateStyle) -> str:
    for _, s, e in sorted(dates_in(text, style), key=lambda t: -t[1]):
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def money_str(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(CENT, rounding=ROUND_HALF_UP))


# --- labels -----------------------------------------------------------------------------------------------------

_SEP = r"\s*(?:[:#.\-–]|no\.?|nr\.?|num(?:ber)?\.?)?\s*"
LABELS: dict[str, tuple[str, ...]] = {
    "invoice_number": (
        r"invoice\s*(?:number|num|no|nbr|nr|#|id|ref(?:erence)?)\.?", r"inv\.?\s*(?:number|no|#|nbr)\.?",
        r"bill\s*(?:number|no|#)\.?", r"invoice", r"inv\s*#", r"document\s*(?:number|no|#)\.?",
        r"receipt\s*(?:number|no|#)\.?", r"statement\s*(?:number|no|#)\.?", r"ref(?:erence)?\s*(?:number|no|#)\.?",
        r"n[oº°]\.?\s*de\s*factura", r"factura",
    ),
    "invoice_date": (
        r"invoice\s*date", r"date\s*of\s*invoice", r"date\s*(?:of\s*)?issued?", r"issue\s*date", r"issued\s*(?:on)?",
        r"bill(?:ing)?\s*date", r"invoiced\s*(?:on)?", r"inv\.?\s*date", r"date\s*invoiced", r"statement\s*date",
        r"dated", r"date",
    ),
    "due_date": (
        r"(?:payment\s*)?due\s*(?:date|by|on)", r"payment\s*due", r"pay\s*by", r"please\s*pay\s*by", r"due",
        r"date\s*due",
    ),
    "po_number": (r"purchase\s*order\s*(?:number|no|#)?\.?", r"(?:customer\s*)?p\.?\s?o\.?\s*(?:number|no|#)?\.?"),
    "work_order_reference": (
        r"work\s*order\s*(?:number|no|#|ref(?:erence)?)?\.?", r"w\.?/?o\.?\s*(?:number|no|#)?\.?",
        r"job\s*(?:number|no|#|ref)\.?", r"service\s*order\s*(?:number|no|#)?\.?", r"ticket\s*(?:number|no|#)?\.?",
        r"your\s*ref(?:erence)?\.?",
    ),
    "subtotal": (
        r"sub[\s-]*total", r"net\s*(?:amount|total)", r"total\s*(?:before|excl\.?|excluding|w/o)\s*tax",
        r"amount\s*before\s*tax", r"total\s*(?:labor|labour)?\s*(?:and|&)\s*materials", r"taxable\s*amount",
    ),
    "tax": (
        r"(?:sales\s*|state\s*|local\s*)?tax(?:es)?", r"vat", r"gst", r"hst", r"pst",
    ),
    "total": (
        r"(?:total|amount|balance)\s*(?:now\s*)?due", r"grand\s*total", r"invoice\s*total", r"total\s*amount",
        r"amount\s*payable", r"please\s*pay", r"total\s*(?:usd|cad|eur)?", r"balance", r"amount\s*owed",
        r"pay\s*this\s*amount", r"total\s*payable",
    ),
    "payment_terms": (r"(?:payment\s*)?terms",),
    "vendor": (
        r"remit\s*(?:payment\s*)?to", r"(?:make\s*)?(?:checks?|cheques?)\s*payable\s*to", r"payable\s*to",
        r"pay\s*to", r"vendor(?:\s*name)?", r"from", r"contractor", r"supplier", r"billed\s*by", r"sold\s*by",
        r"service\s*provider",
    ),
    "unit": (r"unit", r"apt\.?", r"apartment", r"suite", r"ste\.?"),
    "property": (
        r"property(?:\s*name)?", r"service\s*(?:address|location)", r"job\s*(?:site|address|location)",
        r"site(?:\s*address)?", r"location", r"premises", r"work\s*site",
    ),
}  # fmt: skip
CUSTOMER_LABELS = re.compile(
    r"^\s*(?:bill(?:ed)?\s*to|invoice\s*to|sold\s*to|ship\s*to|customer|client|to)\b\s*:?", re.IGNORECASE
)
_LABEL_RE = {
    name: [re.compile(rf"(?:^|(?<=[\s|,;(]))(?:{p}){_SEP}(?![a-z])", re.IGNORECASE) for p in patterns]
    for name, patterns in LABELS.items()
}
TOTALS_START = re.compile(
    r"^\s*(?:sub[\s-]*total|total|tax|sales\s*tax|vat|gst|hst|amount\s*due|balance|grand\s*total|invoice\s*total|"
    r"net\s*(?:amount|total)|please\s*pay|amount\s*payable|shipping|discount|deposit|payments?\s*received|"
    r"less\s*(?:deposit|payment))\b",
    re.IGNORECASE,
)
PAGE_MARK = re.compile(r"\bpage\s*(\d+)\s*(?:of|/)\s*(\d+)\b|^\s*page\s*(\d+)\s*$|^\s*(\d+)\s*/\s*(\d+)\s*$", re.I)
CONTINUED = re.compile(r"\b(?:continued|cont'?d|carried\s*forward|brought\s*forward)\b", re.IGNORECASE)
ID_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_/.]*[A-Za-z0-9]|[A-Za-z0-9]")
ID_STOP = {"no", "number", "num", "date", "nr", "of", "the", "invoice", "page", "for", "is", "to", "and", "id"}


@dataclass
class Found:
    value: object
    confidence: float
    line: Line | None = None
    cell: Cell | None = None
    how: str = ""


def _label_hits(line: Line, name: str):
    """(cell index, match) for each cell of `line` where a label of `name` appears."""
    for ci, cell in enumerate(line.cells):
        for pattern in _LABEL_RE[name]:
            m = pattern.search(cell.text)
            if m and m.start() <= max(2, len(cell.text) // 2):
                yield ci, m
                break


def _below(lines: list[Line], index: int, cell: Cell, max_down: int = 2):
    """Cells under `cell` on the next lines (same column when positions are known)."""
    line = lines[index]
    for j in range(index + 1, min(len(lines), index + 1 + max_down)):
        nxt = lines[j]
        if nxt.page != line.page:
            return
        if cell.x0 is not None and nxt.cells and nxt.cells[0].x0 is not None:
            width = max(cell.x1 - cell.x0, 1.0)
            for c in nxt.cells:
                overlap = min(c.x1, cell.x1 + width) - max(c.x0, cell.x0 - 4)
                if overlap > 0:
                    yield nxt, c
                    break
        else:
            yield nxt, nxt.cells[0]


class _Doc:
    def __init__(self, pages: list[list[Line]]):
        self.lines = [line for page in pages for line in page]
        texts = [line.text for line in self.lines]
        self.style = number_style(texts)
        self.dstyle = date_style(texts)

    # value readers: text -> value or None
    def read_id(self, text: str):
        text = text.strip().lstrip(":#.- ")
        for tok in ID_TOKEN.findall(text)[:3]:
            tok = tok.strip(".-/")
            if tok.lower() in ID_STOP or not re.search(r"\d", tok) or len(tok) > 40:
                continue
            if dates_in(tok, self.dstyle) and not re.search(r"[A-Za-z]", tok):
                continue
            return tok
        return None

    def read_date(self, text: str):
        found = dates_in(text, self.dstyle)
        return found[0][0] if found else None

    def read_money(self, text: str):
        text = _strip_dates(text, self.dstyle)
        found = [v for v, m in amounts_in(text, self.style) if _HAS_DECIMALS.search(m.group(0)) or "$" in m.group(0)]
        if not found:
            found = [v for v, _ in amounts_in(text, self.style)]
        return found[-1] if found else None

    def read_text(self, text: str):
        text = text.strip().lstrip(":#.- ").strip()
        return text[:120] if len(text) >= 2 and re.search(r"[A-Za-z0-9]", text) else None

    def labelled(self, name: str, reader, *, below: bool = True, skip=None) -> list[Found]:
        """Candidates for a labelled field: the rest of the label's cell, the next cell, the cell below."""
        out: list[Found] = []
        for i, line in enumerate(self.lines):
            if skip and skip(line):
                continue
            for ci, m in _label_hits(line, name):
                cell = line.cells[ci]
                rest = _cut_at_next_label(cell.text[m.end() :])
                if rest.strip():
                    value = reader(rest)
                    if value is not None:
                        out.append(Found(value, 0.85 - 0.02 * m.start(), line, cell, "same cell"))
                        continue
                    if len(rest.strip()) > 3:
                        continue  # the label's own cell says something else ("Invoice Summary")
                if ci + 1 < len(line.cells):
                    value = reader(line.cells[ci + 1].text)
                    if value is not None:
                        out.append(Found(value, 0.82, line, line.cells[ci + 1], "next cell"))
                        continue
                if below:
                    for nxt, c in _below(self.lines, i, cell):
                        value = reader(c.text)
                        if value is not None:
                            out.append(Found(value, 0.72, nxt, c, "below"))
                            break
        return out


_ANY_LABEL = re.compile(
    r"\s(?:invoice\s*(?:date|no|number|#)|date|due|terms|p\.?o\.?\s*(?:#|no)|work\s*order|account|customer|page)\b",
    re.IGNORECASE,
)


def _cut_at_next_label(text: str) -> str:
    m = _ANY_LABEL.search(text)
    return text[: m.start()] if m and m.start() > 0 else text


def _loc(found: Found | None) -> dict | None:
    if found is None or found.line is None:
        return None
    line, cell = found.line, found.cell
    loc: dict = {"page": line.page}
    if cell is not None and cell.x0 is not None and line.top is not None and line.page_width and line.page_height:
        w, h = line.page_width, line.page_height
        loc["bbox"] = [
            round(cell.x0 / w, 4), round(line.top / h, 4), round(cell.x1 / w, 4), round((line.bottom or line.top) / h, 4),
        ]  # fmt: skip
    return loc


# --- vendor -------------------------------------------------------------------------------------------------------

COMPANY_WORDS = re.compile(
    r"\b(?:llc|l\.l\.c|inc|incorporated|co|corp|corporation|company|ltd|limited|lp|llp|pllc|gmbh|plumbing|electric(?:al)?|"
    r"hvac|heating|cooling|air|mechanical|landscap\w*|lawn|garden\w*|pest|exterminat\w*|paint\w*|roofing|roof|"
    r"clean\w*|janitorial|contract\w*|construction|builders?|repairs?|maintenance|services?|supply|supplies|"
    r"solutions|group|enterprises|handyman|appliances?|flooring|carpet|glass|locksmith|restoration|drain|sewer|"
    r"sons|bros|brothers|partners|works|pros?|experts?|specialists?|tree|snow|pool|fire|security|waste|hauling)\b",
    re.IGNORECASE,
)
NOT_VENDOR = re.compile(
    r"^\s*(?:invoice|tax\s*invoice|bill|statement|receipt|quote|estimate|original|copy|page\b|date|due|total|"
    r"description|qty|amount|thank|terms|remit|bill\s*to|ship\s*to|sold\s*to|phone|tel|fax|email|e-mail|www\.|http)"
    r"|@|\b(?:street|st\.|avenue|ave\.?|road|rd\.|blvd|suite|drive|dr\.|lane|ln\.|way|p\.?o\.?\s*box)\b"
    r"|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\(\d{3}\)|\d{3}[-.\s]\d{3}[-.\s]\d{4}|^\s*\d",
    re.IGNORECASE,
)
_SUFFIX = re.compile(r"\b(?:llc|l\.l\.c\.?|inc\.?|incorporated|co\.?|corp\.?|corporation|company|ltd\.?|the)\b", re.I)


def normalise_name(name: str) -> str:
    name = _SUFFIX.sub(" ", name.lower())
    name = re.sub(r"&", " and ", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


def match_vendor(name: str, known: list[str]) -> tuple[str | None, float]:
    """The known vendor `name` most likely means, and how sure (0..1); (None, best score) under 0.85."""
    target = normalise_name(name)
    best, score = None, 0.0
    if not target:
        return None, 0.0
    for candidate in known:
        norm = normalise_name(candidate)
        if not norm:
            continue
        s = _ratio(target, norm)
        if min(len(target), len(norm)) >= 6:
            s = max(s, 0.96 * _partial(target, norm) if abs(len(target) - len(norm)) < 12 else 0.0)
        if s > score:
            best, score = candidate, s
    return (best, score) if score >= 0.85 else (None, score)


def _customer_cells(lines: list[Line]) -> set[tuple[int, int]]:
    """(line id, cell index) of cells in a customer block (bill-to columns beside the vendor's own)."""
    out: set[tuple[int, int]] = set()
    for i, line in enumerate(lines):
        for ci, cell in enumerate(line.cells):
            if not CUSTOMER_LABELS.match(cell.text):
                continue
            out.add((id(line), ci))
            for j in range(i + 1, min(len(lines), i + 6)):
                nxt = lines[j]
                if nxt.page != line.page:
                    break
                for cj, c in enumerate(nxt.cells):
                    if cell.x0 is not None and c.x0 is not None:
                        if c.x0 < cell.x0 + 40 and c.x1 > cell.x0 - 10:
                            out.add((id(nxt), cj))
                    elif cj == min(ci, len(nxt.cells) - 1):
                        out.add((id(nxt), cj))
    return out


_VENDOR_LABEL = re.compile(
    r"^.*?\b(?:remit(?:\s*payment)?\s*to|payable\s*to|pay\s*to|vendor(?:\s*name)?|from|billed\s*by|sold\s*by|"
    r"contractor|supplier|service\s*provider|choosing|thank\s*you\s*for\s*choosing)\s*[:\-]?\s*",
    re.IGNORECASE,
)


def _strip_vendor_label(text: str) -> str:
    m = _VENDOR_LABEL.match(text)
    return text[m.end() :] if m and m.end() < len(text) else text


def _read_company(text: str):
    """A business name out of a label's value: up to its address (", 12 Main St"), phone or email."""
    text = text.strip().lstrip(":#.- ").strip()
    text = re.split(r",\s*(?=\d)|\s+[-–|·]\s+|\s+\(?\d{3}\)?[-.\s]\d{3}|\s+\S+@\S+|\s{2,}", text)[0].strip(" ,;:")
    return text[:120] if len(text) >= 2 and re.search(r"[A-Za-z]", text) else None


_TITLE_WORD = re.compile(r"^(?:[^A-Za-z0-9]*)(?:tax\s*)?[!|1lI]nv[o0]ice|^statement|^receipt|^bill$", re.IGNORECASE)


def _whole_name(found: Found, lines: list[Line]) -> Found:
    """A business name in large type wrapped onto a second line ("Blue Sky Heating and Air," / "Inc.") joined
    back; a title OCR glued onto it ("Northside Flooring = INVOICE") cut off."""
    words = str(found.value).split()
    while len(words) > 1 and (_TITLE_WORD.match(words[-1]) or re.fullmatch(r"[=|!:~-]+", words[-1])):
        words.pop()
    text = " ".join(words)
    cell, line = found.cell, found.line
    if cell is not None and line is not None and cell.size and cell.x0 is not None:
        index = next((i for i, x in enumerate(lines) if x is line), None)
        for nxt in lines[index + 1 : index + 3] if index is not None else []:
            below = next((c for c in nxt.cells if c.x0 is not None and abs(c.x0 - cell.x0) <= 3), None)
            if below is None:
                continue
            if below.size and abs(below.size - cell.size) <= 0.5 and len(below.text) <= 40:
                if not NOT_VENDOR.search(below.text) and not _TITLE_WORD.match(below.text):
                    text = f"{text} {below.text.strip()}"
            break
    return Found(text, found.confidence, found.line, found.cell, found.how)


def _vendor(doc: _Doc, known: list[str]) -> tuple[Found | None, str | None, float]:
    """(found printed name, matched known vendor, match score)."""
    customer = _customer_cells(doc.lines)
    first_page = [line for line in doc.lines if line.page == doc.lines[0].page] if doc.lines else []
    # 1. a known vendor named in the text (the top of the first page first)
    if known:
        best: tuple[float, Found, str] | None = None
        for rank, line in enumerate(doc.lines[:400]):
            for ci, cell in enumerate(line.cells):
                if (id(line), ci) in customer or len(cell.text) < 3 or len(cell.text) > 80:
                    continue
                text = _read_company(_strip_vendor_label(cell.text)) or ""
                name, score = match_vendor(text, known)
                if name:
                    weight = score - (0.02 if rank > 15 else 0.0)
                    if best is None or weight > best[0]:
                        best = (weight, Found(text, min(0.97, score), line, cell, "known vendor"), name)
        if best is not None:
            return best[1], best[2], best[0]
    # 2. a labelled vendor ("Remit to", "Payable to", "From"), its address cut off
    labelled = [
        f
        for f in doc.labelled("vendor", _read_company)
        if not NOT_VENDOR.search(str(f.value)) and len(str(f.value)) <= 80
    ]
    labelled.sort(key=lambda f: (bool(COMPANY_WORDS.search(str(f.value))), f.confidence), reverse=True)
    # 3. the company-looking line at the top of the first page
    top_candidates: list[tuple[float, Found]] = []
    sizes = sorted({c.size for line in first_page[:25] for c in line.cells if c.size}, reverse=True)
    biggest = sizes[0] if sizes else 0
    table_at = next((i for i, line in enumerate(first_page) if _header_of(line) is not None), len(first_page))
    for rank, line in enumerate(first_page[: min(14, table_at)]):
        for ci, cell in enumerate(line.cells):
            text = cell.text.strip()
            if (id(line), ci) in customer or len(text) < 3 or len(text) > 60 or NOT_VENDOR.search(text):
                continue
            if CUSTOMER_LABELS.match(text) or re.fullmatch(r"(?i)(tax\s*)?invoice|bill|statement|receipt", text):
                continue
            if not re.search(r"[A-Za-z]{2}", text) or sum(ch.isdigit() for ch in text) > 3:
                continue
            score = 0.35 - 0.02 * rank
            if COMPANY_WORDS.search(text):
                score += 0.3
            if cell.size and biggest and cell.size >= biggest - 0.5:
                score += 0.25
            if ci == 0:
                score += 0.03
            top_candidates.append((score, Found(text, min(0.8, 0.35 + score / 2), line, cell, "top of page")))
    top_candidates.sort(key=lambda t: t[0], reverse=True)
    if top_candidates:
        top_candidates[0] = (top_candidates[0][0], _whole_name(top_candidates[0][1], first_page))
    if labelled and (not top_candidates or COMPANY_WORDS.search(str(labelled[0].value)) or top_candidates[0][0] < 0.6):
        return labelled[0], None, 0.0
    if top_candidates:
        return top_candidates[0][1], None, 0.0
    return (labelled[0], None, 0.0) if labelled else (None, None, 0.0)


# --- line items ---------------------------------------------------------------------------------------------------

HEADER_ROLES = {  # checked in this order (a code column before the description it sits beside)
    "code": re.compile(r"^(?:item\s*(?:#|no\.?|code|number)|sku|code|part\s*(?:#|no\.?)|ref\.?|pos\.?|#|line)$", re.I),
    "date": re.compile(r"^(?:date|service\s*date|day|date\s*of\s*service)$", re.IGNORECASE),
    "quantity": re.compile(
        r"^(?:qty\.?|quantity|hours?|hrs\.?|units?|count|no\.|#\s*units|qty\s*/\s*hrs|q'?ty|hrs?\s*/\s*qty|pcs|visits)$",
        re.IGNORECASE,
    ),
    "unit_price": re.compile(
        r"^(?:unit\s*(?:price|cost|rate)|rate|price|each|cost|unit\s*\$|price\s*(?:per|/)\s*unit|hourly\s*rate|"
        r"rate\s*/\s*price|u/?p|price\s*each|rate\s*\(\$\)|unit\s*amount)$",
        re.IGNORECASE,
    ),
    "amount": re.compile(
        r"^(?:amount|total|line\s*total|ext(?:ended)?\.?(?:\s*(?:price|amount|total))?|amt\.?|sum|subtotal|net|"
        r"total\s*(?:price|amount|cost)|price\s*total|charges?|amount\s*\(\w+\)|fee|amount\s*due)$",
        re.IGNORECASE,
    ),
    "description": re.compile(
        r"\b(?:description|desc\.?|details?|particulars|services?|work|product|task|activity|items?|job|labou?r|"
        r"materials?|rendered|performed|memo|narrative)\b",
        re.IGNORECASE,
    ),
}
QTY_UNIT = re.compile(
    r"^\s*(\d+(?:[.,]\d+)?)\s*(?:x|hrs?\.?|hours?|ea\.?|each|pcs?\.?|units?|sq\.?\s*ft\.?|sf|lf|ft|gal|visits?|days?)\s*$",
    re.IGNORECASE,
)


@dataclass
class Header:
    line: Line
    roles: list[tuple[str, Cell]] = field(default_factory=list)

    def has(self, role: str) -> bool:
        return any(r == role for r, _ in self.roles)


def _header_of(line: Line) -> Header | None:
    roles: list[tuple[str, Cell]] = []
    cells = list(line.cells)
    if len(cells) == 1:  # a header printed with single spaces: split into words
        words = cells[0].text.split()
        if len(words) < 2 or len(words) > 8:
            return None
        cells = [Cell(w) for w in words]
    for cell in cells:
        text = cell.text.strip().rstrip(":").strip()
        for role, pattern in HEADER_ROLES.items():
            if (pattern.search(text) if role == "description" else pattern.match(text)) and len(text) <= 40:
                roles.append((role, cell))
                break
        else:
            if len(text) > 25:
                return None
    names = {r for r, _ in roles}
    if "description" in names and names & {"amount", "unit_price"} and len(roles) >= 2:
        return Header(line, roles)
    if len(names & {"quantity", "unit_price", "amount"}) >= 2 and len(roles) >= 3:
        return Header(line, roles)
    return None


def _numeric_cell(text: str, doc: _Doc) -> Decimal | None:
    t = text.strip()
    m = QTY_UNIT.match(t)
    if m:
        return parse_amount(m.group(1), doc.style)
    if not re.fullmatch(r"[\s$€£(),.'\d−\-]+(?:\s?(?:USD|CAD|EUR|CR))?", t) or not re.search(r"\d", t):
        return None
    if dates_in(t, doc.dstyle):
        return None
    return parse_amount(t, doc.style)


@dataclass
class Row:
    description: str
    quantity: Decimal | None
    unit_price: Decimal | None
    amount: Decimal
    line: Line
    confidence: float = 0.7


def _q2(v: Decimal) -> Decimal:
    return v.quantize(CENT, rounding=ROUND_HALF_UP)


def _repair(q: Decimal | None, p: Decimal | None, a: Decimal) -> tuple[Decimal | None, Decimal | None, bool]:
    """(q, p, repaired) — a quantity or price whose decimal point was lost (OCR reads "2.5" as "25") put back
    when exactly that makes quantity × price = amount."""
    if q is None or p is None or _q2(q * p) == _q2(a):
        return q, p, False
    for factor in (Decimal(10), Decimal(100)):
        if _q2(q / factor * p) == _q2(a):
            return q / factor, p, True
        if _q2(q * (p / factor)) == _q2(a):
            return q, _q2(p / factor), True
    return q, p, False


def _repair_amount(q: Decimal | None, p: Decimal | None, a: Decimal) -> Decimal:
    """An amount whose decimal point was lost ("452.38" read "45238") put back when q × p says so."""
    if q is None or p is None or _q2(q * p) == _q2(a):
        return a
    for factor in (Decimal(100), Decimal(10)):
        if _q2(q * p) == _q2(a / factor):
            return _q2(a / factor)
    return a


def _resolve_numbers(nums: list[Decimal], texts: list[str]) -> tuple[Decimal | None, Decimal | None, Decimal, float]:
    """(qty, unit price, amount, confidence) from a row's numbers in order (no column positions)."""
    amount = nums[-1]
    if len(nums) >= 3:
        q, p = nums[-3], nums[-2]
        if _q2(q * p) == _q2(amount):
            return q, p, amount, 0.9
        if _q2(p * q) != _q2(amount) and len(nums) >= 4 and _q2(nums[-4] * nums[-3]) == _q2(amount):
            return nums[-4], nums[-3], amount, 0.85
        return q, p, amount, 0.55
    if len(nums) == 2:
        a = nums[0]
        if a == amount:
            return Decimal(1), a, amount, 0.8
        integer_like = not re.search(r"[.,]\d", texts[0]) or a == a.to_integral_value()
        if integer_like and 0 < a <= 1000 and amount != 0:
            return a, _q2(amount / a), amount, 0.7
        if a and (amount / a) == (amount / a).to_integral_value():
            return amount / a, a, amount, 0.7
        return None, a, amount, 0.45
    return Decimal(1), amount, amount, 0.6


def _row_from(line: Line, doc: _Doc, header: Header | None) -> tuple[str, Row | None]:
    """(description text, the row if the line carries numbers)."""
    cells = list(line.cells)
    if len(cells) == 1 and header is None:
        # plain text: split trailing numbers off single-spaced text
        m = re.match(
            r"^(.*?[A-Za-z].*?)\s+((?:[$€£(]?-?[\d.,]+\)?\s*(?:hrs?|ea|x)?\s+){0,3}[$€£(]?-?[\d.,]+\)?)\s*$",
            cells[0].text,
        )
        if m:
            cells = [Cell(m.group(1))] + [Cell(t) for t in m.group(2).split()]
    desc_parts, nums, num_texts, placed = [], [], [], {}
    positioned = header is not None and cells and cells[0].x0 is not None and header.roles[0][1].x0 is not None
    for cell in cells:
        value = _numeric_cell(cell.text, doc)
        role = None
        if positioned:
            centre = (cell.x0 + cell.x1) / 2
            best = min(
                header.roles,
                key=lambda rc: min(
                    abs(centre - (rc[1].x0 + rc[1].x1) / 2), abs(cell.x1 - rc[1].x1), abs(cell.x0 - rc[1].x0)
                ),
            )
            role = best[0]  # fmt: skip
        if value is None:
            if role in ("code", "date"):
                continue
            if dates_in(cell.text, doc.dstyle) and len(cell.text) <= 12:
                continue
            desc_parts.append(cell.text.strip())
            continue
        if role in ("quantity", "unit_price", "amount") and role not in placed:
            placed[role] = value
        elif role == "description" and not nums and not desc_parts:
            desc_parts.append(cell.text.strip())  # a leading number in the description column ("2 x filters")
            continue
        elif role in ("code", "date"):
            continue
        nums.append(value)
        num_texts.append(cell.text)
    desc = " ".join(p for p in desc_parts if p).strip(" -–:")
    if positioned and "amount" in placed:
        q, p = placed.get("quantity"), placed.get("unit_price")
        amount = _repair_amount(q, p, placed["amount"])
        conf = 0.8
        if q is not None and p is not None:
            q, p, repaired = _repair(q, p, amount)
            conf = (0.8 if repaired else 0.92) if _q2(q * p) == _q2(amount) else 0.5
        elif p is not None and q is None:
            q = Decimal(1) if p == amount else (_q2(amount / p) if p else None)
        elif q is not None and p is None:
            p = _q2(amount / q) if q else None
        else:
            q, p = Decimal(1), amount
        return desc, Row(desc, q, p, amount, line, conf)
    if nums:
        q, p, amount, conf = _resolve_numbers(nums, num_texts)
        if conf < 0.6:
            q2_, p2_, repaired = _repair(q, p, amount)
            if repaired:
                q, p, conf = q2_, p2_, 0.8
        return desc, Row(desc, q, p, amount, line, conf)
    return desc, None


def _is_noise(line: Line) -> bool:
    text = line.text
    return bool(PAGE_MARK.search(text) or CONTINUED.search(text) or re.match(r"(?i)^\s*(?:thank|please|notes?:)", text))


def _line_items(doc: _Doc) -> tuple[list[Row], bool]:
    """(rows, whether a table header was found)."""
    lines = doc.lines
    headers = [(i, h) for i, line in enumerate(lines) if (h := _header_of(line))]
    rows: list[Row] = []
    if headers:
        header_at = {i: h for i, h in headers}
        header = headers[0][1]
        pending = ""
        i = headers[0][0] + 1
        ended = False
        while i < len(lines):
            line = lines[i]
            if i in header_at:  # repeated on the next page
                header, i = header_at[i], i + 1
                continue
            if ended:
                break
            if (
                TOTALS_START.match(line.text)
                or any(_label_hits(line, "total"))
                and line.cells[0].text.lower().startswith(("total", "amount due", "balance"))
            ):
                ended = True
                # a later page may repeat the header and go on (a subtotal carried forward)
                later = [j for j, _ in headers if j > i]
                if later and CONTINUED.search(" ".join(x.text for x in lines[i : later[0]])):
                    i = later[0]
                    ended = False
                    continue
                break
            if _is_noise(line) or (line.page != header.line.page and not _plausible_row(line, doc)):
                i += 1
                continue
            desc, row = _row_from(line, doc, header)
            if row is None:
                # a description whose numbers sit on the next printed line (vertically centred beside two lines of
                # text) starts that row; otherwise it continues the row above (a wrapped description)
                nxt = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].page == line.page else None
                bare_next = nxt is not None and not TOTALS_START.match(nxt.text) and _bare_numbers(nxt, doc, header)
                if desc and bare_next:
                    pending = (
                        (pending + " " + desc).strip()
                        if not rows or not _close(rows[-1].line, line) or pending
                        else desc
                    )
                elif desc and rows and rows[-1].line.page == line.page and not pending and _close(rows[-1].line, line):
                    rows[-1].description = (rows[-1].description + " " + desc).strip()
                elif desc:
                    pending = (pending + " " + desc).strip()
            else:
                if not row.description and pending:
                    row.description = pending
                elif pending and row.description and not rows:
                    row.description = pending + " " + row.description
                pending = ""
                if row.description and row.amount is not None:
                    rows.append(row)
            i += 1
        return rows, True
    # no header: lines whose numbers hold together
    for line in lines:
        if TOTALS_START.match(line.text) or _is_noise(line) or any(_label_hits(line, "invoice_date")):
            continue
        desc, row = _row_from(line, doc, None)
        if row is not None and desc and len(desc) >= 3 and row.confidence >= 0.8 and row.quantity != 1:
            rows.append(row)
        elif row is not None and desc and row.confidence >= 0.8 and rows and rows[-1].line.page == line.page:
            rows.append(row)
    return rows, False


def _bare_numbers(line: Line, doc: _Doc, header: Header | None) -> bool:
    """A line of numbers only (the amounts of a row whose description is on the line above)."""
    desc, row = _row_from(line, doc, header)
    return row is not None and not desc


def _close(a: Line, b: Line) -> bool:
    if a.top is None or b.top is None or a.bottom is None:
        return True
    return b.top - a.bottom < max(a.bottom - a.top, 8) * 1.6


def _plausible_row(line: Line, doc: _Doc) -> bool:
    desc, row = _row_from(line, doc, None)
    return row is not None and bool(desc)


# --- the whole invoice ---------------------------------------------------------------------------------------------


def _pick(cands: list[Found]) -> Found | None:
    return max(cands, key=lambda f: f.confidence) if cands else None


def _money_cands(doc: _Doc, name: str, skip=None) -> list[Found]:
    return [f for f in doc.labelled(name, doc.read_money, below=True, skip=skip) if f.value is not None]


def _is_header_or_row(doc: _Doc, line: Line) -> bool:
    return _header_of(line) is not None


def _choose_totals(subs, taxes, totals, lines_sum):
    """The (subtotal, tax, total) candidates whose arithmetic holds, when some choice does."""
    best = None
    for s in subs or [None]:
        for t in taxes or [None]:
            for tot in totals or [None]:
                sv = s.value if s else None
                tv = t.value if t else None
                totv = tot.value if tot else None
                score = sum(f.confidence for f in (s, t, tot) if f)
                if sv is not None and totv is not None:
                    if _q2(sv + (tv or 0)) == _q2(totv):
                        score += 2
                    elif tv is None and sv == totv:
                        score += 1
                    else:
                        score -= 1
                if lines_sum is not None and sv is not None and _q2(lines_sum) == _q2(sv):
                    score += 1
                if (
                    lines_sum is not None
                    and totv is not None
                    and sv is None
                    and _q2(lines_sum + (tv or 0)) == _q2(totv)
                ):
                    score += 1
                if tv is not None and totv is not None and tv >= totv:
                    score -= 2
                if best is None or score > best[0]:
                    best = (score, s, t, tot)
    return best[1:] if best else (None, None, None)


def extract(pages: list[list[Line]], known_vendors: list[str] | tuple[str, ...] = ()) -> dict:
    """The invoice's fields from its pages' lines (see the module's docstring)."""
    doc = _Doc(pages)
    conf: dict[str, float] = {}
    locs: dict[str, dict] = {}
    out: dict = {}

    def put(name: str, found: Found | None, value=None):
        if found is None:
            out[name] = None
            conf[name] = 0.0
            return
        out[name] = found.value if value is None else value
        conf[name] = round(max(0.0, min(1.0, found.confidence)), 2)
        loc = _loc(found)
        if loc:
            locs[name] = loc

    # identifiers and dates
    number = _pick([f for f in doc.labelled("invoice_number", doc.read_id) if not _is_po_like(f)])
    if number is None:
        number = _fallback_number(doc)
    put("invoice_number", number)
    due = _pick(doc.labelled("due_date", doc.read_date))
    dates = [
        f
        for f in doc.labelled("invoice_date", doc.read_date)
        if due is None or f.line is not due.line or f.cell is not due.cell
    ]
    dates = [f for f in dates if not _label_is_due(f)]
    inv_date = _pick(dates)
    if inv_date is None:
        inv_date = _first_date(doc)
    put("invoice_date", inv_date, inv_date.value.isoformat() if inv_date else None)
    terms = _pick(doc.labelled("payment_terms", doc.read_text))
    out["payment_terms"] = str(terms.value)[:60] if terms else None
    conf["payment_terms"] = terms.confidence if terms else 0.0
    if due is None and inv_date is not None:
        net = re.search(r"(?i)\bnet\s*(\d{1,3})\b|\b(\d{1,3})\s*days\b", " ".join(x.text for x in doc.lines))
        if net:
            days = int(net.group(1) or net.group(2))
            due = Found(inv_date.value + datetime.timedelta(days=days), 0.5, None, None, "terms")
        elif re.search(r"(?i)due\s*(?:up)?on\s*receipt", " ".join(x.text for x in doc.lines)):
            due = Found(inv_date.value, 0.55, None, None, "terms")
    if due is not None and inv_date is not None and due.value < inv_date.value:
        due = None
    put("due_date", due, due.value.isoformat() if due else None)
    po = _pick(doc.labelled("po_number", doc.read_id))
    put("po_number", po)
    wo = _pick(doc.labelled("work_order_reference", doc.read_id))
    if wo is not None and wo.cell is not None:  # "WO-0000451" is the reference itself, prefix included
        whole = re.search(rf"\bW\.?/?O\.?[-#\s]*{re.escape(str(wo.value))}\b", wo.cell.text, re.IGNORECASE)
        if whole:
            wo.value = whole.group(0).strip()
    if wo is None:
        m = next(
            (
                (x, re.search(r"\bW\.?O\.?[-\s#:]*(\d{3,})", x.text))
                for x in doc.lines
                if re.search(r"\bW\.?O\.?[-\s#:]*\d{3,}", x.text)
            ),
            None,
        )
        if m:
            wo = Found(m[1].group(0).strip(), 0.7, m[0], m[0].cells[0], "pattern")
    put("work_order_reference", wo)
    unit = _pick(doc.labelled("unit", _read_unit, below=False))
    if unit is None:
        m = next(
            (
                (
                    x,
                    re.search(
                        r"(?i)\b(?:unit|apt\.?|apartment|suite|ste\.?)\s*#?\s*([A-Z]?-?\d+[A-Z]?(?:-\d+)?)\b", x.text
                    ),
                )
                for x in doc.lines
                if re.search(r"(?i)\b(?:unit|apt\.?|apartment|suite)\s*#?\s*[A-Z]?-?\d", x.text)
            ),
            None,
        )
        if m and m[1]:
            unit = Found(m[1].group(1), 0.6, m[0], m[0].cells[0], "pattern")
    put("unit", unit)
    prop = _pick(doc.labelled("property", doc.read_text))
    put("property", prop)

    # vendor
    vendor, matched, score = _vendor(doc, list(known_vendors))
    put("vendor_name", vendor)
    out["matched_vendor_name"] = matched
    out["vendor_match_score"] = round(score, 2) if matched else None
    remit = _pick(doc.labelled("vendor", doc.read_text))
    out["remit_to"] = str(remit.value) if remit else None
    out["vendor_address"] = _vendor_address(doc, vendor)

    # lines and totals
    rows, had_header = _line_items(doc)
    lines_sum = sum((r.amount for r in rows), Decimal(0)) if rows else None
    table_lines = {id(r.line) for r in rows}

    def skip(line):
        return id(line) in table_lines or _header_of(line) is not None

    subs = _money_cands(doc, "subtotal", skip)
    taxes = [
        f for f in _money_cands(doc, "tax", skip) if not re.search(r"(?i)tax\s*(?:id|#|no|number|exempt)", f.line.text)
    ]
    totals = [f for f in _money_cands(doc, "total", skip) if not _label_is_subtotal(f)]
    sub, tax, total = _choose_totals(subs, taxes, totals, lines_sum)
    checks = []
    if sub is None and rows:
        sub = Found(lines_sum, 0.55, None, None, "sum of lines")
    if total is None and sub is not None:
        total = Found(sub.value + (tax.value if tax else 0), 0.5, None, None, "subtotal + tax")
    if tax is None and sub is not None and total is not None:
        diff = total.value - sub.value
        if diff >= 0:
            tax = Found(diff, 0.55 if diff else 0.7, None, None, "total - subtotal")
    if sub is None and total is not None:
        sub = Found(total.value - (tax.value if tax else 0), 0.45, None, None, "total - tax")

    # cross-checks
    for r in rows:
        if r.quantity is not None and r.unit_price is not None:
            ok = _q2(r.quantity * r.unit_price) == _q2(r.amount)
            r.confidence = min(0.98, r.confidence + 0.05) if ok else max(0.2, r.confidence - 0.25)
    if rows and sub is not None:
        ok = _q2(lines_sum) == _q2(sub.value)
        checks.append({"check": "lines_sum_to_subtotal", "ok": ok,
                       "detail": f"lines {money_str(lines_sum)} vs subtotal {money_str(sub.value)}"})  # fmt: skip
        for r in rows:
            r.confidence = min(0.99, r.confidence + 0.08) if ok else max(0.15, r.confidence - 0.15)
        sub.confidence = min(0.99, sub.confidence + 0.1) if ok else max(0.2, sub.confidence - 0.15)
    if sub is not None and total is not None:
        ok = _q2(sub.value + (tax.value if tax else 0)) == _q2(total.value)
        checks.append({"check": "subtotal_plus_tax_is_total", "ok": ok,
                       "detail": f"{money_str(sub.value)} + {money_str(tax.value if tax else Decimal(0))} vs {money_str(total.value)}"})  # fmt: skip
        for f in (sub, tax, total):
            if f is not None:
                f.confidence = min(0.99, f.confidence + 0.1) if ok else max(0.2, f.confidence - 0.2)
    put("subtotal", sub, money_str(sub.value) if sub else None)
    put("tax", tax, money_str(tax.value) if tax else None)
    put("total", total, money_str(total.value) if total else None)
    out["line_items"] = [
        {
            "description": r.description[:255],
            "quantity": _num_str(r.quantity),
            "unit_price": money_str(r.unit_price) if r.unit_price is not None else None,
            "total": money_str(r.amount),
            "confidence": round(r.confidence, 2),
            "location": _loc(Found(None, 0, r.line, r.line.cells[0])),
        }
        for r in rows
    ]
    conf["line_items"] = round(sum(r.confidence for r in rows) / len(rows), 2) if rows else 0.0
    out["currency"] = _currency(doc)
    conf["currency"] = 0.9 if out["currency"] else 0.0
    key = ("vendor_name", "invoice_number", "invoice_date", "total", "line_items")
    out["field_confidence"] = conf
    out["field_locations"] = locs
    out["checks"] = checks
    out["confidence"] = round(sum(conf.get(k, 0) for k in key) / len(key), 2)
    out["table_header_found"] = had_header
    return out


def _num_str(v: Decimal | None) -> str | None:
    if v is None:
        return None
    v = v.normalize()
    return f"{v:f}"


def _is_po_like(f: Found) -> bool:
    return bool(
        re.search(
            r"(?i)\b(?:p\.?o\.?|purchase\s*order)\s*(?:#|no|number)",
            f.line.text[: (f.line.text.find(str(f.value)) if f.value else 0)],
        )
        and f.how != "same cell"
    )


def _label_is_due(f: Found) -> bool:
    text = f.line.text.lower() if f.line else ""
    idx = text.find("due")
    return (
        0 <= idx
        and f.how == "same cell"
        and idx < (text.find(f.cell.text.lower()) + len(f.cell.text) if f.cell else 0)
        and "invoice date" not in text
        and "date of" not in text
        and text.strip().startswith("due")
    )


def _label_is_subtotal(f: Found) -> bool:
    return bool(f.cell and re.match(r"(?i)^\s*(?:sub[\s-]*total|total\s*(?:before|excl)|net\s*total)", f.cell.text))


def _fallback_number(doc: _Doc) -> Found | None:
    for line in doc.lines[:60]:
        m = re.search(r"\b((?:INV|IN|BILL|No)[-#.\s]?\d[\w-]*|#\s?\d{3,}[\w-]*)", line.text)
        if m:
            value = m.group(1).lstrip("# ").strip()
            return Found(value, 0.45, line, line.cells[0], "pattern")
    return None


def _first_date(doc: _Doc) -> Found | None:
    for line in doc.lines[:40]:
        if re.search(r"(?i)\b(?:due|pay\s*by|expires?)\b", line.text):
            continue
        found = dates_in(line.text, doc.dstyle)
        if found:
            return Found(found[0][0], 0.45, line, line.cells[0], "first date")
    return None


def _read_unit(text: str):
    m = re.match(r"\s*[:#.\-]?\s*#?\s*([A-Z]{0,2}-?\d{1,5}[A-Z]?(?:-\d+)?)\b", text, re.IGNORECASE)
    return m.group(1) if m else None


def _vendor_address(doc: _Doc, vendor: Found | None) -> str | None:
    if vendor is None or vendor.line is None:
        return None
    idx = next((i for i, x in enumerate(doc.lines) if x is vendor.line), None)
    if idx is None:
        return None
    parts = []
    for line in doc.lines[idx + 1 : idx + 4]:
        cell = line.cells[0]
        if re.search(r"\d", cell.text) and len(cell.text) < 70 and not dates_in(cell.text, doc.dstyle):
            parts.append(cell.text.strip())
    return ", ".join(parts) or None


def _currency(doc: _Doc) -> str | None:
    text = " ".join(x.text for x in doc.lines)
    for code in CURRENCY_CODES:
        if re.search(rf"\b{code}\b", text):
            return code
    counts = {code: text.count(sign) for sign, code in CURRENCY_SIGNS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


# --- several invoices in one file ------------------------------------------------------------------------------


def _norm_id(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", value.lower())


def split_invoices(pages: list[list[Line]]) -> list[tuple[int, int]]:
    """Which pages belong together: [(first, last)] 1-based. A page starts a new invoice when it says it is page 1
    ("Page 1 of 2") or carries another invoice number than the pages before it; pages that say neither continue
    the invoice before them."""
    groups: list[list[int]] = []
    current_number = None
    for index, page in enumerate(pages, start=1):
        doc = _Doc([page])
        starts_at_one = False
        for line in page:
            m = PAGE_MARK.search(line.text)
            if m:
                first = m.group(1) or m.group(3) or m.group(4)
                starts_at_one = first == "1"
                break
        found = _pick([f for f in doc.labelled("invoice_number", doc.read_id) if f.how != "below" or True])
        number = _norm_id(str(found.value)) if found else None
        new = (
            not groups
            or starts_at_one
            or (number is not None and current_number is not None and number != current_number)
        )
        if new:
            groups.append([index, index])
            current_number = number
        else:
            groups[-1][1] = index
            current_number = current_number or number
    return [(a, b) for a, b in groups] or [(1, max(1, len(pages)))]
