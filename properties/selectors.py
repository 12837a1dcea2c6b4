import datetime
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.messaging.quiet_hours import ContactWindow
from properties.jurisdiction import (
    DEPOSIT_RULE_TYPES,
    FEDERAL,
    SMS_CONTACT_HOURS,
    DepositReturnRule,
    DepositRuleRow,
    RuleFacts,
    contact_hours,
    deposit_return_rule_from,
)
from properties.models import JurisdictionRule, Properties, PropertyAccess
from properties.time_zones import zone_name


def property_list() -> QuerySet[Properties]:
    """Properties annotated with occupied/vacant unit counts (one query for any page)."""
    return Properties.objects.annotate(
        occupied_units=Count("units", filter=Q(units__status="occupied")),
        vacant_units=Count("units", filter=Q(units__status="vacant")),
        unit_count=Count("units"),
    )


# --- the law's data ----------------------------------------------------------------------------------------

RuleKey = tuple[str, str]  # (state, city) as a property states them


def jurisdiction_rule_list(
    *, state: str | None = None, city: str | None = None, rule_type: str | None = None, search: str | None = None
) -> QuerySet[JurisdictionRule]:
    """Rules, every version. With `city`, the state's statewide rules plus that city's (case-insensitive):
    all the rules that apply in that place. `search` matches the citation, summary or city."""
    qs = JurisdictionRule.objects.all()
    if search:
        qs = qs.filter(Q(citation__icontains=search) | Q(summary__icontains=search) | Q(city__icontains=search))
    if state:
        qs = qs.filter(state=state.upper())
    if city is not None:
        qs = qs.filter(Q(city="") | Q(city__iexact=city.strip()))
    if rule_type:
        qs = qs.filter(rule_type=rule_type)
    return qs.order_by("state", "city", "rule_type", "-effective_date", "id")


def _governing(rules, *, state: str, city: str, rule_type: str, on_date: datetime.date) -> JurisdictionRule | None:
    """Among `rules` (any mix), the one that governs: the city's own rule over the state's, and within a
    place the latest version in force on `on_date`."""
    state, city = state.upper(), (city or "").strip().lower()
    best = None
    for rule in rules:
        if rule.state != state or rule.rule_type != rule_type or rule.effective_date > on_date:
            continue
        if rule.city and rule.city.lower() != city:
            continue
        if best is None or (bool(rule.city), rule.effective_date) > (bool(best.city), best.effective_date):
            best = rule
    return best


def jurisdiction_rule_get(
    *, state: str, city: str = "", rule_type: str, on_date: datetime.date
) -> JurisdictionRule | None:
    """The rule of `rule_type` that governs in (state, city) on `on_date` (one query), or None."""
    rules = JurisdictionRule.objects.filter(state=state.upper(), rule_type=rule_type, effective_date__lte=on_date)
    return _governing(rules, state=state, city=city, rule_type=rule_type, on_date=on_date)


def property_place(prop) -> RuleKey:
    """(state, city) whose law governs a property: its jurisdiction fields, else its address."""
    return (prop.jurisdiction_state or prop.state or "").upper(), prop.jurisdiction_city or prop.city or ""


class RuleBook:
    """The rules in force on one day, fetched once (one query) and resolved in memory: what an agent holds
    for a whole run, so no rule lookup ever runs per row. `get(state, city, rule_type)` applies the city
    over state and latest-version rules; `for_property(prop, rule_type)` uses the property's jurisdiction."""

    def __init__(self, rules: Iterable[JurisdictionRule], *, on_date: datetime.date):
        self.on_date = on_date
        self.rules = list(rules)
        self._cache: dict[tuple[str, str, str], JurisdictionRule | None] = {}

    def get(self, state: str, city: str, rule_type: str) -> JurisdictionRule | None:
        key = ((state or "").upper(), (city or "").strip().lower(), rule_type)
        if key not in self._cache:
            self._cache[key] = _governing(
                self.rules, state=key[0], city=key[1], rule_type=rule_type, on_date=self.on_date
            )
        return self._cache[key]

    def for_property(self, prop, rule_type: str) -> JurisdictionRule | None:
        state, city = property_place(prop)
        return self.get(state, city, rule_type)

    def facts(self, state: str, city: str, rule_type: str) -> RuleFacts:
        """The place's rule as pure data (properties.jurisdiction.RuleFacts): its value and citation, or the
        values of every rule of the type on file (the strictest applies) when the place has none."""
        rule = self.get(state, city, rule_type)
        if rule is not None:
            return RuleFacts(value=rule.value, citation=rule.citation)
        return RuleFacts(value=None, fallback_values=tuple(r.value for r in self.of_type(rule_type)))

    def facts_for_property(self, prop, rule_type: str) -> RuleFacts:
        state, city = property_place(prop)
        return self.facts(state, city, rule_type)

    def deposit_rule(self, state: str, city: str = "") -> DepositReturnRule | None:
        """The place's deposit law (deadlines, statement, deductions) from the rules this book holds."""
        rows = [self.get(state, city, t) for t in DEPOSIT_RULE_TYPES]
        return deposit_return_rule_from(_deposit_row(r) for r in rows if r is not None)

    def deposit_rule_for_property(self, prop) -> DepositReturnRule | None:
        state, city = property_place(prop)
        return self.deposit_rule(state, city)

    def contact_window(self, prop) -> ContactWindow | None:
        """When non-urgent automated texts may reach a property's tenants: the federal `sms_contact_hours` rule
        narrowed by the place's own (the stricter bound wins, with its citation), in the property's time zone.
        None when no rule is on file at all (the shipped federal row always is)."""
        state, city = property_place(prop)
        rules = [self.get(FEDERAL, "", SMS_CONTACT_HOURS)]
        if state != FEDERAL:
            rules.append(self.get(state, city, SMS_CONTACT_HOURS))
        hours = contact_hours((r.value, r.citation) for r in rules if r is not None)
        if hours is None:
            return None
        return ContactWindow(
            start=hours.start,
            end=hours.end,
            zone=zone_name(state=prop.state, time_zone=getattr(prop, "time_zone", "")),
            citation=hours.citation,
        )

    def of_type(self, rule_type: str) -> list[JurisdictionRule]:
        """Every rule of the type in force somewhere (for a conservative fallback where a place has none)."""
        return [r for r in self.rules if r.rule_type == rule_type]


def jurisdiction_rulebook(
    *, on_date: datetime.date, rule_types: Iterable[str] | None = None, states: Iterable[str] | None = None
) -> RuleBook:
    """A RuleBook of the rules (of these types, in these states; default all) in force by `on_date`. One
    query; the whole shipped table is about a hundred rows."""
    qs = JurisdictionRule.objects.filter(effective_date__lte=on_date)
    if rule_types is not None:
        qs = qs.filter(rule_type__in=list(rule_types))
    if states is not None:
        qs = qs.filter(state__in={s.upper() for s in states if s})
    return RuleBook(qs, on_date=on_date)


class ContactWindows:
    """Contact windows for a run (an agent, a batch): the contact-hours rules are read once, at the first
    property asked about (no query when nothing is sent), then resolved in memory per property."""

    def __init__(self, *, on_date: datetime.date | None = None):
        self.on_date = on_date
        self._book: RuleBook | None = None

    def for_property(self, prop) -> ContactWindow | None:
        if prop is None:
            return None
        if self._book is None:
            self._book = jurisdiction_rulebook(
                on_date=self.on_date or timezone.localdate(), rule_types=[SMS_CONTACT_HOURS]
            )
        return self._book.contact_window(prop)


def sms_contact_window(prop, *, on_date: datetime.date | None = None) -> ContactWindow | None:
    """The contact window of one property's tenants (one query; hold a ContactWindows for many)."""
    return ContactWindows(on_date=on_date).for_property(prop)


def jurisdiction_rules_for_places(
    *, places: Iterable[RuleKey], rule_types: Iterable[str], on_date: datetime.date
) -> dict[RuleKey, dict[str, JurisdictionRule]]:
    """Set-based: for every (state, city), the governing rule of each type (missing types are absent).
    One query whatever the number of places."""
    places, rule_types = set(places), list(rule_types)
    book = jurisdiction_rulebook(on_date=on_date, rule_types=rule_types, states={state for state, _ in places})
    result: dict[RuleKey, dict[str, JurisdictionRule]] = {}
    for state, city in places:
        found = {t: book.get(state, city, t) for t in rule_types}
        result[(state, city)] = {t: rule for t, rule in found.items() if rule is not None}
    return result


def jurisdiction_rules_for_properties(
    *, properties: Iterable, rule_types: Iterable[str], on_date: datetime.date
) -> dict:
    """{property id: {rule_type: governing rule}} for loaded properties (one query)."""
    properties = list(properties)
    by_place = jurisdiction_rules_for_places(
        places={property_place(p) for p in properties}, rule_types=rule_types, on_date=on_date
    )
    return {p.pk: by_place[property_place(p)] for p in properties}


def property_rule_facts(*, rule_type: str, on_date: datetime.date) -> dict:
    """{property_id: RuleFacts} — every property's rule of `rule_type` in force on `on_date` (city over state,
    the values of every rule of the type on file where a property has none). Two queries, for agents that
    hold the law for a whole run."""
    book = jurisdiction_rulebook(on_date=on_date, rule_types=[rule_type])
    places = Properties.objects.values_list("id", "state", "city", "jurisdiction_state", "jurisdiction_city")
    return {pk: book.facts(j_state or state, j_city or city, rule_type) for pk, state, city, j_state, j_city in places}


def _deposit_row(rule: JurisdictionRule) -> DepositRuleRow:
    return DepositRuleRow(
        rule_type=rule.rule_type,
        state=rule.state,
        city=rule.city,
        value=rule.value,
        citation=rule.citation,
        summary=rule.summary,
        checked_on=rule.checked_on,
        needs_review=rule.needs_review,
        review_note=rule.review_note,
    )


def deposit_return_rule(*, state: str, city: str = "", on_date: datetime.date) -> DepositReturnRule | None:
    """The deposit law of (state, city) on `on_date`, for the deposit disposition (turnover, 2.1): how many days
    (with and without deductions), counted how and from when (`deadline(move_out=, tenancy_end=, deductions=)`),
    what the itemized statement must contain and how it is delivered, whether wear and tear is excluded and
    depreciation required, with each rule's citation and review flag. City rules override the state's per rule.
    None when the place has no `security_deposit_return` rule. One query."""
    return jurisdiction_rulebook(on_date=on_date, rule_types=DEPOSIT_RULE_TYPES, states=[state]).deposit_rule(
        state, city
    )


def deposit_return_rules_for_properties(*, properties: Iterable, on_date: datetime.date) -> dict:
    """{property id: DepositReturnRule | None} for loaded properties (one query)."""
    properties = list(properties)
    book = jurisdiction_rulebook(
        on_date=on_date, rule_types=DEPOSIT_RULE_TYPES, states={property_place(p)[0] for p in properties}
    )
    return {p.pk: book.deposit_rule_for_property(p) for p in properties}


def user_property_ids(user) -> set | None:
    """The ids of the properties `user` may see; None for every property (settings.PORTFOLIO_SCOPE_RESOLVER).

    A superuser sees all; otherwise their PropertyAccess says (no row: nothing). One query."""
    if user.is_superuser:
        return None
    rows = list(PropertyAccess.objects.filter(user_id=user.pk).values_list("all_properties", "properties__id"))
    if not rows:
        return set()
    if rows[0][0]:
        return None
    return {pid for _all, pid in rows if pid is not None}


def properties_named(ids) -> list[dict]:
    """`[{id, name}]` of these properties, by name (whatever the current scope)."""
    return list(Properties._base_manager.filter(pk__in=list(ids)).order_by("name").values("id", "name"))
