"""The statistical text model: fit returns self, JSON round trip, needs both classes."""

from __future__ import annotations

from pathlib import Path

import pytest

from handschlag.trust.model import ModelError, TextModel, flagged_from_label

from .examples import (
    GENERIC_DE,
    GENERIC_EN,
    PITCH_DE,
    PITCH_EN,
    PLAIN_DE,
    PLAIN_EN,
    SPECIFIC_DE,
    SPECIFIC_EN,
)

TEXTS = [PITCH_DE, PITCH_EN, GENERIC_DE, GENERIC_EN, PLAIN_DE, PLAIN_EN, SPECIFIC_DE, SPECIFIC_EN]
FLAGS = [True, True, True, True, False, False, False, False]


def test_constructor_stores_parameters_only() -> None:
    model = TextModel(alpha=0.5, min_df=3)
    assert (model.alpha, model.min_df, model.is_fitted) == (0.5, 3, False)
    with pytest.raises(ModelError):
        model.predict_proba("x")


def test_fit_returns_self_and_separates() -> None:
    model = TextModel(min_df=1)
    assert model.fit(TEXTS, FLAGS) is model
    assert model.predict_proba("Kostenlose Erstberatung für mehr Umsatz mit unserer Software") > 0.8
    assert model.predict_proba("thanks for the nice chat yesterday about Kafka") < 0.5
    assert model.n_examples_ == (4, 4)
    assert model.explain(PITCH_DE)


def test_json_round_trip(tmp_path: Path) -> None:
    model = TextModel(min_df=1).fit(TEXTS, FLAGS)
    model.save(tmp_path / "m.json")
    loaded = TextModel.load(tmp_path / "m.json")
    assert loaded.predict_proba(PITCH_EN) == pytest.approx(model.predict_proba(PITCH_EN))


def test_broken_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"format": "pickle"}', encoding="utf-8")
    with pytest.raises(ModelError):
        TextModel.load(tmp_path / "bad.json")
    (tmp_path / "bad2.json").write_text('{"format": "handschlag-trust-nb-1"}', encoding="utf-8")
    with pytest.raises(ModelError):
        TextModel.load(tmp_path / "bad2.json")


def test_needs_both_classes() -> None:
    with pytest.raises(ModelError):
        TextModel().fit(["a", "b"], [True, True])


@pytest.mark.parametrize(
    ("label", "flagged"),
    [
        ("spam", True),
        ("decline", True),
        ("report", True),
        ("accept", False),
        ("welcome", False),
        ("review", None),
    ],
)
def test_labels_and_member_actions(label: str, flagged: bool | None) -> None:
    assert flagged_from_label(label) is flagged
