from rest_framework import serializers

from core.fields import SaneDateField

QUESTION_MAX = 2000


class ConversationCreateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class MessageCreateInputSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=QUESTION_MAX, trim_whitespace=True)


class DigestInputSerializer(serializers.Serializer):
    date = SaneDateField(required=False)


class ConversationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    message_count = serializers.IntegerField(required=False)


class MessageSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    role = serializers.CharField()
    content = serializers.CharField()
    tool_calls = serializers.JSONField()
    tool_results = serializers.JSONField()
    blocks = serializers.JSONField()
    tokens_used = serializers.IntegerField()
    model = serializers.CharField()
    created_at = serializers.DateTimeField()


class DigestSerializer(serializers.Serializer):
    digest_date = serializers.DateField()
    content = serializers.CharField()
    highlights = serializers.JSONField()
    metrics = serializers.JSONField()
    stored = serializers.BooleanField(help_text="False: computed now for your properties (not stored, not emailed).")
    generated_at = serializers.DateTimeField(allow_null=True)
