"""Writes a request's person reads to the read log once its response is known to succeed."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from mottagning.audit import services


class ReadLogMiddleware:
    """Wraps every view: the selectors register reads during the request (audit.services), and
    this writes them only for a 2xx or 3xx response, before the response leaves the server. An
    exception in the view reaches here as Django's 4xx/5xx response, so it logs nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        kanal = services.API if request.path.startswith("/api/") else services.WEB
        with services.request_reads(kanal=kanal, sokvag=request.get_full_path()) as reads:
            response = self.get_response(request)
            if reads.rows and 200 <= response.status_code < 400:
                services.request_reads_commit(reads)
            if reads.conflicts:
                services.request_conflicts_commit(reads.conflicts)
        return response
