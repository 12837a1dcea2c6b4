"""Work-order ranking, price check, duplicates, GL coding and the arithmetic checks (pure)."""

import datetime
from decimal import Decimal

from invoices import matching
from invoices.matching import InvoiceFacts, Prior, WorkOrderFacts

DAY = datetime.date(2026, 3, 15)


def wo(**over):
    base = dict(
        id="w1", number="WO-0000123", vendor_id="v1", property_id="p1", property_name="Harbor View",
        unit_number="A-101", title="Kitchen faucet leaking", description="replace cartridge", category="plumbing",
        status="completed", requested_date=DAY - datetime.timedelta(days=6), scheduled_date=None,
        completed_date=DAY - datetime.timedelta(days=1), estimated_cost=Decimal("300.00"),
    )  # fmt: skip
    base.update(over)
    return WorkOrderFacts(**base)


def inv(**over):
    base = dict(vendor_id="v1", invoice_date=DAY, total=Decimal("320.00"), work_order_reference="", unit="A-101",
                property_text="", text="Faucet cartridge replacement, labor")  # fmt: skip
    base.update(over)
    return InvoiceFacts(**base)


def test_an_explicit_reference_wins():
    ranked = matching.rank_work_orders([wo(), wo(id="w2", number="WO-0000999")], inv(work_order_reference="WO 999"))
    assert ranked[0]["work_order"] == "w2" and ranked[0]["score"] == 0.95


def test_vendor_unit_text_date_and_amount_rank_the_right_order_first_and_link_it():
    other = wo(id="w2", number="WO-2", vendor_id="v9", unit_number="C-3", title="Broken blinds", category="general",
               completed_date=DAY - datetime.timedelta(days=50), estimated_cost=Decimal("80"))  # fmt: skip
    ranked = matching.rank_work_orders([other, wo()], inv())
    assert [c["work_order"] for c in ranked] == ["w1", "w2"]
    linked, score, why = matching.auto_link(ranked)
    assert linked == "w1" and score >= matching.AUTO_LINK_THRESHOLD and "unit A-101" in why


def test_a_weak_best_candidate_is_not_linked():
    ranked = matching.rank_work_orders([wo(vendor_id="v9", unit_number="Z-9", title="Paint")], inv(text="Roof"))
    linked, score, why = matching.auto_link(ranked)
    assert linked is None and why.startswith("No confident match")


def test_price_check_against_the_vendor_then_the_portfolio():
    check = matching.price_check(total=Decimal("336.00"), category_label="Plumbing",
                                 vendor_history=[Decimal("300"), Decimal("290"), Decimal("310")], portfolio_history=[])  # fmt: skip
    assert check.anomaly and check.details.startswith("12% above this vendor's typical amount for plumbing ($300.00)")
    ok = matching.price_check(total=Decimal("305"), category_label="HVAC",
                              vendor_history=[Decimal("300")] * 3, portfolio_history=[])  # fmt: skip
    assert not ok.anomaly and "HVAC" in ok.details
    portfolio = matching.price_check(total=Decimal("500"), category_label="Plumbing", vendor_history=[],
                                     portfolio_history=[Decimal("200")] * 5)  # fmt: skip
    assert portfolio.anomaly and "portfolio's typical amount" in portfolio.details
    none = matching.price_check(total=Decimal("500"), category_label="", vendor_history=[], portfolio_history=[])
    assert not none.anomaly and not none.validated


def test_labour_above_the_vendors_rate_is_flagged():
    rate = matching.labour_rate([{"description": "Labor 3 hrs", "unit_price": "120.00"}, {"description": "Part"}])
    check = matching.price_check(total=Decimal("360"), category_label="Plumbing", vendor_history=[],
                                 portfolio_history=[], labour_rate=rate, vendor_hourly_rate=Decimal("95"))  # fmt: skip
    assert check.anomaly and "Labour billed at $120.00/h" in check.details


def test_duplicates():
    prior = Prior(id="p", label="invoice PF-1 (approved)", vendor_id="v1", number="PF-1", total=Decimal("100"),
                  invoice_date=DAY)  # fmt: skip
    assert (
        matching.duplicate_reason(vendor_id="v1", number="pf 1", total=None, invoice_date=None, priors=[prior])[0]
        == "p"
    )
    near = matching.duplicate_reason(vendor_id="v1", number="X", total=Decimal("100"),
                                     invoice_date=DAY + datetime.timedelta(days=5), priors=[prior])  # fmt: skip
    assert near[0] == "p" and "within 7 days" in near[1]
    far = matching.duplicate_reason(vendor_id="v1", number="X", total=Decimal("100"),
                                    invoice_date=DAY + datetime.timedelta(days=30), priors=[prior])  # fmt: skip
    assert far == (None, "")
    assert matching.duplicate_reason(vendor_id="v2", number="PF-1", total=None, invoice_date=None, priors=[prior]) == (
        None,
        "",
    )


def test_gl_codes_from_category_and_text():
    assert matching.gl_code_for(category="plumbing", text="Replace faucet cartridge") == ("6210", 0.95)
    assert matching.gl_code_for(category=None, text="Weekly lawn mowing and shrub trimming")[0] == "6400"
    assert matching.gl_code_for(category="hvac", text="misc")[0] == "6230"
    assert matching.gl_code_for(category=None, text="misc") == ("6200", 0.3)


def test_cross_checks():
    checks = matching.cross_checks(lines=[{"quantity": "2", "unit_price": "10", "total": "21"}], subtotal="21",
                                   tax="1", total="22")  # fmt: skip
    assert [c["check"] for c in checks] == [
        "quantity_times_price",
        "lines_sum_to_subtotal",
        "subtotal_plus_tax_is_total",
    ]
    assert [c["ok"] for c in checks] == [False, True, True]
