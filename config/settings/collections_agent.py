from decimal import Decimal

from config.env import env

# Smart collections: the legal step is never sent by the agent. It only recommends a legal referral (for a
# manager to approve or dismiss) when every automatic reminder has gone out and the overdue balance is at least
# this many dollars and this many days overdue. Business policy, not law: the statutory notice periods and fee
# caps live in properties.JurisdictionRule.
COLLECTIONS_LEGAL_MIN_BALANCE = Decimal(env("COLLECTIONS_LEGAL_MIN_BALANCE", default="500.00"))
COLLECTIONS_LEGAL_MIN_DAYS_OVERDUE = env.int("COLLECTIONS_LEGAL_MIN_DAYS_OVERDUE", default=30)
