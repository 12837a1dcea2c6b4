"""How core's messages reach a property (core.scoping rules): through the tenant they were sent to or came from.

A message belongs to the properties of the tenant whose email address or phone number it was sent to (outbox)
or came from (inbound). Addresses are compared as stored: the messaging layer stores E.164 phone numbers and
the tenants' numbers are E.164 too (the seed, the import); a message to an address no tenant has (a vendor,
a typo) is seen only by people with every property.
"""

from django.db.models import Q

from tenants.models import TenantLease, Tenants


def _contacts(property_ids):
    tenants = Tenants._base_manager.filter(
        pk__in=TenantLease._base_manager.filter(property_id__in=property_ids).values("tenant_id")
    )
    return tenants.values("email"), tenants.exclude(phone="").values("phone")


def outbox_message_scope(property_ids, scope=None) -> Q:
    emails, phones = _contacts(property_ids)
    return Q(to__in=emails) | Q(to__in=phones)


def inbound_message_scope(property_ids, scope=None) -> Q:
    emails, phones = _contacts(property_ids)
    return Q(from_address__in=emails) | Q(from_address__in=phones)
