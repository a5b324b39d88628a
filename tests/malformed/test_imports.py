"""Malformed import files (imports/): refused at upload, or a preview that lists the errors and
a commit that stores nothing; never 5xx. Every file here has at least one fault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mottagning.register.models import ImportBatch
from tests.fixtures import unit, user_in
from tests.malformed.conftest import HERE

FILES = sorted((HERE / "imports").iterdir())
# The upload keeps its batch (and the batch's history) until the clean-up removes it.
WRITTEN_BY_DESIGN = ("register.ImportBatch", "register.HistoricalImportBatch")


def test_corpus_is_large_enough() -> None:
    assert len(FILES) >= 30


@pytest.fixture
def importer(alingsas: Any) -> Any:
    return user_in(alingsas, "integrationsavdelningen")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_malformed_import_file(path: Path, alingsas: Any, importer: Any, unchanged: None) -> None:
    client = Client()
    client.force_login(importer)
    upload = client.post(
        reverse("web:import_upload"),
        {
            "fil": SimpleUploadedFile(path.name, path.read_bytes()),
            "unit": unit(alingsas, "integrationsavdelningen").pk,
        },
    )
    if upload.status_code == 200:  # refused at upload, with the reason on the form
        assert "fil" in upload.context["form"].errors
        return
    assert upload.status_code == 302, upload.status_code
    preview = client.get(upload["Location"])
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert plan.errors or not plan.rows, "the preview found no fault in a malformed file"
    commit = client.post(upload["Location"])
    assert commit.status_code == 200  # the preview again, with its errors
    assert ImportBatch.objects.get().genomford is None
