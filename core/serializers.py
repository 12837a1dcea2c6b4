"""Serializers for core's own APIs (jobs)."""
from rest_framework import serializers

from core.models import Job


class JobSerializer(serializers.ModelSerializer):
    """A background job as screens poll it: `status` queued -> running -> succeeded | failed, `progress`
    0-100 with `message`, `result` (the job's summary) when it succeeded, `error` when it failed."""

    job_id = serializers.UUIDField(source="id", read_only=True)
    url = serializers.SerializerMethodField()
    done = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = ["id", "job_id", "kind", "scope", "status", "done", "progress", "message", "result", "error",
                  "requested_by", "created_at", "started_at", "finished_at", "url"]

    def get_url(self, job) -> str:
        return f"/api/v1/jobs/{job.pk}/"

    def get_done(self, job) -> bool:
        return job.status in (Job.Status.SUCCEEDED, Job.Status.FAILED)


class JobStartedSerializer(JobSerializer):
    created = serializers.BooleanField(help_text="False when a job of this kind was already running: that one is answered.")

    class Meta(JobSerializer.Meta):
        fields = [*JobSerializer.Meta.fields, "created"]
