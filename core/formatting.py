"""How figures read in letters, messages and descriptions: one definition each (pure, no Django).

`money` is also the `{{ value|money }}` filter of the offline templates (core.ai.offline.templates).
"""

import datetime
import html
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value) -> str:
    """`$1,234.56` (negative as `-$12.00`; None as `$0.00`), rounded half-up to the cent."""
    amount = Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


def whole_money(value) -> str:
    """`$1,150` for whole dollars, `$1,150.50` otherwise."""
    amount = Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"${amount:,.0f}" if amount == amount.to_integral_value() else money(amount)


def short_date(d: datetime.date | None) -> str:
    """`Mar 5, 2026`; "" for None."""
    return f"{d:%b} {d.day}, {d.year}" if d else ""


def long_date(d: datetime.date | None) -> str:
    """`March 5, 2026`; "" for None."""
    return f"{d:%B} {d.day}, {d.year}" if d else ""


def percent(value: float) -> str:
    """3.5 -> "3.5%", 5.0 -> "5%", 1.96 -> "1.96%"."""
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def letter_html(text: str) -> str:
    """A simple HTML version of a plain-text letter: one <p> per paragraph, <br> within one."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{'<br>'.join(html.escape(line) for line in p.splitlines())}</p>" for p in paragraphs)
    return (
        '<!doctype html><html><body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; '
        f'line-height: 1.5; color: #0F172A; max-width: 640px;">\n{body}\n</body></html>'
    )


def actor_display(actor: str | None) -> str:
    """How a person reads an audit actor (`core.services.actor_label`'s form): "user:pat@example.com" ->
    "pat@example.com"; "system" or "system:<agent>" -> "System"; anything else as it is. The SPA's
    `actorLabel` says the same for the logs it formats itself."""
    if not actor:
        return ""
    if actor.startswith("user:"):
        return actor[len("user:") :]
    if actor == "system" or actor.startswith("system:"):
        return "System"
    return actor
