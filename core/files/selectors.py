"""Who may see a stored file, and reading its bytes."""

from __future__ import annotations

import uuid

from django.core.files.storage import default_storage

from core import scoping
from core.files.models import StoredFile
from core.permissions import user_codenames, user_role


def file_visible_to(*, stored: StoredFile, user) -> bool:
    """The uploader, or a person with a role who sees every property (an administrator, an all-properties
    manager). A feature that attaches files to its records serves them through its own record check."""
    if user is None or not user.is_authenticated:
        return False
    if stored.uploaded_by_id == user.pk:
        return True
    return user_role(user) is not None and scoping.user_property_ids(user) is None


def file_upload_allowed(user) -> bool:
    """Roles that create records (any permission beyond viewing) may upload; read-only and no role may not."""
    return any(not codename.startswith("view_") for codename in user_codenames(user))


def file_get_for(*, file_id, user) -> StoredFile | None:
    """The file if it exists and `user` may see it, else None (the API answers 404 for both)."""
    try:
        pk = uuid.UUID(str(file_id))
    except ValueError:
        return None
    stored = StoredFile.objects.select_related("uploaded_by").filter(pk=pk).first()
    if stored is None or not file_visible_to(stored=stored, user=user):
        return None
    return stored


def file_get(*, file_id) -> StoredFile | None:
    try:
        return StoredFile.objects.filter(pk=uuid.UUID(str(file_id))).first()
    except ValueError:
        return None


def file_open(*, stored: StoredFile, thumbnail: bool = False):
    """(an open binary file, content type) for the file or its thumbnail; None when there is no thumbnail."""
    if thumbnail:
        if not stored.thumbnail_name:
            return None
        return default_storage.open(stored.thumbnail_name, "rb"), "image/jpeg"
    return default_storage.open(stored.storage_name, "rb"), stored.content_type
