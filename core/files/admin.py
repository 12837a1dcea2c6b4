from django.contrib import admin

from core.admin import ReadOnlyAdmin
from core.files.models import StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(ReadOnlyAdmin):
    """Metadata only: the bytes are read through the API (`/api/v1/files/{id}/content/`), never a public path."""

    list_display = ("created_at", "original_name", "purpose", "content_type", "size", "uploaded_by")
    list_filter = ("purpose", "kind", "content_type")
    search_fields = ("original_name", "sha256", "uploaded_by__email")
    readonly_fields = [f.name for f in StoredFile._meta.fields]
