"""The rule registry: `@rule(...)` registers a pure function under a stable code.

A rule takes the `Analysis` of a case (the case plus text signals computed once) and
returns `Evidence` when it fires, else None. It never reads the clock (it uses
`case.now`), the database or the network, and it is deterministic. Its score lives in
`scores.py`, not here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

from handschlag.trust.case import Kind
from handschlag.trust.i18n import MESSAGES, Value
from handschlag.trust.scores import GROUPS, SCORES

if TYPE_CHECKING:
    from handschlag.trust.analysis import Analysis

__all__ = ["CODE_PATTERN", "Evidence", "Rule", "RuleError", "all_rules", "get", "rule"]

#: UPPER_SNAKE, at most 22 characters, with a family prefix ("VOL_", "TPL_" …).
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*_[A-Z0-9_]+$")
MAX_CODE_LENGTH = 22


class RuleError(ValueError):
    """A rule that breaks the catalogue's contract (bad code, unknown group, no score)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a rule found: the values its explanation cites, the strength in (0, 1] that
    scales its score (1 for plain yes/no rules), and excerpts of related texts."""

    values: Mapping[str, Value] = field(default_factory=dict)
    strength: float = 1.0
    related: tuple[str, ...] = ()


RuleFn: TypeAlias = Callable[["Analysis"], "Evidence | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: code, the kinds it applies to, its group, its explanation id."""

    code: str
    kinds: frozenset[Kind]
    group: str
    explain: str
    fn: RuleFn
    description: str
    family: str

    def applies_to(self, kind: Kind) -> bool:
        return kind in self.kinds

    def check(self, analysis: Analysis) -> Evidence | None:
        """Run the rule on a case's analysis."""
        return self.fn(analysis)

    @property
    def default_score(self) -> float:
        return SCORES[self.code]


_REGISTRY: dict[str, Rule] = {}

ALL_KINDS = frozenset(Kind)


def rule(
    *, code: str, kinds: Iterable[Kind] = ALL_KINDS, group: str, explain: str
) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function under `code`; check the contract at import time."""

    def register(fn: RuleFn) -> RuleFn:
        if not CODE_PATTERN.match(code) or len(code) > MAX_CODE_LENGTH:
            raise RuleError(f"{code}: codes are UPPER_SNAKE with a prefix, at most 22 chars")
        if code in _REGISTRY:
            raise RuleError(f"{code}: registered twice")
        if group not in GROUPS:
            raise RuleError(f"{code}: unknown group {group!r}")
        if code not in SCORES:
            raise RuleError(f"{code}: no score in scores.py")
        if explain not in MESSAGES:
            raise RuleError(f"{code}: the explanation must be marked with N_()")
        doc = (fn.__doc__ or "").strip()
        if not doc:
            raise RuleError(f"{code}: a rule needs a one-sentence docstring")
        _REGISTRY[code] = Rule(
            code=code,
            kinds=frozenset(kinds),
            group=group,
            explain=explain,
            fn=fn,
            description=" ".join(doc.split()),
            family=fn.__module__.rsplit(".", 1)[-1],
        )
        return fn

    return register


#: The families in the order the design lists them; reports and docs follow it.
FAMILIES = (
    "volume",
    "reports",
    "templates",
    "notes",
    "common_ground",
    "pitch",
    "claims",
    "offers",
    "recommendations",
    "groups",
    "content",
    "model",
)


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, family by family (design order), then in registration order."""
    _load_rules()
    rank = {f: i for i, f in enumerate(FAMILIES)}
    return tuple(sorted(_REGISTRY.values(), key=lambda r: rank.get(r.family, len(rank))))


def get(code: str) -> Rule:
    """The rule registered under `code`; KeyError if there is none."""
    _load_rules()
    return _REGISTRY[code]


def _load_rules() -> None:
    # Importing the package registers every family; it is cheap after the first call.
    import handschlag.trust.rules  # noqa: F401
