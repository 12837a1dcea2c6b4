# Attachments are StoredFile references only: the legacy FileField and its copied metadata (the StoredFile has
# the name, sniffed type and size) go; the reference becomes required and a file is attached to an invoice once.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('invoices', '0005_pending_to_received_and_files'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='invoiceattachments',
            name='content_type',
        ),
        migrations.RemoveField(
            model_name='invoiceattachments',
            name='file',
        ),
        migrations.RemoveField(
            model_name='invoiceattachments',
            name='filename',
        ),
        migrations.RemoveField(
            model_name='invoiceattachments',
            name='size_bytes',
        ),
        migrations.AlterField(
            model_name='invoiceattachments',
            name='stored_file',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='invoice_attachments', to='files.storedfile'),
        ),
        migrations.AddConstraint(
            model_name='invoiceattachments',
            constraint=models.UniqueConstraint(fields=('invoice', 'stored_file'), name='invoice_attachment_file_once'),
        ),
    ]
