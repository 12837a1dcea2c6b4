import datetime
from decimal import Decimal

import factory

from renewals.models import RenewalRecommendation
from tenants.tests.factories import LeaseFactory


class RenewalRecommendationFactory(factory.django.DjangoModelFactory):
    """A pending recommendation for a lease ending in ~60 days (letter included)."""

    class Meta:
        model = RenewalRecommendation

    lease = factory.SubFactory(
        LeaseFactory, lease_end_date=factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))
    )
    tenant = factory.SelfAttribute("lease.tenant")
    unit = factory.SelfAttribute("lease.unit")
    property = factory.SelfAttribute("lease.property")
    churn_score = 0.42
    churn_risk_level = "medium"
    churn_factors = factory.LazyFunction(
        lambda: {
            "late_payments": 0.5,
            "maintenance_requests": 0.2,
            "rent_gap": 0.3,
            "tenure_short": 0.4,
            "market_trend": 0.6,
        }
    )
    current_rent = Decimal("1700.00")
    market_rent = Decimal("1800.00")
    recommended_rent = Decimal("1785.00")
    rent_increase_pct = 5.0
    rent_strategy = "market_rate"
    rent_reasoning = (
        "Medium churn risk (0.42) with rent below market ($1,800.00): move toward market (at most 5% this renewal)."
    )
    recommended_term_months = 12
    recommended_lease_start = factory.LazyAttribute(lambda o: o.lease.lease_end_date + datetime.timedelta(days=1))
    recommended_lease_end = factory.LazyAttribute(
        lambda o: (
            o.recommended_lease_start.replace(year=o.recommended_lease_start.year + 1) - datetime.timedelta(days=1)
        )
    )
    # Written today under the property's rule (PropertyFactory: Sacramento, CA: 30 days for +5%).
    notice_date = factory.LazyFunction(datetime.date.today)
    response_deadline = factory.LazyAttribute(lambda o: o.recommended_lease_start - datetime.timedelta(days=14))
    notice_days = 30
    notice_citation = "Cal. Civ. Code §827"
    renewal_letter_subject = "Your lease renewal offer"
    renewal_letter_text = "Dear tenant, your new monthly rent will be $1,785.00. " * 3
    renewal_sms_text = "Your renewal offer is in your email."
    letter_provider = "offline"
    letter_model = "offline"
    renewal_letter_generated_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    status = "pending"
