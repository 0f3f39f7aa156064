"""The network hygiene report: which contacts are real, and which came through
collectors, pitches and templates; computed from an export in one streaming pass.

`analyse(export)` reads each file once. Contacts (tens of thousands) and invitations (for
template clustering) are held in memory; messages are streamed and only counted, except
the few that the trust engine has to judge: a contact's messages in the week after
connecting (a pitch right after the handshake, rule PITCH_AFTER_CONNECT) and recruiters'
first messages (matched against the stated preferences by the engine's offer rules).

Invitation notes are clustered with the engine's MinHash signatures and the banding of
its cross-sender index (`TemplateIndex.band_keys`): notes that share a band and agree on
at least `TEMPLATE_SIMILARITY` of their signature are joined; a cluster sent by two or
more people is a template.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np

from handschlag.importers.i18n import N_, Reason
from handschlag.importers.records import Contact, Invitation, Problem, Recommendation, contact_key
from handschlag.trust import (
    Case,
    Engine,
    Kind,
    Level,
    Offer,
    Preferences,
    Recipient,
    Relation,
    Sender,
)
from handschlag.trust.analysis import MIN_SHINGLES
from handschlag.trust.index import TemplateIndex
from handschlag.trust.rules.pitch import after_connect
from handschlag.trust.text.minhash import EMPTY, Signer
from handschlag.trust.text.shingles import canonical_text_tokens, shingle_count, without_salutation

__all__ = [
    "Action",
    "ContactVerdict",
    "HygieneReport",
    "PitchFinding",
    "RecruiterFinding",
    "TemplateCluster",
    "analyse",
]

#: A message within this many days of connecting counts as "right after connecting".
PITCH_DAYS = 7
#: Messages per contact in that week that the engine judges (the first ones tell).
PITCH_CHECKS = 3
#: Signature agreement from which two invitation notes count as one template.
TEMPLATE_SIMILARITY = 0.5
#: Fewest different senders of one text for it to be a template.
TEMPLATE_SENDERS = 2
_RECRUITER = re.compile(
    r"recruit|talent|headhunt|personalberat|personalvermittl|sourcing|executive search", re.I
)
_JOB_WORDS = re.compile(r"\b(position|stelle|vakanz|vacancy|opportunity|role|job)\b", re.I)
_MONEY = re.compile(
    r"(?<![\d.,])(\d{2,3})(?:[.,\s ](\d{3})|\s?[kK])(?![\d])(?:\s?(?:€|eur|euro))?", re.I
)
_LEVELS = (
    (re.compile(r"\bjunior\b", re.I), Level.JUNIOR),
    (re.compile(r"\bsenior\b", re.I), Level.SENIOR),
    (re.compile(r"\b(lead|teamleit\w*|team lead)\b", re.I), Level.LEAD),
    (re.compile(r"\b(head of|bereichsleit\w*|abteilungsleit\w*)\b", re.I), Level.HEAD),
    (re.compile(r"\b(cto|ceo|geschäftsführ\w*|vice president|vp)\b", re.I), Level.EXECUTIVE),
)
_CITIES = (
    "Berlin",
    "Hamburg",
    "München",
    "Munich",
    "Köln",
    "Cologne",
    "Frankfurt",
    "Stuttgart",
    "Düsseldorf",
    "Leipzig",
    "Dortmund",
    "Essen",
    "Bremen",
    "Dresden",
    "Hannover",
    "Nürnberg",
    "Bonn",
    "Aachen",
    "Wien",
    "Vienna",
    "Zürich",
    "Zurich",
    "London",
    "Amsterdam",
    "Paris",
)
_REMOTE = re.compile(r"\b(remote|home ?office|ortsunabhängig)\b", re.I)


class Action:
    KEEP = "keep"
    CHECK = "check"
    REMOVE = "remove"


@dataclass(frozen=True, slots=True)
class TemplateCluster:
    """Near-identical invitation notes: how many, from how many senders, and one example."""

    sample: str
    count: int
    senders: int


@dataclass(frozen=True, slots=True)
class PitchFinding:
    name: str
    days: int
    excerpt: str
    answered: bool


@dataclass(frozen=True, slots=True)
class RecruiterFinding:
    """A recruiter's message and how it fits the stated preferences (None: none stated)."""

    name: str
    excerpt: str
    fits: bool | None
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class ContactVerdict:
    contact: Contact
    action: str
    reasons: tuple[Reason, ...]
    messages_in: int
    messages_out: int


@dataclass
class HygieneReport:
    """Everything the report shows; language-independent until rendered."""

    source: str
    owner: str
    as_of: date | None
    contacts: int = 0
    messages: int = 0
    invitations_in: int = 0
    invitations_out: int = 0
    invitations_with_note: int = 0
    silent: int = 0
    one_way: int = 0
    pitches: list[PitchFinding] = field(default_factory=list)
    templates: list[TemplateCluster] = field(default_factory=list)
    templated_invitations: int = 0
    recruiters: list[RecruiterFinding] = field(default_factory=list)
    preferences_given: bool = False
    recommendations_received: list[Recommendation] = field(default_factory=list)
    recommendations_given: list[Recommendation] = field(default_factory=list)
    endorsements: int = 0
    growth: list[tuple[str, int]] = field(default_factory=list)
    verdicts: list[ContactVerdict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for v in self.verdicts if v.action == action)


@dataclass(slots=True)
class _Stats:
    """What the messages and the other files say about one contact."""

    messages_in: int = 0
    messages_out: int = 0
    last_out: datetime | None = None
    pitch_days: int | None = None
    pitch_at: datetime | None = None
    pitch_checks: int = 0
    template: TemplateCluster | None = None
    invited_by_me: bool = False
    recommended: bool = False
    endorsed: bool = False
    recruiter: RecruiterFinding | None = None


def _excerpt(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class _People:
    """Contacts by profile URL and by name, for joining messages and invitations."""

    def __init__(self, contacts: list[Contact]) -> None:
        self.contacts = contacts
        self.by_key: dict[str, int] = {}
        for i, c in enumerate(contacts):
            if c.url:
                self.by_key.setdefault(contact_key(c.url, ""), i)
            self.by_key.setdefault(contact_key("", c.name), i)

    def find(self, url: str, name: str) -> int | None:
        if url:
            i = self.by_key.get(contact_key(url, ""))
            if i is not None:
                return i
        return self.by_key.get(contact_key("", name)) if name else None


def analyse(
    export: object,
    *,
    preferences: Preferences | None = None,
    progress: Callable[[int], None] | None = None,
    engine: Engine | None = None,
) -> HygieneReport:
    """Read the export once and judge the network; `progress` gets 0-100."""
    from handschlag.importers import LinkedInExport, XingExport

    assert isinstance(export, LinkedInExport | XingExport)  # noqa: S101 (typed entry point)
    step = progress or (lambda _pct: None)
    engine = engine or Engine()
    step(1)
    profile = export.profile()
    owner = profile.name if profile else ""
    contacts = list(export.contacts())
    people = _People(contacts)
    stats = [_Stats() for _ in contacts]
    report = HygieneReport(export.source, owner, None, contacts=len(contacts))
    report.preferences_given = preferences is not None
    step(10)

    invitations = list(export.invitations())
    _invitations(report, invitations, people, stats, engine)
    del invitations
    step(30)

    own_skills = tuple(export.skills())
    _messages(report, export, owner, people, stats, engine, preferences, own_skills, step)
    step(85)

    for rec in export.recommendations():
        (report.recommendations_given if rec.given else report.recommendations_received).append(rec)
        i = people.find("", rec.person)
        if i is not None:
            stats[i].recommended = True
    for endorsement in export.endorsements():
        report.endorsements += 1
        i = people.find(endorsement.endorser_url, endorsement.endorser)
        if i is not None:
            stats[i].endorsed = True
    step(90)

    report.growth = _growth(contacts)
    days = [c.connected_on for c in contacts if c.connected_on]
    report.as_of = max(days) if days else None
    report.verdicts = [_verdict(c, s, report.as_of) for c, s in zip(contacts, stats, strict=True)]
    report.silent = sum(1 for v in report.verdicts if v.messages_in + v.messages_out == 0)
    report.one_way = sum(
        1 for v in report.verdicts if (v.messages_in == 0) != (v.messages_out == 0)
    )
    report.problems = list(export.problems)
    step(100)
    return report


### Invitations and templates ###


def _invitations(
    report: HygieneReport,
    invitations: list[Invitation],
    people: _People,
    stats: list[_Stats],
    engine: Engine,
) -> None:
    incoming = [inv for inv in invitations if inv.incoming]
    report.invitations_in = len(incoming)
    report.invitations_out = len(invitations) - len(incoming)
    for inv in invitations:
        if not inv.incoming:
            i = people.find(inv.recipient_url, inv.recipient)
            if i is not None:
                stats[i].invited_by_me = True
    notes = [inv for inv in incoming if inv.message.strip()]
    report.invitations_with_note = len(notes)
    clusters = cluster_templates([n.message for n in notes], [n.other_key for n in notes], engine)
    for members in clusters:
        senders = {notes[i].other_key for i in members}
        if len(senders) < TEMPLATE_SENDERS:
            continue
        sample = without_salutation(notes[members[0]].message, engine.lexicon)
        cluster = TemplateCluster(_excerpt(sample, 240), len(members), len(senders))
        report.templates.append(cluster)
        report.templated_invitations += len(members)
        for i in members:
            j = people.find(notes[i].sender_url, notes[i].sender)
            if j is not None:
                stats[j].template = cluster
    report.templates.sort(key=lambda c: (-c.count, c.sample))


def cluster_templates(texts: list[str], senders: list[str], engine: Engine) -> list[list[int]]:
    """Groups of near-identical texts (indices), largest first; singletons left out."""
    n = len(texts)
    if n < 2:
        return []
    lexicon = engine.lexicon
    signer: Signer = engine.signer
    tokens = [canonical_text_tokens(t, lexicon) for t in texts]
    usable = np.array([shingle_count(t) >= MIN_SHINGLES for t in tokens])
    sigs = np.empty((n, signer.num_perm), dtype=np.uint32)
    for start in range(0, n, 2048):
        sigs[start : start + 2048] = signer.sign_tokens(tokens[start : start + 2048])
    sigs[~usable] = EMPTY
    del tokens
    index = TemplateIndex(num_perm=signer.num_perm)
    keys = index.band_keys(sigs)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows = np.flatnonzero(usable)
    for band in range(keys.shape[1]):
        column = keys[rows, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        # Runs of equal keys: every member is compared with the run's first row.
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], len(ordered)]
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            if e - s < 2:
                continue
            members = rows[order[s:e]]
            head = members[0]
            same = (sigs[members[1:]] == sigs[head]).mean(axis=1) >= TEMPLATE_SIMILARITY
            for other in members[1:][same].tolist():
                a, b = root(int(head)), root(other)
                if a != b:
                    parent[b] = a
    groups: dict[int, list[int]] = {}
    for i in rows.tolist():
        groups.setdefault(root(i), []).append(i)
    return sorted((g for g in groups.values() if len(g) >= 2), key=len, reverse=True)


### Messages: conversations, pitches, recruiters ###


def _is_owner(name: str, url: str, owner: str, owner_urls: set[str]) -> bool:
    if url and contact_key(url, "") in owner_urls:
        return True
    return bool(owner) and " ".join(name.casefold().split()) == " ".join(owner.casefold().split())


def _messages(
    report: HygieneReport,
    export: object,
    owner: str,
    people: _People,
    stats: list[_Stats],
    engine: Engine,
    preferences: Preferences | None,
    own_skills: tuple[str, ...],
    step: Callable[[int], None],
) -> None:
    from handschlag.importers import LinkedInExport

    if not isinstance(export, LinkedInExport):
        return
    owner_urls: set[str] = set()
    size = export.archive.size("messages.csv")
    estimate = max(1, size // 250)
    contacts = people.contacts
    recipient = Recipient(
        id="owner",
        name=owner,
        skills=own_skills,
        preferences=preferences or Preferences(),
    )
    for n, msg in enumerate(export.messages(), start=1):
        if n % 5000 == 0:
            step(30 + min(54, 54 * n // estimate))
        report.messages += 1
        if _is_owner(msg.sender, msg.sender_url, owner, owner_urls):
            if msg.sender_url:
                owner_urls.add(contact_key(msg.sender_url, ""))
            names = msg.recipients or ("",)
            urls = msg.recipient_urls or ("",)
            for k in range(max(len(names), len(urls))):
                i = people.find(
                    urls[k] if k < len(urls) else "", names[k] if k < len(names) else ""
                )
                if i is not None:
                    s = stats[i]
                    s.messages_out += 1
                    if s.last_out is None or (msg.sent_at and msg.sent_at > s.last_out):
                        s.last_out = msg.sent_at
            continue
        i = people.find(msg.sender_url, msg.sender)
        if i is None:
            continue
        s = stats[i]
        s.messages_in += 1
        contact = contacts[i]
        if msg.sent_at is None:
            continue
        if _RECRUITER.search(contact.position) or (
            s.messages_in == 1 and _JOB_WORDS.search(msg.content) and _MONEY.search(msg.content)
        ):
            if s.recruiter is None:
                s.recruiter = _recruiter(
                    contact, msg.content, msg.sent_at, recipient, engine, preferences
                )
                report.recruiters.append(s.recruiter)
            continue
        if (
            contact.connected_on is None
            or s.pitch_days is not None
            or s.pitch_checks >= PITCH_CHECKS
        ):
            continue
        connected = datetime(
            contact.connected_on.year,
            contact.connected_on.month,
            contact.connected_on.day,
            tzinfo=UTC,
        )
        age = msg.sent_at - connected
        if not timedelta(0) <= age <= timedelta(days=PITCH_DAYS):
            continue
        s.pitch_checks += 1
        case = Case(
            id=f"m{msg.line}",
            kind=Kind.MESSAGE,
            text=msg.content,
            sent_at=msg.sent_at,
            sender=Sender(id=contact.key, name=contact.name, headline=contact.position),
            recipient=recipient,
            relation=Relation(connected=True, connected_at=connected),
        )
        # The engine's own rule on the engine's analysis of the message; the other rules'
        # verdicts are not needed here and would cost ten times as much.
        if after_connect(engine.analyse(case)) is not None:
            s.pitch_days = age.days
            s.pitch_at = msg.sent_at
            report.pitches.append(
                PitchFinding(contact.name, age.days, _excerpt(msg.content), False)
            )
    # Whether the owner answered a pitch is known only after all messages are read.
    answered = {
        contacts[i].name
        for i, s in enumerate(stats)
        if s.pitch_at is not None and s.last_out is not None and s.last_out > s.pitch_at
    }
    report.pitches = [
        PitchFinding(p.name, p.days, p.excerpt, p.name in answered) for p in report.pitches
    ]
    report.pitches.sort(key=lambda p: (p.days, p.name))


def extract_offer(text: str, title: str, skills: tuple[str, ...] = ()) -> Offer:
    """The structured parts a recruiter's free text states: salary, level, place, remote."""
    amounts = []
    for m in _MONEY.finditer(text):
        value = int(m.group(1)) * 1000 + (int(m.group(2)) if m.group(2) else 0)
        if 10_000 <= value <= 1_000_000:
            amounts.append(value)
    level = next((lvl for pattern, lvl in _LEVELS if pattern.search(text)), None)
    location = next((city for city in _CITIES if re.search(rf"\b{city}\b", text)), "")
    return Offer(
        title=title,
        level=level,
        salary_min=min(amounts) if amounts else None,
        salary_max=max(amounts) if amounts else None,
        location=location,
        remote=bool(_REMOTE.search(text)),
        skills=tuple(s for s in skills if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text, re.I)),
    )


def _recruiter(
    contact: Contact,
    text: str,
    sent_at: datetime,
    recipient: Recipient,
    engine: Engine,
    preferences: Preferences | None,
) -> RecruiterFinding:
    offer = extract_offer(text, _excerpt(text, 60), recipient.skills)
    if preferences is None:
        return RecruiterFinding(contact.name, _excerpt(text), None, ())
    case = Case(
        id=f"offer-{contact.key}",
        kind=Kind.RECRUITER_OFFER,
        text=text,
        sent_at=sent_at,
        sender=Sender(id=contact.key, name=contact.name, headline=contact.position),
        recipient=recipient,
        offer=offer,
    )
    verdict = engine.evaluate(case)
    hits = [h for h in verdict.hits if h.group == "offers" and not h.shadow]
    misses = [h for h in hits if h.score > 0]
    reasons = tuple(
        Reason(h.message, dict(h.evidence), domain="trust", positive=h.score <= 0) for h in hits
    )
    return RecruiterFinding(contact.name, _excerpt(text), not misses, reasons)


### Per contact ###


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _verdict(contact: Contact, s: _Stats, as_of: date | None) -> ContactVerdict:
    reasons: list[Reason] = []
    two_way = s.messages_in > 0 and s.messages_out > 0
    if two_way:
        reasons.append(
            Reason(
                N_("you exchanged %(count)d messages"),
                {"count": s.messages_in + s.messages_out},
                positive=True,
            )
        )
    if s.recommended:
        reasons.append(Reason(N_("a recommendation between you"), positive=True))
    if s.invited_by_me:
        reasons.append(Reason(N_("you sent the invitation"), positive=True))
    if s.endorsed:
        reasons.append(Reason(N_("endorsed your skills"), positive=True))
    if s.pitch_days is not None:
        reasons.append(
            Reason(N_("sold to you %(days)d days after connecting"), {"days": s.pitch_days})
        )
    if s.template is not None:
        reasons.append(
            Reason(
                N_("invited you with a template that %(senders)d people sent"),
                {"senders": s.template.senders},
            )
        )
    if s.recruiter is not None and s.recruiter.fits is False:
        reasons.append(Reason(N_("a recruiter whose offer did not fit your preferences")))
    if s.messages_in + s.messages_out == 0:
        if contact.connected_on and as_of:
            reasons.append(
                Reason(
                    N_("no message in %(months)d months since connecting"),
                    {"months": _months_between(contact.connected_on, as_of)},
                )
            )
        else:
            reasons.append(Reason(N_("you never exchanged a message")))
    elif not two_way:
        reasons.append(
            Reason(
                N_("only they wrote (%(count)d messages), you never answered")
                if s.messages_in
                else N_("only you wrote (%(count)d messages), no answer"),
                {"count": s.messages_in + s.messages_out},
            )
        )
    replied_to_pitch = s.pitch_at is not None and s.last_out is not None and s.last_out > s.pitch_at
    if (s.pitch_days is not None and not replied_to_pitch) or (
        s.template is not None and s.messages_out == 0 and not s.recommended
    ):
        action = Action.REMOVE
    elif two_way or s.recommended or (s.invited_by_me and s.pitch_days is None):
        action = Action.KEEP
    else:
        action = Action.CHECK
    return ContactVerdict(contact, action, tuple(reasons), s.messages_in, s.messages_out)


def _growth(contacts: Iterable[Contact]) -> list[tuple[str, int]]:
    """New connections per month, every month from the first to the last (zeros included)."""
    per = Counter(f"{c.connected_on:%Y-%m}" for c in contacts if c.connected_on)
    if not per:
        return []
    first, last = min(per), max(per)
    year, month = int(first[:4]), int(first[5:])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        out.append((key, per.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
