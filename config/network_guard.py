"""Tests never reach the network: outbound sockets may only go to this machine (loopback, unix sockets) and to
the hosts of the databases/brokers the settings name. Installed by config/settings/test.py for the whole run.

A blocked connection raises NetworkBlocked (a RuntimeError) at once, with the address, instead of waiting on a
timeout: an integration called without its fake (Anthropic, Twilio, SendGrid...) fails loudly.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_installed: dict = {}


class NetworkBlocked(RuntimeError):
    pass


def _is_local(host, allowed: frozenset[str]) -> bool:
    if host is None or host == "":
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").lower()
    if host in _LOCAL_NAMES or host in allowed:
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def hosts_of(*urls: str | None) -> set[str]:
    """The host names in connection URLs (postgres://u@db:5432/x -> {'db'}); blanks and bad URLs are skipped."""
    out = set()
    for url in urls:
        try:
            host = urlsplit(url or "").hostname
        except ValueError:
            host = None
        if host:
            out.add(host.lower())
    return out


def block_outbound(*, allow_hosts=()) -> None:
    """Patches socket connect/connect_ex/getaddrinfo for the process (idempotent; `allow_hosts` accumulate)."""
    allowed = frozenset(_installed.get("allowed", frozenset()) | {h.lower() for h in allow_hosts if h})
    _installed["allowed"] = allowed
    if _installed.get("done"):
        return
    real_connect, real_connect_ex, real_getaddrinfo = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def check(family, address) -> None:
        if family == getattr(socket, "AF_UNIX", None) or not isinstance(address, tuple):
            return
        if not _is_local(address[0], _installed["allowed"]):
            raise NetworkBlocked(f"Tests must not reach the network (tried {address[0]}:{address[1]}).")

    def connect(sock, address):
        check(sock.family, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        check(sock.family, address)
        return real_connect_ex(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host, _installed["allowed"]):
            raise NetworkBlocked(f"Tests must not reach the network (tried to resolve {host}).")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
    _installed["done"] = True
