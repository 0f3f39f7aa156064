"""Generate the demo network: a seeded crowd in bulk, and the named personas through services.

Two speeds on purpose. The crowd (thousands to millions of members with employers,
positions, education, skills, languages, preferences, an invitation tree and
connections) is written with raw ``executemany`` inserts of precomputed rows: the ORM's
``bulk_create`` builds a model instance per row, which alone would take longer than the
15 minutes a million-member benchmark network may take. Values come from pools drawn once
from Faker and ``pools.py`` and combined with one seeded ``random.Random``, so the same
seed always gives the same network. The few personas go through the real services
(``create_profile``, ``save_position``, ``set_skills``, ``connect_members`` …), so they
pass the same validation as members who sign up.

``DemoNetwork.steps()`` lists the steps in order; later issues append theirs (contact
requests, messages, offers) to that list.
"""

from __future__ import annotations

import math
import random
import time
import unicodedata
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import TYPE_CHECKING, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import Max
from faker import Faker

if TYPE_CHECKING:
    pass

from handschlag.accounts.models import Invitation, Member
from handschlag.demo import pools
from handschlag.demo.bulk import (
    BulkTable,
    QuickRandom,
    bulk_load_session,
    indexes_deferred,
    weighted_table,
)
from handschlag.demo.events import DemoMeetups
from handschlag.demo.messages import DemoMessages
from handschlag.demo.personas import DEMO_PASSWORD, PERSONAS, Persona
from handschlag.demo.traffic import DemoTraffic
from handschlag.network.models import Connection
from handschlag.network.services import connect_members
from handschlag.profiles.models import (
    Education,
    Employer,
    JobPreferences,
    Position,
    Profile,
    ProfileSkill,
    Skill,
    SpokenLanguage,
    normalise_name,
)
from handschlag.profiles.services import (
    add_spoken_language,
    create_profile,
    save_education,
    save_job_preferences,
    save_position,
    set_skills,
    update_privacy,
    update_profile,
)

#: The seed of ``make demo``: everybody who runs it meets the same people.
DEFAULT_SEED = 20240601
#: Members of the default demo network.
DEFAULT_MEMBERS = 2_000
#: Members generated and written per transaction; bounds memory at any scale.
DEFAULT_CHUNK_SIZE = 20_000
#: From this many members on, SQLite's secondary indexes are built after the load.
DEFERRED_INDEXES_FROM = 50_000
#: How far back the oldest account was opened.
NETWORK_AGE = timedelta(days=7 * 365)

T = TypeVar("T")
Progress = Callable[[str], None]

#: The tables the demo writes, in the order of the final report.
COUNTED_MODELS: tuple[type[models.Model], ...] = (
    Member,
    Profile,
    Employer,
    Position,
    Education,
    Skill,
    ProfileSkill,
    SpokenLanguage,
    JobPreferences,
    Invitation,
    Connection,
)


def fold(name: str) -> str:
    """The ASCII form of a name for an email address: "Jürgen O'Neill" → "juergen.oneill"."""
    text = name.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c == "-"))


def gendered(title: str, *, female: bool) -> str:
    """Resolve German pair forms ("Steuerberater/in", "Geselle/Gesellin") for one person."""
    words = []
    for word in title.split(" "):
        if "/" not in word or word.count("/") != 1 or word.isupper():
            words.append(word)
            continue
        left, right = word.split("/")
        if right == "in":
            words.append(left + "in" if female else left)
        elif right == "r":
            words.append(left if female else left + "r")
        else:
            words.append(right if female else left)
    return " ".join(words)


def count_rows() -> dict[str, int]:
    """Rows per demo table, for the command's final report and the benchmark."""
    return {model._meta.db_table: model._default_manager.count() for model in COUNTED_MODELS}


### Pools ###


@dataclass(slots=True)
class NamePools:
    """Given and family names drawn once from Faker, with their ASCII forms for emails."""

    first: list[str]
    first_ascii: list[str]
    last: list[str]
    last_ascii: list[str]
    #: (language, is_female) → indices into ``first``, repeated by frequency.
    first_by: dict[tuple[str, bool], list[int]]
    #: language → indices into ``last``, repeated by frequency.
    last_by: dict[str, list[int]]

    @classmethod
    def draw(cls, seed: int, draws: int = 3000) -> NamePools:
        """Sample Faker's de_DE and en_GB name providers with a fixed seed."""
        first: list[str] = []
        last: list[str] = []
        first_index: dict[str, int] = {}
        last_index: dict[str, int] = {}
        first_by: dict[tuple[str, bool], list[int]] = {}
        last_by: dict[str, list[int]] = {}

        def index_of(name: str, names: list[str], index: dict[str, int]) -> int:
            # Names are unique by their ASCII form, so "first.last" emails never collide.
            key = fold(name)
            if key not in index:
                index[key] = len(names)
                names.append(name)
            return index[key]

        for language, locale in (("de", "de_DE"), ("en", "en_GB")):
            fake = Faker(locale)
            fake.seed_instance(seed)
            for female, make in ((True, fake.first_name_female), (False, fake.first_name_male)):
                first_by[(language, female)] = [
                    index_of(make(), first, first_index) for _ in range(draws)
                ]
            last_by[language] = [index_of(fake.last_name(), last, last_index) for _ in range(draws)]
        return cls(
            first=first,
            first_ascii=[fold(name) for name in first],
            last=last,
            last_ascii=[fold(name) for name in last],
            first_by=first_by,
            last_by=last_by,
        )


@dataclass(slots=True)
class EmployerPool:
    """The employers of the crowd, with their field, city and business model."""

    names: list[str]
    ids: list[int]
    fields: list[int]
    cities: list[int]
    business_models: list[str]
    #: field → employer indices, the biggest (most often chosen) first.
    by_field: list[list[int]]
    #: (field, city) → employer indices.
    by_field_city: dict[tuple[int, int], list[int]]


### The generator ###


class DemoNetwork:
    """A seeded demo network of ``members`` crowd members plus the named personas.

    The constructor only stores parameters; ``run()`` performs the steps in order and
    returns the rows per table. Each step is a method, so later issues add theirs.
    """

    def __init__(
        self,
        *,
        members: int = DEFAULT_MEMBERS,
        seed: int = DEFAULT_SEED,
        as_of: date | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        connections_per_member: float | None = None,
        traffic: bool = True,
        progress: Progress | None = None,
    ) -> None:
        self.members = members
        self.seed = seed
        self.as_of = as_of or datetime.now(UTC).date()
        self.chunk_size = chunk_size
        #: Connections each crowd member opens on average (each one is two rows); ``None``
        #: keeps the small demo's sparse 0-5 (about 2.3 on average).
        self.connections_per_member = connections_per_member
        #: Whether the personas send their contact requests (``demo/traffic.py``).
        self.traffic = traffic
        self.progress: Progress = progress or (lambda _message: None)

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        """The steps of ``run()`` in order; append to this list to grow the demo."""
        return [
            ("pools", self.build_pools),
            ("employers", self.create_employers),
            ("skills", self.create_skills),
            ("crowd", self.create_crowd),
            ("personas", self.create_personas),
            ("persona connections", self.connect_personas),
            ("contact requests", self.send_requests),
            ("meetups", self.create_meetups),
        ]

    def run(self) -> dict[str, int]:
        """Generate the whole network and return the number of rows per table."""
        started = time.perf_counter()
        with bulk_load_session():
            for name, step in self.steps():
                step_started = time.perf_counter()
                step()
                self.progress(f"{name}: done in {time.perf_counter() - step_started:,.1f} s")
        self.progress(f"demo network generated in {time.perf_counter() - started:,.1f} s")
        return count_rows()

    ### Steps ###

    def build_pools(self) -> None:
        """Draw names from Faker once; every member is then combined from these pools."""
        self.rng_ = QuickRandom(self.seed)
        self.names_ = NamePools.draw(self.seed)
        self.fields_ = pools.FIELDS
        field_weights = [f.weight for f in self.fields_]
        self.field_table_ = weighted_table(range(len(self.fields_)), field_weights)
        self.cities_ = [*pools.CITIES_DACH, *pools.CITIES_UK]
        dach = range(len(pools.CITIES_DACH))
        uk = range(len(pools.CITIES_DACH), len(self.cities_))
        self.dach_table_ = weighted_table(dach, [self.cities_[i].weight for i in dach])
        self.uk_table_ = weighted_table(uk, [self.cities_[i].weight for i in uk])
        self.level_table_ = weighted_table(range(len(pools.LEVELS)), pools.LEVEL_WEIGHTS)
        now = datetime.combine(self.as_of, clock(hour=18))
        self.now_ = now  # naive UTC: rows are written in the database's UTC
        self.now_month_ = self.as_of.year * 12 + self.as_of.month - 1
        self._month_values: dict[int, object] = {}
        self._gendered_cache: dict[tuple[str, bool], str] = {}
        if connection.vendor == "sqlite":
            self.adapt_datetime_: Callable[[datetime], object] = str
            self.adapt_date_: Callable[[date], object] = str
        else:
            self.adapt_datetime_ = lambda value: value.replace(tzinfo=UTC)
            self.adapt_date_ = lambda value: value

    def create_employers(self) -> None:
        """Invent employers per field (persona employers first), about one per 15 members."""
        rng = random.Random(self.seed + 1)
        fake = Faker("de_DE")
        fake.seed_instance(self.seed)
        names: list[str] = []
        keys: set[str] = set()
        fields: list[int] = []
        cities: list[int] = []
        business_models: list[str] = []
        field_index = {f.key: i for i, f in enumerate(self.fields_)}
        city_index = {c.name: i for i, c in enumerate(self.cities_)}

        def add(name: str, field: int, city: int, business_model: str) -> bool:
            key = normalise_name(name)
            if key in keys:
                return False
            keys.add(key)
            names.append(" ".join(name.split()))
            fields.append(field)
            cities.append(city)
            business_models.append(business_model)
            return True

        for persona in PERSONAS:
            for position in persona.positions:
                add(
                    position.employer,
                    field_index[persona.field],
                    city_index.get(persona.location, 0),
                    position.business_model,
                )
        wanted = len(names) + 40 + self.members // 15
        last_de = [self.names_.last[i] for i in self.names_.last_by["de"]]
        last_en = [self.names_.last[i] for i in self.names_.last_by["en"]]
        attempts = 0
        while len(names) < wanted and attempts < wanted * 20:
            attempts += 1
            field_no = rng.choice(self.field_table_)
            field = self.fields_[field_no]
            city_no = rng.choice(self.dach_table_ if rng.random() < 0.9 else self.uk_table_)
            english = self.cities_[city_no].country in {"GB", "IE"}
            last = last_en if english else last_de
            pattern = rng.choice(field.employers_en if english else field.employers_de)
            words = pools.COMPANY_WORDS_EN if english else pools.COMPANY_WORDS
            name = pattern.format(
                last=rng.choice(last),
                last2=rng.choice(last),
                word=rng.choice(words),
                city=self.cities_[city_no].name,
            )
            if rng.random() < 0.08 and not english:
                # Now and then a name straight from Faker ("Schaaf Reuter GmbH").
                name = fake.company()
            business_model = rng.choices(
                ("b2b", "b2c", "both"), weights=field.business_models, k=1
            )[0]
            if not add(name, field_no, city_no, business_model):
                add(f"{name} {self.cities_[city_no].name}", field_no, city_no, business_model)
        Employer.objects.bulk_create(
            [Employer(name=name, key=normalise_name(name)) for name in names],
            batch_size=5000,
        )
        id_by_key = dict(Employer.objects.values_list("key", "id"))
        by_field: list[list[int]] = [[] for _ in self.fields_]
        by_field_city: dict[tuple[int, int], list[int]] = {}
        for index, (field_no, city_no) in enumerate(zip(fields, cities, strict=True)):
            by_field[field_no].append(index)
            by_field_city.setdefault((field_no, city_no), []).append(index)
        self.employers_ = EmployerPool(
            names=names,
            ids=[id_by_key[normalise_name(name)] for name in names],
            fields=fields,
            cities=cities,
            business_models=business_models,
            by_field=by_field,
            by_field_city=by_field_city,
        )

    def create_skills(self) -> None:
        """Create the skill vocabulary of every field, shared by the whole crowd."""
        wanted: dict[str, str] = {}
        for name in [*pools.COMMON_SKILLS, *(s for f in self.fields_ for s in f.skills)]:
            wanted.setdefault(normalise_name(name), name)
        Skill.objects.bulk_create(
            [Skill(key=key, name=name) for key, name in wanted.items()], ignore_conflicts=True
        )
        id_by_key = dict(Skill.objects.filter(key__in=wanted).values_list("key", "id"))
        self.field_skills_ = [
            sorted({id_by_key[normalise_name(s)] for s in f.skills}) for f in self.fields_
        ]
        self.common_skills_ = [id_by_key[normalise_name(s)] for s in pools.COMMON_SKILLS]
        self.skill_names_ = {id_by_key[key]: name for key, name in wanted.items()}

    def create_crowd(self) -> None:
        """Write the crowd in chunks, one transaction each, with a progress line per chunk."""
        first_id = (Member.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        self.crowd_first_id_ = first_id
        names = self.names_
        self.pair_counts_ = array("H", bytes(2 * len(names.first) * len(names.last)))
        self.employer_members_: list[array[int]] = [array("q") for _ in self.employers_.names]
        self.city_members_: list[array[int]] = [array("q") for _ in self.cities_]
        self.school_members_: dict[str, array[int]] = {}
        self.connections_owed_ = 0.0
        self.tables_ = {
            "member": BulkTable(
                Member,
                (
                    "id",
                    "password",
                    "is_superuser",
                    "email",
                    "language",
                    "invited_by",
                    "is_active",
                    "is_staff",
                    "date_joined",
                ),
            ),
            "profile": BulkTable(
                Profile,
                (
                    "member",
                    "full_name",
                    "headline",
                    "location",
                    "about",
                    "seeking",
                    "offering",
                    "seniority",
                    "phone",
                    "email_visibility",
                    "phone_visibility",
                    "created_at",
                    "updated_at",
                ),
            ),
            "position": BulkTable(
                Position,
                (
                    "profile",
                    "employer",
                    "title",
                    "start_date",
                    "end_date",
                    "business_model",
                    "description",
                ),
            ),
            "education": BulkTable(
                Education,
                ("profile", "school", "degree", "field_of_study", "start_year", "end_year"),
            ),
            "skill": BulkTable(ProfileSkill, ("profile", "skill")),
            "language": BulkTable(SpokenLanguage, ("profile", "language", "proficiency")),
            "preferences": BulkTable(
                JobPreferences,
                (
                    "member",
                    "open_to_offers",
                    "min_salary",
                    "currency",
                    "levels",
                    "locations",
                    "remote_only",
                    "willing_to_relocate",
                    "created_at",
                    "updated_at",
                ),
            ),
            "invitation": BulkTable(
                Invitation,
                (
                    "code",
                    "inviter",
                    "note",
                    "created_at",
                    "expires_at",
                    "accepted_by",
                    "accepted_at",
                ),
            ),
            "connection": BulkTable(Connection, ("owner", "contact", "how_met", "created_at")),
        }
        if self.members >= DEFERRED_INDEXES_FROM:
            with indexes_deferred([table.table for table in self.tables_.values()]):
                self._write_crowd(first_id)
                self.progress("rebuilding indexes …")
        else:
            self._write_crowd(first_id)
        if connection.vendor == "postgresql":
            self._reset_sequences()

    def _write_crowd(self, first_id: int) -> None:
        started = time.perf_counter()
        end_id = first_id + self.members
        for chunk_start in range(first_id, end_id, self.chunk_size):
            chunk_end = min(chunk_start + self.chunk_size, end_id)
            for member_id in range(chunk_start, chunk_end):
                self._add_member(member_id)
            with transaction.atomic(), connection.cursor() as cursor:
                for table in self.tables_.values():
                    table.flush(cursor)
            done = chunk_end - first_id
            elapsed = time.perf_counter() - started
            rows = sum(table.written for table in self.tables_.values())
            self.progress(
                f"members {done:>10,}/{self.members:,} ({100 * done / self.members:5.1f} %)"
                f"  {done / elapsed:9,.0f} members/s  {rows / elapsed:10,.0f} rows/s"
                f"  {elapsed:7.1f} s"
            )

    def create_personas(self) -> None:
        """Create the named accounts through the services, as a sign-up would."""
        self.persona_members_: dict[str, Member] = {}
        # One argon2 hash for the shared, published password instead of one per persona.
        self.password_hash_ = make_password(DEMO_PASSWORD)
        for persona in PERSONAS:
            self.persona_members_[persona.key] = self._create_persona(persona)

    def connect_personas(self) -> None:
        """Connect personas with each other and with colleagues and neighbours in the crowd."""
        rng = random.Random(self.seed + 2)
        persona_ids = [member.pk for member in self.persona_members_.values()]
        for persona in PERSONAS:
            member = self.persona_members_[persona.key]
            for other_key, how_met in persona.knows:
                connect_members(member, contact=self.persona_members_[other_key], how_met=how_met)
            # The crowd side in bulk: the collector alone has over a thousand contacts.
            rows: list[Connection] = []
            for contact_id, how_met in self._crowd_contacts(persona, persona_ids, rng):
                rows.append(Connection(owner_id=member.pk, contact_id=contact_id, how_met=how_met))
                rows.append(Connection(owner_id=contact_id, contact_id=member.pk, how_met=how_met))
            Connection.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)

    def send_requests(self) -> None:
        """The personas and some of the crowd write to the demo login (``demo/traffic.py``)."""
        if not self.traffic:
            return
        crowd = range(self.crowd_first_id_, self.crowd_first_id_ + self.members)
        traffic = DemoTraffic(
            personas=self.persona_members_, crowd=crowd, seed=self.seed, progress=self.progress
        )
        for sender, label in traffic.run().items():
            self.progress(f"  request from {sender}: {label}")
        messages = DemoMessages(
            personas=self.persona_members_, crowd=crowd, seed=self.seed, progress=self.progress
        )
        for story, label in messages.run().items():
            self.progress(f"  message from {story}: {label}")

    def create_meetups(self) -> None:
        """Past and upcoming meetups with guests and check-ins (``demo/events.py``)."""
        crowd = range(self.crowd_first_id_, self.crowd_first_id_ + self.members)
        DemoMeetups(
            personas=self.persona_members_, crowd=crowd, seed=self.seed, progress=self.progress
        ).run()

    ### The crowd, member by member ###

    def _joined_at(self, member_id: int) -> datetime:
        # Growth: the share of members who joined by time t grows with t squared, so
        # ids are in order of joining (an inviter always joined before the invitee).
        share = (member_id - self.crowd_first_id_ + 1) / max(self.members, 1)
        return self.now_ - NETWORK_AGE + NETWORK_AGE * math.sqrt(share) - timedelta(days=1)

    def _month(self, month: int) -> object:
        # The first day of a month, as the database wants it; positions are month-exact.
        value = self._month_values.get(month)
        if value is None:
            value = self.adapt_date_(date(month // 12, month % 12 + 1, 1))
            self._month_values[month] = value
        return value

    def _add_member(self, member_id: int) -> None:
        rng = self.rng_
        random_ = rng.random
        names = self.names_
        english = random_() < 0.15
        language = "en" if english else "de"
        female = random_() < 0.48
        first = rng.choice(names.first_by[(language, female)])
        last = rng.choice(names.last_by[language])
        full_name = f"{names.first[first]} {names.last[last]}"
        pair = first * len(names.last) + last
        seen = self.pair_counts_[pair]
        self.pair_counts_[pair] = min(seen + 1, 65535)
        suffix = str(seen + 1) if seen else ""
        domains = pools.MAIL_DOMAINS_EN if english else pools.MAIL_DOMAINS_DE
        email = f"{names.first_ascii[first]}.{names.last_ascii[last]}{suffix}@{rng.choice(domains)}"
        city_no = rng.choice(self.uk_table_ if english and random_() < 0.5 else self.dach_table_)
        city = self.cities_[city_no]
        field_no = rng.choice(self.field_table_)
        field = self.fields_[field_no]
        level = rng.choice(self.level_table_)
        years = rng.randint(*pools.LEVEL_YEARS[level])
        joined = self._joined_at(member_id)

        employers = self._add_positions(member_id, field_no, city_no, level, years, female, english)
        title = self._current_title_
        school = self._add_education(member_id, field, city_no, years, female, english)
        skills = self._add_skills(member_id, field_no)
        self._add_languages(member_id, english, city.country)
        contacts = self._add_connections(member_id, employers, city_no, school, joined)

        inviter = None
        if contacts and random_() < 0.35:
            inviter = contacts[0]
            if random_() < 0.65:
                self._add_invitation(member_id, inviter, names.first[first], joined)
        self.tables_["member"].rows.append(
            (
                member_id,
                f"!demo{rng.getrandbits(64):016x}",  # unusable: the crowd never logs in
                False,
                email,
                language if random_() < 0.8 else "",
                inviter,
                True,
                False,
                self.adapt_datetime_(joined),
            )
        )

        lines = field.seeking_en if english else field.seeking_de
        seeking = self._pick_lines(lines) if random_() < 0.75 else ""
        lines = field.offering_en if english else field.offering_de
        offering = self._pick_lines(lines) if random_() < 0.7 else ""
        employer = self.employers_.names[employers[0]] if employers else ""
        shape = random_()
        if employer and shape < 0.6:
            headline = f"{title} {'at' if english else 'bei'} {employer}"
        elif shape < 0.85:
            skill_names = self._skill_names(skills[:2])
            headline = f"{title} | {skill_names}" if skill_names else title
        else:
            headline = title
        about = ""
        if random_() < 0.45:
            about = rng.choice(pools.ABOUT_EN if english else pools.ABOUT_DE).format(
                title=title, city=city.name, years=max(years, 1)
            )
        phone = ""
        phone_visibility = "nobody"
        if random_() < 0.35:
            blocks = pools.PHONE_BLOCKS_UK if city.country == "GB" else pools.PHONE_BLOCKS_DE
            phone = rng.choice(blocks).format(n=rng.randrange(1000))
            shape = random_()
            phone_visibility = (
                "nobody" if shape < 0.45 else "contacts" if shape < 0.9 else "members"
            )
        shape = random_()
        email_visibility = "contacts" if shape < 0.55 else "nobody" if shape < 0.8 else "members"
        updated = joined + (self.now_ - joined) * random_()
        self.tables_["profile"].rows.append(
            (
                member_id,
                full_name,
                headline[:160],
                city.name,
                about,
                seeking,
                offering,
                pools.LEVELS[level],
                phone,
                email_visibility,
                phone_visibility,
                self.adapt_datetime_(joined),
                self.adapt_datetime_(updated),
            )
        )
        if random_() < 0.3:
            self._add_preferences(member_id, field, level, city_no, joined, updated)

    def _pick_lines(self, lines: Sequence[str]) -> str:
        # "I am looking for" / "I can offer": one to three items, one per line.
        count = min(len(lines), self.rng_.randint(1, 3))
        return "\n".join(self.rng_.sample(lines, count))

    def _add_positions(
        self,
        member_id: int,
        field_no: int,
        city_no: int,
        level: int,
        years: int,
        female: bool,
        english: bool,
    ) -> list[int]:
        # Walk back from today: the current job (or one that ended recently), then
        # earlier ones at lower levels, until the start of the career.
        rng = self.rng_
        field = self.fields_[field_no]
        career_start = self.now_month_ - years * 12 - rng.randrange(12)
        end: int | None = None
        if rng.random() < 0.1:
            end = self.now_month_ - rng.randint(1, 6)
        latest = self.now_month_ if end is None else end
        employers: list[int] = []
        rows = self.tables_["position"].rows
        self._current_title_ = ""
        while len(employers) < 4:
            start = min(latest, max(career_start, latest - rng.randint(6, 84)))
            employer = self._pick_employer(field_no, city_no)
            if employers and employer == employers[-1]:
                employer = self._pick_employer(field_no, city_no)  # rarely twice in a row
            titles = (field.titles_en if english else field.titles_de)[level]
            title = rng.choice(titles)
            if not english:
                title = self._gendered(title, female)
            if not self._current_title_:
                self._current_title_ = title
            rows.append(
                (
                    member_id,
                    self.employers_.ids[employer],
                    title,
                    self._month(start),
                    None if end is None else self._month(end),
                    self.employers_.business_models[employer],
                    "",
                )
            )
            if employer not in employers:
                employers.append(employer)
                self.employer_members_[employer].append(member_id)
            end = start - 1 - rng.randrange(3)
            latest = end
            if end < career_start + 6:
                break
            if rng.random() < 0.6:
                level = max(0, level - 1)
        return employers

    def _gendered(self, title: str, female: bool) -> str:
        key = (title, female)
        value = self._gendered_cache.get(key)
        if value is None:
            value = self._gendered_cache[key] = gendered(title, female=female)
        return value

    def _pick_employer(self, field_no: int, city_no: int) -> int:
        rng = self.rng_
        if rng.random() < 0.15:
            field_no = rng.choice(self.field_table_)
        local = self.employers_.by_field_city.get((field_no, city_no))
        choices = local if local and rng.random() < 0.6 else self.employers_.by_field[field_no]
        # Squaring skews the choice towards the first employers: a few big, many small.
        return choices[int(len(choices) * rng.random() ** 2)]

    def _add_education(
        self,
        member_id: int,
        field: pools.Field,
        city_no: int,
        years: int,
        female: bool,
        english: bool,
    ) -> str:
        rng = self.rng_
        if rng.random() < 0.1:
            return ""
        city = self.cities_[city_no]
        degree, subject = rng.choice(field.degrees_en if english else field.degrees_de)
        if not english:
            degree = self._gendered(degree, female)
        end_year = self.as_of.year - years - rng.randrange(2)
        if field.is_trade or subject == "Ausbildung":
            school = f"Berufsschule {city.name}" if subject == "Ausbildung" else None
            if school is None:
                is_master = degree.startswith("Meister")
                chamber = "Handwerkskammer" if city.country != "GB" else "College"
                school = f"{chamber} {city.name}" if is_master else f"Berufsschule {city.name}"
                if city.country == "GB":
                    school = f"{city.name} College"
            length = 3
        else:
            school = rng.choice(pools.UNIVERSITIES[city.country])
            length = 2 if degree.startswith(("Master", "MSc", "MA", "MEng")) else 3
        self.tables_["education"].rows.append(
            (member_id, school, degree, subject, end_year - length, end_year)
        )
        bucket = self.school_members_.get(school)
        if bucket is None:
            bucket = self.school_members_[school] = array("q")
        bucket.append(member_id)
        return school

    def _add_skills(self, member_id: int, field_no: int) -> list[int]:
        rng = self.rng_
        field_skills = self.field_skills_[field_no]
        chosen = rng.sample(field_skills, min(len(field_skills), rng.randint(3, 8)))
        if rng.random() < 0.3:
            extra = rng.choice(self.common_skills_)
            if extra not in chosen:
                chosen.append(extra)
        rows = self.tables_["skill"].rows
        rows.extend((member_id, skill) for skill in chosen)
        return chosen

    def _skill_names(self, skill_ids: list[int]) -> str:
        return ", ".join(self.skill_names_[skill] for skill in skill_ids)

    def _add_languages(self, member_id: int, english: bool, country: str) -> None:
        rng = self.rng_
        rows = self.tables_["language"].rows
        rows.append((member_id, "en" if english else "de", "native"))
        if english:
            if country not in {"GB", "IE"} or rng.random() < 0.2:
                level = rng.choice(("basic", "conversational", "conversational", "fluent"))
                rows.append((member_id, "de", level))
        elif rng.random() < 0.88:
            rows.append((member_id, "en", rng.choice(("fluent", "fluent", "conversational"))))
        for code, share in pools.EXTRA_LANGUAGES:
            if rng.random() < share:
                rows.append((member_id, code, rng.choice(("basic", "conversational"))))

    def _add_connections(
        self, member_id: int, employers: list[int], city_no: int, school: str, joined: datetime
    ) -> list[int]:
        # Each member connects only to members generated before them, so every pair is
        # produced once (by its younger member) without a global set of pairs.
        rng = self.rng_
        random_ = rng.random
        if self.connections_per_member is None:
            wanted = rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4, 5))
        else:
            # Uniform around the mean, plus what earlier members could not find (the first
            # members have few others to connect to), so the total meets the target.
            owed = min(self.connections_owed_, self.connections_per_member * 4)
            wanted = int(self.connections_per_member * 2 * random_() + owed + 0.5)
        contacts: list[int] = []
        rows = self.tables_["connection"].rows
        span = self.now_ - joined
        for _ in range(wanted * 2):  # a few draws find nobody; allow for them
            if len(contacts) >= wanted:
                break
            shape = random_()
            if shape < 0.5 and employers:
                bucket = self.employer_members_[rng.choice(employers)]
                how_met = "employer"
            elif shape < 0.65 and school:
                bucket = self.school_members_[school]
                how_met = "school"
            else:
                bucket = self.city_members_[city_no]
                how_met = "event" if random_() < 0.4 else "other"
            if not bucket or (bucket[-1] == member_id and len(bucket) == 1):
                continue
            contact = bucket[rng.randrange(len(bucket))]
            if contact == member_id or contact in contacts:
                continue
            contacts.append(contact)
            when = self.adapt_datetime_(joined + span * random_())
            rows.append((member_id, contact, how_met, when))
            rows.append((contact, member_id, how_met, when))
        self.city_members_[city_no].append(member_id)
        if self.connections_per_member is not None:
            self.connections_owed_ += self.connections_per_member - len(contacts)
        return contacts

    def _add_invitation(
        self, member_id: int, inviter: int, first_name: str, joined: datetime
    ) -> None:
        rng = self.rng_
        inviter_joined = self._joined_at(inviter)
        created = max(
            inviter_joined + timedelta(minutes=5), joined - timedelta(days=rng.randint(1, 20))
        )
        created = min(created, joined)
        self.tables_["invitation"].rows.append(
            (
                f"d{member_id:x}{rng.getrandbits(40):010x}",  # the id prefix keeps codes unique
                inviter,
                first_name,
                self.adapt_datetime_(created),
                self.adapt_datetime_(created + timedelta(days=30)),
                member_id,
                self.adapt_datetime_(joined),
            )
        )

    def _add_preferences(
        self,
        member_id: int,
        field: pools.Field,
        level: int,
        city_no: int,
        joined: datetime,
        updated: datetime,
    ) -> None:
        rng = self.rng_
        city = self.cities_[city_no]
        salary = (
            pools.LEVEL_SALARY_EUR[level]
            * field.salary_factor
            * pools.SALARY_FACTOR_BY_COUNTRY[city.country]
            * rng.uniform(0.9, 1.2)
        )
        levels = [pools.LEVELS[level]]
        if level + 1 < len(pools.LEVELS) and rng.random() < 0.6:
            levels.append(pools.LEVELS[level + 1])
        remote_only = rng.random() < 0.12
        locations = [] if remote_only else [city.name]
        if not remote_only and rng.random() < 0.4:
            table = self.uk_table_ if city.country in {"GB", "IE"} else self.dach_table_
            other = self.cities_[rng.choice(table)].name
            if other != city.name:
                locations.append(other)
        adapt_json = connection.ops.adapt_json_value
        self.tables_["preferences"].rows.append(
            (
                member_id,
                rng.random() < 0.7,
                int(round(salary, -3)),
                pools.CURRENCY_BY_COUNTRY[city.country],
                adapt_json(levels, None),
                adapt_json(locations, None),
                remote_only,
                rng.random() < 0.25,
                self.adapt_datetime_(updated),
                self.adapt_datetime_(updated),
            )
        )

    ### Personas ###

    def _months_ago(self, months: int) -> date:
        month = self.now_month_ - months
        return date(month // 12, month % 12 + 1, 1)

    def _create_persona(self, persona: Persona) -> Member:
        joined = datetime.combine(self.as_of, clock(hour=9), tzinfo=UTC) - timedelta(
            days=persona.joined_days_ago
        )
        make = Member.objects.create_superuser if persona.is_host else Member.objects.create_user
        member = make(persona.email, None, language=persona.language, date_joined=joined)
        member.password = self.password_hash_
        member.save(update_fields=["password"])
        create_profile(member, full_name=persona.full_name)
        update_profile(
            member,
            changes={
                "headline": persona.headline,
                "location": persona.location,
                "about": persona.about,
                "seeking": "\n".join(persona.seeking),
                "offering": "\n".join(persona.offering),
                "seniority": persona.seniority,
                "phone": persona.phone,
            },
        )
        update_privacy(
            member,
            changes={
                "email_visibility": persona.email_visibility,
                "phone_visibility": persona.phone_visibility,
            },
        )
        for position in reversed(persona.positions):
            save_position(
                member,
                position_id=None,
                employer_name=position.employer,
                title=position.title,
                start_date=self._months_ago(position.start_months_ago),
                end_date=(
                    None
                    if position.end_months_ago is None
                    else self._months_ago(position.end_months_ago)
                ),
                business_model=position.business_model,
                description=position.description,
            )
        for education in persona.education:
            save_education(
                member,
                education_id=None,
                changes={
                    "school": education.school,
                    "degree": education.degree,
                    "field_of_study": education.field_of_study,
                    "start_year": self.as_of.year - education.start_years_ago,
                    "end_year": self.as_of.year - education.end_years_ago,
                },
            )
        set_skills(member, names=persona.skills)
        for language, proficiency in persona.languages:
            add_spoken_language(member, language=language, proficiency=proficiency)
        if persona.preferences is not None:
            preferences = persona.preferences
            save_job_preferences(
                member,
                changes={
                    "open_to_offers": preferences.open_to_offers,
                    "min_salary": preferences.min_salary,
                    "currency": preferences.currency,
                    "levels": list(preferences.levels),
                    "locations": list(preferences.locations),
                    "remote_only": preferences.remote_only,
                    "willing_to_relocate": preferences.willing_to_relocate,
                },
            )
        return member

    def _crowd_contacts(
        self, persona: Persona, persona_ids: list[int], rng: random.Random
    ) -> list[tuple[int, str]]:
        # Colleagues at the persona's employers first, then people from the same city,
        # then (for the collectors) anybody: always a seeded sample of a sorted list.
        wanted = persona.crowd_contacts
        employer_keys = [normalise_name(p.employer) for p in persona.positions]
        limit = wanted * 10
        colleagues = list(
            Position.objects.filter(employer__key__in=employer_keys)
            .exclude(profile_id__in=persona_ids)
            .order_by("profile_id")
            .values_list("profile_id", flat=True)
            .distinct()[:limit]
        )
        chosen: dict[int, str] = {}
        for member_id in rng.sample(colleagues, min(len(colleagues), wanted // 2 + 1)):
            chosen[member_id] = "employer"
        neighbours = list(
            Profile.objects.filter(location=persona.location)
            .exclude(member_id__in=persona_ids)
            .order_by("member_id")
            .values_list("member_id", flat=True)[:limit]
        )
        for member_id in rng.sample(neighbours, min(len(neighbours), wanted - len(chosen))):
            chosen.setdefault(member_id, "event" if rng.random() < 0.5 else "other")
        if len(chosen) < wanted:
            anybody = list(
                Profile.objects.exclude(member_id__in=persona_ids)
                .order_by("member_id")
                .values_list("member_id", flat=True)[:limit]
            )
            missing = min(len(anybody), wanted - len(chosen))
            for member_id in rng.sample(anybody, missing):
                chosen.setdefault(member_id, "other")
        return sorted(chosen.items())

    def _reset_sequences(self) -> None:
        # Crowd ids were written explicitly; PostgreSQL's sequence must learn about them
        # before the personas sign up.
        from django.core.management.color import no_style

        statements = connection.ops.sequence_reset_sql(no_style(), [Member])
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
