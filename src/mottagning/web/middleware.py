"""Swedish first: the language is Swedish unless the user has chosen English on the page.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a case worker with an
English operating system would get English without asking; klarspråk in Swedish is the default
that the law on public-sector services expects, English an explicit choice (stored in a cookie).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class SwedishFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
