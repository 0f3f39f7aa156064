"""Keep the trust domain's catalogues in step with the code: read and write .po, build .mo.

`python -m handschlag.trust messages` adds every message id marked with `N_()` to
`locale/{de,en}/LC_MESSAGES/trust.po` (English gets the id as its text; German keeps its
translations, new ids start empty), drops ids no longer used, and compiles each .po into
its .mo. The compiler is the standard one's algorithm in a few lines, so the output is the
same on every machine and a test can check that the committed .mo matches its .po.
"""

from __future__ import annotations

import ast
import struct
from pathlib import Path

from handschlag.trust.i18n import DOMAIN, LOCALE_DIR, MESSAGES

__all__ = ["compile_mo", "parse_po", "po_path", "update_catalogues", "write_po"]

LANGS = ("de", "en")
_HEADER = (
    "Project-Id-Version: handschlag-trust\n"
    "Language: {lang}\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def parse_po(text: str) -> tuple[dict[str, str], set[str]]:
    """The msgid -> msgstr pairs of a .po file (header excluded) and the fuzzy ids."""
    entries: dict[str, str] = {}
    fuzzy: set[str] = set()
    msgid: list[str] = []
    msgstr: list[str] = []
    target: list[str] | None = None
    is_fuzzy = False

    def flush() -> None:
        nonlocal is_fuzzy
        if msgid or msgstr:
            key = "".join(msgid)
            if key:
                entries[key] = "".join(msgstr)
                if is_fuzzy:
                    fuzzy.add(key)
        msgid.clear()
        msgstr.clear()
        is_fuzzy = False

    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            is_fuzzy = True
        elif line.startswith("msgid "):
            if msgid or msgstr:
                keep = is_fuzzy
                flush()
                is_fuzzy = keep
            target = msgid
            target.append(ast.literal_eval(line[6:]))
        elif line.startswith("msgstr "):
            target = msgstr
            target.append(ast.literal_eval(line[7:]))
        elif line.startswith('"') and target is not None:
            target.append(ast.literal_eval(line))
        elif not line:
            flush()
            target = None
    return entries, fuzzy


def _quote(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{body}"'


def _field(name: str, text: str) -> list[str]:
    if "\n" not in text.rstrip("\n") and len(text) < 70:
        return [f"{name} {_quote(text)}"]
    lines = [f'{name} ""']
    parts = text.split("\n")
    for i, part in enumerate(parts):
        piece = part + ("\n" if i < len(parts) - 1 else "")
        if piece:
            lines.append(_quote(piece))
    return lines


def write_po(lang: str, entries: dict[str, str]) -> str:
    """A .po file with a header and the entries in the order given."""
    out = [f"# Trust engine messages ({lang}). Update with: python -m handschlag.trust messages"]
    out += _field("msgid", "")
    out += _field("msgstr", _HEADER.format(lang=lang))
    for msgid, msgstr in entries.items():
        out.append("")
        out += _field("msgid", msgid)
        out += _field("msgstr", msgstr)
    return "\n".join(out) + "\n"


def compile_mo(entries: dict[str, str], header: str) -> bytes:
    """GNU .mo bytes for the entries (empty translations are left out, as msgfmt does)."""
    catalog = {"": header, **{k: v for k, v in entries.items() if v}}
    keys = sorted(catalog)
    ids = b""
    strs = b""
    offsets = []
    for key in keys:
        k, v = key.encode(), catalog[key].encode()
        offsets.append((len(ids), len(k), len(strs), len(v)))
        ids += k + b"\0"
        strs += v + b"\0"
    start = 7 * 4 + 16 * len(keys)
    key_table = []
    value_table = []
    for o_id, l_id, o_str, l_str in offsets:
        key_table += [l_id, o_id + start]
        value_table += [l_str, o_str + start + len(ids)]
    return (
        struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
        + struct.pack(f"{len(key_table)}i", *key_table)
        + struct.pack(f"{len(value_table)}i", *value_table)
        + ids
        + strs
    )


def update_catalogues(extra: dict[str, dict[str, str]] | None = None) -> list[str]:
    """Bring both .po files in line with the marked messages and rebuild the .mo files;
    return the German ids that still lack a translation."""
    from handschlag.trust.catalogue import all_rules

    all_rules()
    import handschlag.trust.replies  # noqa: F401

    missing: list[str] = []
    for lang in LANGS:
        path = po_path(lang)
        known, _ = parse_po(path.read_text(encoding="utf-8")) if path.exists() else ({}, set())
        known.update((extra or {}).get(lang, {}))
        entries = {}
        for msgid in MESSAGES:
            text = msgid if lang == "en" else known.get(msgid, "")
            if not text:
                missing.append(msgid)
            entries[msgid] = text
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(write_po(lang, entries), encoding="utf-8")
        path.with_suffix(".mo").write_bytes(compile_mo(entries, _HEADER.format(lang=lang)))
    return missing
