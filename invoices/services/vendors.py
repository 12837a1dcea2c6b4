"""Writes of the invoices app. Vendors: vendor_create, vendor_update, vendor_deactivate (a vendor is never
deleted: its work orders and invoices keep pointing at it)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError
from core.fields import date_in_window, parse_money
from invoices.models import Vendor
from units.models import WorkOrderCategory

# ---------------------------------------------------------------------------------------------------------------
# Vendors

HOURLY_RATE_MAX = Decimal("1000.00")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ().\-]+$")
_TEXT_LIMITS = {"contact_name": 120, "address": 255, "license_number": 60}
VENDOR_FIELDS = (
    "name",
    "trade",
    "contact_name",
    "email",
    "phone",
    "address",
    "license_number",
    "license_expiry",
    "insurance_expiry",
    "contract_end_date",
    "hourly_rate",
    "is_active",
)


def _vendor_name(name, *, exclude_id=None) -> str:
    name = " ".join(str(name or "").split())
    if len(name) < 2:
        raise ApplicationError("A vendor needs a name of at least 2 characters.", extra={"field": "name"})
    if len(name) > 200:
        raise ApplicationError("The vendor name can be at most 200 characters.", extra={"field": "name"})
    clash = Vendor.objects.filter(name__iexact=name).exclude(pk=exclude_id).values_list("name", flat=True).first()
    if clash is not None:
        raise ApplicationError(f"A vendor named '{clash}' already exists.", extra={"field": "name"})
    return name


def _vendor_email(email) -> str:
    email = str(email or "").strip()
    if not email:
        return ""
    if len(email) > 254:
        raise ApplicationError("The email address is too long.", extra={"field": "email"})
    try:
        validate_email(email)
    except DjangoValidationError:
        raise ApplicationError(f"'{email[:60]}' is not an email address.", extra={"field": "email"})
    return email.lower()


def _vendor_phone(phone) -> str:
    """A phone number as typed ("(206) 555-0100", "+1 206 555 0100"): 7 to 15 digits, at most 20 characters."""
    phone = " ".join(str(phone or "").split())
    if not phone:
        return ""
    digits = re.sub(r"\D", "", phone)
    if not _PHONE_CHARS.match(phone) or not 7 <= len(digits) <= 15 or len(phone) > 20:
        raise ApplicationError(
            "The phone number must have 7 to 15 digits (e.g. (206) 555-0100 or +1 206 555 0100).",
            extra={"field": "phone"},
        )
    return phone


def _vendor_rate(rate) -> Decimal | None:
    if rate is None or rate == "":
        return None
    amount = parse_money(rate, label="The hourly rate", min_value=None, max_value=HOURLY_RATE_MAX)
    if amount < 0:
        raise ApplicationError("The hourly rate cannot be negative.", extra={"field": "hourly_rate"})
    return amount


def _vendor_date(value, label: str, field: str) -> datetime.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, datetime.date):
        try:
            value = datetime.date.fromisoformat(str(value))
        except ValueError:
            raise ApplicationError(f"{label} must be a date like 2026-03-28.", extra={"field": field})
    date_in_window(value, label, field=field)
    return value


def _vendor_clean(data: dict, *, vendor: Vendor | None) -> dict:
    """Checks and normalises the given vendor fields (only those present in `data`)."""
    unknown = set(data) - set(VENDOR_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown vendor field(s): {', '.join(sorted(unknown))}.")
    clean = {}
    if "name" in data:
        clean["name"] = _vendor_name(data["name"], exclude_id=vendor.pk if vendor else None)
    if "trade" in data:
        if data["trade"] not in WorkOrderCategory.values:
            raise ApplicationError(
                f"Unknown trade '{str(data['trade'])[:40]}'; choose one of: {', '.join(WorkOrderCategory.values)}.",
                extra={"field": "trade"},
            )
        clean["trade"] = data["trade"]
    for field, limit in _TEXT_LIMITS.items():
        if field in data:
            text = " ".join(str(data[field] or "").split())
            if len(text) > limit:
                raise ApplicationError(
                    f"{field.replace('_', ' ').capitalize()} can be at most {limit} characters.",
                    extra={"field": field},
                )
            clean[field] = text
    if "email" in data:
        clean["email"] = _vendor_email(data["email"])
    if "phone" in data:
        clean["phone"] = _vendor_phone(data["phone"])
    if "hourly_rate" in data:
        clean["hourly_rate"] = _vendor_rate(data["hourly_rate"])
    for field, label in (
        ("license_expiry", "The license expiry date"),
        ("insurance_expiry", "The insurance expiry date"),
        ("contract_end_date", "The contract end date"),
    ):
        if field in data:
            clean[field] = _vendor_date(data[field], label, field)
    if "is_active" in data:
        if not isinstance(data["is_active"], bool):
            raise ApplicationError("is_active must be true or false.", extra={"field": "is_active"})
        clean["is_active"] = data["is_active"]
    return clean


def _vendor_save(vendor: Vendor, fields: list[str] | None = None) -> Vendor:
    try:
        with transaction.atomic():
            vendor.save(update_fields=fields)
    except IntegrityError:  # another writer took the name between the check and the save
        raise ApplicationError(f"A vendor named '{vendor.name}' already exists.", extra={"field": "name"})
    return vendor


def vendor_create(
    *,
    name: str,
    trade: str = WorkOrderCategory.GENERAL,
    contact_name: str = "",
    email: str = "",
    phone: str = "",
    address: str = "",
    license_number: str = "",
    license_expiry: datetime.date | None = None,
    insurance_expiry: datetime.date | None = None,
    contract_end_date: datetime.date | None = None,
    hourly_rate: Decimal | None = None,
    is_active: bool = True,
) -> Vendor:
    """A new vendor. The name is unique whatever its case; email and phone must look like one; the hourly rate
    is 0 to 1,000.00; dates lie in the accepted window (core.fields)."""
    clean = _vendor_clean(
        {
            "name": name,
            "trade": trade,
            "contact_name": contact_name,
            "email": email,
            "phone": phone,
            "address": address,
            "license_number": license_number,
            "license_expiry": license_expiry,
            "insurance_expiry": insurance_expiry,
            "contract_end_date": contract_end_date,
            "hourly_rate": hourly_rate,
            "is_active": is_active,
        },
        vendor=None,
    )
    return _vendor_save(Vendor(**clean))


def vendor_update(*, vendor: Vendor, data: dict) -> Vendor:
    """Changes the given fields of `vendor` (the same checks as vendor_create); unchanged fields stay."""
    clean = _vendor_clean(data, vendor=vendor)
    changed = [f for f, v in clean.items() if getattr(vendor, f) != v]
    if not changed:
        return vendor
    for field in changed:
        setattr(vendor, field, clean[field])
    return _vendor_save(vendor, [*changed, "updated_at"])


def vendor_deactivate(*, vendor: Vendor) -> Vendor:
    """Takes the vendor off the active list (kept for its work orders and invoices); idempotent."""
    return vendor_update(vendor=vendor, data={"is_active": False})
