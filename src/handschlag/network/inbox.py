"""Reads for the recipient's inbox: permission-checked, in a fixed number of queries.

Every function here answers for one recipient and never shows them anything about a
request they did not receive. The reasons are rendered from the stored hits (message id
plus evidence) in the reader's language, so a German recipient reads German reasons for
a request whose sender writes English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, ngettext

from handschlag.accounts.models import Member
from handschlag.core.models import Label
from handschlag.network.models import (
    Connection,
    ContactRequest,
    Decision,
    Folder,
    Intent,
    RequestPolicy,
    RequestStatus,
)
from handschlag.profiles.models import Position
from handschlag.trust.i18n import render

#: Requests per inbox page.
INBOX_PAGE_SIZE = 20

#: The order of the label sections: what the member most likely wants to answer first.
LABEL_ORDER: tuple[str, ...] = (Label.WELCOME, Label.REVIEW, Label.DECLINE, Label.SPAM)

#: The label names as the inbox shows them (tabs, section headings, badges).
LABEL_NAMES: Mapping[str, Promise] = {
    Label.WELCOME: gettext_lazy("Welcome"),
    Label.REVIEW: gettext_lazy("To review"),
    Label.DECLINE: gettext_lazy("Probably not"),
    Label.SPAM: gettext_lazy("Spam"),
}

#: What each label section holds, under its heading.
LABEL_DESCRIPTIONS: Mapping[str, Promise] = {
    Label.WELCOME: gettext_lazy(
        "People you most likely know: shared employers, schools, events or contacts."
    ),
    Label.REVIEW: gettext_lazy("Worth a look before you answer."),
    Label.DECLINE: gettext_lazy(
        "Requests you would probably decline: pitches, stock notes, no common ground."
    ),
    Label.SPAM: gettext_lazy(
        "Mass requests: the same text to many people, or claims that do not hold."
    ),
}

#: Decisions a member took themselves, as training labels for the text model.
#: Decisions the recipient may take back: the policy's, and a mistaken "I don't know".
UNDOABLE: frozenset[str] = frozenset({Decision.AUTO_DECLINED, Decision.UNKNOWN})

#: Rule codes whose evidence names what the two members share, and the evidence key.
_COMMON_GROUND_EVIDENCE: Mapping[str, str] = {
    "CG_SHARED_EMPLOYER": "employers",
    "CG_SHARED_SCHOOL": "schools",
    "CG_MET_AT_EVENT": "events",
    "CG_SHARED_GROUP": "groups",
}


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason why a request is where it is, in the reader's language.

    ``is_reassuring`` marks reasons that speak for the request (negative points); the
    points themselves are never shown.
    """

    code: str
    text: str
    is_reassuring: bool

    @property
    def sentence(self) -> str:
        """The text as a sentence on its own: first letter upper case."""
        return self.text[:1].upper() + self.text[1:]


@dataclass(frozen=True, slots=True)
class SenderSummary:
    """Who asks: name, headline and current position, from their public profile."""

    member_id: int
    name: str
    headline: str
    position: str

    @property
    def initial(self) -> str:
        """The first letter of the name, for the avatar."""
        return self.name[:1].upper()

    @property
    def url(self) -> str:
        """The sender's profile."""
        return reverse("profile_detail", args=[self.member_id])


@dataclass(frozen=True, slots=True)
class CommonGround:
    """What the two members share; employers and schools as the engine found them."""

    mutual_contacts: int = 0
    employers: str = ""
    schools: str = ""
    events: str = ""
    groups: str = ""

    @property
    def is_empty(self) -> bool:
        """Nothing shared at all: a stranger."""
        return not (
            self.mutual_contacts or self.employers or self.schools or self.events or self.groups
        )

    @property
    def phrases(self) -> tuple[str, ...]:
        """What the two share in words, in the active language (the page's)."""
        phrases: list[str] = []
        if self.mutual_contacts:
            phrases.append(
                ngettext(
                    "%(counter)s contact in common",
                    "%(counter)s contacts in common",
                    self.mutual_contacts,
                )
                % {"counter": self.mutual_contacts}
            )
        if self.employers:
            phrases.append(gettext("Worked at %(employers)s") % {"employers": self.employers})
        if self.schools:
            phrases.append(gettext("Studied at %(schools)s") % {"schools": self.schools})
        if self.events:
            phrases.append(gettext("Both at %(events)s") % {"events": self.events})
        if self.groups:
            phrases.append(gettext("Both in %(groups)s") % {"groups": self.groups})
        return tuple(phrases)


@dataclass(frozen=True)
class InboxItem:
    """One request as its recipient sees it.

    The reasons and the common ground are worked out from the stored hits when first
    read: a card whose rendered HTML is still in the cache never needs them.
    """

    request: ContactRequest
    sender: SenderSummary
    #: Contacts the two have in common (counted for the whole page in one query).
    mutual_contacts: int
    #: The reader's language, for the reasons.
    lang: str

    @cached_property
    def common_ground(self) -> CommonGround:
        """What the two share: contacts in common, and what the engine found."""
        return CommonGround(
            mutual_contacts=self.mutual_contacts, **_shared_from_hits(self.request.hits)
        )

    @cached_property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the request is where it is, in the reader's language, heaviest first."""
        return render_reasons(self.request.hits, self.lang)

    @property
    def card_parts(self) -> tuple[object, ...]:
        """Everything the card shows that can change, for the rendered card's cache key.

        The note, intent, sending time, label and hits are written once when the request
        is sent; the request's id stands for them, and they are listed anyway where cheap.
        """
        request = self.request
        sender = self.sender
        return (
            request.pk,
            request.recipient_id,
            request.status,
            request.decision,
            request.folder,
            request.label,
            request.intent,
            request.note,
            request.sent_at,
            sender.member_id,
            sender.name,
            sender.headline,
            sender.position,
            self.mutual_contacts,
        )

    @property
    def can_undo(self) -> bool:
        """Whether the recipient may take the current decision back."""
        return self.request.decision in UNDOABLE

    @property
    def is_pending(self) -> bool:
        return self.request.status == RequestStatus.PENDING

    @property
    def dom_id(self) -> str:
        """The card's element id (a string: the template engine would localise a number)."""
        return f"request-{self.request.pk}"

    @property
    def intent_name(self) -> str:
        """What the request is about, in the active language."""
        return str(_INTENT_NAMES.get(self.request.intent, self.request.intent))

    @property
    def sent_at_iso(self) -> str:
        """When it was sent, for the ``datetime`` attribute (as the ``c`` date format)."""
        return timezone.localtime(self.request.sent_at).isoformat()

    @property
    def sent_on(self) -> str:
        """The day it was sent, in the active language's date format."""
        return _format_day(
            timezone.localtime(self.request.sent_at).date(), translation.get_language()
        )

    @property
    def label_name(self) -> str:
        """The request's label as the inbox names it."""
        return str(LABEL_NAMES.get(self.request.label, self.request.label))

    @property
    def url(self) -> str:
        """The request's address in the inbox; its actions live right under it."""
        return reverse("inbox_request", args=[self.request.pk])


@dataclass(frozen=True, slots=True)
class LabelSection:
    """The page's requests with one label, under a heading that names and explains it."""

    code: str
    items: tuple[InboxItem, ...]

    @property
    def name(self) -> str:
        return str(LABEL_NAMES.get(self.code, self.code))

    @property
    def description(self) -> str:
        return str(LABEL_DESCRIPTIONS.get(self.code, ""))


@dataclass(frozen=True, slots=True)
class LabelTab:
    """One label tab: the label, its name and how many pending requests it holds."""

    code: str
    count: int

    @property
    def name(self) -> str:
        return str(LABEL_NAMES.get(self.code, self.code))


@dataclass(frozen=True, slots=True)
class InboxPage:
    """A page of the inbox with the counts for the tabs.

    ``label_counts`` count the pending requests in the chosen folder per label;
    ``folder_counts`` the pending requests per folder (the filed folder also counts the
    requests the policy declined and that can still be undone).
    """

    folder: str
    label: str | None
    intent: str | None
    #: The paginator's page, for the page links; ``items`` holds its requests as cards.
    page: Page[ContactRequest]
    items: tuple[InboxItem, ...]
    label_counts: Mapping[str, int]
    folder_counts: Mapping[str, int]
    intent_counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def sections(self) -> tuple[LabelSection, ...]:
        """The page's items grouped by label, in the page's (label) order."""
        sections: list[LabelSection] = []
        run: list[InboxItem] = []
        for item in self.items:
            if run and run[0].request.label != item.request.label:
                sections.append(LabelSection(run[0].request.label, tuple(run)))
                run = []
            run.append(item)
        if run:
            sections.append(LabelSection(run[0].request.label, tuple(run)))
        return tuple(sections)

    @property
    def label_tabs(self) -> tuple[LabelTab, ...]:
        return tuple(LabelTab(code, count) for code, count in self.label_counts.items())


_INTENT_NAMES: Mapping[str, object] = dict(Intent.choices)


@lru_cache(maxsize=512)
def _format_day(day: date, language: str | None) -> str:
    """A day in the language's ``DATE_FORMAT`` (cards of a page mostly share a few days)."""
    return formats.date_format(day, "DATE_FORMAT")


def language_of(member: Member) -> str:
    """The language a member reads: their own choice, else the active language."""
    lang = member.language or translation.get_language() or settings.LANGUAGE_CODE
    return lang.split("-")[0]


### Reasons ###


def render_reasons(hits: object, lang: str) -> tuple[Reason, ...]:
    """The stored hits as sentences in ``lang``, heaviest first; shadow hits stay hidden."""
    if not isinstance(hits, list):
        return ()
    weighted: list[tuple[float, Reason]] = []
    for hit in hits:
        if not isinstance(hit, Mapping):
            continue
        code = str(hit.get("code") or hit.get("rule") or "")
        if hit.get("shadow") or code.startswith("T_"):
            continue
        message = hit.get("message")
        if not isinstance(message, str) or not message:
            continue
        evidence = hit.get("evidence") or {}
        score = float(hit.get("score") or 0.0)
        text = render(message, evidence if isinstance(evidence, Mapping) else {}, lang)
        weighted.append((abs(score), Reason(code=code, text=text, is_reassuring=score < 0)))
    weighted.sort(key=lambda pair: pair[0], reverse=True)
    return tuple(reason for _, reason in weighted)


def _shared_from_hits(hits: object) -> dict[str, str]:
    shared: dict[str, str] = {}
    if not isinstance(hits, list):
        return shared
    for hit in hits:
        if not isinstance(hit, Mapping) or hit.get("shadow"):
            continue
        key = _COMMON_GROUND_EVIDENCE.get(str(hit.get("code") or hit.get("rule") or ""))
        evidence = hit.get("evidence")
        if key and isinstance(evidence, Mapping) and evidence.get(key):
            shared[key] = str(evidence[key])
    return shared


### Inbox ###


def _received(recipient: Member) -> QuerySet[ContactRequest]:
    return ContactRequest.objects.to_recipient(recipient.pk)


def _in_folder(recipient: Member, folder: str) -> QuerySet[ContactRequest]:
    """Pending requests in a folder; the filed folder also shows what the policy declined."""
    requests = _received(recipient)
    if folder == Folder.FILED:
        return requests.filter(
            Q(status=RequestStatus.PENDING, folder=Folder.FILED)
            | Q(status=RequestStatus.DECLINED, decision=Decision.AUTO_DECLINED)
        )
    return requests.filter(status=RequestStatus.PENDING, folder=Folder.INBOX)


#: What a card shows of a request and its sender: the page loads nothing else (no reply
#: texts, no profile "about" texts).
_CARD_FIELDS: tuple[str, ...] = (
    "id",
    "sender",
    "recipient_id",
    "note",
    "intent",
    "status",
    "folder",
    "decision",
    "label",
    "hits",
    "sent_at",
    "sender__profile__full_name",
    "sender__profile__headline",
)


def _label_rank() -> Case:
    return Case(
        *(When(label=label, then=Value(rank)) for rank, label in enumerate(LABEL_ORDER)),
        default=Value(len(LABEL_ORDER)),
        output_field=IntegerField(),
    )


@dataclass(frozen=True, slots=True)
class InboxCounts:
    """The tab counts of one view of the inbox (folder, label, intent), from one query.

    ``stamp`` changes with every change to the requests the view can list: a request
    arriving (a new, higher id), leaving (a group's count drops) or coming back by an undo
    (a newer ``undone_at``). The page's rendered list is cached under it.
    """

    folder: str
    label: str | None
    intent: str | None
    label_counts: Mapping[str, int]
    folder_counts: Mapping[str, int]
    intent_counts: Mapping[str, int]
    stamp: str

    @property
    def total(self) -> int:
        """How many requests the view lists over all its pages."""
        if self.label is not None:
            return self.label_counts.get(self.label, 0)
        return sum(self.label_counts.values())

    def page_number(self, page: int | str) -> int:
        """The page a ``?page=`` value shows, as ``Paginator.get_page`` chooses it: the
        first for anything but a number, the last for a number out of range."""
        last = max(1, -(-self.total // INBOX_PAGE_SIZE))
        try:
            number = int(page)
        except (TypeError, ValueError):
            return 1
        return number if 1 <= number <= last else last


@lru_cache(maxsize=4)
def _counts_sql(vendor: str) -> str:
    """The grouped tab counts, written out: the page's hottest query, run on every view of
    the inbox (the ORM spent more time building it than the database running it). The
    same as ``_received(r).filter(Q(status=PENDING) | Q(status=DECLINED,
    decision=AUTO_DECLINED)).values_list("folder", "status", "label", "intent")``
    annotated with the count, the newest id and the latest undo."""
    table = ContactRequest._meta.db_table
    return (
        f"SELECT folder, status, label, intent, COUNT(id), MAX(id), MAX(undone_at) "  # noqa: S608 - our table's name, no input
        f"FROM {connection.ops.quote_name(table)} "
        "WHERE recipient_id = %s AND (status = %s OR (status = %s AND decision = %s)) "
        "GROUP BY folder, status, label, intent"
    )


_COUNTS_PARAMS = (RequestStatus.PENDING, RequestStatus.DECLINED, Decision.AUTO_DECLINED)


def count_inbox(
    recipient: Member,
    *,
    folder: str = Folder.INBOX,
    label: str | None = None,
    intent: str | None = None,
) -> InboxCounts:
    """The tab counts for a view of the recipient's inbox (one grouped query)."""
    if folder not in Folder.values:
        folder = Folder.INBOX
    if label not in Label.values:
        label = None
    if intent not in Intent.values:
        intent = None
    label_counts = dict.fromkeys(LABEL_ORDER, 0)
    folder_counts = dict.fromkeys(Folder.values, 0)
    intent_counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(_counts_sql(connection.vendor), [recipient.pk, *_COUNTS_PARAMS])
        groups = sorted(cursor.fetchall(), key=lambda row: row[:4])
    for row_folder_name, status, row_label, row_intent, n, _newest, _undone in groups:
        in_filed = row_folder_name == Folder.FILED or status != RequestStatus.PENDING
        row_folder = Folder.FILED if in_filed else Folder.INBOX
        folder_counts[row_folder] += n
        if row_folder != folder:
            continue
        if intent is None or row_intent == intent:
            label_counts[row_label] = label_counts.get(row_label, 0) + n
        if label is None or row_label == label:
            intent_counts[row_intent] = intent_counts.get(row_intent, 0) + n
    return InboxCounts(
        folder=folder,
        label=label,
        intent=intent,
        label_counts=label_counts,
        folder_counts=folder_counts,
        intent_counts=intent_counts,
        stamp=repr(groups),
    )


def list_inbox(
    recipient: Member,
    *,
    folder: str = Folder.INBOX,
    label: str | None = None,
    intent: str | None = None,
    page: int | str = 1,
    lang: str | None = None,
    counts: InboxCounts | None = None,
) -> InboxPage:
    """The recipient's requests, grouped by label and newest first, with tab counts.

    Runs a fixed number of queries whatever the number of requests: the grouped counts
    (1, unless ``counts`` from ``count_inbox`` are passed; they also give the paginator
    its total), the page's rows with the senders' profiles (1), their current positions
    (1) and mutual contacts (1). The rows come without their stored hits (the reasons):
    ``load_hits`` fetches them for the cards that are rendered.
    """
    if counts is None:
        counts = count_inbox(recipient, folder=folder, label=label, intent=intent)
    folder, label, intent = counts.folder, counts.label, counts.intent
    use = lang or language_of(recipient)
    requests = (
        _in_folder(recipient, folder)
        .select_related("sender__profile")
        .only(*_CARD_FIELDS)
        .defer("hits")
    )
    if label is not None:
        requests = requests.filter(label=label)
    if intent is not None:
        requests = requests.filter(intent=intent)
    # Ordered by the expression itself, so the queryset keeps its plain type.
    requests = requests.order_by(_label_rank(), "-sent_at", "-id")
    paginator = _CountedPaginator(requests, INBOX_PAGE_SIZE, count=counts.total)
    current = paginator.get_page(page)
    items = tuple(_items(recipient, list(current.object_list), use))
    return InboxPage(
        folder=folder,
        label=label,
        intent=intent,
        page=current,
        items=items,
        label_counts=counts.label_counts,
        folder_counts=counts.folder_counts,
        intent_counts=counts.intent_counts,
    )


def load_hits(items: Sequence[InboxItem]) -> None:
    """Fetch the stored hits of the items' requests that came without them (one query)."""
    missing = {
        item.request.pk: item.request
        for item in items
        if "hits" in item.request.get_deferred_fields()
    }
    if not missing:
        return
    for pk, hits in ContactRequest.objects.filter(pk__in=missing).values_list("pk", "hits"):
        missing[pk].hits = hits


class _CountedPaginator(Paginator[ContactRequest]):
    """A paginator told the count: the grouped tab counts already hold it (one query less)."""

    def __init__(self, object_list: QuerySet[ContactRequest], per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @property
    def count(self) -> int:
        return self._count


def _items(recipient: Member, requests: list[ContactRequest], lang: str) -> list[InboxItem]:
    """Wrap requests with sender summaries, common ground and reasons (2 queries)."""
    if not requests:
        return []
    sender_ids = {r.sender_id for r in requests}
    positions: dict[int, str] = {}
    current_positions = (
        Position.objects.filter(profile_id__in=sender_ids, end_date__isnull=True)
        .order_by("profile_id", "-start_date")
        .values_list("profile_id", "title", "employer__name")
    )
    for profile_id, title, employer in current_positions:
        positions.setdefault(profile_id, f"{title}, {employer}")
    mutual = dict(
        Connection.objects.filter(
            owner_id__in=sender_ids,
            contact_id__in=Connection.objects.of(recipient.pk).values("contact_id"),
        )
        .values_list("owner_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [_item(r, positions, mutual, lang) for r in requests]


def _item(
    request: ContactRequest, positions: Mapping[int, str], mutual: Mapping[int, int], lang: str
) -> InboxItem:
    sender = request.sender
    profile = getattr(sender, "profile", None)
    summary = SenderSummary(
        member_id=sender.pk,
        name=profile.full_name if profile is not None else "",
        headline=profile.headline if profile is not None else "",
        position=positions.get(sender.pk, ""),
    )
    return InboxItem(
        request=request, sender=summary, mutual_contacts=mutual.get(sender.pk, 0), lang=lang
    )


def get_request_for_recipient(recipient: Member, request_id: int) -> ContactRequest:
    """One request the member received; 404 for anyone else's, sender included (A15)."""
    try:
        return (
            _received(recipient).select_related("sender__profile", "recipient").get(pk=request_id)
        )
    except ContactRequest.DoesNotExist:
        raise Http404 from None


def get_inbox_item(recipient: Member, request_id: int, *, lang: str | None = None) -> InboxItem:
    """One received request as a card (after an action, or for the reply form)."""
    request = get_request_for_recipient(recipient, request_id)
    return _items(recipient, [request], lang or language_of(recipient))[0]


def get_request_policy(member: Member) -> RequestPolicy:
    """The member's request policy; the defaults (unsaved) until they first change it."""
    return RequestPolicy.objects.filter(member=member).first() or RequestPolicy(member=member)
