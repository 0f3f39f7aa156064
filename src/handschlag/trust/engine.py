"""Run the applicable rules on a case, cap each group, total the score and choose the label."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

from handschlag.trust.analysis import Analysis, SignatureCache
from handschlag.trust.case import Case
from handschlag.trust.catalogue import Evidence, all_rules
from handschlag.trust.index import TemplateIndex
from handschlag.trust.model import TextModel, default_model
from handschlag.trust.policy import ModelMode, Policy
from handschlag.trust.scores import GROUPS, SHIELDED, Signal
from handschlag.trust.text.lexicon import Lexicon, default_lexicon
from handschlag.trust.text.minhash import Signer
from handschlag.trust.verdict import Hit, Label, Thresholds, Verdict

__all__ = ["Engine", "evaluate"]

SHADOW_PREFIX = "T_"
_SPAM_SIGNALS = (Signal.AUTOMATION, Signal.DECEPTION)
#: The model may raise the total up to this far below the next label it must not reach.
_BELOW = 0.01


@functools.cache
def _default_signer() -> Signer:
    return Signer()


@dataclass(frozen=True, slots=True)
class _Spec:
    """A rule as the engine runs it: its function and everything the totals need."""

    code: str
    fn: Callable[[Analysis], Evidence | None]
    group: str
    explain: str
    score: float
    cap: float
    spam: bool  # its positive points are automation or deception
    shielded: bool  # reassurance cannot offset its group's points (a sales pitch)
    model: bool


class Engine:
    """The trust engine with its settings, cross-sender index and text model.

    One engine serves many cases; it holds no per-case state except a bounded cache of the
    signatures of senders' recent texts (they come back with each of the sender's cases).
    `index` and `model` are optional: without them the template rules look only at the
    sender's own texts and the model rule stays silent.
    """

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        index: TemplateIndex | None = None,
        model: TextModel | None = None,
        lexicon: Lexicon | None = None,
        signer: Signer | None = None,
    ) -> None:
        self.policy = policy or Policy()
        self.index = index
        self.model = model
        self.lexicon = lexicon or default_lexicon()
        self.signer = signer or _default_signer()
        self._recent = SignatureCache()
        self._specs: dict[str, tuple[_Spec, ...]] = {}
        specs: dict[str, list[_Spec]] = {}
        for r in all_rules():
            if r.code in self.policy.disabled:
                continue
            if r.group == "model" and self.policy.model_mode is ModelMode.OFF:
                continue
            spec = _Spec(
                code=r.code,
                fn=r.fn,
                group=r.group,
                explain=r.explain,
                score=self.policy.score_for(r.code),
                cap=self.policy.cap_for(r.group),
                spam=GROUPS[r.group].signal in _SPAM_SIGNALS,
                shielded=r.group in SHIELDED,
                model=r.group == "model",
            )
            for kind in r.kinds:
                specs.setdefault(kind, []).append(spec)
        self._specs = {kind: tuple(v) for kind, v in specs.items()}

    def analyse(self, case: Case) -> Analysis:
        """The analysis the rules will see (useful for tools and tests)."""
        return Analysis(
            case,
            lexicon=self.lexicon,
            signer=self.signer,
            index=self.index,
            model=self.model,
            recent_cache=self._recent,
        )

    def _model_counts(self) -> bool:
        model = self.model
        if model is None or self.policy.model_mode is not ModelMode.ON:
            return False
        return min(model.n_examples_) >= self.policy.model_min_examples

    def evaluate(self, case: Case) -> Verdict:
        """Judge one case: the label, the total score and the hits that explain it."""
        analysis = self.analyse(case)
        found: list[tuple[_Spec, Evidence, float]] = []
        modelled: list[tuple[_Spec, Evidence, float]] = []
        for spec in self._specs.get(case.kind, ()):
            evidence = spec.fn(analysis)
            if evidence is not None:
                raw = spec.score * evidence.strength
                (modelled if spec.model else found).append((spec, evidence, raw))
        points = self._cap(found)
        self._shield(found, points)
        # The total and the spam evidence come from the unrounded points, so that rounding
        # each hit for display can never make a reassuring fact raise the total.
        base = math.fsum(points)
        spam_evidence = math.fsum(
            p for (spec, _, _), p in zip(found, points, strict=True) if p > 0 and spec.spam
        )
        hits = [
            Hit(spec.code, round(p, 2), spec.group, spec.explain, ev.values, ev.related)
            for (spec, ev, _), p in zip(found, points, strict=True)
        ]
        shadow: list[Hit] = []
        total = base
        if modelled:
            counts = self._model_counts()
            room = self._model_room(base, spam_evidence) if counts else 0.0
            for spec, ev, raw in modelled:  # at most one
                if not counts:
                    shadow.append(
                        Hit(SHADOW_PREFIX + spec.code, 0.0, spec.group, spec.explain, ev.values,
                            ev.related, shadow=True)
                    )  # fmt: skip
                    continue
                p = max(0.0, min(raw, spec.cap, room))
                room -= p
                total += p
                hits.append(Hit(spec.code, round(p, 2), spec.group, spec.explain, ev.values))
        total = round(total, 2)
        label = self.policy.thresholds.label_for(total, spam_evidence)
        hits.sort(key=_weight)
        return Verdict(
            case_id=case.id,
            label=label,
            score=total,
            hits=(*hits, *shadow),
            thresholds=self.policy.thresholds,
            lang=case.recipient.lang or case.lang or analysis.language.primary or "en",
        )

    @staticmethod
    def _cap(found: list[tuple[_Spec, Evidence, float]]) -> list[float]:
        """Scale each group's positive and negative points down to the group's cap."""
        sums: dict[tuple[str, bool], float] = {}
        for spec, _, p in found:
            key = (spec.group, p > 0)
            sums[key] = sums.get(key, 0.0) + p
        out = []
        for spec, _, p in found:
            total = abs(sums[spec.group, p > 0])
            out.append(p * spec.cap / total if total > spec.cap else p)
        return out

    def _shield(self, found: list[tuple[_Spec, Evidence, float]], points: list[float]) -> None:
        """Let reassurance soften a sales pitch but not wash it out: a former colleague's hard
        sell still deserves a look. Reassurance (the other groups' negative points) offsets
        the other groups' suspicion in full, but a shielded group's net points only down to
        the review threshold; beyond that the reassuring hits are scaled down."""
        pitch = reassure = suspicion = 0.0
        for (spec, _, _), p in zip(found, points, strict=True):
            if spec.shielded:
                pitch += p
            elif p < 0:
                reassure -= p
            else:
                suspicion += p
        if pitch <= 0:
            return
        allowed = suspicion + max(0.0, pitch - self.policy.thresholds.review)
        if reassure <= allowed:
            return
        factor = allowed / reassure
        for i, ((spec, _, _), p) in enumerate(zip(found, points, strict=True)):
            if p < 0 and not spec.shielded:
                points[i] = p * factor

    def _model_room(self, base: float, spam_evidence: float) -> float:
        """How many points the text model may add: it moves a case between welcome and
        review, but never alone to decline or spam."""
        t: Thresholds = self.policy.thresholds
        label = t.label_for(round(base, 2), spam_evidence)
        limits = []
        if label in (Label.WELCOME, Label.REVIEW):
            limits.append(t.decline)
        if label is not Label.SPAM and spam_evidence >= t.spam_evidence:
            limits.append(t.spam)
        if not limits:
            return math.inf
        return max(0.0, min(limits) - _BELOW - base)


def _weight(h: Hit) -> tuple[float, str]:
    return (-abs(h.score), h.code)


@functools.cache
def _default_engine() -> Engine:
    return Engine(model=default_model())


def evaluate(case: Case, policy: Policy | None = None) -> Verdict:
    """Judge a case with the default lexicon and the model at the default path (if any)."""
    if policy is None:
        return _default_engine().evaluate(case)
    return Engine(policy, model=_default_engine().model).evaluate(case)
