"""What keeps a local web app safe when any web page the clerk visits can
send requests to it: a random token on every request that changes
something, a limit on request size, a check of the Host header (a page of
another site renamed to 127.0.0.1 cannot read these pages), and headers
that forbid scripts from elsewhere and framing.
"""

from __future__ import annotations

import secrets

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from generator.input.loading import MAX_BYTES

TOKEN_HEADER = "X-Reportgen-Token"
TOKEN_FIELD = "csrf"
# A form carries the file's text and every field: about twice an input's limit.
MAX_BODY = 3 * MAX_BYTES
SAFE_METHODS = frozenset({"GET", "HEAD"})

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


def new_token() -> str:
    """A token for one run of the server."""
    return secrets.token_urlsafe(24)


def token_matches(expected: str, given: str | None) -> bool:
    """Compare in constant time."""
    return bool(given) and secrets.compare_digest(expected.encode(), str(given).encode())


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode()), *HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: size limit, token on every unsafe method, security headers."""

    def __init__(self, app: ASGIApp, token: str, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if scope["method"] not in SAFE_METHODS:
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                await _plain(send, 413, too_large_message(self.max_body))
                return
            # The token travels in a header htmx adds to every request; a form of
            # another site can send neither the header nor the right value.
            if not token_matches(self.token, headers.get(TOKEN_HEADER)):
                await _plain(send, 403, "请求缺少有效的令牌，已拒绝。请从 reportgen serve 打开的页面操作（重新启动后请刷新页面）。")
                return

        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        try:
            await self.app(scope, limited, with_headers)
        except BodyTooLarge:
            await _plain(send, 413, too_large_message(self.max_body))


class BodyTooLarge(Exception):
    """A request body past the limit (sent without a length)."""


def too_large_message(limit: int) -> str:
    """The clerk's words for a refused oversize request."""
    return f"提交的内容过大（超过 {limit // 1024 // 1024} MB），已拒绝。年度报告的输入不会这么大，请检查是否粘贴了多余的内容。"
