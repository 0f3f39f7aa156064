"""A statistical text model that learns from members' decisions (naive Bayes over n-grams).

Lexicons lag behind spammers; mail filters pair rules with a Bayes classifier trained on
what users mark. This is a multinomial naive Bayes over the presence of folded word
unigrams and bigrams ("binarised", which suits short notes), fitted on labelled cases:
flagged (decline, spam, a member's decline or report) against welcome (accepted). It adds
one rule, `ML_TEXT_MODEL`, whose score is bounded by its group cap, and it is only scored
once it has seen enough examples of each class (`Policy.model_min_examples`); before
that, and in shadow mode, its hits are recorded with no score.

It is persisted as JSON, never pickle, so a model file from elsewhere cannot run code.
Following scikit-learn: the constructor only stores parameters, `fit()` returns self,
and learned attributes end in `_`.
"""

from __future__ import annotations

import heapq
import itertools
import json
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Self

from handschlag.trust.text.normalise import view

__all__ = [
    "ENV_VAR",
    "ModelError",
    "TextModel",
    "default_model",
    "default_model_path",
    "features",
    "features_of_tokens",
]

ENV_VAR = "HANDSCHLAG_TRUST_MODEL"
_FORMAT = "handschlag-trust-nb-1"


class ModelError(ValueError):
    """A model file that cannot be read, or a fit without both classes."""


def features(text: str) -> set[str]:
    """The model's features of a text: folded words and word pairs, digits as "#"."""
    return features_of_tokens(view(text).tokens)


def features_of_tokens(folded: Sequence[str]) -> set[str]:
    """The model's features of a text's folded tokens (see `features`)."""
    tokens = ["#" if t.isdigit() else t for t in folded]
    feats = set(tokens)
    feats.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return feats


class TextModel:
    """Binarised multinomial naive Bayes: P(flagged | words of the note)."""

    def __init__(self, alpha: float = 1.0, min_df: int = 2) -> None:
        self.alpha = alpha
        self.min_df = min_df
        self.log_prior_: tuple[float, float] | None = None
        self.log_prob_: dict[str, tuple[float, float]] = {}
        self.n_examples_: tuple[int, int] = (0, 0)

    @property
    def is_fitted(self) -> bool:
        return self.log_prior_ is not None

    def fit(self, texts: Sequence[str], flagged: Sequence[bool]) -> Self:
        """Learn from texts and whether each was flagged; both classes are needed."""
        if len(texts) != len(flagged):
            raise ModelError("texts and labels differ in length")
        n_flag = sum(1 for f in flagged if f)
        n_ham = len(flagged) - n_flag
        if n_flag == 0 or n_ham == 0:
            raise ModelError("training needs flagged and welcome examples")
        counts: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
        for text, is_flagged in zip(texts, flagged, strict=True):
            counts[int(is_flagged)].update(features(text))
        vocab = [
            f
            for f in counts[0].keys() | counts[1].keys()
            if counts[0][f] + counts[1][f] >= self.min_df
        ]
        vocab.sort()
        totals = [sum(counts[c][f] for f in vocab) for c in (0, 1)]
        denom = [totals[c] + self.alpha * len(vocab) for c in (0, 1)]
        self.log_prob_ = {
            f: (
                math.log((counts[0][f] + self.alpha) / denom[0]),
                math.log((counts[1][f] + self.alpha) / denom[1]),
            )
            for f in vocab
        }
        total = n_ham + n_flag
        self.log_prior_ = (math.log(n_ham / total), math.log(n_flag / total))
        self.n_examples_ = (n_ham, n_flag)
        return self

    def predict_proba(self, text: str) -> float:
        """The probability that a case with this text is flagged."""
        return self.probability(features(text))

    def probability(self, feats: Iterable[str]) -> float:
        """The probability that a case with these features (see `features`) is flagged."""
        if self.log_prior_ is None:
            raise ModelError("the model is not fitted")
        ham, flag = self.log_prior_
        get = self.log_prob_.get
        for f in feats:
            lp = get(f)
            if lp is not None:
                ham += lp[0]
                flag += lp[1]
        diff = max(min(ham - flag, 50.0), -50.0)
        return 1.0 / (1.0 + math.exp(diff))

    def top_features(self, n: int = 5) -> list[tuple[str, float]]:
        """The features that most point towards flagged, with their log-odds."""
        ranked = sorted(self.log_prob_.items(), key=lambda kv: kv[1][0] - kv[1][1])
        return [(f, lp[1] - lp[0]) for f, lp in ranked[:n]]

    def explain(self, text: str, n: int = 3) -> list[str]:
        """The words of `text` that pushed it most towards flagged."""
        return self.explain_features(features(text), n)

    def explain_features(self, feats: Iterable[str], n: int = 3) -> list[str]:
        """The features among `feats` that pushed most towards flagged."""
        get = self.log_prob_.get
        scored = []
        for f in feats:
            lp = get(f)
            if lp is not None and lp[1] > lp[0]:
                scored.append((lp[1] - lp[0], f))
        return [f for _, f in heapq.nlargest(n, scored)]

    ### Persistence ###

    def to_json(self) -> dict[str, object]:
        return {
            "format": _FORMAT,
            "alpha": self.alpha,
            "min_df": self.min_df,
            "log_prior": list(self.log_prior_) if self.log_prior_ else None,
            "n_examples": list(self.n_examples_),
            "log_prob": {f: list(v) for f, v in self.log_prob_.items()},
        }

    @classmethod
    def from_json(cls, data: object) -> TextModel:
        """Rebuild a model from `to_json()` output, checking every part."""
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            raise ModelError("not a trust text model")
        try:
            model = cls(alpha=float(data["alpha"]), min_df=int(data["min_df"]))
            prior = data["log_prior"]
            if prior is not None:
                model.log_prior_ = (float(prior[0]), float(prior[1]))
            ham, flag = data["n_examples"]
            model.n_examples_ = (int(ham), int(flag))
            model.log_prob_ = {
                str(f): (float(v[0]), float(v[1])) for f, v in dict(data["log_prob"]).items()
            }
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ModelError(f"broken model file: {exc}") from exc
        return model

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(self.to_json(), sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> TextModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path}: {exc}") from exc
        return cls.from_json(data)


def default_model_path() -> Path:
    """Where `handschlag train` writes and the engine looks: $HANDSCHLAG_TRUST_MODEL, else
    $XDG_DATA_HOME/handschlag/trust-model.json."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "handschlag" / "trust-model.json"


def default_model() -> TextModel | None:
    """The model at the default path, or None when there is none (or it is unreadable)."""
    path = default_model_path()
    if not path.is_file():
        return None
    try:
        return TextModel.load(path)
    except ModelError:
        return None


def flagged_from_label(label: str) -> bool | None:
    """Map a label or a member's action to a training class (None: not used for training)."""
    value = label.strip().casefold()
    if value in {"decline", "spam", "declined", "report", "reported", "flagged"}:
        return True
    if value in {"welcome", "accept", "accepted"}:
        return False
    return None


def pair(texts: Iterable[str], labels: Iterable[str]) -> tuple[list[str], list[bool]]:
    """Keep the (text, label) pairs whose label is usable for training."""
    xs, ys = [], []
    for text, label in zip(texts, labels, strict=True):
        y = flagged_from_label(label)
        if y is not None:
            xs.append(text)
            ys.append(y)
    return xs, ys
