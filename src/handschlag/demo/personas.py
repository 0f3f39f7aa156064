"""The named people of the demo network, each with a role in the stories it tells.

Developers log in as them (all share ``DEMO_PASSWORD``): Lena, the demo member, sees her
inbox; the others are the senders later issues give traffic to (the contact collector's
template requests, the cold acquirer's pitches, the lazy headhunter's offers) and the
genuine contacts that show what a good request looks like. Dates are given in months
before the day the network is generated, so a profile never ends up in the future.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

#: The password of every persona account (at least 12 characters, as the site requires).
DEMO_PASSWORD = "guten-tag-demo"  # noqa: S105 - public by design: printed for every visitor
#: Where ``make demo`` serves the site.
DEMO_URL = "http://127.0.0.1:8000"


class Role(enum.StrEnum):
    """What a persona is in the demo's stories."""

    DEMO_MEMBER = "demo_member"
    HOST = "host"
    CONTACT_COLLECTOR = "contact_collector"
    COLD_ACQUIRER = "cold_acquirer"
    LAZY_HEADHUNTER = "lazy_headhunter"
    CAREFUL_RECRUITER = "careful_recruiter"
    ALUMNI_ORGANISER = "alumni_organiser"
    FORMER_COLLEAGUE = "former_colleague"
    EVENT_ACQUAINTANCE = "event_acquaintance"


@dataclass(frozen=True, slots=True)
class PersonaPosition:
    """A job on a persona's profile; ``end_months_ago=None`` means current."""

    employer: str
    title: str
    start_months_ago: int
    end_months_ago: int | None = None
    business_model: str = "b2b"
    description: str = ""


@dataclass(frozen=True, slots=True)
class PersonaEducation:
    """A school or university on a persona's profile."""

    school: str
    degree: str
    field_of_study: str
    start_years_ago: int
    end_years_ago: int


@dataclass(frozen=True, slots=True)
class PersonaPreferences:
    """A persona's private job preferences."""

    open_to_offers: bool
    min_salary: int
    currency: str
    levels: tuple[str, ...]
    locations: tuple[str, ...]
    remote_only: bool = False
    willing_to_relocate: bool = False


@dataclass(frozen=True, slots=True)
class Persona:
    """One named account of the demo, with the profile it is created with."""

    key: str
    role: Role
    full_name: str
    email: str
    language: str
    headline: str
    location: str
    #: A key of ``pools.FIELDS``: the crowd around the persona's employers works in it.
    field: str
    seniority: str
    about: str = ""
    seeking: tuple[str, ...] = ()
    offering: tuple[str, ...] = ()
    positions: tuple[PersonaPosition, ...] = ()
    education: tuple[PersonaEducation, ...] = ()
    skills: tuple[str, ...] = ()
    languages: tuple[tuple[str, str], ...] = (("de", "native"),)
    phone: str = ""
    email_visibility: str = "contacts"
    phone_visibility: str = "nobody"
    preferences: PersonaPreferences | None = None
    is_host: bool = False
    joined_days_ago: int = 700
    #: How many members of the crowd (colleagues first, then neighbours) they know.
    crowd_contacts: int = 10
    #: Other personas they are already connected with, and how they met.
    knows: tuple[tuple[str, str], ...] = ()


LENA = Persona(
    key="lena",
    role=Role.DEMO_MEMBER,
    full_name="Lena Vogt",
    email="demo@handschlag.example",
    language="de",
    headline="Lead Software Engineer bei Werkbank Software · Python & Django fürs Handwerk",
    location="Freiburg im Breisgau",
    field="software",
    seniority="lead",
    about=(
        "Ich baue mit meinem Team Software, die Handwerksbetrieben Zeit spart: Angebote, "
        "Aufmaß und Rechnungen ohne Papierstapel.\n"
        "Kontakte knüpfe ich am liebsten persönlich, beim Python-Meetup in Freiburg oder "
        "auf der Baustelle unserer Kundinnen und Kunden."
    ),
    seeking=(
        "Austausch mit anderen Tech Leads im Mittelstand",
        "Handwerksbetriebe, die unsere Software im Alltag testen",
        "Sprecherinnen und Sprecher für das Python-Meetup Freiburg",
    ),
    offering=(
        "Code-Reviews und Architekturberatung für Django-Teams",
        "Mentoring für Quereinsteigerinnen in die Softwareentwicklung",
        "Einen Vortragsplatz beim Python-Meetup Freiburg",
    ),
    positions=(
        PersonaPosition(
            employer="Werkbank Software GmbH",
            title="Lead Software Engineer",
            start_months_ago=31,
            description="Leitet ein Team von sechs Entwicklerinnen und Entwicklern.",
        ),
        PersonaPosition(
            employer="Schwarzwald Digital GmbH",
            title="Senior Software Engineer",
            start_months_ago=79,
            end_months_ago=32,
            description="Backend für Terminplanung und Zeiterfassung, Python und PostgreSQL.",
        ),
        PersonaPosition(
            employer="Ortenau Systemhaus AG",
            title="Softwareentwicklerin",
            start_months_ago=112,
            end_months_ago=80,
            business_model="both",
        ),
    ),
    education=(
        PersonaEducation(
            school="Karlsruher Institut für Technologie",
            degree="Master of Science",
            field_of_study="Informatik",
            start_years_ago=15,
            end_years_ago=10,
        ),
    ),
    skills=(
        "Python",
        "Django",
        "PostgreSQL",
        "htmx",
        "TypeScript",
        "Domain-Driven Design",
        "Code Review",
        "Mentoring",
        "Docker",
    ),
    languages=(("de", "native"), ("en", "fluent"), ("fr", "conversational")),
    # A number from the block the Bundesnetzagentur keeps free for fiction.
    phone="+49 69 90009 417",
    email_visibility="contacts",
    phone_visibility="contacts",
    preferences=PersonaPreferences(
        open_to_offers=True,
        min_salary=92_000,
        currency="EUR",
        levels=("lead", "head"),
        locations=("Freiburg im Breisgau", "Basel", "Karlsruhe"),
    ),
    joined_days_ago=1400,
    crowd_contacts=40,
)

HENRIK = Persona(
    key="henrik",
    role=Role.HOST,
    full_name="Henrik Sommer",
    email="host@handschlag.example",
    language="de",
    headline="Betreibt diese Handschlag-Instanz",
    location="Freiburg im Breisgau",
    field="software",
    seniority="head",
    about="Ich kümmere mich um Server, Backups und die Moderation dieses Netzwerks.",
    positions=(
        PersonaPosition(
            employer="Werkbank Software GmbH",
            title="Head of Engineering",
            start_months_ago=60,
        ),
    ),
    skills=("Linux", "PostgreSQL", "Moderation"),
    is_host=True,
    joined_days_ago=2100,
    crowd_contacts=5,
    knows=(("lena", "employer"),),
)

KAI = Persona(
    key="kai",
    role=Role.CONTACT_COLLECTOR,
    full_name="Kai Förster",
    email="kai.foerster@handschlag.example",
    language="de",
    headline="Netzwerker aus Leidenschaft | 999+ Kontakte | Let's connect!",
    location="Berlin",
    field="marketing",
    seniority="mid",
    about="Aus unserer Vernetzung kann bestimmt etwas Spannendes entstehen!",
    seeking=("Neue Kontakte", "Spannende Menschen"),
    offering=("Mein Netzwerk", "Reichweite"),
    positions=(
        PersonaPosition(
            employer="Nordlicht Media GmbH",
            title="Growth Hacker",
            start_months_ago=4,
            business_model="b2b",
        ),
    ),
    skills=("Social Media", "Lead-Generierung", "Growth Hacking"),
    email_visibility="members",
    joined_days_ago=21,
    # "999+": a count the collector is proud of and the engine reads as a warning.
    crowd_contacts=1100,
)

MARCO = Persona(
    key="marco",
    role=Role.COLD_ACQUIRER,
    full_name="Marco Stein",
    email="marco.stein@handschlag.example",
    language="de",
    headline="Vertriebsautomatisierung | Mehr Termine in 30 Tagen | Webinar jeden Donnerstag",
    location="Düsseldorf",
    field="sales",
    seniority="senior",
    about="Ich helfe Unternehmen, ihren Kalender mit qualifizierten Terminen zu füllen.",
    seeking=("Entscheider im Mittelstand", "Geschäftsführer mit Wachstumszielen"),
    offering=("Kostenlose Potenzialanalyse", "Platz im nächsten Webinar"),
    positions=(
        PersonaPosition(
            employer="Termintreffer Sales GmbH",
            title="Senior Sales Consultant",
            start_months_ago=14,
        ),
    ),
    skills=("Kaltakquise", "Lead-Generierung", "CRM"),
    email_visibility="members",
    phone="+49 221 4710 583",
    phone_visibility="members",
    joined_days_ago=120,
    crowd_contacts=60,
)

REBECCA = Persona(
    key="rebecca",
    role=Role.LAZY_HEADHUNTER,
    full_name="Rebecca Hall",
    email="rebecca.hall@handschlag.example",
    language="en",
    headline="Senior Talent Acquisition Partner | Tech Recruiting DACH & UK",
    location="London",
    field="hr",
    seniority="senior",
    about="I connect great engineers with great companies. Always hiring!",
    seeking=("Java developers", "Engineers open to new challenges"),
    offering=("Exciting opportunities", "Competitive packages"),
    positions=(
        PersonaPosition(
            employer="Brightpath Talent Ltd",
            title="Senior Talent Acquisition Partner",
            start_months_ago=18,
        ),
    ),
    skills=("Recruiting", "Active Sourcing", "Talent Management"),
    languages=(("en", "native"),),
    joined_days_ago=300,
    crowd_contacts=80,
)

SABINE = Persona(
    key="sabine",
    role=Role.CAREFUL_RECRUITER,
    full_name="Sabine Roth",
    email="sabine.roth@handschlag.example",
    language="de",
    headline="Personalberaterin für Tech-Führungskräfte im Mittelstand",
    location="Stuttgart",
    field="hr",
    seniority="senior",
    about=(
        "Ich lese Profile, bevor ich schreibe, und nenne in jedem Angebot Gehalt, Ort und "
        "Ebene. Wer nicht passt, bekommt eine ehrliche Absage."
    ),
    seeking=("Tech Leads, die ein Team aufbauen möchten",),
    offering=("Ehrliches Feedback zu Ihrem Marktwert", "Vertrauliche Gespräche"),
    positions=(
        PersonaPosition(
            employer="Roth & Partner Personalberatung GmbH",
            title="Geschäftsführende Partnerin",
            start_months_ago=96,
        ),
    ),
    skills=("Executive Search", "Interviewführung", "Vergütungsmanagement"),
    languages=(("de", "native"), ("en", "fluent")),
    joined_days_ago=1200,
    crowd_contacts=30,
)

ANNA = Persona(
    key="anna",
    role=Role.ALUMNI_ORGANISER,
    full_name="Anna Lindner",
    email="anna.lindner@handschlag.example",
    language="de",
    headline="Alumni-Netzwerk KIT · Organisiert Treffen in Karlsruhe und Freiburg",
    location="Karlsruhe",
    field="engineering",
    seniority="lead",
    about="Ich bringe Ehemalige des KIT zusammen: jeden ersten Donnerstag im Monat.",
    seeking=("Ehemalige, die von ihrem Berufsweg erzählen", "Räume für Alumni-Treffen"),
    offering=("Kontakte zu Ehemaligen aus allen Fakultäten", "Einladungen zu Alumni-Treffen"),
    positions=(
        PersonaPosition(
            employer="Karlsruher Alumni-Verein e.V.",
            title="Leitung Alumni-Netzwerk",
            start_months_ago=50,
            business_model="both",
        ),
    ),
    education=(
        PersonaEducation(
            school="Karlsruher Institut für Technologie",
            degree="Master of Science",
            field_of_study="Maschinenbau",
            start_years_ago=16,
            end_years_ago=11,
        ),
    ),
    skills=("Community Management", "Veranstaltungsplanung", "Moderation"),
    languages=(("de", "native"), ("en", "fluent")),
    joined_days_ago=900,
    crowd_contacts=25,
)

TOBIAS = Persona(
    key="tobias",
    role=Role.FORMER_COLLEAGUE,
    full_name="Tobias Weber",
    email="tobias.weber@handschlag.example",
    language="de",
    headline="Senior Software Engineer bei Schwarzwald Digital",
    location="Freiburg im Breisgau",
    field="software",
    seniority="senior",
    about="Backend, Datenbanken und gute Tests. Fahrrad statt Auto.",
    seeking=("Ein Team, das Wert auf Code-Qualität legt",),
    offering=("Hilfe bei PostgreSQL-Performance",),
    positions=(
        PersonaPosition(
            employer="Schwarzwald Digital GmbH",
            title="Senior Software Engineer",
            start_months_ago=90,
            description="Saß vier Jahre mit Lena im selben Team.",
        ),
    ),
    skills=("Python", "PostgreSQL", "Testautomatisierung"),
    languages=(("de", "native"), ("en", "fluent")),
    joined_days_ago=30,
    crowd_contacts=12,
)

JONAS = Persona(
    key="jonas",
    role=Role.EVENT_ACQUAINTANCE,
    full_name="Jonas Keller",
    email="jonas.keller@handschlag.example",
    language="de",
    headline="Steuerberater für Handwerksbetriebe",
    location="Freiburg im Breisgau",
    field="tax",
    seniority="senior",
    about="Lena und ich haben uns beim Handschlag-Treffen in Freiburg kennengelernt.",
    seeking=("Handwerksbetriebe, die ihre Buchhaltung digitalisieren",),
    offering=("Einführung in die E-Rechnung für Betriebe", "Vorstellung bei Handwerkskunden"),
    positions=(
        PersonaPosition(
            employer="Steuerberatung Keller & Partner mbB",
            title="Steuerberater",
            start_months_ago=70,
        ),
    ),
    skills=("Steuerrecht", "DATEV", "E-Rechnung"),
    joined_days_ago=800,
    crowd_contacts=20,
    # Met Lena at the same meetup as Henrik, who is Lena's colleague: a mutual contact.
    knows=(("henrik", "event"),),
)

#: Every persona, in the order they are created (those others refer to come first).
PERSONAS: tuple[Persona, ...] = (LENA, HENRIK, KAI, MARCO, REBECCA, SABINE, ANNA, TOBIAS, JONAS)
#: The account a visitor of the demo logs in with.
DEMO_MEMBER = LENA
#: The account with access to the admin.
HOST = HENRIK
