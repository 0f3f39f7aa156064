"""Run the applicable rules on a case, cap each group, total the score and choose the label."""

from __future__ import annotations

import functools
from collections import defaultdict

from handschlag.trust.analysis import Analysis
from handschlag.trust.case import Case
from handschlag.trust.catalogue import Rule, all_rules
from handschlag.trust.index import TemplateIndex
from handschlag.trust.model import TextModel, default_model
from handschlag.trust.policy import ModelMode, Policy
from handschlag.trust.scores import GROUPS, Signal
from handschlag.trust.text.lexicon import Lexicon, default_lexicon
from handschlag.trust.text.minhash import Signer
from handschlag.trust.verdict import Hit, Verdict

__all__ = ["Engine", "evaluate"]

SHADOW_PREFIX = "T_"
_SPAM_SIGNALS = (Signal.AUTOMATION, Signal.DECEPTION)


@functools.cache
def _default_signer() -> Signer:
    return Signer()


class Engine:
    """The trust engine with its settings, cross-sender index and text model.

    One engine serves many cases; it holds no per-case state. `index` and `model` are
    optional: without them the template rules look only at the sender's own texts and the
    model rule stays silent.
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
        self._rules: dict[str, list[Rule]] = defaultdict(list)
        for r in all_rules():
            if r.code in self.policy.disabled:
                continue
            if r.group == "model" and self.policy.model_mode is ModelMode.OFF:
                continue
            for kind in r.kinds:
                self._rules[kind].append(r)

    def analyse(self, case: Case) -> Analysis:
        """The analysis the rules will see (useful for tools and tests)."""
        return Analysis(
            case, lexicon=self.lexicon, signer=self.signer, index=self.index, model=self.model
        )

    def _model_counts(self) -> bool:
        model = self.model
        if model is None or self.policy.model_mode is not ModelMode.ON:
            return False
        return min(model.n_examples_) >= self.policy.model_min_examples

    def evaluate(self, case: Case) -> Verdict:
        """Judge one case: the label, the total score and the hits that explain it."""
        analysis = self.analyse(case)
        policy = self.policy
        model_counts = self._model_counts()
        raw: list[Hit] = []
        shadow: list[Hit] = []
        for r in self._rules[case.kind]:
            evidence = r.check(analysis)
            if evidence is None:
                continue
            score = policy.score_for(r.code) * evidence.strength
            if r.group == "model" and not model_counts:
                shadow.append(
                    Hit(SHADOW_PREFIX + r.code, 0.0, r.group, r.explain, evidence.values,
                        evidence.related, shadow=True)
                )  # fmt: skip
                continue
            raw.append(Hit(r.code, score, r.group, r.explain, evidence.values, evidence.related))
        capped = self._cap(raw)
        # The total and the spam evidence come from the unrounded points, so that rounding
        # each hit for display can never make a reassuring fact raise the total.
        total = round(sum(score for _, score in capped), 2)
        spam_evidence = sum(
            score for h, score in capped if score > 0 and GROUPS[h.group].signal in _SPAM_SIGNALS
        )
        hits = [
            Hit(h.code, round(score, 2), h.group, h.message, h.evidence, h.related)
            for h, score in capped
        ]
        label = policy.thresholds.label_for(total, spam_evidence)
        ordered = sorted(hits, key=lambda h: (-abs(h.score), h.code))
        return Verdict(
            case_id=case.id,
            label=label,
            score=total,
            hits=(*ordered, *shadow),
            thresholds=policy.thresholds,
            lang=self._lang(case, analysis),
        )

    def _cap(self, hits: list[Hit]) -> list[tuple[Hit, float]]:
        """Scale each group's positive and negative points down to the group's cap."""
        sums: dict[tuple[str, bool], float] = defaultdict(float)
        for h in hits:
            sums[h.group, h.score > 0] += h.score
        out = []
        for h in hits:
            cap = self.policy.cap_for(h.group)
            total = abs(sums[h.group, h.score > 0])
            factor = cap / total if total > cap else 1.0
            out.append((h, h.score * factor))
        return out

    @staticmethod
    def _lang(case: Case, analysis: Analysis) -> str:
        """The language a member reads: the recipient's, else the case's, else the text's."""
        return case.recipient.lang or case.lang or analysis.language.primary or "en"


@functools.cache
def _default_engine() -> Engine:
    return Engine(model=default_model())


def evaluate(case: Case, policy: Policy | None = None) -> Verdict:
    """Judge a case with the default lexicon and the model at the default path (if any)."""
    if policy is None:
        return _default_engine().evaluate(case)
    return Engine(policy, model=_default_engine().model).evaluate(case)
