import datetime
from decimal import Decimal

import factory

from invoices.models import InvoiceLineItems, Invoices, Vendor


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    name = factory.Sequence(lambda n: f"Vendor {n} LLC")
    trade = "plumbing"
    email = factory.Sequence(lambda n: f"vendor{n}@example.com")
    phone = "+12065550100"


class InvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invoices

    invoice_number = factory.Sequence(lambda n: f"INV-{n:05d}")
    vendor = factory.SubFactory(VendorFactory)
    invoice_date = factory.LazyFunction(datetime.date.today)
    subtotal = Decimal("100.00")
    total_amount = Decimal("100.00")
    status = Invoices.Status.RECEIVED


class InvoiceLineItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvoiceLineItems

    invoice = factory.SubFactory(InvoiceFactory)
    description = "Labor"
    quantity = Decimal("1.00")
    unit_price = Decimal("100.00")
    amount = Decimal("100.00")
