"""Every rule in the catalogue keeps the contract (scikit-learn's check_estimator idea)."""

from __future__ import annotations

import pytest

from handschlag.trust import all_rules
from handschlag.trust.catalogue import CODE_PATTERN, MAX_CODE_LENGTH, Rule
from handschlag.trust.i18n import render, translator
from handschlag.trust.scores import GROUPS, SCORES

from .examples import contract_engine, examples

RULES = all_rules()
EXAMPLES = examples()
ENGINE = contract_engine()


def _sample_values(rule: Rule) -> dict[str, object]:
    for case in EXAMPLES[rule.code]["hit"]:
        evidence = rule.check(ENGINE.analyse(case))
        if evidence is not None:
            return dict(evidence.values)
    return {}


def test_every_rule_has_examples() -> None:
    assert sorted(EXAMPLES) == sorted(r.code for r in RULES)


def test_every_score_belongs_to_a_rule() -> None:
    assert sorted(SCORES) == sorted(r.code for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_contract(rule: Rule) -> None:
    assert CODE_PATTERN.match(rule.code)
    assert len(rule.code) <= MAX_CODE_LENGTH
    assert rule.code.split("_")[0] in {"VOL", "REP", "TPL", "NOTE", "CG", "PITCH", "CLAIM",
                                       "OFFER", "REC", "GRP", "TXT", "ML"}  # fmt: skip
    assert rule.group in GROUPS
    assert rule.code in SCORES
    assert rule.kinds
    assert rule.description.endswith(".")
    german = translator("de").gettext(rule.explain)
    assert german != rule.explain, "no German translation"
    values = _sample_values(rule)
    for lang in ("de", "en"):
        text = render(rule.explain, values, lang)
        assert "%(" not in text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_hits_its_hit_examples(rule: Rule) -> None:
    for case in EXAMPLES[rule.code]["hit"]:
        assert rule.applies_to(case.kind), case.text
        assert rule.check(ENGINE.analyse(case)) is not None, case.text
        codes = {h.code.removeprefix("T_") for h in ENGINE.evaluate(case).hits}
        assert rule.code in codes


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_misses_its_miss_examples(rule: Rule) -> None:
    for case in EXAMPLES[rule.code]["miss"]:
        assert rule.check(ENGINE.analyse(case)) is None, case.text
        codes = {h.code.removeprefix("T_") for h in ENGINE.evaluate(case).hits}
        assert rule.code not in codes


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_deterministic(rule: Rule) -> None:
    for case in EXAMPLES[rule.code]["hit"]:
        first = rule.check(ENGINE.analyse(case))
        second = rule.check(ENGINE.analyse(case))
        assert first == second
