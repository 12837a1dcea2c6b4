"""Portfolio chat (spec 3.3): a person's conversations with the analyst, and the daily digest.

A conversation belongs to the person who created it (`user_email`); nobody else reads it (404). Answers carry
structure besides text: `blocks` (tables, action buttons) built from tool results, never from generated text.
"""

import uuid

from django.db import models


class ChatConversation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user_email = models.CharField(max_length=254, db_index=True)
    title = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "chat_conversation"
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title or str(self.id)


class ChatMessage(models.Model):
    class Role(models.TextChoices):
        USER = "user", "User"
        ASSISTANT = "assistant", "Assistant"
        SYSTEM = "system", "System"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    conversation = models.ForeignKey(ChatConversation, on_delete=models.CASCADE, related_name="messages")
    role = models.CharField(max_length=20, choices=Role.choices)
    content = models.TextField()
    tool_calls = models.JSONField(default=list, blank=True)
    tool_results = models.JSONField(default=list, blank=True)
    # Beyond the spec: the structured parts of an answer (table / chart / action blocks), built from tool results.
    blocks = models.JSONField(default=list, blank=True)
    tokens_used = models.IntegerField(default=0)
    model = models.CharField(max_length=50, default="claude-sonnet-4-20250514")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "chat_message"
        ordering = ["created_at"]


class DailyDigest(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    digest_date = models.DateField(unique=True)
    content = models.TextField()
    highlights = models.JSONField(default=list)
    # [{"type": "alert|info|success", "text": "3 leases expiring this week", "link": "/portfolio?..."}]
    metrics = models.JSONField(default=dict)
    provider = models.CharField(max_length=20, blank=True, default="")
    generated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "daily_digest"
        ordering = ["-digest_date"]

    def __str__(self):
        return f"Digest {self.digest_date}"
