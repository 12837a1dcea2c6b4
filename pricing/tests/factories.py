import datetime
from decimal import Decimal

from properties.tests.factories import PropertyFactory
from tenants.tests.factories import LeaseFactory
from units.tests.factories import UnitFactory


def small_portfolio(*, properties: int = 1, groups: int = 2, per_group: int = 5, today: datetime.date):
    """`properties` properties, each with `groups` floor plans of `per_group` occupied units and one vacant unit
    per plan (moved out 30 days before `today`). Returns the properties."""
    made = []
    for _ in range(properties):
        prop = PropertyFactory()
        for g in range(groups):
            for k in range(per_group):
                UnitFactory(
                    property=prop,
                    bedrooms=g + 1,
                    square_feet=700 + 100 * g + 10 * k,
                    current_rent=Decimal(1500 + 300 * g + 20 * k),
                    market_rent=Decimal(1550 + 300 * g),
                )
            vacant = UnitFactory(
                property=prop,
                bedrooms=g + 1,
                square_feet=720 + 100 * g,
                current_rent=Decimal(1800 + 300 * g),
                market_rent=Decimal(1550 + 300 * g),
                status="vacant",
            )
            LeaseFactory(
                unit=vacant,
                lease_status="vacant",
                status="terminated",
                lease_end_date=today - datetime.timedelta(days=30),
                actual_move_out_date=today - datetime.timedelta(days=30),
            )
        made.append(prop)
    return made
