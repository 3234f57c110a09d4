"""`/sparql`: the SPARQL 1.1 Protocol over the query pool, read-only.

Status codes: 400 malformed request or query (with the parser's line:column), 403 update
or SERVICE refused, 406 no acceptable format, 408 body too slow, 413 body or query too
long, 415 wrong content type, 503 time limit reached or graph not ready.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from ui._query_worker import QueryJob
from ui.queries import QueryRunner
from ui.sparql_protocol import MAX_QUERY_CHARS, negotiate, query_kind, read_request
from vlmkg.errors import (
    FormatNotAcceptableError,
    MediaTypeError,
    QueryRefusedError,
    QuerySyntaxError,
    QueryTimeoutError,
    StoreError,
    VlmkgError,
)

_STATUS: list[tuple[type[VlmkgError], int]] = [
    (FormatNotAcceptableError, 406),
    (MediaTypeError, 415),
    (QueryRefusedError, 403),
    (QuerySyntaxError, 400),
    (QueryTimeoutError, 503),
    (StoreError, 503),
]


def status_of(exc: VlmkgError) -> int:
    """The HTTP status for a vlmkg error (400 for any other usage error)."""
    return next((code for cls, code in _STATUS if isinstance(exc, cls)), 400)


def error_response(exc: VlmkgError) -> Response:
    """A one-line `error: ...` text body with the matching status."""
    status = status_of(exc)
    headers = {"Retry-After": "5"} if status == 503 else None
    return Response(f"error: {exc}\n", status, headers, media_type="text/plain")


MAX_BODY_BYTES = 4 * MAX_QUERY_CHARS
BODY_TIMEOUT_S = 10.0


class BodyError(Exception):
    """A request body refused before it is read whole: too large (413) or too slow (408)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


async def read_body(
    request: Request, limit: int = MAX_BODY_BYTES, timeout: float = BODY_TIMEOUT_S
) -> bytes:
    """The request body, read as it streams in; raises BodyError past `limit` bytes (also
    when chunked, without a Content-Length) or when it takes longer than `timeout` seconds
    (a slowloris client would otherwise hold the request open for ever)."""
    declared = request.headers.get("content-length") or "0"
    if not declared.isdigit() or int(declared) > limit:
        raise BodyError(f"request body too large (limit {limit} bytes)", 413)

    async def collect() -> bytes:
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise BodyError(f"request body too large (limit {limit} bytes)", 413)
            chunks.append(chunk)
        return b"".join(chunks)

    try:
        return await asyncio.wait_for(collect(), timeout)
    except TimeoutError:
        raise BodyError(f"request body not received within {timeout:g} s", 408) from None


def sparql_router(get_pool: Callable[[], QueryRunner], allow_service: bool = False) -> APIRouter:
    """A router serving `/sparql` with queries run by the pool `get_pool()` returns."""
    router = APIRouter()

    @router.api_route("/sparql", methods=["GET", "POST"])
    async def sparql(request: Request) -> Response:
        try:
            body = await read_body(request) if request.method == "POST" else b""
        except BodyError as exc:
            return Response(f"error: {exc}\n", exc.status, media_type="text/plain")
        try:
            req = read_request(
                request.method,
                request.headers.get("content-type", ""),
                {k: request.query_params.getlist(k) for k in request.query_params},
                body,
            )
            kind = query_kind(req.query, allow_service)
            fmt = negotiate(kind, request.headers.get("accept", ""), req.format)
            job = QueryJob(
                query=req.query,
                select_format=fmt if kind != "graph" else "json",
                graph_format=fmt if kind == "graph" else "turtle",
                default_graphs=req.default_graphs,
                named_graphs=req.named_graphs,
            )
            reply = await run_in_threadpool(lambda: get_pool().run(job))
        except VlmkgError as exc:
            return error_response(exc)
        headers = {"Vary": "Accept", "X-Result-Rows": str(reply.rows)}
        if reply.truncated:
            headers["X-Row-Limit-Reached"] = "true"
        return Response(reply.body, 200, headers, media_type=reply.media_type)

    return router
