"""Following a site's own links as one user, for the tests that read every page they reach
(plain Swedish, empty states): one page per URL shape, downloads and the API left out."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from urllib.parse import urlsplit

from django.test import Client

# Downloads, the API, static files, logging out and language switches are not pages to read.
SKIP = re.compile(r"(export|\.csv|\.xlsx|\.pdf|xlsx|pdf|logga-ut|/api/|/static/|mall|/i18n/)")

# Reads one page's HTML: what is wrong on it, and the links it has.
Check = Callable[[str], tuple[list[str], list[str]]]


def crawl(
    client: Client, starts: list[str], check: Check, *, max_pages: int
) -> dict[str, list[str]]:
    """What `check` found wrong, per page, on the pages reached from `starts`."""
    found: dict[str, list[str]] = {}
    queue = deque(starts)
    seen: set[str] = set()
    while queue and len(seen) < max_pages:
        path = queue.popleft()
        shape = re.sub(r"\d+", "N", urlsplit(path).path)
        if shape in seen:
            continue
        seen.add(shape)
        response = client.get(path, follow=True)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        problems, links = check(response.content.decode())
        if problems:
            found[path] = problems
        for href in links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if not SKIP.search(href):
                queue.append(href)
    assert len(seen) >= 5, seen
    return found
