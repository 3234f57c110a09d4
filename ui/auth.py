"""HTTP Basic authentication for the whole server (UI, `/sparql`, downloads).

Basic auth, not Gradio's login page, so SPARQL clients (SPARQLWrapper, curl -u, YASGUI)
authenticate the same way browsers do. `/health` stays open for probes.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from vlmkg.errors import InputFileError, UsageError

OPEN_PATHS = ("/health",)


def parse_credentials(auth: str | None = None, auth_file: Path | None = None) -> dict[str, str]:
    """user -> password from `--auth user:pass` and/or a file of `user:pass` lines."""
    lines: list[tuple[str, str]] = []
    if auth:
        lines.append(("--auth", auth))
    if auth_file is not None:
        try:
            text = auth_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputFileError(f"cannot read the auth file {auth_file}: {exc}") from exc
        lines += [
            (f"{auth_file}:{n}", line.strip())
            for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")
        ]
        if not any(where.startswith(str(auth_file)) for where, _ in lines):
            raise InputFileError(f"the auth file {auth_file} holds no user:password line")
    users: dict[str, str] = {}
    for where, line in lines:
        user, sep, password = line.partition(":")
        if not sep or not user or not password:
            raise UsageError(f"{where}: expected user:password, got {line!r}")
        users[user] = password
    return users


def check_basic(header: str | None, users: dict[str, str]) -> bool:
    """True when an `Authorization: Basic ...` header names a known user and password."""
    if not header or not header.lower().startswith("basic "):
        return False
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    user, _, password = decoded.partition(":")
    expected = users.get(user)
    return expected is not None and secrets.compare_digest(expected, password)


class BasicAuthMiddleware:
    """Answers 401 with a Basic challenge unless the request carries valid credentials."""

    def __init__(self, app: ASGIApp, users: dict[str, str]) -> None:
        self.app = app
        self.users = users

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if check_basic(headers.get("authorization"), self.users):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"www-authenticate", b'Basic realm="vlmkg", charset="UTF-8"'),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b"error: authentication required\n"})
