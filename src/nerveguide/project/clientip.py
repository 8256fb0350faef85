"""The client's address, right behind a reverse proxy and impossible to spoof without one.

Every per-client limit (review and PDF rate limits, django-axes login lockouts) keys on
`client_ip(request)`. Behind nginx, REMOTE_ADDR is the proxy's address, so every visitor would
share one bucket; a client talking to the app server directly can send any X-Forwarded-For it
likes. So the header is believed only when the connection comes from a configured proxy:

- settings.TRUSTED_PROXIES (env TRUSTED_PROXIES, comma-separated addresses or CIDR networks,
  e.g. "127.0.0.1,::1"; empty by default): only connections from these addresses may name the
  client in X-Forwarded-For. From any other address, REMOTE_ADDR is the client.
- settings.TRUSTED_PROXY_HOPS (env TRUSTED_PROXY_HOPS, default 0): how many further proxies (a
  CDN or load balancer in front of nginx) append themselves to X-Forwarded-For after the client.
  nginx's `$proxy_add_x_forwarded_for` appends the address it saw, so with nginx alone the
  client is the right-most entry; whatever a client wrote to the left of it is ignored.

The header is parsed by django-ipware (python-ipware): IPv6, brackets, ports and junk entries.
Only the REMOTE_ADDR gate is ours, since ipware validates the header's chain, not the peer.
"""

import ipaddress
from functools import cache

from django.conf import settings
from ipware import get_client_ip

ATTRIBUTE = "_nerveguide_client_ip"


@cache
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def trusted_proxy(address: str) -> bool:
    """True when `address` (a REMOTE_ADDR) is one of settings.TRUSTED_PROXIES."""
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    """The client's IP address as text ("" if unknown), computed once per request.

    Also the django-axes AXES_CLIENT_IP_CALLABLE, so login lockouts key on the same address.
    """
    cached = getattr(request, ATTRIBUTE, None)
    if cached is not None:
        return cached
    remote = request.META.get("REMOTE_ADDR", "") or ""
    address = remote
    if trusted_proxy(remote) and request.META.get("HTTP_X_FORWARDED_FOR"):
        found, _routable = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=settings.TRUSTED_PROXY_HOPS,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        address = found or remote
    setattr(request, ATTRIBUTE, address)
    return address
