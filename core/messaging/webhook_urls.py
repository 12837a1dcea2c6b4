from django.urls import path

from core.messaging import webhook_apis

urlpatterns = [
    path("twilio/sms/", webhook_apis.TwilioInboundSmsWebhook.as_view(), name="webhook-twilio-sms"),
    path("twilio/status/", webhook_apis.TwilioStatusWebhook.as_view(), name="webhook-twilio-status"),
    path("sendgrid/inbound/", webhook_apis.SendGridInboundWebhook.as_view(), name="webhook-sendgrid-inbound"),
    path("sendgrid/events/", webhook_apis.SendGridEventWebhook.as_view(), name="webhook-sendgrid-events"),
]
