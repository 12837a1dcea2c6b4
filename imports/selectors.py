import uuid

from imports.models import ImportRun


def import_run_get(*, run_id, runs=None) -> ImportRun | None:
    runs = runs if runs is not None else ImportRun.objects.all()
    try:
        return runs.filter(pk=uuid.UUID(str(run_id))).first()
    except ValueError:  # a malformed id is simply not found
        return None


def import_run_list():
    return ImportRun.objects.defer("content", "errors").order_by("-created_at")
