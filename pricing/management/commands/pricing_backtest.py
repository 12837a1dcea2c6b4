"""python manage.py pricing_backtest [--property <id>] [--json]"""

import json

from django.core.management.base import BaseCommand

from pricing import selectors
from pricing.market import CompIndex, leave_one_out


class Command(BaseCommand):
    help = (
        "Leave-one-out accuracy of the comps model on the portfolio in the database (the demo, or one imported "
        "from CSV): each occupied unit's rent estimated from its comps without it, against its actual rent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--property", default=None, help="one property id (default: the whole portfolio)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, **opts):
        facts = selectors.pricing_facts(property_id=opts["property"])
        result = leave_one_out(facts, CompIndex(facts))
        if opts["json"]:
            self.stdout.write(json.dumps(result))
            return
        if not result["units"]:
            self.stdout.write("No occupied unit has 3 comparable occupied units: nothing to measure.")
            return
        self.stdout.write(
            f"Leave-one-out on {result['units']:,} of {result['occupied_units']:,} occupied units "
            f"({result['coverage_pct']}% have 3+ comps): median absolute error {result['median_abs_pct_error']}%, "
            f"{result['within_5_pct_share']}% of estimates within 5% of the actual rent."
        )
