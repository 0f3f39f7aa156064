# ruff: noqa: E501, RUF001 (HTML is written as whole lines; the en dash marks a missing value)
"""The hygiene report as a self-contained HTML document (inline CSS and SVG) and as CSV.

No JavaScript and no external resources: the charts are hand-written SVG, so the file
opens anywhere and the web page passes the content security policy. Every text goes
through the ``hygiene`` gettext domain (`importers.i18n`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from html import escape
from typing import IO

from handschlag.importers.hygiene import Action, ContactVerdict, HygieneReport
from handschlag.importers.i18n import N_, gettext_for, render
from handschlag.trust.i18n import format_number

__all__ = ["CSS", "render_document", "render_fragment", "write_actions_csv"]

#: Rows of the per-contact tables in the page; the CSV holds every contact.
TABLE_ROWS = 200
#: Names listed of the contacts never written to.
SILENT_NAMES = 60

CSS = """
.hy{font:15px/1.5 system-ui,sans-serif;color:#1d2327;max-width:62rem;margin:0 auto}
.hy h1{font-size:1.6rem;margin:.2rem 0}.hy h2{font-size:1.2rem;margin:2rem 0 .5rem}
.hy .hy-meta{color:#5b6770}
.hy .hy-cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.6rem}
.hy .hy-card{border:1px solid #d6dde3;border-radius:.5rem;padding:.6rem .8rem;background:#fafcfd}
.hy .hy-card b{display:block;font-size:1.5rem}
.hy table{border-collapse:collapse;width:100%;font-size:.9rem}
.hy th,.hy td{text-align:left;border-bottom:1px solid #e3e8ec;padding:.3rem .4rem;vertical-align:top}
.hy .hy-keep{color:#1e7b34}.hy .hy-check{color:#8a5a00}.hy .hy-remove{color:#b3261e}
.hy blockquote{margin:.3rem 0;padding:.3rem .7rem;border-left:3px solid #c3ccd4;color:#333}
.hy svg{max-width:100%;height:auto}.hy .hy-note{font-size:.9rem;color:#5b6770}
.hy ul.hy-reasons{margin:0;padding-left:1.1rem}
"""

_COLOURS = {Action.KEEP: "#2e8b46", Action.CHECK: "#d29a22", Action.REMOVE: "#c4453c"}
_ACTION_NAMES = {
    Action.KEEP: N_("keep"),
    Action.CHECK: N_("check"),
    Action.REMOVE: N_("remove"),
}


def _num(value: int, lang: str) -> str:
    return format_number(value, lang)


def _bars(rows: list[tuple[str, int, str]], lang: str, label: str) -> str:
    """Horizontal bars: (label, value, colour)."""
    top = max((v for _, v, _ in rows), default=0) or 1
    height = 28 * len(rows) + 8
    out = [
        f'<svg role="img" aria-label="{escape(label)}" viewBox="0 0 640 {height}" width="640" height="{height}">'
    ]
    for i, (name, value, colour) in enumerate(rows):
        y = 6 + 28 * i
        width = round(440 * value / top)
        out.append(
            f'<text x="0" y="{y + 15}" font-size="13">{escape(name)}</text>'
            f'<rect x="150" y="{y}" width="{width}" height="20" fill="{colour}" rx="3"/>'
            f'<text x="{156 + width}" y="{y + 15}" font-size="13">{_num(value, lang)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _growth_chart(growth: list[tuple[str, int]], lang: str, label: str) -> str:
    """New connections per month as bars, the running total as a line on its own scale."""
    if not growth:
        return ""
    width, height, left, bottom = 720, 240, 40, 30
    n = len(growth)
    step = (width - left - 10) / n
    top = max(v for _, v in growth) or 1
    total = sum(v for _, v in growth) or 1
    plot = height - bottom - 10
    out = [
        f'<svg role="img" aria-label="{escape(label)}" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
    ]
    out.append(
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="#888"/>'
    )
    out.append(f'<text x="0" y="18" font-size="11">{_num(top, lang)}</text>')
    points = []
    running = 0
    for i, (month, value) in enumerate(growth):
        x = left + i * step
        h = plot * value / top
        out.append(
            f'<rect x="{x + 1:.1f}" y="{height - bottom - h:.1f}" width="{max(step - 2, 1):.1f}" '
            f'height="{h:.1f}" fill="#6d9bc3"><title>{month}: {_num(value, lang)}</title></rect>'
        )
        running += value
        points.append(f"{x + step / 2:.1f},{height - bottom - plot * running / total:.1f}")
        if i % max(1, n // 8) == 0:
            out.append(f'<text x="{x:.1f}" y="{height - 10}" font-size="11">{month}</text>')
    out.append(
        f'<polyline points="{" ".join(points)}" fill="none" stroke="#1d2327" stroke-width="2"/>'
    )
    out.append(
        f'<text x="{width - 5}" y="18" font-size="11" text-anchor="end">Σ {_num(total, lang)}</text>'
    )
    out.append("</svg>")
    return "".join(out)


def render_fragment(report: HygieneReport, lang: str, *, csv_url: str = "") -> str:
    """The report's body (a ``<div class="hy">``) for embedding in a page."""
    _ = gettext_for(lang).gettext

    def n(value: int) -> str:
        return _num(value, lang)

    p: list[str] = ['<div class="hy">']
    p.append(f"<h1>{escape(_('Network hygiene report'))}</h1>")
    meta = _("%(source)s export of %(owner)s, connections up to %(date)s") % {
        "source": "LinkedIn" if report.source == "linkedin" else "XING",
        "owner": escape(report.owner or _("an unnamed member")),
        "date": report.as_of.isoformat() if report.as_of else "–",
    }
    p.append(f'<p class="hy-meta">{meta}</p>')
    cards = [
        (_("contacts"), report.contacts),
        (_("never written to"), report.silent),
        (_("pitched right after connecting"), len(report.pitches)),
        (_("invitations from templates"), report.templated_invitations),
        (_("messages"), report.messages),
        (_("suggested for removal"), report.count(Action.REMOVE)),
    ]
    p.append('<div class="hy-cards">')
    p += [f'<div class="hy-card"><b>{n(v)}</b>{escape(k)}</div>' for k, v in cards]
    p.append("</div>")

    # Suggested actions
    p.append(f"<h2>{escape(_('Suggested actions'))}</h2>")
    rows = [
        (_(_ACTION_NAMES[a]), report.count(a), _COLOURS[a])
        for a in (Action.KEEP, Action.CHECK, Action.REMOVE)
    ]
    p.append(_bars(rows, lang, _("Suggested actions")))
    if csv_url:
        p.append(
            f'<p><a href="{escape(csv_url)}" download>{escape(_("Download every contact with its suggested action (CSV)"))}</a></p>'
        )

    # Growth
    p.append(f"<h2>{escape(_('How your network grew'))}</h2>")
    p.append(
        f'<p class="hy-note">{escape(_("New connections per month (bars) and the running total (line)."))}</p>'
    )
    p.append(
        _growth_chart(report.growth, lang, _("New connections per month"))
        or f"<p>{escape(_('No connection dates in the export.'))}</p>"
    )

    # Silent contacts
    p.append(f"<h2>{escape(_('Contacts you never exchanged a message with'))}</h2>")
    share = round(100 * report.silent / report.contacts) if report.contacts else 0
    p.append(
        "<p>"
        + escape(
            render(
                N_(
                    "%(count)d of %(total)d contacts (%(share)d %%) never exchanged a single message with you."
                ),
                {"count": report.silent, "total": report.contacts, "share": share},
                lang,
            )
        )
        + "</p>"
    )
    silent = [v for v in report.verdicts if v.messages_in + v.messages_out == 0][:SILENT_NAMES]
    if silent:
        p.append(
            '<p class="hy-note">'
            + escape(", ".join(v.contact.name for v in silent))
            + (" …" if report.silent > SILENT_NAMES else "")
            + "</p>"
        )

    # Pitches
    p.append(f"<h2>{escape(_('Sold to you right after connecting'))}</h2>")
    if report.pitches:
        p.append(
            f"<table><thead><tr><th>{escape(_('Contact'))}</th><th>{escape(_('days after connecting'))}</th><th>{escape(_('you answered'))}</th><th>{escape(_('message'))}</th></tr></thead><tbody>"
        )
        for pitch in report.pitches[:TABLE_ROWS]:
            answered = _("yes") if pitch.answered else _("no")
            p.append(
                f"<tr><td>{escape(pitch.name)}</td><td>{n(pitch.days)}</td><td>{escape(answered)}</td><td>{escape(pitch.excerpt)}</td></tr>"
            )
        p.append("</tbody></table>")
    else:
        p.append(f"<p>{escape(_('Nobody pitched within a week of connecting.'))}</p>")

    # Templates
    p.append(f"<h2>{escape(_('Invitations written from templates'))}</h2>")
    if report.templates:
        p.append(
            "<p>"
            + escape(
                render(
                    N_(
                        "%(count)d of %(total)d invitations with a note used one of %(templates)d templates that several people sent."
                    ),
                    {
                        "count": report.templated_invitations,
                        "total": report.invitations_with_note,
                        "templates": len(report.templates),
                    },
                    lang,
                )
            )
            + "</p>"
        )
        rows = [
            (render(N_("template %(number)d"), {"number": i + 1}, lang), c.count, "#8a6fb0")
            for i, c in enumerate(report.templates[:12])
        ]
        p.append(_bars(rows, lang, _("Invitations per template")))
        for i, c in enumerate(report.templates[:12]):
            head = render(
                N_("Template %(number)d: %(count)d invitations from %(senders)d senders"),
                {"number": i + 1, "count": c.count, "senders": c.senders},
                lang,
            )
            p.append(f"<h3>{escape(head)}</h3><blockquote>{escape(c.sample)}</blockquote>")
    else:
        p.append(f"<p>{escape(_('No invitation note was sent by several people.'))}</p>")

    # Recruiters
    p.append(f"<h2>{escape(_('Recruiters'))}</h2>")
    if not report.recruiters:
        p.append(f"<p>{escape(_('No recruiter messages found.'))}</p>")
    else:
        if not report.preferences_given:
            p.append(
                f'<p class="hy-note">{escape(_("State your job preferences to see which offers fit them."))}</p>'
            )
        p.append(
            f"<table><thead><tr><th>{escape(_('Recruiter'))}</th><th>{escape(_('fits your preferences'))}</th><th>{escape(_('why'))}</th><th>{escape(_('message'))}</th></tr></thead><tbody>"
        )
        for r in report.recruiters[:TABLE_ROWS]:
            fits = "–" if r.fits is None else _("yes") if r.fits else _("no")
            why = "".join(f"<li>{escape(reason.text(lang))}</li>" for reason in r.reasons)
            p.append(
                f'<tr><td>{escape(r.name)}</td><td>{escape(fits)}</td><td><ul class="hy-reasons">{why}</ul></td><td>{escape(r.excerpt)}</td></tr>'
            )
        p.append("</tbody></table>")

    # Recommendations
    p.append(f"<h2>{escape(_('Recommendations'))}</h2>")
    p.append(
        "<p>"
        + escape(
            render(
                N_(
                    "%(received)d received, %(given)d given, %(endorsements)d endorsements received."
                ),
                {
                    "received": len(report.recommendations_received),
                    "given": len(report.recommendations_given),
                    "endorsements": report.endorsements,
                },
                lang,
            )
        )
        + "</p>"
    )
    for title, recs in (
        (_("Received from"), report.recommendations_received),
        (_("Given to"), report.recommendations_given),
    ):
        if recs:
            items = "".join(
                f"<li>{escape(r.person)}{', ' + escape(r.company) if r.company else ''}: <q>{escape(r.text[:200])}</q></li>"
                for r in recs
            )
            p.append(f"<h3>{escape(title)}</h3><ul>{items}</ul>")

    # Per contact
    p.append(f"<h2>{escape(_('Contacts to remove or check'))}</h2>")
    listed = [v for v in report.verdicts if v.action != Action.KEEP]
    listed.sort(key=lambda v: (v.action != Action.REMOVE, v.contact.name))
    p.append(_verdict_table(listed[:TABLE_ROWS], lang, _))
    if len(listed) > TABLE_ROWS:
        p.append(
            f'<p class="hy-note">{escape(render(N_("The first %(shown)d of %(total)d; the CSV lists all."), {"shown": TABLE_ROWS, "total": len(listed)}, lang))}</p>'
        )

    # Problems
    if report.problems:
        p.append(f"<h2>{escape(_('Rows that could not be read'))}</h2><ul>")
        for prob in report.problems[:TABLE_ROWS]:
            where = render(
                N_("%(file)s, line %(line)d"), {"file": prob.file, "line": prob.line}, lang
            )
            p.append(f"<li>{escape(where)}: {escape(prob.reason)}</li>")
        p.append("</ul>")
    p.append("</div>")
    return "\n".join(p)


def _verdict_table(rows: list[ContactVerdict], lang: str, _: Callable[[str], str]) -> str:
    out = [
        f"<table><thead><tr><th>{escape(_('Contact'))}</th><th>{escape(_('suggestion'))}</th><th>{escape(_('why'))}</th></tr></thead><tbody>"
    ]
    for v in rows:
        why = "".join(f"<li>{escape(r.text(lang))}</li>" for r in v.reasons)
        out.append(
            f'<tr><td>{escape(v.contact.name)}<br><span class="hy-note">{escape(v.contact.position)}'
            f"{' · ' if v.contact.company and v.contact.position else ''}{escape(v.contact.company)}</span></td>"
            f'<td class="hy-{v.action}">{escape(_(_ACTION_NAMES[v.action]))}</td><td><ul class="hy-reasons">{why}</ul></td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def render_document(report: HygieneReport, lang: str, *, csv_url: str = "") -> str:
    """A complete HTML file: the fragment with its styles, nothing loaded from elsewhere."""
    title = gettext_for(lang).gettext("Network hygiene report")
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n"
        f"{render_fragment(report, lang, csv_url=csv_url)}\n</body></html>\n"
    )


def _cell(value: str) -> str:
    # Spreadsheets run cells that start like a formula (SECURITY.md G2): quote them.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_actions_csv(report: HygieneReport, out: IO[str], lang: str) -> None:
    """One row per contact: who, the figures, the suggested action and the reasons."""
    _ = gettext_for(lang).gettext
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            _("first name"),
            _("last name"),
            _("profile URL"),
            _("email"),
            _("company"),
            _("position"),
            _("connected on"),
            _("messages received"),
            _("messages sent"),
            _("suggestion"),
            _("reasons"),
        ]
    )
    for v in report.verdicts:
        c = v.contact
        writer.writerow(
            [
                _cell(c.first_name),
                _cell(c.last_name),
                _cell(c.url),
                _cell(c.email),
                _cell(c.company),
                _cell(c.position),
                c.connected_on.isoformat() if c.connected_on else "",
                v.messages_in,
                v.messages_out,
                _(_ACTION_NAMES[v.action]),
                _cell("; ".join(r.text(lang) for r in v.reasons)),
            ]
        )
