"""The trust engine's tests: no database, no Django settings, no model file from outside."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_model_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # The default engine loads a model from $HANDSCHLAG_TRUST_MODEL; tests must not pick up a
    # developer's trained model.
    missing = tmp_path_factory.getbasetemp() / "no-model.json"
    monkeypatch.setenv("HANDSCHLAG_TRUST_MODEL", str(missing))
