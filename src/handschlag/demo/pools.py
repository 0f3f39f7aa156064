"""The vocabulary of the demo network: fields of work, places, schools and phrases.

Everything here is written for Handschlag: no real person's data. Names of people come
from Faker's locale providers; names of employers are composed from these patterns and
Faker's surnames, so any resemblance to a real firm is a coincidence of common words.
Cities and universities are real places, because a professional network without them
would not look like one.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Career levels in order; the values of ``profiles.models.Seniority``.
LEVELS: tuple[str, ...] = ("junior", "mid", "senior", "lead", "head", "executive")
#: How common each level is among members (index-aligned with ``LEVELS``).
LEVEL_WEIGHTS: tuple[float, ...] = (15, 30, 27, 12, 10, 6)
#: Years of experience (from, to) typical of each level.
LEVEL_YEARS: tuple[tuple[int, int], ...] = ((0, 3), (3, 8), (6, 15), (8, 20), (10, 25), (15, 33))
#: Typical yearly gross salary in EUR in Germany per level; fields scale it.
LEVEL_SALARY_EUR: tuple[int, ...] = (46_000, 58_000, 72_000, 86_000, 102_000, 145_000)


@dataclass(frozen=True, slots=True)
class City:
    """A place members live in; ``weight`` is roughly its share of the network."""

    name: str
    country: str
    weight: float


CITIES_DACH: tuple[City, ...] = (
    City("Berlin", "DE", 90),
    City("Hamburg", "DE", 55),
    City("München", "DE", 60),
    City("Köln", "DE", 40),
    City("Frankfurt am Main", "DE", 40),
    City("Stuttgart", "DE", 30),
    City("Düsseldorf", "DE", 28),
    City("Leipzig", "DE", 20),
    City("Dortmund", "DE", 16),
    City("Essen", "DE", 15),
    City("Bremen", "DE", 14),
    City("Dresden", "DE", 16),
    City("Hannover", "DE", 17),
    City("Nürnberg", "DE", 17),
    City("Duisburg", "DE", 9),
    City("Bochum", "DE", 9),
    City("Bielefeld", "DE", 9),
    City("Bonn", "DE", 12),
    City("Münster", "DE", 11),
    City("Mannheim", "DE", 11),
    City("Karlsruhe", "DE", 12),
    City("Augsburg", "DE", 9),
    City("Wiesbaden", "DE", 8),
    City("Freiburg im Breisgau", "DE", 10),
    City("Kiel", "DE", 7),
    City("Aachen", "DE", 9),
    City("Mainz", "DE", 8),
    City("Regensburg", "DE", 7),
    City("Heidelberg", "DE", 8),
    City("Würzburg", "DE", 6),
    City("Osnabrück", "DE", 6),
    City("Rostock", "DE", 5),
    City("Erfurt", "DE", 5),
    City("Ulm", "DE", 5),
    City("Potsdam", "DE", 6),
    City("Lübeck", "DE", 5),
    City("Wien", "AT", 35),
    City("Graz", "AT", 9),
    City("Linz", "AT", 8),
    City("Salzburg", "AT", 7),
    City("Innsbruck", "AT", 6),
    City("Zürich", "CH", 22),
    City("Basel", "CH", 10),
    City("Bern", "CH", 10),
    City("Luzern", "CH", 5),
    City("St. Gallen", "CH", 4),
    City("Winterthur", "CH", 4),
)

CITIES_UK: tuple[City, ...] = (
    City("London", "GB", 60),
    City("Manchester", "GB", 12),
    City("Edinburgh", "GB", 8),
    City("Bristol", "GB", 7),
    City("Birmingham", "GB", 8),
    City("Leeds", "GB", 6),
    City("Cambridge", "GB", 5),
    City("Dublin", "IE", 8),
)

#: Currency of salaries by country.
CURRENCY_BY_COUNTRY: dict[str, str] = {
    "DE": "EUR",
    "AT": "EUR",
    "IE": "EUR",
    "CH": "CHF",
    "GB": "GBP",
}
#: Salary factor against Germany (the amount, in the country's own currency).
SALARY_FACTOR_BY_COUNTRY: dict[str, float] = {
    "DE": 1.0,
    "AT": 0.95,
    "IE": 1.0,
    "CH": 1.55,
    "GB": 0.85,
}

#: Phone numbers reserved for fiction and drama, so no real line is ever printed:
#: Bundesnetzagentur's blocks for films and books, and Ofcom's drama numbers.
PHONE_BLOCKS_DE: tuple[str, ...] = (
    "+49 30 23125 {n:03d}",
    "+49 69 90009 {n:03d}",
    "+49 40 66969 {n:03d}",
    "+49 221 4710 {n:03d}",
    "+49 89 99998 {n:03d}",
)
PHONE_BLOCKS_UK: tuple[str, ...] = ("+44 7700 900{n:03d}", "+44 20 7946 0{n:03d}")

#: Mail domains of the crowd; the reserved ``.example`` top-level domain never delivers.
MAIL_DOMAINS_DE: tuple[str, ...] = (
    "web.example",
    "gmx.example",
    "posteo.example",
    "mailbox.example",
    "t-online.example",
    "freenet.example",
)
MAIL_DOMAINS_EN: tuple[str, ...] = ("mail.example", "outlook.example", "btinternet.example")

#: Universities by country; craft members train at the chambers below instead.
UNIVERSITIES: dict[str, tuple[str, ...]] = {
    "DE": (
        "Ludwig-Maximilians-Universität München",
        "Technische Universität München",
        "Humboldt-Universität zu Berlin",
        "Freie Universität Berlin",
        "Technische Universität Berlin",
        "Universität Hamburg",
        "Universität zu Köln",
        "Goethe-Universität Frankfurt am Main",
        "Universität Stuttgart",
        "Heinrich-Heine-Universität Düsseldorf",
        "Universität Leipzig",
        "Technische Universität Dresden",
        "Leibniz Universität Hannover",
        "Friedrich-Alexander-Universität Erlangen-Nürnberg",
        "Ruhr-Universität Bochum",
        "Universität Bielefeld",
        "Rheinische Friedrich-Wilhelms-Universität Bonn",
        "Universität Münster",
        "Universität Mannheim",
        "Karlsruher Institut für Technologie",
        "RWTH Aachen",
        "Albert-Ludwigs-Universität Freiburg",
        "Ruprecht-Karls-Universität Heidelberg",
        "Hochschule München",
        "HTW Berlin",
        "Hochschule für Wirtschaft und Recht Berlin",
        "TH Köln",
        "Frankfurt University of Applied Sciences",
        "Hochschule Darmstadt",
        "FOM Hochschule",
        "DHBW Stuttgart",
        "DHBW Mannheim",
        "WHU - Otto Beisheim School of Management",
    ),
    "AT": (
        "Universität Wien",
        "Technische Universität Wien",
        "Wirtschaftsuniversität Wien",
        "Technische Universität Graz",
        "Johannes Kepler Universität Linz",
        "Universität Innsbruck",
        "FH Technikum Wien",
    ),
    "CH": (
        "ETH Zürich",
        "Universität Zürich",
        "Universität Basel",
        "Universität Bern",
        "Universität St. Gallen",
        "ZHAW Zürcher Hochschule für Angewandte Wissenschaften",
        "Hochschule Luzern",
    ),
    "GB": (
        "University of Manchester",
        "University of Edinburgh",
        "University of Bristol",
        "King's College London",
        "University College London",
        "University of Leeds",
        "University of Birmingham",
        "University of Cambridge",
        "London School of Economics",
    ),
    "IE": ("Trinity College Dublin", "University College Dublin"),
}

#: Second languages beyond German and English, with how often members list them.
EXTRA_LANGUAGES: tuple[tuple[str, float], ...] = (
    ("fr", 0.12),
    ("es", 0.08),
    ("it", 0.05),
    ("pl", 0.03),
    ("tr", 0.03),
    ("nl", 0.03),
    ("ru", 0.02),
)

#: Skills anyone might list, whatever their field.
COMMON_SKILLS: tuple[str, ...] = (
    "Projektmanagement",
    "Moderation",
    "Präsentation",
    "Teamführung",
    "Microsoft Excel",
    "Kundenkommunikation",
    "Verhandlungsführung",
    "Agile Methoden",
    "Public Speaking",
    "Stakeholder Management",
)

#: Words for invented company names ("Datenwerk", "Nordlicht Media").
COMPANY_WORDS: tuple[str, ...] = (
    "Nordlicht",
    "Datenwerk",
    "Brückenbau",
    "Kompass",
    "Weitblick",
    "Rheinblick",
    "Alpenglanz",
    "Hafenkante",
    "Lindenhof",
    "Sternwarte",
    "Feldberg",
    "Elbufer",
    "Isartal",
    "Taunus",
    "Mainlicht",
    "Spreeblick",
    "Nordsee",
    "Südwind",
    "Eichenlaub",
    "Blauwerk",
    "Klarsicht",
    "Funkenflug",
    "Querdenker",
    "Wegweiser",
    "Kernstück",
    "Zeitgeist",
    "Bergwerk",
    "Wolkenreich",
    "Grünfeld",
    "Silberstreif",
)
COMPANY_WORDS_EN: tuple[str, ...] = (
    "Brightpath",
    "Northstar",
    "Bluebell",
    "Oakridge",
    "Harbourside",
    "Kingfisher",
    "Silverline",
    "Greenway",
    "Lighthouse",
    "Redwood",
    "Meridian",
    "Thistle",
    "Riverside",
    "Foxglove",
    "Larkspur",
)


@dataclass(frozen=True, slots=True)
class Field:
    """A field of work: what its members are called, know, seek, offer and studied."""

    key: str
    weight: float
    #: Job titles per level (index-aligned with ``LEVELS``), in German and English.
    titles_de: tuple[tuple[str, ...], ...]
    titles_en: tuple[tuple[str, ...], ...]
    skills: tuple[str, ...]
    seeking_de: tuple[str, ...]
    seeking_en: tuple[str, ...]
    offering_de: tuple[str, ...]
    offering_en: tuple[str, ...]
    #: Patterns for employer names: ``{last}``, ``{last2}``, ``{word}``, ``{city}``.
    employers_de: tuple[str, ...]
    employers_en: tuple[str, ...]
    #: Weights of B2B, B2C and both among this field's employers.
    business_models: tuple[float, float, float]
    #: Degrees as (degree, field of study) in German and English.
    degrees_de: tuple[tuple[str, str], ...]
    degrees_en: tuple[tuple[str, str], ...]
    salary_factor: float
    #: Members of a trade train at a chamber of crafts, not at a university.
    is_trade: bool = False


FIELDS: tuple[Field, ...] = (
    Field(
        key="tax",
        weight=10,
        titles_de=(
            ("Steuerfachangestellte/r", "Assistent/in Steuerberatung"),
            ("Steuerfachwirt/in", "Bilanzbuchhalter/in"),
            ("Steuerberater/in",),
            ("Steuerberater/in und Teamleitung",),
            ("Partner/in Steuerberatung",),
            ("Geschäftsführende/r Partner/in",),
        ),
        titles_en=(
            ("Tax Assistant",),
            ("Tax Accountant",),
            ("Senior Tax Advisor",),
            ("Tax Manager",),
            ("Tax Partner",),
            ("Managing Partner",),
        ),
        skills=(
            "Steuerrecht",
            "DATEV",
            "Lohnbuchhaltung",
            "Jahresabschluss",
            "Umsatzsteuer",
            "Finanzbuchhaltung",
            "Erbschaftsteuer",
            "Betriebsprüfung",
            "Internationales Steuerrecht",
            "Unternehmensnachfolge",
            "IFRS",
            "HGB",
            "Mandantenbetreuung",
            "E-Rechnung",
        ),
        seeking_de=(
            "Mandate aus dem Handwerk",
            "Austausch mit Kanzleien zur Digitalisierung",
            "Erfahrene Steuerfachangestellte für unser Team",
            "Kooperation mit Rechtsanwälten für Nachfolgeregelungen",
            "Praxisberichte zur E-Rechnung",
        ),
        seeking_en=(
            "Clients from the craft sector",
            "Exchange with other firms on going paperless",
            "Experienced tax accountants for our team",
        ),
        offering_de=(
            "Steuerliche Beratung für Gründerinnen und Gründer",
            "Begleitung bei Betriebsprüfungen",
            "Unterstützung bei der Unternehmensnachfolge",
            "Vorträge zur Umsatzsteuer im Mittelstand",
            "Einblick in eine digitale Kanzlei",
        ),
        offering_en=(
            "Tax advice for founders",
            "Support during tax audits",
            "Talks on VAT for small businesses",
        ),
        employers_de=(
            "Steuerberatung {last} & Partner mbB",
            "{last} {last2} Steuerberatungsgesellschaft mbH",
            "Kanzlei {last}",
            "{last} & Kollegen Steuerberater",
            "Steuerkanzlei {last} {city}",
        ),
        employers_en=("{last} & {last2} Chartered Accountants LLP", "{last} Tax Advisory Ltd"),
        business_models=(0.7, 0.1, 0.2),
        degrees_de=(
            ("Bachelor of Arts", "Steuerrecht"),
            ("Master of Science", "Taxation"),
            ("Diplom-Finanzwirt/in (FH)", "Steuerverwaltung"),
        ),
        degrees_en=(("BSc", "Accounting and Finance"), ("MSc", "Taxation")),
        salary_factor=1.0,
    ),
    Field(
        key="software",
        weight=20,
        titles_de=(
            ("Junior Softwareentwickler/in", "Werkstudent/in Softwareentwicklung"),
            ("Softwareentwickler/in", "Backend-Entwickler/in", "Frontend-Entwickler/in"),
            ("Senior Software Engineer", "Senior Backend-Entwickler/in"),
            ("Lead Software Engineer", "Tech Lead"),
            ("Head of Engineering", "Leitung Softwareentwicklung"),
            ("CTO",),
        ),
        titles_en=(
            ("Junior Software Engineer",),
            ("Software Engineer", "Backend Developer", "Frontend Developer"),
            ("Senior Software Engineer",),
            ("Lead Engineer", "Staff Engineer"),
            ("Head of Engineering",),
            ("CTO", "VP Engineering"),
        ),
        skills=(
            "Python",
            "Django",
            "Java",
            "Kotlin",
            "TypeScript",
            "React",
            "Vue.js",
            "PostgreSQL",
            "Docker",
            "Kubernetes",
            "AWS",
            "Go",
            "Rust",
            "C#",
            ".NET",
            "Terraform",
            "CI/CD",
            "Software-Architektur",
            "Domain-Driven Design",
            "Testautomatisierung",
            "Linux",
            "Code Review",
            "Security",
            "htmx",
        ),
        seeking_de=(
            "Austausch mit anderen Tech Leads",
            "Spannende Open-Source-Projekte",
            "Sprecherinnen und Sprecher für unser Meetup",
            "Erfahrene Backend-Entwicklerinnen für unser Team",
            "Feedback zu unserer API",
            "Eine Remote-Position mit Sinn",
        ),
        seeking_en=(
            "Exchange with other tech leads",
            "Interesting open-source projects",
            "Speakers for our meetup",
            "A remote role with purpose",
        ),
        offering_de=(
            "Code-Reviews und Architekturberatung",
            "Mentoring für Quereinsteiger",
            "Workshops zu Testautomatisierung",
            "Erfahrung mit Cloud-Migrationen",
            "Hilfe bei Python- und Django-Fragen",
        ),
        offering_en=(
            "Code reviews and architecture advice",
            "Mentoring for career changers",
            "Experience with cloud migrations",
            "Help with Python and Django",
        ),
        employers_de=(
            "{word} Software GmbH",
            "{word}soft AG",
            "{last} IT-Solutions GmbH",
            "{word} Digital GmbH",
            "{city} Systemhaus GmbH",
            "{word} Cloud GmbH",
        ),
        employers_en=("{word} Labs Ltd", "{word} Software Ltd", "{last} Digital Ltd"),
        business_models=(0.55, 0.15, 0.3),
        degrees_de=(
            ("Bachelor of Science", "Informatik"),
            ("Master of Science", "Informatik"),
            ("Bachelor of Science", "Wirtschaftsinformatik"),
            ("Fachinformatiker/in Anwendungsentwicklung", "Ausbildung"),
        ),
        degrees_en=(("BSc", "Computer Science"), ("MSc", "Software Engineering")),
        salary_factor=1.1,
    ),
    Field(
        key="marketing",
        weight=12,
        titles_de=(
            ("Marketing-Assistent/in", "Trainee Marketing"),
            ("Online-Marketing-Manager/in", "Content-Manager/in"),
            ("Senior Marketing Manager/in", "SEO-Spezialist/in"),
            ("Teamleitung Performance Marketing",),
            ("Head of Marketing", "Marketingleitung"),
            ("CMO", "Geschäftsführung Agentur"),
        ),
        titles_en=(
            ("Marketing Assistant",),
            ("Marketing Manager", "Content Manager"),
            ("Senior Marketing Manager",),
            ("Marketing Team Lead",),
            ("Head of Marketing",),
            ("CMO",),
        ),
        skills=(
            "Online-Marketing",
            "SEO",
            "SEA",
            "Content-Marketing",
            "Social Media",
            "Markenführung",
            "Google Analytics",
            "Newsletter-Marketing",
            "Kampagnenplanung",
            "Copywriting",
            "Pressearbeit",
            "Marktforschung",
            "Performance Marketing",
        ),
        seeking_de=(
            "Kooperationspartner für Co-Marketing",
            "Erfahrungsaustausch zu B2B-Content",
            "Freie Texterinnen und Texter",
            "Kundinnen aus dem Mittelstand",
        ),
        seeking_en=("Co-marketing partners", "Freelance copywriters", "B2B content exchange"),
        offering_de=(
            "Workshops zu Markenstrategie",
            "Zweitmeinung zu Ihrer Website",
            "Kontakte zu Fachmedien",
            "Erfahrung mit Kampagnen im Mittelstand",
        ),
        offering_en=(
            "Brand strategy workshops",
            "A second opinion on your website",
            "Contacts in trade media",
        ),
        employers_de=(
            "{word} Kommunikation GmbH",
            "Agentur {last}",
            "{word} Media GmbH",
            "{last} & {last2} Werbeagentur",
            "{word} Markenberatung",
        ),
        employers_en=("{word} Creative Ltd", "{last} & {last2} Communications"),
        business_models=(0.5, 0.2, 0.3),
        degrees_de=(
            ("Bachelor of Arts", "Medien- und Kommunikationswissenschaft"),
            ("Master of Arts", "Marketing"),
            ("Bachelor of Science", "Betriebswirtschaftslehre"),
        ),
        degrees_en=(("BA", "Marketing"), ("MA", "Media and Communication")),
        salary_factor=0.9,
    ),
    Field(
        key="craft",
        weight=14,
        titles_de=(
            ("Auszubildende/r", "Geselle/Gesellin"),
            ("Geselle/Gesellin", "Elektroniker/in", "Tischler/in"),
            ("Vorarbeiter/in", "Meister/in"),
            ("Meister/in und Bauleitung",),
            ("Betriebsleitung",),
            ("Inhaber/in",),
        ),
        titles_en=(
            ("Apprentice",),
            ("Electrician", "Carpenter", "Plumber"),
            ("Foreman",),
            ("Site Manager",),
            ("Operations Manager",),
            ("Owner",),
        ),
        skills=(
            "Meisterbrief",
            "Baustellenleitung",
            "Elektroinstallation",
            "Photovoltaik",
            "Wärmepumpen",
            "Sanitärtechnik",
            "Möbelbau",
            "CNC-Fertigung",
            "Angebotskalkulation",
            "Denkmalpflege",
            "Ausbildung von Lehrlingen",
            "Energieberatung",
            "Dachsanierung",
        ),
        seeking_de=(
            "Auszubildende für das nächste Lehrjahr",
            "Zuverlässige Subunternehmer",
            "Eine Steuerberatung, die das Handwerk kennt",
            "Nachfolger/in für unseren Betrieb",
            "Kooperation bei Photovoltaik-Projekten",
        ),
        seeking_en=("Reliable subcontractors", "Apprentices", "A successor for our business"),
        offering_de=(
            "Schnelle Termine bei Notfällen",
            "Erfahrung mit energetischer Sanierung",
            "Ausbildungsplätze",
            "Maßanfertigungen aus Holz",
        ),
        offering_en=("Energy-efficient refurbishment", "Apprenticeships", "Bespoke joinery"),
        employers_de=(
            "Tischlerei {last}",
            "Elektro {last} GmbH",
            "Malerbetrieb {last} e.K.",
            "Sanitär {last} & Sohn GmbH",
            "Dachdeckerei {last}",
            "Zimmerei {last} GmbH",
            "{last} Haustechnik GmbH",
            "Metallbau {last}",
        ),
        employers_en=("{last} & Sons Joinery", "{last} Electrical Ltd"),
        business_models=(0.3, 0.3, 0.4),
        degrees_de=(
            ("Gesellenbrief", "Elektroniker für Energie- und Gebäudetechnik"),
            ("Gesellenbrief", "Tischler"),
            ("Meisterbrief", "Installateur- und Heizungsbauer"),
            ("Meisterbrief", "Maler und Lackierer"),
        ),
        degrees_en=(("NVQ Level 3", "Electrical Installation"), ("City & Guilds", "Carpentry")),
        salary_factor=0.78,
        is_trade=True,
    ),
    Field(
        key="hr",
        weight=9,
        titles_de=(
            ("Personalassistent/in", "Werkstudent/in HR"),
            ("Personalreferent/in", "Recruiter/in"),
            ("Senior HR Business Partner", "Senior Recruiter/in"),
            ("Teamleitung Recruiting",),
            ("Head of People", "Personalleitung"),
            ("Chief People Officer",),
        ),
        titles_en=(
            ("HR Assistant",),
            ("HR Advisor", "Recruiter"),
            ("Senior HR Business Partner", "Senior Talent Acquisition Partner"),
            ("Talent Acquisition Lead",),
            ("Head of People",),
            ("Chief People Officer",),
        ),
        skills=(
            "Recruiting",
            "Active Sourcing",
            "Arbeitsrecht",
            "Personalentwicklung",
            "Employer Branding",
            "Onboarding",
            "Vergütungsmanagement",
            "Betriebsverfassungsrecht",
            "Talent Management",
            "SAP SuccessFactors",
            "Interviewführung",
        ),
        seeking_de=(
            "Austausch zu Employer Branding",
            "Kandidatinnen für Führungspositionen",
            "Erfahrungen mit der Vier-Tage-Woche",
        ),
        seeking_en=("Candidates for leadership roles", "Exchange on employer branding"),
        offering_de=(
            "Feedback zu Lebensläufen",
            "Einblick in den Recruiting-Markt",
            "Workshops zu Onboarding",
        ),
        offering_en=("CV feedback", "Insight into the hiring market", "Onboarding workshops"),
        employers_de=(
            "{last} Personalberatung GmbH",
            "{word} Recruiting GmbH",
            "{word} People AG",
            "{last} Executive Search",
        ),
        employers_en=("{word} Talent Ltd", "{last} Search Partners"),
        business_models=(0.85, 0.05, 0.1),
        degrees_de=(
            ("Bachelor of Arts", "Personalmanagement"),
            ("Master of Science", "Psychologie"),
            ("Bachelor of Arts", "Betriebswirtschaftslehre"),
        ),
        degrees_en=(("BA", "Human Resource Management"), ("MSc", "Occupational Psychology")),
        salary_factor=0.9,
    ),
    Field(
        key="sales",
        weight=12,
        titles_de=(
            ("Vertriebsassistent/in", "Sales Development Representative"),
            ("Account Manager/in", "Vertriebsmitarbeiter/in Außendienst"),
            ("Senior Key Account Manager/in",),
            ("Teamleitung Vertrieb",),
            ("Vertriebsleitung", "Head of Sales"),
            ("Geschäftsführung Vertrieb", "Chief Revenue Officer"),
        ),
        titles_en=(
            ("Sales Development Representative",),
            ("Account Executive",),
            ("Senior Account Executive", "Key Account Manager"),
            ("Sales Team Lead",),
            ("Head of Sales",),
            ("Chief Revenue Officer",),
        ),
        skills=(
            "B2B-Vertrieb",
            "Key Account Management",
            "CRM",
            "Salesforce",
            "Kaltakquise",
            "Angebotserstellung",
            "Vertragsverhandlung",
            "Lead-Generierung",
            "Messeauftritte",
            "Channel Sales",
        ),
        seeking_de=(
            "Vertriebspartner in Österreich und der Schweiz",
            "Austausch zu fairer Akquise",
            "Kontakte in den Einkauf des Mittelstands",
        ),
        seeking_en=("Distribution partners in the UK", "Buyers in mid-sized companies"),
        offering_de=(
            "Erfahrung im Aufbau von Vertriebsteams",
            "Kontakte auf Fachmessen",
            "Coaching für Verhandlungen",
        ),
        offering_en=("Experience building sales teams", "Negotiation coaching"),
        employers_de=(
            "{last} Vertriebs GmbH",
            "{word} Handelsgesellschaft mbH",
            "{last} Großhandel GmbH & Co. KG",
            "{city} Industrievertretungen",
        ),
        employers_en=("{word} Trading Ltd", "{last} Distribution Ltd"),
        business_models=(0.6, 0.15, 0.25),
        degrees_de=(
            ("Bachelor of Arts", "Betriebswirtschaftslehre"),
            ("Kaufmann/Kauffrau im Groß- und Außenhandel", "Ausbildung"),
            ("Bachelor of Arts", "International Business"),
        ),
        degrees_en=(("BA", "Business Management"), ("BSc", "Marketing and Sales")),
        salary_factor=1.0,
    ),
    Field(
        key="finance",
        weight=10,
        titles_de=(
            ("Junior Controller/in", "Buchhalter/in"),
            ("Controller/in", "Finanzbuchhalter/in"),
            ("Senior Controller/in",),
            ("Teamleitung Controlling",),
            ("Leitung Finanzen", "Head of Finance"),
            ("CFO", "Kaufmännische Geschäftsführung"),
        ),
        titles_en=(
            ("Junior Financial Analyst",),
            ("Financial Controller",),
            ("Senior Financial Controller",),
            ("Finance Team Lead",),
            ("Head of Finance",),
            ("CFO",),
        ),
        skills=(
            "Controlling",
            "SAP FI/CO",
            "Konzernabschluss",
            "Liquiditätsplanung",
            "Reporting",
            "Budgetierung",
            "Power BI",
            "Treasury",
            "Kostenrechnung",
            "Unternehmensbewertung",
            "IFRS",
            "HGB",
        ),
        seeking_de=(
            "Austausch zu Reporting mit Power BI",
            "Kontakte zu Investoren",
            "Eine Interimsposition als CFO",
        ),
        seeking_en=("Exchange on reporting", "Interim CFO roles"),
        offering_de=(
            "Zweitmeinung zu Businessplänen",
            "Erfahrung mit SAP-Einführungen",
            "Workshops zu Liquiditätsplanung",
        ),
        offering_en=("A second opinion on business plans", "Experience with SAP rollouts"),
        employers_de=(
            "{last} Finanzdienstleistungen AG",
            "{word} Capital GmbH",
            "Privatbank {city}",
            "{last} Holding GmbH",
        ),
        employers_en=("{word} Capital Ltd", "{last} Finance plc"),
        business_models=(0.6, 0.2, 0.2),
        degrees_de=(
            ("Master of Science", "Finance"),
            ("Bachelor of Science", "Betriebswirtschaftslehre"),
            ("Bankkaufmann/Bankkauffrau", "Ausbildung"),
        ),
        degrees_en=(("BSc", "Economics"), ("MSc", "Finance")),
        salary_factor=1.05,
    ),
    Field(
        key="engineering",
        weight=13,
        titles_de=(
            ("Junior Ingenieur/in", "Technische/r Zeichner/in"),
            ("Konstrukteur/in", "Entwicklungsingenieur/in"),
            ("Senior Entwicklungsingenieur/in", "Projektingenieur/in"),
            ("Teamleitung Konstruktion",),
            ("Leitung Entwicklung", "Werksleitung"),
            ("Technische Geschäftsführung",),
        ),
        titles_en=(
            ("Graduate Engineer",),
            ("Design Engineer", "Mechanical Engineer"),
            ("Senior Mechanical Engineer",),
            ("Engineering Team Lead",),
            ("Head of R&D",),
            ("Technical Director",),
        ),
        skills=(
            "CAD",
            "SolidWorks",
            "CATIA",
            "FEM-Simulation",
            "Maschinenbau",
            "Automatisierungstechnik",
            "SPS-Programmierung",
            "Qualitätsmanagement",
            "Lean Production",
            "Six Sigma",
            "Fertigungstechnik",
            "Produktentwicklung",
        ),
        seeking_de=(
            "Zulieferer für Präzisionsteile",
            "Austausch zu Industrie 4.0",
            "Abschlussarbeiten mit Praxisbezug",
        ),
        seeking_en=("Suppliers of precision parts", "Exchange on Industry 4.0"),
        offering_de=(
            "Betreuung von Abschlussarbeiten",
            "Erfahrung mit Lean-Einführungen",
            "Führungen durch unsere Fertigung",
        ),
        offering_en=("Supervision of theses", "Experience with lean transformations"),
        employers_de=(
            "{last} Maschinenbau GmbH & Co. KG",
            "{word} Antriebstechnik GmbH",
            "{last} Präzisionstechnik GmbH",
            "Werkzeugbau {city} AG",
            "{last} Anlagenbau GmbH",
        ),
        employers_en=("{word} Engineering Ltd", "{last} Precision Ltd"),
        business_models=(0.85, 0.05, 0.1),
        degrees_de=(
            ("Bachelor of Engineering", "Maschinenbau"),
            ("Master of Science", "Maschinenbau"),
            ("Diplom-Ingenieur/in", "Elektrotechnik"),
        ),
        degrees_en=(("BEng", "Mechanical Engineering"), ("MEng", "Mechanical Engineering")),
        salary_factor=1.05,
    ),
)

#: Short "about" texts; ``{title}``, ``{city}`` and ``{years}`` are filled per member.
ABOUT_DE: tuple[str, ...] = (
    "Seit {years} Jahren im Beruf, heute als {title} in {city}.",
    "{title} mit Leidenschaft für gute Zusammenarbeit. Lebt und arbeitet in {city}.",
    "Ich freue mich über Austausch mit Menschen aus der Region {city}.",
    "Nach {years} Jahren Berufserfahrung weiß ich: Persönliches zählt.",
)
ABOUT_EN: tuple[str, ...] = (
    "{title} with {years} years of experience, based in {city}.",
    "Happy to connect with people I have actually met, in {city} and beyond.",
    "{years} years in the job and still curious.",
)
