"""A chart of expense accounts for residential property management (data, not rules): the GL code an invoice
is coded to (`invoices.matching.gl_code_for`), editable on the review screen. Codes follow the common 6000s
operating-expense block and the 1500s for capital improvements (capitalised, not expensed)."""

ACCOUNTS: list[dict] = [
    {
        "code": "6200",
        "name": "Repairs & Maintenance — General",
        "keywords": ["repair", "fix", "handyman", "maintenance", "patch"],
    },
    {
        "code": "6210",
        "name": "Repairs & Maintenance — Plumbing",
        "keywords": [
            "plumb",
            "leak",
            "faucet",
            "toilet",
            "drain",
            "pipe",
            "water heater",
            "sewer",
            "valve",
            "supply line",
            "cartridge",
            "clog",
        ],
    },
    {
        "code": "6220",
        "name": "Repairs & Maintenance — Electrical",
        "keywords": ["electric", "outlet", "breaker", "wiring", "gfci", "light fixture", "panel", "switch"],
    },
    {
        "code": "6230",
        "name": "Repairs & Maintenance — HVAC",
        "keywords": [
            "hvac",
            "furnace",
            "air condition",
            "a/c",
            "compressor",
            "refrigerant",
            "thermostat",
            "heat pump",
            "condenser",
            "filter",
        ],
    },
    {
        "code": "6240",
        "name": "Repairs & Maintenance — Appliances",
        "keywords": [
            "appliance",
            "refrigerator",
            "fridge",
            "dishwasher",
            "washer",
            "dryer",
            "oven",
            "range",
            "microwave",
            "disposal",
        ],
    },
    {
        "code": "6250",
        "name": "Repairs & Maintenance — Structural & Roofing",
        "keywords": ["roof", "structural", "foundation", "drywall", "siding", "framing", "window", "door", "stair"],
    },
    {
        "code": "6260",
        "name": "Pest Control",
        "keywords": ["pest", "extermin", "termite", "rodent", "bed bug", "roach", "ant treatment"],
    },
    {
        "code": "6270",
        "name": "Locks & Security",
        "keywords": ["lock", "rekey", "key", "security", "access control", "camera"],
    },
    {
        "code": "6300",
        "name": "Turnover / Make-Ready",
        "keywords": [
            "make-ready",
            "make ready",
            "turnover",
            "turn",
            "move-out",
            "paint",
            "touch-up",
            "carpet clean",
            "flooring",
        ],
    },
    {
        "code": "6310",
        "name": "Cleaning & Janitorial",
        "keywords": ["clean", "janitor", "trash-out", "debris", "pressure wash", "window wash"],
    },
    {
        "code": "6400",
        "name": "Landscaping & Grounds",
        "keywords": ["landscap", "lawn", "mow", "tree", "shrub", "mulch", "irrigation", "sprinkler", "snow", "leaf"],
    },
    {
        "code": "6500",
        "name": "Utilities",
        "keywords": ["electricity", "kwh", "gas service", "water service", "sewer service", "utility", "meter"],
    },
    {
        "code": "6600",
        "name": "Waste Removal",
        "keywords": ["dumpster", "waste", "hauling", "junk removal", "recycling"],
    },
    {"code": "6700", "name": "Pool & Amenities", "keywords": ["pool", "spa", "fitness", "amenity"]},
    {
        "code": "1500",
        "name": "Capital Improvements",
        "keywords": [
            "replacement of roof",
            "new roof",
            "remodel",
            "renovation",
            "upgrade",
            "new hvac system",
            "capital",
        ],
    },
]
DEFAULT_ACCOUNT = "6200"
# A work order's category (units.WorkOrderCategory) or a vendor's trade -> its usual account.
CATEGORY_ACCOUNT = {
    "plumbing": "6210",
    "electrical": "6220",
    "hvac": "6230",
    "appliance": "6240",
    "structural": "6250",
    "pest": "6260",
    "cleaning": "6310",
    "landscaping": "6400",
    "painting": "6300",
    "flooring": "6300",
    "locks_security": "6270",
    "turnover": "6300",
    "general": "6200",
}
ACCOUNT_NAMES = {a["code"]: a["name"] for a in ACCOUNTS}
