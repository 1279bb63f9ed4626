"""One way to fetch a URL for the tool: every fetch (a feed URL given to the web app or the API)
goes through :func:`fetch`.

- **One deadline** for everything: DNS, connect, TLS, response headers and body. Each socket
  read and write waits at most what is left of it, so a server that trickles its headers one
  byte at a time is cut off at the deadline (a per-read timeout would be reset by every byte).
- **A size cap** on the body, counted as it arrives. A gzipped answer is kept compressed (the
  cap counts what came over the wire) and decompressed by the readers, under their own limits.
- **An address policy**: the host is resolved and every address checked before connecting,
  and the connection goes to the address that was checked (no second lookup, so a name that
  changes its answer between the check and the connect cannot slip through). Loopback,
  private, link-local, multicast, reserved, shared and unspecified addresses are refused,
  IPv4 and IPv6 alike, including IPv4 inside IPv6 (``::ffff:127.0.0.1``, 6to4, NAT64, Teredo)
  and the numeric forms ``2130706433``, ``127.1``, ``0x7f.1``. ``allow_private=True`` (``serve
  --allow-private-fetch``) lifts the policy for users who mean it.
- **Redirects followed here**, at most :data:`MAX_REDIRECTS`, each to an http(s) URL whose
  connection is checked like the first.
- Environment proxies are not used (a proxy would connect on our behalf, past the policy).

:class:`FetchPool` runs fetches on a few threads of their own, so slow feeds never hold the
threads that answer pages.

    data = fetch("https://example.org/feed.xml", max_bytes=10_000_000, timeout=20).data
"""

from __future__ import annotations

import asyncio
import ipaddress
import itertools
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import httpcore
import httpx

from corroborate.errors import CorroborateError

__all__ = [
    "MAX_REDIRECTS",
    "FetchBusy",
    "FetchError",
    "FetchPool",
    "Fetched",
    "RefusedAddress",
    "check_address",
    "fetch",
]

MAX_REDIRECTS = 5
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NUMERIC_HOST = re.compile(r"^[0-9a-fx.]+$", re.IGNORECASE)

T = TypeVar("T")


class FetchError(CorroborateError):
    """A URL could not be fetched (bad URL, refused, too big, too slow, not reachable)."""


class RefusedAddress(FetchError):
    """The URL's host is, or resolves to, an address the policy refuses."""


class FetchBusy(FetchError):
    """Too many fetches are running or waiting already."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body: the URL asked for, the URL it came from (after redirects), its bytes."""

    url: str
    final_url: str
    data: bytes
    content_type: str = ""


def check_address(address: str, *, allow_private: bool = False) -> None:
    """Raise :class:`RefusedAddress` unless ``address`` (an IP address as text) may be
    connected to: a public unicast address, or any address with ``allow_private``."""
    if allow_private:
        return
    refusal = _refusal(address)
    if refusal:
        reason, inner = refusal
        shown = address if inner == address else f"{address} ({inner})"
        article = "an" if reason[0] in "aeiou" else "a"
        raise RefusedAddress(
            f"{shown} is {article} {reason} address; the server fetches only public addresses "
            "(serve --allow-private-fetch allows the others)"
        )


def _refusal(address: str) -> tuple[str, str] | None:
    """(why, the address that is refused: ``address`` or the IPv4 one inside it), or None."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "malformed", address
    candidates: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = []
    if isinstance(ip, ipaddress.IPv6Address):  # IPv4 inside IPv6 first: the clearer reason
        embedded = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
        if ip in _NAT64:
            embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        candidates += [e for e in embedded if e is not None]
    candidates.append(ip)
    for one in candidates:
        for kind, test in (
            ("unspecified", one.is_unspecified),
            ("loopback", one.is_loopback),
            ("link-local", one.is_link_local),
            ("multicast", one.is_multicast),
            ("private", one.is_private),
            ("reserved", one.is_reserved),
            ("non-public", not one.is_global),
        ):
            if test:
                return kind, str(one)
    return None


def literal_address(host: str) -> str | None:
    """The IP address a URL's host names literally, in any form the C library accepts
    (``[::1]``, ``127.0.0.1``, ``127.1``, ``0x7f.1``, ``2130706433``), else None."""
    bare = host.strip("[]")
    try:
        return str(ipaddress.ip_address(bare.split("%", 1)[0]))
    except ValueError:
        pass
    if _NUMERIC_HOST.match(bare):
        try:
            return socket.inet_ntoa(socket.inet_aton(bare))
        except OSError:
            return None
    return None


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = 20.0,
    allow_private: bool = False,
    max_redirects: int = MAX_REDIRECTS,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """GET an http(s) ``url``: at most ``max_bytes`` of body, everything within ``timeout``
    seconds, redirects followed (at most ``max_redirects``), every address checked (see the
    module's docstring). ``transport`` replaces the network (httpx ``MockTransport`` in tests);
    literal addresses in URLs are still checked then."""
    deadline = time.monotonic() + timeout
    own = transport is None
    if transport is None:
        transport = _guarded_transport(deadline, allow_private)
    try:
        with httpx.Client(
            transport=transport, trust_env=False, follow_redirects=False, timeout=timeout
        ) as client:
            current = url
            for _hop in range(max_redirects + 1):
                request = _request(client, current, allow_private)
                try:
                    response = client.send(request, stream=True)
                except httpx.TimeoutException:
                    raise FetchError(f"{url}: not fetched within {timeout:g} s") from None
                try:
                    if response.is_redirect and response.next_request is not None:
                        current = str(response.next_request.url)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{url}: the server answered {response.status_code}")
                    data = _body(response, url, max_bytes, deadline, timeout)
                    kind = response.headers.get("content-type", "")
                    return Fetched(url=url, final_url=current, data=data, content_type=kind)
                finally:
                    response.close()
            raise FetchError(f"{url}: more than {max_redirects} redirects")
    except FetchError:
        raise
    except httpx.TimeoutException:
        raise FetchError(f"{url}: not fetched within {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: could not be fetched ({type(exc).__name__}: {exc})") from None
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})") from None
    finally:
        if own:
            transport.close()


def _request(client: httpx.Client, url: str, allow_private: bool) -> httpx.Request:
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"{url[:200]}: only http and https URLs can be fetched")
    try:  # gzip only, and kept compressed: the readers decompress it under their own bounds
        request = client.build_request("GET", url, headers={"Accept-Encoding": "gzip"})
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url[:200]}: not a valid URL ({exc})") from None
    host = request.url.host
    if not host:
        raise FetchError(f"{url[:200]}: no host in the URL")
    literal = literal_address(host)
    if literal is not None:
        check_address(literal, allow_private=allow_private)
    return request


def _body(
    response: httpx.Response, url: str, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"{url}: larger than {max_bytes} bytes")
    encoding = response.headers.get("content-encoding", "").strip().lower()
    raw = encoding in ("", "identity", "gzip", "x-gzip")  # gzip: passed on as .gz bytes
    chunks, size = [], 0
    try:
        stream = response.iter_raw() if raw else response.iter_bytes()
        first = next(stream, b"")
    except httpx.StreamConsumed:  # a response made in memory (a MockTransport's): its content
        stream, first = iter([response.content]), b""
    for chunk in itertools.chain([first], stream):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: larger than {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: not fetched within {timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


# -- the network, guarded -----------------------------------------------------------------------


def _guarded_transport(deadline: float, allow_private: bool) -> httpx.BaseTransport:
    """httpx's own transport over a connection pool whose every connection is made by
    :class:`_GuardedBackend`."""
    transport = httpx.HTTPTransport(trust_env=False, retries=0)
    transport._pool.close()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=2,
        retries=0,
        network_backend=_GuardedBackend(deadline, allow_private),
    )
    return transport


class _DeadlineStream(httpcore.NetworkStream):
    """A connection every read and write of which ends by the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self.inner = inner
        self.deadline = deadline

    def _wait(self, timeout: float | None, error: type[Exception]) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise error("the deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self._wait(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self._wait(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = self._wait(timeout, httpcore.ConnectTimeout)
        inner = self.inner.start_tls(ssl_context, server_hostname, wait)
        return _DeadlineStream(inner, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves a host once, checks its addresses, connects to a checked one."""

    def __init__(self, deadline: float, allow_private: bool) -> None:
        self.deadline = deadline
        self.allow_private = allow_private
        self.sync = httpcore.SyncBackend()

    def _left(self, timeout: float | None = None) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the deadline passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _resolve(host, port, self._left())
        for address in addresses:  # one refused answer is enough to distrust the name
            try:
                check_address(address, allow_private=self.allow_private)
            except RefusedAddress as exc:
                raise RefusedAddress(f"{host} resolves to {exc}") from None
        last: Exception | None = None
        for address in addresses:
            try:
                stream = self.sync.connect_tcp(
                    address, port, self._left(timeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            return _DeadlineStream(stream, self.deadline)
        raise last or httpcore.ConnectError(f"{host}: no address to connect to")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _resolve(host: str, port: int, timeout: float) -> list[str]:
    """The host's addresses, asked of the system resolver on a thread of its own so the wait is
    bounded by the deadline (``getaddrinfo`` itself takes no timeout)."""
    import httpcore

    literal = literal_address(host)
    if literal is not None:
        return [literal]
    box: dict[str, Any] = {}

    def ask() -> None:
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            box["error"] = exc

    thread = threading.Thread(target=ask, name="corroborate-dns", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise httpcore.ConnectTimeout(f"{host}: no DNS answer in time")
    if "error" in box:
        raise httpcore.ConnectError(f"{host}: {box['error']}")
    return list(dict.fromkeys(str(info[4][0]) for info in box["infos"]))


# -- a pool of its own --------------------------------------------------------------------------


class FetchPool:
    """A few threads that only fetch, and a bound on how many fetches may wait for them: pages
    and API reads run on other threads, so they never queue behind a slow feed. Past
    ``threads + waiting`` fetches at once, :meth:`run` raises :class:`FetchBusy` at once."""

    def __init__(self, threads: int = 3, waiting: int = 6) -> None:
        self.threads = threads
        self.capacity = threads + waiting
        self.executor = ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="corroborate-fetch"
        )
        self.lock = threading.Lock()
        self.active = 0

    async def run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``function(*args, **kwargs)`` on one of the pool's threads, awaited."""
        with self.lock:
            if self.active >= self.capacity:
                raise FetchBusy(
                    f"{self.active} feeds are being fetched or waiting already; try again later"
                )
            self.active += 1
        future = self.executor.submit(function, *args, **kwargs)
        future.add_done_callback(self._done)  # counted until it ends, even if nobody waits
        return await asyncio.wrap_future(future)

    def _done(self, _future: object) -> None:
        with self.lock:
            self.active -= 1

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
