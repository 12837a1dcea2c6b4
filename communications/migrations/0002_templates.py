from django.db import migrations

TEMPLATES = [
    (
        "Rent due date",
        "billing",
        "sms",
        "Hi {tenant_first_name}! Your rent of {rent_amount} is due on the {due_day} of each month; your next due date is {next_due_date}.",
        ["tenant_first_name", "rent_amount", "due_day", "next_due_date"],
        True,
        "rent_due_date_query",
    ),
    (
        "Balance",
        "billing",
        "sms",
        "Hi {tenant_first_name}! Your current balance is {balance_due}.",
        ["tenant_first_name", "balance_due"],
        True,
        "balance_query",
    ),
    (
        "Lease end",
        "lease",
        "sms",
        "Hi {tenant_first_name}! Your current lease ends on {lease_end_date}.",
        ["tenant_first_name", "lease_end_date"],
        True,
        "lease_end_query",
    ),
    (
        "Open requests",
        "maintenance",
        "sms",
        "Hi {tenant_first_name}! You have {open_maintenance_count} open maintenance requests: {open_maintenance_list}.",
        ["tenant_first_name", "open_maintenance_count", "open_maintenance_list"],
        True,
        "maintenance_status_query",
    ),
    (
        "Maintenance acknowledgment",
        "maintenance",
        "sms",
        "Hi {tenant_first_name}, thanks for letting us know. We've opened work order {work_order_number} ({category}, {priority} priority). Our maintenance team will contact you to schedule the visit.",
        ["tenant_first_name", "work_order_number", "category", "priority"],
        True,
        "maintenance_acknowledgment",
    ),
    (
        "Hand-off to staff",
        "general",
        "sms",
        "Hi {tenant_first_name}, thanks for your message. I've notified the management team and someone will follow up within 1 business day.",
        ["tenant_first_name"],
        True,
        "needs_human",
    ),
    (
        "Water shut-off notice",
        "general",
        "sms",
        "Heads up: the water will be off in your building on {date} from {start} to {end} for repairs. Thank you for your patience.",
        ["date", "start", "end"],
        False,
        "",
    ),
    (
        "Pest treatment notice",
        "maintenance",
        "email",
        "We will treat all units in {building} for pests on {date}. Please clear the area under your kitchen sink.",
        ["building", "date"],
        False,
        "",
    ),
]


def load(apps, schema_editor):
    Template = apps.get_model("communications", "CommunicationTemplate")
    for name, category, channel, content, variables, auto_send, intent in TEMPLATES:
        Template.objects.get_or_create(
            name=name,
            defaults=dict(
                category=category,
                channel=channel,
                content=content,
                variables=variables,
                auto_send=auto_send,
                trigger_intent=intent,
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("communications", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
