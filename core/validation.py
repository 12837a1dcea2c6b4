"""Input parsing for thin API views: parse -> call a service/selector -> serialize."""


def validated(serializer_class, data) -> dict:
    """The serializer's validated data; an invalid body raises DRF's ValidationError (a 400, never a 500)."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
