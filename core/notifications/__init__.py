"""Manager notifications: one service every feature calls to tell the property manager something.

`notification_create(kind=, severity=, title=, body=, link=, dedupe_key=, property_id=)` — idempotent on
`dedupe_key` (an agent run twice notifies once); `critical` ones also go to the on-call manager by email and SMS
through core.messaging (the outbox when no provider), once. The bell in the app's top bar reads
`GET /api/v1/notifications/`. See README "Notifications".
"""
