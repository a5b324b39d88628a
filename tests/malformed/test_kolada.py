"""Malformed Kolada files (kolada/): the preview lists what is wrong, saving stores nothing, and
no file gives a server error. Every file here has at least one fault; the indicator with the
Kolada key U00001 exists, so a row fails for what the file gets wrong and not for a missing
indicator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.fixtures import followup_goal, kolada_indicator, user_in
from tests.malformed.conftest import HERE

FILES = sorted((HERE / "kolada").iterdir())


def test_corpus_is_large_enough() -> None:
    assert len(FILES) >= 15


@pytest.fixture
def strateg(alingsas: Any) -> Any:
    user = user_in(alingsas, roles=("strateg",))
    kolada_indicator(user, followup_goal(user))
    return user


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_malformed_kolada_file(path: Path, strateg: Any, unchanged: None) -> None:
    client = Client()
    client.force_login(strateg)
    page = client.post(
        reverse("followup:kolada"), {"fil": SimpleUploadedFile(path.name, path.read_bytes())}
    )
    assert page.status_code == 200, page.status_code
    preview = page.context["preview"]
    if preview is None:  # refused at upload, with the reason on the form
        assert page.context["form"].errors
    else:
        assert preview.errors, "the preview found no fault in the file"
    assert b"Traceback" not in page.content
    # Nothing was kept to save: saving asks for the file again and writes nothing.
    saved = client.post(reverse("followup:kolada"), {"spara": "1"})
    assert saved.status_code == 302
    assert saved["Location"] == reverse("followup:kolada")
