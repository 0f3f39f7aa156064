"""Write a realistic, entirely fictional LinkedIn export for tests and the benchmark.

    python tests/data/make_sample_archive.py            # tests/data/linkedin_sample.zip
    python tests/data/make_sample_archive.py OUT.zip --connections 30000 --invitations 10000 \
        --messages 100000

The archive follows the formats documented in ``handschlag/importers/linkedin.py``,
with the quirks real exports have: a BOM, the "Notes:" preamble of Connections.csv,
quoted newlines in messages, a column LinkedIn added later, other date spellings, and
unusable rows. Names come from Faker (de_DE, seeded) and belong to no one; the same
arguments always write the same bytes.

Planted at the default size, for tests/importers/test_report.py to check (the owner is
Jana Beispiel, the archive ends on 20 Nov 2026):

- 150 connections (plus 1 row without a name and 1 with an unreadable date);
- 40 contacts with real conversations (both sides wrote), 12 who pitched 1-5 days after
  connecting and got no answer, 4 recruiters (2 offers fit the stated preferences:
  at least 70,000 EUR, senior or lead, Köln or remote; 2 do not);
- 3 invitation templates, sent by 6, 5 and 4 different senders, with varied
  salutations; 20 invitations with personal notes; 10 without a note; 8 outgoing;
- 3 recommendations received, 2 given; 12 endorsements.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from faker import Faker

OWNER = ("Jana", "Beispiel")
OWNER_URL = "https://www.linkedin.com/in/jana-beispiel-0000"
END = date(2026, 11, 20)
START = date(2023, 12, 1)
ZIP_TIME = (2026, 11, 20, 12, 0, 0)

TEMPLATES = [
    "{greet} I came across your impressive profile and thought it would be good to connect. "
    "Something interesting could come of our connection, I am always looking to connect with "
    "like-minded professionals in the same industry.",
    "{greet} ich bin auf Ihr Profil gestoßen und würde mich freuen, Sie in mein Netzwerk "
    "aufzunehmen. Vielleicht ergeben sich spannende Synergien für uns beide, ich kann Ihnen "
    "mit meinem Netzwerk helfen.",
    "{greet} we help companies like yours generate qualified leads on autopilot. Our "
    "platform saves 80% of the time spent on prospecting. Would you be open to a quick "
    "call next week?",
]
GREETINGS = ["Hi {first},", "Hello {first}!", "Dear {first},", "Hallo {first},", "Hi there,"]
PITCHES = [
    "Thanks for connecting, {first}! Our agency helps teams like yours boost your sales "
    "pipeline. Can we hop on a quick call this week? Here is my calendar: "
    "https://calendly.com/growth-team/15min",
    "Hallo {first}, danke für die Vernetzung! Wir bieten eine kostenlose Demo unserer "
    "Software an, die Ihren Umsatz steigert. Haben Sie Zeit für ein kurzes Gespräch?",
    "Great to be connected, {first}. We offer a free webinar on lead generation next "
    "Thursday, only 5 spots left. Sign up today!",
]
PERSONAL = [
    "Hallo {first}, wir haben uns gestern beim Unternehmertreff in Köln unterhalten. "
    "Ich melde mich wegen der Frage zu {skill}.",
    "Hi {first}, great talking to you at the {skill} meetup. Let's stay in touch.",
    "Liebe {first}, schön, dass wir nach dem Projekt bei {company} in Kontakt bleiben.",
]
RECRUITER_OFFERS = [
    # (fits?, text)
    (
        True,
        "Hallo {me}, für einen Kunden in Köln suche ich eine Senior Data Engineer "
        "(m/w/d), Gehalt 75.000 - 90.000 EUR, gerne auch remote. Python und SQL sind gefragt.",
    ),
    (
        True,
        "Hi {me}, I am recruiting a Lead Data Engineer, fully remote, salary EUR 85,000 "
        "to 95,000. Your Python and Spark experience fits well.",
    ),
    (
        False,
        "Hallo {me}, ich habe eine spannende Position als Junior Entwicklerin in "
        "München, Gehalt 42.000 EUR. Interesse?",
    ),
    (
        False,
        "Hi {me}, exciting opportunity: Java Developer in Hamburg, on-site, "
        "salary up to 55,000 EUR.",
    ),
]


def _csv(rows: list[list[str]], *, bom: bool = False, preamble: str = "") -> bytes:
    out = io.StringIO(newline="")
    out.write(preamble)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    data = out.getvalue().encode()
    return (b"\xef\xbb\xbf" if bom else b"") + data


def _stamp(moment: datetime, style: str) -> str:
    if style == "messages":
        return moment.strftime("%Y-%m-%d %H:%M:%S UTC")
    if style == "us":  # 11/21/26, 3:04 PM
        return f"{moment.month}/{moment.day}/{moment:%y}, {moment.strftime('%I:%M %p').lstrip('0')}"
    return moment.strftime("%Y/%m/%d %H:%M:%S UTC")


def build(
    path: Path,
    *,
    connections: int = 150,
    invitations: int | None = None,
    messages: int | None = None,
    seed: int = 20261120,
) -> Path:
    """Write the archive to `path`; at the default size the planted figures hold."""
    rng = random.Random(seed)
    fake = Faker("de_DE")
    fake.seed_instance(seed)
    span = (END - START).days
    people = []
    for i in range(connections):
        first, last = fake.first_name(), fake.last_name()
        # Growth speeds up: more connections in later months.
        day = START + timedelta(days=int(span * rng.random() ** 0.6))
        people.append(
            {
                "first": first,
                "last": last,
                "url": f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i:05d}",
                "email": f"{first.lower()}.{last.lower()}@example.org" if i % 7 == 0 else "",
                "company": fake.company(),
                "position": fake.job(),
                "day": day,
            }
        )
    small = connections <= 1000
    n_conv = 40 if small else connections // 4
    n_pitch = 12 if small else connections // 20
    n_recruit = 4
    talkers = people[:n_conv]
    pitchers = people[n_conv : n_conv + n_pitch]
    recruiters = people[n_conv + n_pitch : n_conv + n_pitch + n_recruit]
    for r in recruiters:
        r["position"] = "Senior Recruiter"
    me = f"{OWNER[0]} {OWNER[1]}"
    files: dict[str, bytes] = {}

    # Connections.csv: BOM, preamble, an extra column, other date spellings, bad rows.
    rows = [
        [
            "First Name",
            "Last Name",
            "URL",
            "Email Address",
            "Company",
            "Position",
            "Connected On",
            "Tags",
        ]
    ]
    for i, p in enumerate(sorted(people, key=lambda p: p["day"], reverse=True)):
        when = p["day"].strftime("%d %b %Y")
        if i % 50 == 3:
            when = p["day"].isoformat()
        rows.append(
            [p["first"], p["last"], p["url"], p["email"], p["company"], p["position"], when, ""]
        )
    rows.insert(5, ["", "", "", "", "", "", "02 Jan 2025", ""])
    rows.insert(
        9, ["Max", "Unlesbar", "https://www.linkedin.com/in/max-x", "", "X", "Y", "im Frühjahr", ""]
    )
    files["Connections.csv"] = _csv(
        rows,
        bom=True,
        preamble='Notes:\n"When exporting your connection data, you may notice that some of '
        "the email addresses are missing. You will only see email addresses for connections "
        'who have allowed their connections to see or download their email address."\n\n',
    )

    # messages.csv
    header = [
        "CONVERSATION ID",
        "CONVERSATION TITLE",
        "FROM",
        "SENDER PROFILE URL",
        "RECIPIENT PROFILE URLS",
        "TO",
        "DATE",
        "SUBJECT",
        "CONTENT",
        "FOLDER",
        "ATTACHMENTS",
    ]
    msg_rows: list[list[str]] = [header]

    def add(
        conv: str, sender: dict[str, str] | None, other: dict[str, str], at: datetime, text: str
    ) -> None:
        if sender is None:
            frm, url, to, to_url = me, OWNER_URL, f"{other['first']} {other['last']}", other["url"]
        else:
            frm, url, to, to_url = (
                f"{sender['first']} {sender['last']}",
                sender["url"],
                me,
                OWNER_URL,
            )
        msg_rows.append(
            [conv, "", frm, url, to_url, to, _stamp(at, "messages"), "", text, "INBOX", ""]
        )

    def at(day: date, hours: float) -> datetime:
        return datetime(day.year, day.month, day.day, 9, tzinfo=UTC) + timedelta(hours=hours)

    budget = messages
    for n, p in enumerate(talkers):
        conv = f"2-conv-{n:06d}"
        per = 4 if budget is None else max(2, budget // max(1, len(talkers) + len(pitchers)))
        for k in range(per):
            mine = k % 2 == 1
            text = rng.choice(PERSONAL).format(
                first=p["first"] if not mine else OWNER[0],
                skill="Datenanalyse",
                company=p["company"],
            )
            if k == 1:
                text += "\n\nViele Grüße\nJana"  # a quoted newline
            add(conv, None if mine else p, p, at(p["day"], 30 + 20 * k + (n % 5)), text)
    for n, p in enumerate(pitchers):
        conv = f"2-pitch-{n:06d}"
        days = 1 + n % 5
        add(conv, p, p, at(p["day"], 24 * days), rng.choice(PITCHES).format(first=OWNER[0]))
        if budget is not None:
            for k in range(1, max(1, budget // max(1, len(talkers) + len(pitchers)) - 1)):
                add(
                    conv,
                    p,
                    p,
                    at(p["day"], 24 * days + 50 * k),
                    rng.choice(PITCHES).format(first=OWNER[0]),
                )
    for n, (r, (_fits, text)) in enumerate(zip(recruiters, RECRUITER_OFFERS, strict=True)):
        add(f"2-rec-{n:06d}", r, r, at(r["day"], 24 * 20), text.format(me=OWNER[0]))
    msg_rows.append(
        ["2-bad", "", "Kaputt", "", "", me, "gestern", "", "unlesbares Datum", "INBOX", ""]
    )
    files["messages.csv"] = _csv(msg_rows)

    # Invitations.csv
    inv_rows = [
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
    ]
    senders_per_template = (6, 5, 4)
    pool = people[n_conv + n_pitch + n_recruit :]
    idx = 0
    total_inv = invitations
    scale = 1 if total_inv is None else max(1, total_inv // 45)  # 45 incoming per unit
    for t, count in enumerate(senders_per_template):
        for _ in range(count * scale):
            s = pool[idx % len(pool)]
            idx += 1
            greet = rng.choice(GREETINGS).format(first=OWNER[0])
            text = TEMPLATES[t].format(greet=greet)
            if rng.random() < 0.3:
                text = text.replace("impressive", "great").replace("spannende", "interessante")
            inv_rows.append(
                [
                    f"{s['first']} {s['last']}",
                    me,
                    _stamp(at(s["day"], -30), "us"),
                    text,
                    "INCOMING",
                    s["url"],
                    OWNER_URL,
                ]
            )
    for k in range(20 * scale):
        s = pool[idx % len(pool)]
        idx += 1
        # Personal notes: each one written for this occasion.
        note = f"Hallo {OWNER[0]}, {fake.paragraph(nb_sentences=2)} {fake.sentence(nb_words=8)}"
        inv_rows.append(
            [
                f"{s['first']} {s['last']}",
                me,
                _stamp(at(s["day"], -5 - k % 3), "us"),
                note,
                "INCOMING",
                s["url"],
                OWNER_URL,
            ]
        )
    for _ in range(10 * scale):
        s = pool[idx % len(pool)]
        idx += 1
        inv_rows.append(
            [
                f"{s['first']} {s['last']}",
                me,
                _stamp(at(s["day"], -2), "us"),
                "",
                "INCOMING",
                s["url"],
                OWNER_URL,
            ]
        )
    for p in talkers[:8]:
        inv_rows.append(
            [
                me,
                f"{p['first']} {p['last']}",
                _stamp(at(p["day"], -20), "us"),
                f"Hallo {p['first']}, schön Sie kennengelernt zu haben!",
                "OUTGOING",
                OWNER_URL,
                p["url"],
            ]
        )
    files["Invitations.csv"] = _csv(inv_rows)

    files["Profile.csv"] = _csv(
        [
            [
                "First Name",
                "Last Name",
                "Maiden Name",
                "Address",
                "Birth Date",
                "Headline",
                "Summary",
                "Industry",
                "Zip Code",
                "Geo Location",
                "Twitter Handles",
                "Websites",
                "Instant Messengers",
            ],
            [
                OWNER[0],
                OWNER[1],
                "",
                "",
                "",
                "Data Engineer bei Rheinwerk Analytics",
                "Ich baue Datenplattformen für den Mittelstand.\nSchwerpunkte: Python, SQL, Spark.",
                "IT Services",
                "50667",
                "Köln, Nordrhein-Westfalen, Deutschland",
                "",
                "",
                "",
            ],
        ],
        bom=True,
    )
    files["Positions.csv"] = _csv(
        [
            ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
            [
                "Rheinwerk Analytics GmbH",
                "Senior Data Engineer",
                "Datenplattform, Teamleitung\nfür 4 Personen",
                "Köln",
                "Mar 2022",
                "",
            ],
            [
                "Domstadt Software AG",
                "Data Engineer",
                "ETL-Strecken mit Python",
                "Köln",
                "Sep 2018",
                "Feb 2022",
            ],
            [
                "Hochschule Bonn-Rhein-Sieg",
                "Wissenschaftliche Mitarbeiterin",
                "",
                "Sankt Augustin",
                "2016",
                "Aug 2018",
            ],
            ["", "", "", "", "", ""],
            ["Ohne Titel GmbH", "", "", "", "Jan 2015", "Dec 2015"],
        ]
    )
    files["Education.csv"] = _csv(
        [
            ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
            [
                "Universität zu Köln",
                "2010",
                "2016",
                "Schwerpunkt Statistik",
                "Master of Science",
                "Hochschulsport",
            ],
            ["Gymnasium Kreuzgasse", "2001", "2010", "", "Abitur", ""],
        ]
    )
    files["Skills.csv"] = _csv(
        [["Name"], ["Python"], ["SQL"], ["Apache Spark"], ["Datenanalyse"], ["Teamführung"]]
    )
    rec_header = [
        "First Name",
        "Last Name",
        "Company",
        "Job Title",
        "Text",
        "Creation Date",
        "Status",
    ]
    files["Recommendations_Received.csv"] = _csv(
        [
            rec_header,
            *[
                [
                    p["first"],
                    p["last"],
                    p["company"],
                    p["position"],
                    f"{OWNER[0]} hat unser Datenteam bei {p['company']} mit viel Geduld "
                    "aufgebaut.\nJederzeit wieder.",
                    _stamp(at(p["day"], 24 * 60), "us"),
                    "VISIBLE",
                ]
                for p in talkers[:3]
            ],
        ]
    )
    files["Recommendations_Given.csv"] = _csv(
        [
            rec_header,
            *[
                [
                    p["first"],
                    p["last"],
                    p["company"],
                    p["position"],
                    f"Ich habe mit {p['first']} zwei Jahre eng zusammengearbeitet.",
                    _stamp(at(p["day"], 24 * 90), "us"),
                    "VISIBLE",
                ]
                for p in talkers[3:5]
            ],
        ]
    )
    files["Endorsement_Received_Info.csv"] = _csv(
        [
            [
                "Endorsement Date",
                "Skill Name",
                "Endorser First Name",
                "Endorser Last Name",
                "Endorser Public Url",
                "Endorsement Status",
            ],
            *[
                [
                    _stamp(at(p["day"], 24 * 10), "endorse"),
                    rng.choice(["Python", "SQL", "Apache Spark"]),
                    p["first"],
                    p["last"],
                    p["url"],
                    "ACCEPTED",
                ]
                for p in talkers[5:17]
            ],
        ]
    )

    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name])
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "out", nargs="?", type=Path, default=Path(__file__).with_name("linkedin_sample.zip")
    )
    parser.add_argument("--connections", type=int, default=150)
    parser.add_argument("--invitations", type=int, default=None)
    parser.add_argument("--messages", type=int, default=None)
    args = parser.parse_args()
    build(
        args.out, connections=args.connections, invitations=args.invitations, messages=args.messages
    )
    print(args.out, args.out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
