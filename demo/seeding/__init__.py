"""The demo seed, by what it seeds (demo.seed is the entry point and writes the rows):

    common.py       deterministic randomness and ids, apportioning, dates, money (pure)
    portfolio.py    the lease-state plan; properties, units, tenants, leases
    ledger.py       a year of rent charges, payments, late fees, the currently overdue
    maintenance.py  work orders and equipment
    vendors.py      vendors and the invoices of their completed jobs

Each module only builds plain row dicts from a random stream; nothing here touches the database. A later
feature adds its demo data as a module beside these (or in its own app) and one call in demo.seed.
"""
