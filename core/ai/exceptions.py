"""Errors a feature can catch. All are ApplicationErrors, so an API answers `{"detail": ..., "code": ...}`."""

from rest_framework import status

from core.exceptions import ApplicationError


class AIError(ApplicationError):
    """Claude (or an offline implementation) could not produce a valid answer. 502."""

    status_code = status.HTTP_502_BAD_GATEWAY
    code = "ai_error"

    def __init__(self, message: str, *, call_id=None, provider: str = "", status_code: int | None = None):
        super().__init__(message, extra={"code": self.code}, status_code=status_code)
        self.call_id = call_id
        self.provider = provider


class AIOutputInvalid(AIError):
    """The model's output was not valid JSON for the prompt's schema, even after one corrective retry."""

    code = "ai_output_invalid"


class AIUnavailable(AIError):
    """No provider can answer: no offline implementation, no API key, or Claude kept failing. 503."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    code = "ai_unavailable"


class AIInputError(ApplicationError):
    """The caller's input is unusable (an image too large, an unsupported file type). 400."""

    def __init__(self, message: str):
        super().__init__(message, extra={"code": "ai_input_invalid"})
