"""Writes a request's person reads to the read log once its response is known to succeed."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponseBase

from mottagning.audit import services

# Methods that change nothing (RFC 9110 9.2.1): their only write is the read log itself.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReadLogMiddleware:
    """Wraps every view: the selectors register reads during the request (audit.services), and
    this writes them only for a 2xx or 3xx response, before the response leaves the server.

    A request that may write runs in one transaction with its read-log rows: they are committed
    together, and a server error (an exception in the view reaches here as Django's 500
    response) rolls back both. A reading request writes nothing else, so its transaction is the
    single INSERT of its read-log rows. A 4xx logs no read either way."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        kanal = services.API if request.path.startswith("/api/") else services.WEB
        with services.request_reads(kanal=kanal, sokvag=request.get_full_path()) as reads:
            if request.method in SAFE_METHODS:
                response = self._respond(request, reads)
            else:
                with transaction.atomic():
                    response = self._respond(request, reads)
                    if response.status_code >= 500:
                        transaction.set_rollback(True)
            # Refused identity numbers are recorded whatever the outcome: the attempt happened.
            if reads.conflicts:
                services.request_conflicts_commit(reads.conflicts)
        return response

    def _respond(self, request: HttpRequest, reads: services.RequestReads) -> HttpResponseBase:
        response = self.get_response(request)
        if reads.rows and 200 <= response.status_code < 400:
            services.request_reads_commit(reads)
        return response
