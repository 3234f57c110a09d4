"""`/sparql`: the SPARQL 1.1 Protocol over the query pool, read-only.

A GET with no query answers the SPARQL 1.1 Service Description (Turtle, JSON-LD... by
Accept or ?format=; an HTML page for browsers). Relative IRIs in queries resolve against
the base IRI: `vlmkg serve --base`, else the endpoint's own URL.

Status codes: 400 malformed request or query (with the parser's line:column), 403 update
or SERVICE refused, 405 a method other than GET/POST, 406 no acceptable format, 408 body
too slow, 413 body or query too long, 415 wrong content type or a charset other than
UTF-8, 503 time limit reached or graph not ready.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from kg.vocab import GRAPH
from ui._query_worker import QueryJob, graph_reply
from ui.queries import QueryRunner
from ui.remote_pool import RemoteQueryPool
from ui.service_description import (
    DATASET_QUERY,
    PREFIXES,
    Dataset,
    dataset_of,
    describe,
    description_page,
)
from ui.sparql_protocol import (
    MAX_QUERY_CHARS,
    negotiate,
    prefers_html,
    query_kind,
    read_request,
)
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


ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"


def sparql_router(
    get_pool: Callable[[], QueryRunner],
    allow_service: bool = False,
    base_iri: str | None = None,
    build_id: Callable[[], str | None] | None = None,
) -> APIRouter:
    """A router serving `/sparql` (and `/sparql/`) with queries run by the pool `get_pool()`
    returns; `base_iri` resolves relative IRIs (default: the endpoint's URL); `build_id`
    names the data served, so the service description is counted once per build."""
    router = APIRouter()
    datasets = _DatasetCache(get_pool, build_id)

    @router.api_route("/sparql", methods=["GET", "HEAD", "POST"])
    @router.api_route("/sparql/", methods=["GET", "HEAD", "POST"])
    async def sparql(request: Request) -> Response:
        endpoint = f"{request.base_url}sparql"
        if request.method != "POST" and not {"query", "update"} & set(request.query_params):
            return await _service_description(request, endpoint, datasets, allow_service)
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
                base_iri=base_iri or endpoint,
            )
            reply = await run_in_threadpool(lambda: get_pool().run(job))
        except VlmkgError as exc:
            return error_response(exc)
        headers = {"Vary": "Accept", "X-Result-Rows": str(reply.rows)}
        if reply.truncated:
            headers["X-Row-Limit-Reached"] = "true"
        return Response(reply.body, 200, headers, media_type=reply.media_type)

    @router.api_route("/sparql", methods=["OPTIONS"])
    @router.api_route("/sparql/", methods=["OPTIONS"])
    def options() -> Response:
        return Response(status_code=204, headers={"Allow": ALLOWED_METHODS})

    @router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH", "TRACE"])
    @router.api_route("/sparql/", methods=["PUT", "DELETE", "PATCH", "TRACE"])
    def wrong_method(request: Request) -> Response:
        return Response(
            f"error: {request.method} is not allowed on /sparql: send queries with GET or "
            "POST (the endpoint is read-only)\n",
            405,
            {"Allow": ALLOWED_METHODS},
            media_type="text/plain",
        )

    return router


class _DatasetCache:
    """The served Dataset, re-counted when `build_id()` changes (always without one)."""

    def __init__(
        self, get_pool: Callable[[], QueryRunner], build_id: Callable[[], str | None] | None
    ) -> None:
        self.get_pool = get_pool
        self.build_id = build_id
        self._cached: tuple[str | None, Dataset] | None = None

    def get(self) -> Dataset:
        build = self.build_id() if self.build_id else None
        if self._cached is not None and build is not None and self._cached[0] == build:
            return self._cached[1]
        pool = self.get_pool()
        reply = pool.run(QueryJob(DATASET_QUERY, select_format="json"))
        bindings = json.loads(reply.body)["results"]["bindings"]
        rows = [
            (b["g"]["value"] if "g" in b else None, int(b["triples"]["value"])) for b in bindings
        ]
        # The workers query the store's graph GRAPH as the default graph; a remote store, its own.
        default = pool.settings.graph if isinstance(pool, RemoteQueryPool) else GRAPH
        dataset = dataset_of(rows, default)
        self._cached = (build, dataset)
        return dataset


async def _service_description(
    request: Request, endpoint: str, datasets: _DatasetCache, allow_service: bool
) -> Response:
    accept = request.headers.get("accept", "")
    explicit = request.query_params.get("format")
    page = not explicit and prefers_html(accept)
    try:
        fmt = negotiate("graph", "" if page else accept, explicit)
        dataset = await run_in_threadpool(datasets.get)
    except VlmkgError as exc:
        return error_response(exc)
    triples = describe(endpoint, dataset, allow_service)
    reply = graph_reply(triples, fmt, len(triples), PREFIXES)
    headers = {"Vary": "Accept"}
    if page:
        return HTMLResponse(description_page(endpoint, reply.body.decode()), headers=headers)
    return Response(reply.body, 200, headers, media_type=reply.media_type)
