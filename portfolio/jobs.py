"""The "Run agent now" job (core.jobs): the nightly AI action queue, started from the command center."""

from core.jobs import register_job

AI_QUEUE_JOB = "portfolio.ai_queue"


@register_job(AI_QUEUE_JOB)
def ai_queue_job(*, job, progress) -> dict:
    from portfolio.services import ai_action_queue_generate

    progress(5, "Reviewing every occupied unit")
    return {"summary": ai_action_queue_generate()}
