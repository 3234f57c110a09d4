"""`/sparql`: the SPARQL 1.1 Protocol over the query pool, read-only.

Status codes: 400 malformed request or query (with the parser's line:column), 403 update
or SERVICE refused, 406 no acceptable format, 413 query too long, 415 wrong content type,
503 time limit reached or graph not ready.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from ui._query_worker import QueryJob
from ui.query_pool import QueryPool
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


def sparql_router(get_pool: Callable[[], QueryPool], allow_service: bool = False) -> APIRouter:
    """A router serving `/sparql` with queries run by the pool `get_pool()` returns."""
    router = APIRouter()

    @router.api_route("/sparql", methods=["GET", "POST"])
    async def sparql(request: Request) -> Response:
        length = int(request.headers.get("content-length") or 0)
        if length > 4 * MAX_QUERY_CHARS:
            return Response("error: request body too large\n", 413, media_type="text/plain")
        body = await request.body() if request.method == "POST" else b""
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
