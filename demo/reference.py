"""Reference data for the demo portfolio: names, places, vendors, work-order templates. Pure constants.

Every identity here is fictional: people are drawn from first/last-name lists, emails use example.com
and phone numbers use the 555-01XX range that is reserved for fiction.
"""

# (name, property_type, size_weight). Weights sum to 4,353 so the default seed gives these exact sizes;
# other lease counts are apportioned from them.
PROPERTIES: tuple[tuple[str, str, int], ...] = (
    ("Westfield Gardens", "garden", 438),
    ("Harbor Point Apartments", "midrise", 286),
    ("Cedar Ridge Townhomes", "townhome", 96),
    ("The Lofts at Millbrook", "midrise", 212),
    ("Summit Tower", "highrise", 344),
    ("Willow Creek Commons", "garden", 248),
    ("Riverside Terrace", "garden", 176),
    ("Maple Court", "garden", 72),
    ("Lakeview Heights", "highrise", 302),
    ("Oak Hollow Apartments", "garden", 188),
    ("Parkside Village", "townhome", 124),
    ("Brookstone Crossing", "garden", 226),
    ("The Meridian", "highrise", 265),
    ("Sunset Palms", "garden", 158),
    ("Aspen Grove", "garden", 134),
    ("Copper Canyon Residences", "midrise", 196),
    ("Magnolia Station", "midrise", 154),
    ("Pinecrest Manor", "garden", 92),
    ("Bayshore Flats", "midrise", 178),
    ("Hawthorne Place", "townhome", 84),
    ("Stonegate Apartments", "garden", 206),
    ("Granite Park Lofts", "midrise", 118),
    ("Fairview Commons", "garden", 56),
)

# (city, state, zip, area code, typical 1BR market rent in dollars, sales-tax rate on parts)
CITIES: tuple[tuple[str, str, str, str, int, str], ...] = (
    ("Seattle", "WA", "98103", "206", 2150, "0.1025"),
    ("Tacoma", "WA", "98402", "253", 1650, "0.1030"),
    ("Portland", "OR", "97209", "503", 1700, "0.0000"),
    ("Sacramento", "CA", "95814", "916", 1850, "0.0875"),
    ("San Diego", "CA", "92101", "619", 2600, "0.0775"),
    ("Phoenix", "AZ", "85004", "602", 1450, "0.0860"),
    ("Tucson", "AZ", "85701", "520", 1150, "0.0870"),
    ("Las Vegas", "NV", "89101", "702", 1400, "0.0838"),
    ("Denver", "CO", "80202", "303", 1800, "0.0881"),
    ("Salt Lake City", "UT", "84101", "801", 1450, "0.0775"),
    ("Boise", "ID", "83702", "208", 1350, "0.0600"),
    ("Austin", "TX", "78701", "512", 1600, "0.0825"),
    ("Dallas", "TX", "75201", "214", 1550, "0.0825"),
    ("Houston", "TX", "77002", "713", 1350, "0.0825"),
    ("Albuquerque", "NM", "87102", "505", 1150, "0.0788"),
    ("Kansas City", "MO", "64105", "816", 1200, "0.0885"),
    ("St. Louis", "MO", "63101", "314", 1100, "0.0954"),
    ("Minneapolis", "MN", "55401", "612", 1500, "0.0803"),
    ("Chicago", "IL", "60601", "312", 1950, "0.1025"),
    ("Milwaukee", "WI", "53202", "414", 1150, "0.0790"),
    ("Columbus", "OH", "43215", "614", 1250, "0.0775"),
    ("Indianapolis", "IN", "46204", "317", 1150, "0.0700"),
    ("Nashville", "TN", "37203", "615", 1650, "0.0925"),
    ("Atlanta", "GA", "30303", "404", 1650, "0.0890"),
    ("Charlotte", "NC", "28202", "704", 1500, "0.0725"),
    ("Raleigh", "NC", "27601", "919", 1450, "0.0725"),
    ("Richmond", "VA", "23219", "804", 1400, "0.0600"),
    ("Tampa", "FL", "33602", "813", 1750, "0.0750"),
    ("Orlando", "FL", "32801", "407", 1650, "0.0650"),
    ("Philadelphia", "PA", "19103", "215", 1750, "0.0800"),
    ("Boston", "MA", "02110", "617", 2900, "0.0625"),
    ("Baltimore", "MD", "21201", "410", 1500, "0.0600"),
)

STREETS = (
    "Maple Avenue", "Oak Street", "Cedar Lane", "Park Boulevard", "Lakeshore Drive", "Washington Street",
    "Highland Avenue", "River Road", "Sunset Boulevard", "Elm Street", "Mill Creek Parkway", "Harbor Way",
    "Pine Ridge Road", "Franklin Avenue", "Willow Way", "Madison Street", "Summit Drive", "Meadow Lane",
    "Stone Bridge Road", "Broadway", "Grand Avenue", "Spring Street", "Valley View Drive", "Aspen Court",
)

FIRST_NAMES = (
    "Maria", "James", "Sarah", "David", "Aisha", "Michael", "Priya", "Robert", "Linh", "Jennifer", "Carlos",
    "Emily", "Mohammed", "Jessica", "Wei", "Daniel", "Fatima", "Christopher", "Sofia", "Matthew", "Keisha",
    "Andrew", "Yuki", "Joshua", "Isabella", "Anthony", "Amara", "Kevin", "Olivia", "Jose", "Hannah", "Brian",
    "Mei", "Jason", "Grace", "Luis", "Chloe", "Tyler", "Nadia", "Eric", "Zoe", "Ahmed", "Rachel", "Diego",
    "Lauren", "Samuel", "Ava", "Hiroshi", "Megan", "Omar", "Natalie", "Kwame", "Elena", "Marcus", "Rebecca",
    "Tomas", "Abigail", "Jamal", "Leah", "Ravi", "Victoria", "Noah", "Ana", "Ethan", "Imani", "Benjamin",
    "Camila", "Nathan", "Ines", "Jacob", "Layla", "Gabriel", "Madison", "Arjun", "Julia", "Dmitri", "Sophie",
    "Alejandro", "Naomi", "Patrick", "Lucia", "Hassan", "Emma", "Kofi", "Charlotte", "Mateo", "Alicia",
    "Xavier", "Bianca", "Ryan", "Tanisha", "Samir", "Claire", "Elijah", "Rosa", "Jordan", "Min-jun", "Tessa",
)

LAST_NAMES = (
    "Gonzalez", "Chen", "Williams", "Johnson", "Patel", "Nguyen", "Smith", "Garcia", "Kim", "Brown", "Rodriguez",
    "Davis", "Martinez", "Lee", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
    "Thompson", "White", "Lopez", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Perez", "Hall", "Young",
    "Allen", "Sanchez", "Wright", "King", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Ramirez",
    "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Torres", "Parker", "Collins",
    "Edwards", "Stewart", "Flores", "Morris", "Murphy", "Rivera", "Cook", "Rogers", "Morgan", "Peterson",
    "Cooper", "Reed", "Bailey", "Bell", "Gomez", "Kelly", "Howard", "Ward", "Cox", "Diaz", "Richardson",
    "Wood", "Watson", "Brooks", "Bennett", "Gray", "James", "Reyes", "Cruz", "Hughes", "Price", "Myers",
    "Long", "Foster", "Sanders", "Ross", "Morales", "Powell", "Sullivan", "Russell", "Ortiz", "Jenkins",
    "Gutierrez", "Perry", "Butler", "Barnes", "Fisher", "Henderson", "Coleman", "Simmons", "Patterson",
    "Okafor", "Haddad", "Kowalski", "Yamamoto", "Singh", "Ivanova", "O'Brien", "Mensah", "Novak", "Tran",
)

# (name, trade, hourly-rate range in dollars). Trades match work-order categories.
VENDORS: tuple[tuple[str, str, tuple[int, int]], ...] = (
    ("Arctic Air Mechanical", "hvac", (105, 135)),
    ("Comfort Zone Heating & Cooling", "hvac", (95, 125)),
    ("Summit HVAC Services", "hvac", (100, 130)),
    ("TrueTemp Climate Control", "hvac", (90, 120)),
    ("BlueLine Plumbing Co.", "plumbing", (90, 125)),
    ("Rapid Rooter Drain Services", "plumbing", (85, 115)),
    ("Keystone Plumbing & Water Heaters", "plumbing", (95, 125)),
    ("FlowRight Plumbing", "plumbing", (85, 110)),
    ("Brightwire Electric", "electrical", (95, 130)),
    ("Volt Masters Electrical", "electrical", (90, 125)),
    ("Circuit Pro Electricians", "electrical", (95, 120)),
    ("ApplianceCare Repair", "appliance", (75, 105)),
    ("Prime Appliance Service", "appliance", (80, 110)),
    ("Metro Appliance Techs", "appliance", (75, 100)),
    ("Handy Hands Maintenance", "general", (55, 80)),
    ("Reliable Property Services", "general", (60, 85)),
    ("FixIt Facility Solutions", "general", (55, 75)),
    ("Northside Carpentry & Repair", "general", (60, 85)),
    ("GuardianPest Control", "pest", (60, 85)),
    ("Evergreen Pest Solutions", "pest", (65, 90)),
    ("FreshStart Make-Ready", "turnover", (45, 65)),
    ("ProCoat Painting", "turnover", (50, 70)),
    ("Sparkle Turnover Cleaning", "turnover", (40, 60)),
    ("Peak Roofing & Exteriors", "exterior", (70, 95)),
    ("GreenScape Grounds", "exterior", (55, 80)),
)

GL_CODES = {
    "general": "6400", "plumbing": "6410", "hvac": "6420", "electrical": "6430", "appliance": "6440",
    "pest": "6450", "turnover": "6460", "exterior": "6470",
}

# Work-order templates per category: (title, description, cost range $, priority weights low/med/high/emergency)
WORK_ORDERS: dict[str, tuple[tuple[str, str, tuple[int, int], tuple[int, int, int, int]], ...]] = {
    "hvac_summer": (
        ("AC not cooling", "Resident reports the air conditioner runs but the unit stays warm.", (180, 950), (5, 35, 45, 15)),
        ("AC unit making loud noise", "Rattling/grinding noise from the condenser when the AC runs.", (150, 700), (15, 50, 30, 5)),
        ("Thermostat not responding", "Thermostat display blank or not calling for cooling.", (90, 320), (20, 55, 25, 0)),
        ("AC leaking water", "Water pooling around the indoor air handler; condensate line likely clogged.", (120, 450), (10, 45, 40, 5)),
    ),
    "hvac_winter": (
        ("No heat", "Resident reports no heat; furnace/heat pump not producing warm air.", (180, 1100), (0, 20, 50, 30)),
        ("Furnace not igniting", "Furnace cycles but the burner does not light.", (160, 850), (0, 25, 55, 20)),
        ("Heat pump blowing cold air", "Heat pump runs in heat mode but supply air is cold.", (170, 900), (5, 35, 45, 15)),
        ("Thermostat not responding", "Thermostat display blank or not calling for heat.", (90, 320), (20, 55, 25, 0)),
    ),
    "hvac": (
        ("HVAC filter replacement", "Routine filter replacement and system check.", (45, 130), (70, 30, 0, 0)),
        ("Thermostat not responding", "Thermostat display blank or schedule not holding.", (90, 320), (20, 55, 25, 0)),
        ("HVAC preventive service", "Seasonal service: coils, refrigerant charge, drain line.", (120, 260), (60, 40, 0, 0)),
    ),
    "plumbing": (
        ("Leaking kitchen faucet", "Faucet drips constantly; cartridge or O-rings worn.", (90, 320), (35, 55, 10, 0)),
        ("Clogged bathroom drain", "Bathroom sink/tub drains slowly or not at all.", (90, 280), (20, 60, 20, 0)),
        ("Running toilet", "Toilet runs continuously; flapper/fill valve worn.", (80, 220), (40, 55, 5, 0)),
        ("Leak under kitchen sink", "Water under the sink cabinet; supply line or trap leaking.", (100, 380), (10, 50, 35, 5)),
        ("Water heater not heating", "No hot water; element, thermostat or gas valve suspected.", (180, 1400), (0, 25, 55, 20)),
        ("Water leak from ceiling", "Active leak through the ceiling from the unit above.", (250, 1800), (0, 10, 40, 50)),
        ("Low water pressure", "Low pressure at the shower and sinks.", (90, 300), (40, 50, 10, 0)),
    ),
    "electrical": (
        ("Outlet not working", "One or more outlets dead; GFCI reset did not help.", (90, 260), (25, 60, 15, 0)),
        ("Breaker keeps tripping", "Kitchen circuit breaker trips when appliances run.", (120, 450), (5, 45, 45, 5)),
        ("Light fixture replacement", "Bedroom/bath fixture flickers or is broken.", (90, 300), (50, 45, 5, 0)),
        ("Smoke detector chirping", "Smoke detector chirping; battery or unit replacement.", (40, 120), (20, 50, 30, 0)),
    ),
    "appliance": (
        ("Refrigerator not cooling", "Fridge warm; compressor runs constantly.", (150, 750), (0, 35, 55, 10)),
        ("Dishwasher not draining", "Standing water in the dishwasher after a cycle.", (110, 380), (30, 60, 10, 0)),
        ("Oven not heating", "Oven does not reach temperature; bake element suspected.", (120, 420), (20, 60, 20, 0)),
        ("Garbage disposal jammed", "Disposal hums but does not turn.", (80, 260), (40, 55, 5, 0)),
        ("Washer leaking", "Washing machine leaks during the spin cycle.", (120, 480), (15, 55, 30, 0)),
        ("Dryer not heating", "Dryer tumbles but does not heat.", (110, 380), (30, 60, 10, 0)),
    ),
    "general": (
        ("Door lock replacement", "Front door deadbolt sticking; replace lock set.", (90, 260), (30, 55, 15, 0)),
        ("Window will not close", "Bedroom window off track and will not latch.", (80, 300), (30, 55, 15, 0)),
        ("Drywall repair", "Hole/crack in drywall; patch and paint.", (120, 450), (70, 30, 0, 0)),
        ("Cabinet door hinge broken", "Kitchen cabinet door hanging loose.", (60, 180), (75, 25, 0, 0)),
        ("Closet door off track", "Sliding closet door came off the track.", (60, 160), (75, 25, 0, 0)),
        ("Blinds replacement", "Broken blinds in the living room.", (60, 220), (85, 15, 0, 0)),
    ),
    "pest": (
        ("Ant infestation", "Ants in the kitchen; treat unit and perimeter.", (85, 240), (30, 60, 10, 0)),
        ("Cockroach treatment", "Roaches reported in the kitchen and bath.", (110, 320), (10, 55, 35, 0)),
        ("Mice sighting", "Resident saw mice; trap and seal entry points.", (120, 380), (10, 50, 40, 0)),
    ),
    "exterior": (
        ("Balcony railing loose", "Balcony railing wobbles; secure anchors.", (150, 650), (0, 40, 50, 10)),
        ("Patio door sticking", "Sliding patio door hard to open; rollers worn.", (110, 350), (40, 55, 5, 0)),
        ("Exterior light out", "Entry/patio light out.", (60, 180), (60, 40, 0, 0)),
    ),
}

TURNOVER_TITLE = "Make-ready: paint, clean and repairs"
TURNOVER_DESCRIPTION = "Turnover after move-out: full paint, deep clean, carpet clean, replace filters and batteries."

# Issues that come back in the same unit (predictive maintenance looks for 3+ per 12 months).
REPEAT_ISSUES = (
    ("plumbing", "Leaking kitchen faucet"),
    ("plumbing", "Clogged bathroom drain"),
    ("plumbing", "Running toilet"),
    ("hvac", "AC not cooling"),
    ("hvac", "No heat"),
    ("electrical", "Breaker keeps tripping"),
    ("appliance", "Dishwasher not draining"),
    ("appliance", "Refrigerator not cooling"),
    ("pest", "Cockroach treatment"),
)

PARTS = {
    "hvac": (("Run capacitor 45/5 MFD", 25, 65), ("Contactor 30A", 20, 55), ("Refrigerant R-410A (lb)", 45, 95),
             ("Programmable thermostat", 60, 180), ("Air filter 16x25x1", 6, 18), ("Blower motor", 180, 420),
             ("Igniter", 30, 90), ("Condensate pump", 50, 120)),
    "plumbing": (("Faucet cartridge", 18, 60), ("Wax ring and bolts", 8, 20), ("Flapper and fill valve kit", 15, 40),
                 ("P-trap 1-1/2 in", 8, 25), ("Braided supply line 3/8 in", 8, 22), ("Water heater element", 25, 70),
                 ("Shutoff valve", 12, 35), ("Kitchen faucet", 90, 260)),
    "electrical": (("GFCI outlet", 18, 35), ("20A breaker", 15, 45), ("LED light fixture", 45, 160),
                   ("Smoke detector", 20, 55), ("Wire nuts and fittings", 5, 15)),
    "appliance": (("Drain pump", 45, 130), ("Bake element", 35, 90), ("Door gasket", 40, 110),
                  ("Defrost thermostat", 25, 70), ("Thermal fuse", 10, 30), ("Water inlet valve", 35, 95)),
    "general": (("Deadbolt lock set", 35, 90), ("Window roller kit", 15, 45), ("Drywall patch and compound", 12, 35),
                ("Cabinet hinge pair", 8, 22), ("Closet door track", 20, 60), ("Faux-wood blinds", 30, 90)),
    "pest": (("Gel bait treatment", 15, 40), ("Exclusion materials", 20, 60), ("Snap traps (pack)", 10, 25)),
    "turnover": (("Interior paint (gal)", 28, 55), ("Carpet cleaning", 90, 220), ("Cleaning supplies", 20, 60),
                 ("Light bulbs and batteries", 10, 30), ("Blinds replacement", 30, 90)),
    "exterior": (("Railing anchor kit", 25, 80), ("Patio door rollers", 25, 70), ("Exterior LED fixture", 45, 140),
                 ("Sealant and fasteners", 10, 35)),
}

# Equipment: type -> (expected lifespan years, manufacturers, warranty years, replacement cost range $)
EQUIPMENT = {
    "hvac": (15, ("Carrier", "Trane", "Lennox", "Goodman", "Rheem"), 10, (4500, 9000)),
    "water_heater": (11, ("Rheem", "A.O. Smith", "Bradford White", "State Water Heaters"), 6, (1200, 2400)),
    "refrigerator": (13, ("Whirlpool", "GE Appliances", "Frigidaire", "LG", "Samsung"), 1, (900, 1900)),
    "boiler": (25, ("Weil-McLain", "Burnham", "Lochinvar"), 10, (28000, 65000)),
    "roof": (22, ("GAF", "Owens Corning", "CertainTeed"), 15, (85000, 260000)),
    "elevator": (25, ("Otis", "Schindler", "ThyssenKrupp"), 5, (120000, 320000)),
}
EXTENDED_WARRANTY_PROVIDERS = ("American Home Shield", "Cinch Home Services", "HomeServe Plus")

AMENITIES = {
    "garden": ("patio", "dishwasher", "in-unit laundry", "walk-in closet", "ceiling fans", "pet friendly"),
    "midrise": ("balcony", "dishwasher", "in-unit laundry", "stainless appliances", "quartz counters", "pet friendly"),
    "highrise": ("balcony", "city view", "dishwasher", "in-unit laundry", "floor-to-ceiling windows", "concierge"),
    "townhome": ("private garage", "patio", "dishwasher", "in-unit laundry", "fenced yard", "pet friendly"),
}
