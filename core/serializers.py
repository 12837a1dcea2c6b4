"""Serializers for core's own APIs (jobs)."""

from rest_framework import serializers

from core.models import Job


class JobSerializer(serializers.ModelSerializer):
    """A background job as screens poll it: `status` queued -> running -> succeeded | failed, `progress`
    0-100 with `message`, `result` (the job's summary) when it succeeded, `error` when it failed."""

    job_id = serializers.UUIDField(source="id", read_only=True)
    url = serializers.SerializerMethodField()
    done = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField(help_text="result.summary: the job's one-line summary, once done.")

    class Meta:
        model = Job
        fields = [
            "id",
            "job_id",
            "kind",
            "scope",
            "status",
            "done",
            "progress",
            "message",
            "result",
            "summary",
            "error",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "url",
        ]

    def get_url(self, job) -> str:
        return f"/api/v1/jobs/{job.pk}/"

    def get_summary(self, job) -> str | None:
        return job.result.get("summary") if isinstance(job.result, dict) else None

    def get_done(self, job) -> bool:
        return job.status in (Job.Status.SUCCEEDED, Job.Status.FAILED)


class JobStartedSerializer(JobSerializer):
    created = serializers.BooleanField(
        help_text="False when a job of this kind was already running: that one is answered."
    )

    class Meta(JobSerializer.Meta):
        fields = [*JobSerializer.Meta.fields, "created"]
