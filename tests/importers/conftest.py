"""The importers' tests: pure Python, run with Django not loaded (make test-trust)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "linkedin_sample.zip"


@pytest.fixture
def make_zip(tmp_path: Path) -> Callable[..., Path]:
    """Write a zip with the given members (name -> bytes or str)."""

    def make(members: dict[str, bytes | str], name: str = "export.zip") -> Path:
        path = tmp_path / name
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for member, data in members.items():
                zf.writestr(member, data.encode() if isinstance(data, str) else data)
        path.write_bytes(buffer.getvalue())
        return path

    return make
