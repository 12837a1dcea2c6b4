"""Uploaded files: one service (`file_store`) every feature uses to accept a file, one model (`StoredFile`).

Validated by content (never by name), images re-encoded without metadata, stored through Django's storage API,
never public: read through `GET /api/v1/files/{id}/content/` or an expiring signed URL. README "Uploaded files".
"""
