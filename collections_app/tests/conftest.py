import pytest

from core.messaging.testing import FakeEmailBackend, FakeSmsBackend


@pytest.fixture(autouse=True)
def fake_messaging(settings):
    """Every test sends through recording fakes (core.messaging.testing), reset per test."""
    settings.MESSAGING_SMS_BACKEND = "core.messaging.testing.FakeSmsBackend"
    settings.MESSAGING_EMAIL_BACKEND = "core.messaging.testing.FakeEmailBackend"
    FakeSmsBackend.reset()
    FakeEmailBackend.reset()
    yield
    FakeSmsBackend.reset()
    FakeEmailBackend.reset()
