"""Keep the ``hygiene`` catalogues in step with the code.

``python -m handschlag.importers.messages`` collects every string literal passed to
``_()``, ``N_()`` or ``render()`` in this package, writes ``locale/{de,en}/LC_MESSAGES/
hygiene.po`` (English gets the id, German keeps its translations; new ids start empty)
and compiles the .mo files with the trust engine's compiler (byte-identical everywhere).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from handschlag.importers.i18n import DOMAIN, LANGS, LOCALE_DIR
from handschlag.trust.messages import compile_mo, parse_po, write_po

__all__ = ["HEADER", "collect", "po_path", "update"]

HEADER = (
    "Project-Id-Version: handschlag-hygiene\n"
    "Language: {lang}\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)
_MARKERS = frozenset({"_", "N_", "render"})


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def collect() -> list[str]:
    """Every message id marked in the package's modules, in order of appearance."""
    found: dict[str, None] = {}
    for module in sorted(Path(__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in _MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, None)
    return list(found)


def update() -> list[str]:
    """Rewrite both catalogues; return the ids that still lack a German translation."""
    ids = collect()
    missing = []
    for lang in LANGS:
        path = po_path(lang)
        known, _fuzzy = parse_po(path.read_text(encoding="utf-8")) if path.exists() else ({}, set())
        entries = {i: (i if lang == "en" else known.get(i, "")) for i in ids}
        missing += [i for i, text in entries.items() if not text]
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (
            write_po(lang, entries)
            .replace("# Trust engine messages", "# Hygiene report messages")
            .replace(
                "python -m handschlag.trust messages", "python -m handschlag.importers.messages"
            )
        )
        text = text.replace("handschlag-trust", "handschlag-hygiene")
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".mo").write_bytes(compile_mo(entries, HEADER.format(lang=lang)))
    return missing


if __name__ == "__main__":
    for msgid in update():
        print(f"missing German translation: {msgid!r}", file=sys.stderr)
