from importlib.util import find_spec

from config.env import env

# Uploaded files (core.files): size limits per kind, in bytes, checked before anything decodes the file.
FILE_MAX_BYTES = {
    "image": env.int("FILE_MAX_IMAGE_BYTES", default=20 * 1024 * 1024),
    "pdf": env.int("FILE_MAX_PDF_BYTES", default=25 * 1024 * 1024),
}
# An image with more pixels than this is refused before it is decoded (decompression / pixel bombs).
FILE_MAX_IMAGE_PIXELS = env.int("FILE_MAX_IMAGE_PIXELS", default=50_000_000)
FILE_MAX_PDF_PAGES = env.int("FILE_MAX_PDF_PAGES", default=500)
FILE_THUMBNAIL_SIZE = env.int("FILE_THUMBNAIL_SIZE", default=320)  # the longer side, in pixels
# POST /api/v1/files/{id}/signed-url/ hands out a link that works this long without signing in.
FILE_SIGNED_URL_MAX_AGE_SECONDS = env.int("FILE_SIGNED_URL_MAX_AGE_SECONDS", default=600)
# Django reads uploads above this into a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Storage: the local filesystem under MEDIA_ROOT (never served directly: files are read through the API).
# S3-compatible object storage when FILE_STORAGE_BUCKET is set and django-storages is installed (README).
FILE_STORAGE_BUCKET = env("FILE_STORAGE_BUCKET", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if FILE_STORAGE_BUCKET:
    if find_spec("storages") is None:
        raise RuntimeError(
            "FILE_STORAGE_BUCKET is set but django-storages is not installed (pip install django-storages[s3])."
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": FILE_STORAGE_BUCKET,
            "endpoint_url": env("FILE_STORAGE_ENDPOINT_URL", default=None),
            "region_name": env("FILE_STORAGE_REGION", default=None),
            "access_key": env("FILE_STORAGE_ACCESS_KEY_ID", default=None),
            "secret_key": env("FILE_STORAGE_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
