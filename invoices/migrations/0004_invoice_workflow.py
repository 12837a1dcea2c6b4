# Issue 16: invoices go received -> approved -> paid (or rejected), with who/when; a history table; attachments
# become core/files StoredFile references (the legacy FileField is moved over in 0005 and dropped in 0006).

import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('files', '0001_initial'),
        ('invoices', '0003_work_order_categories'),
    ]

    operations = [
        migrations.AlterField(
            model_name='invoices',
            name='status',
            field=models.CharField(choices=[('received', 'Received'), ('approved', 'Approved'), ('paid', 'Paid'), ('rejected', 'Rejected')], db_index=True, default='received', max_length=20),
        ),
        migrations.AddField(
            model_name='invoices',
            name='approved_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='invoices',
            name='approved_by',
            field=models.CharField(blank=True, default='', max_length=100),
        ),
        migrations.AddField(
            model_name='invoices',
            name='paid_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='invoices',
            name='paid_by',
            field=models.CharField(blank=True, default='', max_length=100),
        ),
        migrations.AddField(
            model_name='invoices',
            name='paid_date',
            field=models.DateField(blank=True, help_text='The day the payment went out (not when recorded).', null=True),
        ),
        migrations.AddField(
            model_name='invoices',
            name='payment_reference',
            field=models.CharField(blank=True, default='', help_text='Check or ACH number.', max_length=100),
        ),
        migrations.AddField(
            model_name='invoices',
            name='rejected_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='invoices',
            name='rejected_by',
            field=models.CharField(blank=True, default='', max_length=100),
        ),
        migrations.AddField(
            model_name='invoices',
            name='rejection_reason',
            field=models.TextField(blank=True, default=''),
        ),
        migrations.AddField(
            model_name='invoicelineitems',
            name='position',
            field=models.PositiveSmallIntegerField(default=0, help_text="The line's place on the invoice (0 first)."),
        ),
        migrations.AlterModelOptions(
            name='invoicelineitems',
            options={'ordering': ['position', 'created_at'], 'verbose_name': 'invoice line item'},
        ),
        migrations.CreateModel(
            name='InvoiceEvents',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('at', models.DateTimeField(db_index=True)),
                ('actor', models.CharField(default='system', max_length=100)),
                ('kind', models.CharField(choices=[('created', 'Entered'), ('updated', 'Edited'), ('status', 'Status changed'), ('file', 'Attachment'), ('note', 'Note')], max_length=10)),
                ('from_status', models.CharField(blank=True, default='', max_length=20)),
                ('to_status', models.CharField(blank=True, default='', max_length=20)),
                ('message', models.TextField(blank=True, default='')),
                ('invoice', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='invoices.invoices')),
            ],
            options={
                'verbose_name': 'invoice event',
                'db_table': 'invoice_events',
                'ordering': ['-at', '-created_at'],
                'indexes': [models.Index(fields=['invoice', 'at'], name='invoice_events_invoice_at')],
            },
        ),
        migrations.AddField(
            model_name='invoiceattachments',
            name='added_by',
            field=models.CharField(blank=True, default='', max_length=100),
        ),
        migrations.AddField(
            model_name='invoiceattachments',
            name='stored_file',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='invoice_attachments', to='files.storedfile'),
        ),
    ]
