"""`make eval`: the trust engine on its labelled corpus, tuning part and held-out part.

Prints precision, recall and F1 of "flagged" (decline or spam) per kind and overall, the
exact-label agreement (all cases and hard ones), the share of genuine cases labelled
welcome and how many genuine cases were called spam, for: a naive baseline on counts only,
the engine without its text model (also its default: the model in shadow mode scores
nothing), and the engine with the model turned on (trained on the tuning part; on the
tuning part itself by 5-fold cross-validation). It also prints the similarity
measurements behind the near-duplicate threshold. Prints figures, asserts nothing.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from statistics import quantiles
from typing import Any

from handschlag.trust import Case, Engine, ModelMode, Policy, TemplateIndex, TextModel
from handschlag.trust.index import sender_key
from handschlag.trust.model import pair
from handschlag.trust.text.lexicon import default_lexicon
from handschlag.trust.text.minhash import Signer, similarity
from handschlag.trust.text.normalise import view
from handschlag.trust.text.shingles import canonical_tokens, shingles

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "trust"
FLAGGED = {"decline", "spam"}
Row = tuple[Case, dict[str, Any]]


def load(part: str) -> list[Row]:
    cases = [json.loads(x) for x in (DATA / f"cases_{part}.jsonl").read_text().splitlines()]
    labels = {
        d["id"]: d
        for d in map(json.loads, (DATA / f"labels_{part}.jsonl").read_text().splitlines())
    }
    return [(Case.from_dict(c), labels[c["id"]]) for c in cases]


def build_index(rows: Sequence[Row], signer: Signer) -> TemplateIndex:
    """The cross-sender index as production would hold it: every sender's recent texts."""
    index = TemplateIndex()
    lexicon = default_lexicon()
    for case, _ in rows:
        texts = case.sender.recent_texts
        if texts:
            sigs = signer.sign_many([shingles(canonical_tokens(view(t), lexicon)) for t in texts])
            index.add_many([sender_key(case.sender.id)] * len(texts), sigs)
    return index


def naive_label(case: Case) -> str:
    """Thresholds on counts only, no text: what a quota system without the engine would do."""
    s, rel = case.sender, case.relation
    signals = 0
    signals += s.requests_sent_7d >= 50
    signals += s.requests_sent_90d >= 20 and s.requests_accepted_90d / s.requests_sent_90d < 0.25
    signals += s.reports_90d >= 3
    signals += s.account_age_days < 90 and s.contacts >= 500
    if case.group is not None:
        signals += case.group.inviter_invites_7d >= 50
    if signals >= 2:
        return "spam"
    if signals == 1:
        return "decline"
    known = (rel.connected or rel.mutual_contacts >= 3 or rel.shared_employers or rel.shared_schools
             or rel.shared_events or rel.shared_groups or rel.prior_messages)  # fmt: skip
    return "welcome" if known else "review"


def prf(pairs: Sequence[tuple[str, str]]) -> tuple[float, float, float, int]:
    tp = sum(1 for want, got in pairs if want in FLAGGED and got in FLAGGED)
    fp = sum(1 for want, got in pairs if want not in FLAGGED and got in FLAGGED)
    fn = sum(1 for want, got in pairs if want in FLAGGED and got not in FLAGGED)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp + fn


def report(
    title: str, rows: Sequence[Row], predicted: Sequence[str], verbose: bool = False
) -> None:
    pairs = [(lab["label"], got) for (_, lab), got in zip(rows, predicted, strict=True)]
    print(f"\n### {title} ({len(rows)} cases, {sum(1 for _, lab in rows if lab['hard'])} hard)")
    print(f"{'kind':<24}{'n':>5}{'flagged':>9}{'precision':>11}{'recall':>8}{'F1':>7}")
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (case, _), pr in zip(rows, pairs, strict=True):
        by_kind[case.kind.value].append(pr)
    for kind in sorted(by_kind):
        p, r, f, n_flag = prf(by_kind[kind])
        print(f"{kind:<24}{len(by_kind[kind]):>5}{n_flag:>9}{p:>11.3f}{r:>8.3f}{f:>7.3f}")
    p, r, f, n_flag = prf(pairs)
    print(f"{'overall':<24}{len(pairs):>5}{n_flag:>9}{p:>11.3f}{r:>8.3f}{f:>7.3f}")
    exact = sum(w == g for w, g in pairs) / len(pairs)
    hard = [(w, g) for (_, lab), (w, g) in zip(rows, pairs, strict=True) if lab["hard"]]
    exact_hard = sum(w == g for w, g in hard) / len(hard) if hard else 0.0
    genuine = [g for w, g in pairs if w == "welcome"]
    print(
        f"exact label {exact:.3f} | on hard cases {exact_hard:.3f} | genuine welcome "
        f"{sum(g == 'welcome' for g in genuine) / len(genuine):.3f} | genuine as spam "
        f"{sum(g == 'spam' for g in genuine)} | confusion {dict(Counter(pairs).most_common(8))}"
    )
    if verbose:
        for (case, lab), (w, g) in zip(rows, pairs, strict=True):
            if w != g:
                print(f"   MISS {lab['scenario']:<22} {case.id:<26} want {w:<8} got {g}")


def evaluate_all(engine: Engine, rows: Sequence[Row]) -> list[str]:
    return [engine.evaluate(case).label.value for case, _ in rows]


def with_model_cv(
    rows: Sequence[Row], make: Callable[[TextModel], Engine], folds: int = 5
) -> list[str]:
    """Labels from engines whose model never saw the case (k-fold by scenario text)."""
    rng = random.Random(3)
    order = list(range(len(rows)))
    rng.shuffle(order)
    out: list[str] = [""] * len(rows)
    for k in range(folds):
        test = set(order[k::folds])
        texts = [rows[i][0].text for i in range(len(rows)) if i not in test]
        labels = [rows[i][1]["label"] for i in range(len(rows)) if i not in test]
        engine = make(TextModel().fit(*pair(texts, labels)))
        for i in test:
            out[i] = engine.evaluate(rows[i][0]).label.value
    return out


def similarity_study(rows: Sequence[Row], signer: Signer) -> None:
    """Similarity of a note to its own template copies versus to other notes."""
    lexicon = default_lexicon()

    def sig(text: str, mask: frozenset[str] = frozenset()) -> Any:
        return signer.sign(shingles(canonical_tokens(view(text), lexicon, mask)))

    same: dict[str, list[float]] = defaultdict(list)
    for case, lab in rows:
        if lab["scenario"] in {"collector_mailmerge", "spun_template", "cross_sender"}:
            mask = frozenset(t for t in view(case.recipient.name).tokens if len(t) > 1)
            note = sig(case.text, mask)
            same[lab["scenario"]] += [similarity(note, sig(t)) for t in case.sender.recent_texts]
    notes = [(c.text, lab["scenario"]) for c, lab in rows]
    rng = random.Random(5)
    different = []
    for _ in range(3000):
        (a, sa), (b, sb) = rng.sample(notes, 2)
        if sa != sb:
            different.append(similarity(sig(a), sig(b)))
    print("\n### Near-duplicate similarity (estimated Jaccard over 64 permutations)")
    for name, values in [*same.items(), ("different notes", different)]:
        q = quantiles(values, n=20)
        print(
            f"{name:<22} n={len(values):>5}  min {min(values):.2f}  p5 {q[0]:.2f}  median "
            f"{q[9]:.2f}  p95 {q[18]:.2f}  max {max(values):.2f}  "
            f">=0.4 (threshold): {sum(v >= 0.4 for v in values) / len(values):.1%}"
        )


def main() -> None:
    verbose = "-v" in sys.argv
    signer = Signer()
    tuning, heldout = load("tuning"), load("heldout")
    index = build_index([*tuning, *heldout], signer)
    plain = Engine(Policy(), index=index, signer=signer)
    for title, rows in (("tuning part", tuning), ("held-out part", heldout)):
        print(f"\n======== {title} ========")
        report(f"{title}: naive baseline (counts only)", rows, [naive_label(c) for c, _ in rows])
        report(f"{title}: engine without text model", rows, evaluate_all(plain, rows), verbose)

        def make(model: TextModel) -> Engine:
            # The model is shadow by default; here the host turns it on.
            return Engine(Policy(model_mode=ModelMode.ON), index=index, model=model, signer=signer)

        if rows is tuning:
            labels = with_model_cv(rows, make)
            report(f"{title}: engine with text model (5-fold CV)", rows, labels, verbose)
        else:
            texts, names = pair([c.text for c, _ in tuning], [lab["label"] for _, lab in tuning])
            model = TextModel().fit(texts, names)
            labels = evaluate_all(make(model), rows)
            report(f"{title}: engine with text model (trained on tuning)", rows, labels, verbose)
    similarity_study([*tuning, *heldout], signer)


if __name__ == "__main__":
    main()
