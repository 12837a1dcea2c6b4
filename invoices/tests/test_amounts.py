"""Invoice arithmetic: Decimal, half-up to the cent, bounded (pure)."""

from decimal import Decimal as D

from invoices import amounts


def test_line_amount_rounds_half_up_to_the_cent():
    assert amounts.line_amount(D("1.5"), D("85.00")) == D("127.50")
    assert amounts.line_amount(D("3"), D("0.335")) == D("1.01")  # 1.005 -> 1.01, not banker's 1.00
    assert amounts.line_amount(D("0.33"), D("10.05")) == D("3.32")  # 3.3165
    assert amounts.line_amount(D("0.01"), D("0.50")) == D("0.01")  # 0.005 -> 0.01


def test_totals_are_the_sum_of_rounded_lines_plus_tax():
    t = amounts.invoice_totals([(D("3"), D("0.335")), (D("3"), D("0.335"))], D("0.10"))
    assert t.amounts == (D("1.01"), D("1.01"))
    assert t.subtotal == D("2.02") and t.tax == D("0.10") and t.total == D("2.12")
    # float arithmetic would say 0.30000000000000004
    t = amounts.invoice_totals([(D("1"), D("0.10")), (D("1"), D("0.20"))], D("0"))
    assert t.total == D("0.30")


def test_line_bounds():
    assert amounts.line_problem(D("1"), D("0")) is None  # a no-charge line
    assert amounts.line_problem(D("10000"), D("1000000")) is None
    assert "quantity" in amounts.line_problem(D("0"), D("1"))
    assert "quantity" in amounts.line_problem(D("-1"), D("1"))
    assert "quantity" in amounts.line_problem(D("10000.01"), D("1"))
    assert "2 decimal" in amounts.line_problem(D("1.005"), D("1"))
    assert "unit price" in amounts.line_problem(D("1"), D("-0.01"))
    assert "unit price" in amounts.line_problem(D("1"), D("1000000.01"))
    assert "unit price" in amounts.line_problem(D("1"), D("NaN"))


def test_totals_bounds():
    assert amounts.totals_problem(amounts.invoice_totals([], D("0"))) == "An invoice needs at least one line item."
    many = amounts.invoice_totals([(D("1"), D("1"))] * 201, D("0"))
    assert "at most 200" in amounts.totals_problem(many)
    big = amounts.invoice_totals([(D("10000"), D("1000000"))], D("0"))  # $10 billion
    assert "above the $10,000,000.00 limit" in amounts.totals_problem(big)
    assert amounts.totals_problem(amounts.invoice_totals([(D("10"), D("1000000"))], D("0"))) is None  # exactly 10M
    assert "tax" in amounts.totals_problem(amounts.invoice_totals([(D("1"), D("1"))], D("1000000.01")))
