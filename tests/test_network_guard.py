"""The test settings block outbound network (config/network_guard.py): only this machine is reachable."""

import socket
import threading

import pytest

from config.network_guard import NetworkBlocked, hosts_of


def test_a_public_address_is_refused_at_once():
    with (
        socket.socket() as sock,
        pytest.raises(NetworkBlocked, match=r"must not reach the network \(tried 203.0.113.7:443\)"),
    ):
        sock.connect(("203.0.113.7", 443))
    with socket.socket(socket.AF_INET6) as sock, pytest.raises(NetworkBlocked):
        sock.connect_ex(("2001:db8::1", 443, 0, 0))


def test_names_are_not_resolved():
    with pytest.raises(NetworkBlocked, match="resolve api.anthropic.com"):
        socket.getaddrinfo("api.anthropic.com", 443)
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("api.twilio.com", 443), timeout=1)


def test_http_clients_fail_fast():
    import requests  # what the Twilio SDK sends with

    with pytest.raises(NetworkBlocked):
        requests.get("https://api.twilio.com/2010-04-01/Accounts.json", timeout=2)


def test_loopback_and_unix_sockets_work():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    accepted = threading.Thread(target=lambda: server.accept()[0].close())
    accepted.start()
    try:
        with socket.create_connection(("localhost", port), timeout=5):
            pass
    finally:
        accepted.join(5)
        server.close()
    a, b = socket.socketpair()
    a.sendall(b"ok")
    assert b.recv(2) == b"ok"
    a.close()
    b.close()


def test_database_hosts_from_the_environment_are_allowed():
    assert hosts_of("postgres://postgres@db.internal:5432/x", "redis://127.0.0.1:6379/0", None, "") == {
        "db.internal",
        "127.0.0.1",
    }
