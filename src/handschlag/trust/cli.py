"""Command line: `handschlag triage`, `handschlag train`, `handschlag rules-doc`.

`main(argv)` takes the arguments without the program name and returns the exit status, so
the project's `handschlag` script and `python -m handschlag.trust` share it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from handschlag.trust.case import Case, CaseError
from handschlag.trust.catalogue import all_rules
from handschlag.trust.engine import Engine
from handschlag.trust.index import TemplateIndex, sender_key
from handschlag.trust.model import ModelError, TextModel, default_model, default_model_path, pair
from handschlag.trust.policy import ModelMode, Policy
from handschlag.trust.replies import compose_reply
from handschlag.trust.scores import GROUPS
from handschlag.trust.text.normalise import view
from handschlag.trust.text.shingles import canonical_tokens, shingles

__all__ = ["main", "read_cases", "rules_doc"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handschlag", description="The Handschlag trust engine.")
    sub = parser.add_subparsers(dest="command", required=True)

    triage = sub.add_parser(
        "triage", help="judge cases (JSON Lines) and print one verdict per line"
    )
    triage.add_argument("file", nargs="?", default="-", help="a JSON Lines file, or - for stdin")
    triage.add_argument(
        "--lang", choices=("de", "en"), help="explanation language (default: the recipient's)"
    )
    triage.add_argument(
        "--model", type=Path, help="text model file (default: $HANDSCHLAG_TRUST_MODEL if present)"
    )
    triage.add_argument("--no-model", action="store_true", help="do not use the text model")
    triage.add_argument(
        "--model-mode",
        choices=[m.value for m in ModelMode],
        default=ModelMode.SHADOW.value,
        help="shadow (default): record the model's hits without score; on: let it score",
    )
    triage.add_argument("--index", type=Path, help="a cross-sender index saved as .npz")
    triage.add_argument(
        "--cross-sender",
        action="store_true",
        help="index the senders' recent texts as cases are read (one template, many accounts)",
    )
    triage.add_argument(
        "--reply", action="store_true", help="add the standard reply to each verdict"
    )

    train = sub.add_parser("train", help="fit the text model on labelled cases")
    train.add_argument("cases", type=Path, help="cases as JSON Lines")
    train.add_argument(
        "labels", type=Path, help='labels as JSON Lines {"id", "label"} or "id,label" lines'
    )
    train.add_argument("--out", type=Path, default=None, help="where to write the model (JSON)")
    train.add_argument("--min-df", type=int, default=2, help="ignore words seen in fewer cases")

    sub.add_parser("rules-doc", help="print docs/rules.md, generated from the catalogue")
    sub.add_parser("messages", help="update the trust domain's .po/.mo files from the code")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; return the exit status."""
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "triage":
        return _triage(args, sys.stdout)
    if args.command == "train":
        return _train(args, sys.stdout)
    if args.command == "rules-doc":
        sys.stdout.write(rules_doc())
        return 0
    from handschlag.trust.messages import update_catalogues

    missing = update_catalogues()
    for msgid in missing:
        print(f"missing German translation: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


### triage ###


def _open(name: str | Path) -> IO[str]:
    if str(name) == "-":
        return sys.stdin
    return Path(name).open(encoding="utf-8")


def read_cases(lines: Iterable[str]) -> Iterator[tuple[int, Case | None, str | None, str | None]]:
    """Yield (line number, case, id, error) per non-empty line; errors name line and field."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, None, f"line {number}: not valid JSON ({exc.msg})"
            continue
        case_id = data.get("id") if isinstance(data, dict) else None
        case_id = case_id if isinstance(case_id, str) else None
        try:
            case = Case.from_dict(data)
        except CaseError as exc:
            yield number, None, case_id, f"line {number}: {exc}"
            continue
        yield number, case, case.id, None


def _load_model(args: argparse.Namespace) -> TextModel | None:
    if args.no_model:
        return None
    if args.model is not None:
        return TextModel.load(args.model)
    return default_model()


def _triage(args: argparse.Namespace, out: IO[str]) -> int:
    try:
        model = _load_model(args)
        index = TemplateIndex.load(args.index) if args.index else None
    except (ModelError, ValueError) as exc:
        print(f"handschlag triage: {exc}", file=sys.stderr)
        return 2
    if args.cross_sender and index is None:
        index = TemplateIndex()
    engine = Engine(Policy(model_mode=ModelMode(args.model_mode)), index=index, model=model)
    status = 0
    try:
        source = _open(args.file)
    except OSError as exc:
        print(f"handschlag triage: {exc}", file=sys.stderr)
        return 2
    with source:
        for _, case, case_id, error in read_cases(source):
            if case is None:
                status = 1
                out.write(json.dumps({"id": case_id, "error": error}, ensure_ascii=False) + "\n")
                continue
            if args.cross_sender and index is not None:
                _remember(engine, index, case)
            verdict = engine.evaluate(case)
            record = verdict.to_dict(args.lang)
            if args.reply:
                reply = compose_reply(case, verdict, args.lang)
                record["reply"] = None if reply is None else reply.text
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
    return status


def _remember(engine: Engine, index: TemplateIndex, case: Case) -> None:
    """Add the sender's recent texts (already sent, so known to a live index) to the index."""
    texts = case.sender.recent_texts
    if not texts:
        return
    sets = [shingles(canonical_tokens(view(t), engine.lexicon)) for t in texts]
    sigs = engine.signer.sign_many(sets)
    index.add_many([sender_key(case.sender.id)] * len(texts), sigs)


### train ###


def read_labels(path: Path) -> dict[str, str]:
    """Labels by case id, from JSON Lines ({"id", "label"}) or "id,label" lines."""
    labels: dict[str, str] = {}
    with _open(path) as fh:
        for line in fh:
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            if text.startswith("{"):
                data = json.loads(text)
                labels[str(data["id"])] = str(data.get("label") or data.get("action"))
            else:
                case_id, _, label = text.partition(",")
                labels[case_id.strip()] = label.strip()
    return labels


def _train(args: argparse.Namespace, out: IO[str]) -> int:
    try:
        labels = read_labels(args.labels)
        with _open(args.cases) as fh:
            rows = list(read_cases(fh))
    except (OSError, ValueError, KeyError) as exc:
        print(f"handschlag train: {exc}", file=sys.stderr)
        return 2
    texts, names = [], []
    for _, case, _, error in rows:
        if error is not None:
            print(f"handschlag train: {error}", file=sys.stderr)
        if case is not None and case.id in labels:
            texts.append(case.text)
            names.append(labels[case.id])
    xs, ys = pair(texts, names)
    try:
        model = TextModel(min_df=args.min_df).fit(xs, ys)
    except ModelError as exc:
        print(f"handschlag train: {exc}", file=sys.stderr)
        return 1
    target = args.out or default_model_path()
    model.save(target)
    ham, flagged = model.n_examples_
    out.write(
        f"trained on {ham + flagged} cases ({flagged} flagged, {ham} welcome), "
        f"{len(model.log_prob_)} features; wrote {target}\n"
    )
    return 0


### rules-doc ###


def rules_doc() -> str:
    """docs/rules.md: every rule with code, score, group, kinds and both explanations."""
    from handschlag.trust.i18n import translator

    de = translator("de")
    policy = Policy()
    lines = [
        "# Trust engine rules",
        "",
        "Generated by `python -m handschlag.trust rules-doc > docs/rules.md` from the catalogue",
        "(`src/handschlag/trust/rules/`, scores in `scores.py`); a test keeps it in step.",
        "Positive scores are suspicious, negative ones reassure. Each group's positive and",
        "negative points are capped separately. "
        + f"Labels: review from {policy.thresholds.review:g}, decline from "
        + f"{policy.thresholds.decline:g}, spam from {policy.thresholds.spam:g} points when at "
        + f"least {policy.thresholds.spam_evidence:g} of them come from automation or deception.",
        "",
        "## Groups",
        "",
        "| group | cap | signal |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {spec.cap:g} | {spec.signal.value} |" for name, spec in GROUPS.items()]
    family = None
    for r in all_rules():
        if r.family != family:
            family = r.family
            lines += [
                "",
                f"## {family}",
                "",
                "| code | score | group | kinds | why | English | Deutsch |",
            ]
            lines += ["|---|---|---|---|---|---|---|"]
        kinds = ", ".join(sorted(k.value for k in r.kinds)) if len(r.kinds) < 6 else "all"
        cells = [
            f"`{r.code}`",
            f"{r.default_score:+g}",
            r.group,
            kinds,
            r.description,
            r.explain,
            de.gettext(r.explain),
        ]
        lines.append(
            "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"
        )
    return "\n".join(lines) + "\n"
