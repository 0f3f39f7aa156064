# ruff: noqa: E501 (export rows are kept on one line, as in the files)
"""Each LinkedIn file, and each tolerance: BOM, preamble, quoted newlines, empty fields,
other date formats, extra columns, missing files, unusable rows."""

from datetime import UTC, date, datetime

from handschlag.importers import LinkedInExport, read_export

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def export_of(make_zip, members) -> LinkedInExport:
    export = read_export(make_zip(members))
    assert isinstance(export, LinkedInExport)
    return export


def test_connections_with_bom_preamble_and_date(make_zip):
    data = (
        "\ufeff"
        + PREAMBLE
        + HEADER
        + "Erika,Muster,https://www.linkedin.com/in/erika,,Acme,CTO,21 Nov 2026\n"
    )
    export = export_of(make_zip, {"Connections.csv": data})
    [contact] = export.contacts()
    assert contact.name == "Erika Muster"
    assert contact.connected_on == date(2026, 11, 21)
    assert contact.email == ""
    assert contact.line == 5
    assert export.problems == []


def test_connections_other_date_formats_extra_columns_and_reordered(make_zip):
    data = (
        "Connected On,Position,Tags,Last Name,First Name\n"
        "2026-03-04,Dev,x,Eins,Anna\n"
        "04.03.2026,Dev,,Zwei,Bert\n"
        "3/4/26,Dev,,Drei,Carla\n"
        "04-Mar-26,Dev,,Vier,Dora\n"
    )
    contacts = list(export_of(make_zip, {"Connections.csv": data}).contacts())
    assert [c.connected_on for c in contacts] == [date(2026, 3, 4)] * 4
    assert contacts[0].position == "Dev"


def test_unusable_rows_are_reported_with_line_and_reason(make_zip):
    data = HEADER + ",,,,,,01 Jan 2026\nMax,Muster,,,,,im Frühjahr\nOk,Person,,,,,\n"
    export = export_of(make_zip, {"Connections.csv": data})
    contacts = list(export.contacts())
    assert [c.name for c in contacts] == ["Ok Person"]
    assert contacts[0].connected_on is None
    assert [(p.file, p.line) for p in export.problems] == [
        ("Connections.csv", 2),
        ("Connections.csv", 3),
    ]
    assert "im Frühjahr" in export.problems[1].reason


def test_messages_with_quoted_newlines_and_several_recipients(make_zip):
    data = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,RECIPIENT PROFILE URLS,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
        'c1,,Erika Muster,https://www.linkedin.com/in/erika,"https://www.linkedin.com/in/a;https://www.linkedin.com/in/b",A;B,2026-11-21 15:04:58 UTC,,"Hallo,\n\nzwei Zeilen",INBOX\n'
        "c2,,X,,,A,kaputt,,text,INBOX\n"
    )
    export = export_of(make_zip, {"messages.csv": data})
    [message] = export.messages()
    assert message.content == "Hallo,\n\nzwei Zeilen"
    assert message.recipient_urls == (
        "https://www.linkedin.com/in/a",
        "https://www.linkedin.com/in/b",
    )
    assert message.sent_at == datetime(2026, 11, 21, 15, 4, 58, tzinfo=UTC)
    assert [p.line for p in export.problems] == [5]


def test_invitations_directions_and_us_dates(make_zip):
    data = (
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Kai Sammler,Jana B,"11/21/26, 3:04 PM",Let\'s connect,INCOMING,https://x/in/kai,\n'
        'Jana B,Erika,"11/20/26, 10:00 AM",,OUTGOING,,https://x/in/erika\n'
    )
    incoming, outgoing = export_of(make_zip, {"Invitations.csv": data}).invitations()
    assert incoming.incoming and incoming.message == "Let's connect"
    assert incoming.sent_at == datetime(2026, 11, 21, 15, 4, tzinfo=UTC)
    assert not outgoing.incoming and outgoing.message == ""


def test_profile_positions_education_skills_recommendations_endorsements():
    export = read_export(__import__("tests.importers.conftest", fromlist=["SAMPLE"]).SAMPLE)
    assert isinstance(export, LinkedInExport)
    profile = export.profile()
    assert profile is not None and profile.headline.startswith("Data Engineer")
    positions = list(export.positions())
    assert positions[0].company == "Rheinwerk Analytics GmbH"
    assert positions[0].started_on == date(2022, 3, 1) and positions[0].finished_on is None
    assert positions[2].started_on == date(2016, 1, 1)  # a bare year
    assert [e.school for e in export.education()] == ["Universität zu Köln", "Gymnasium Kreuzgasse"]
    assert list(export.skills())[:2] == ["Python", "SQL"]
    recs = list(export.recommendations())
    assert sum(not r.given for r in recs) == 3 and sum(r.given for r in recs) == 2
    assert "\n" in recs[0].text
    assert len(list(export.endorsements())) == 12
    assert any(p.file == "Positions.csv" for p in export.problems)


def test_any_file_may_be_missing(make_zip):
    export = export_of(make_zip, {"Skills.csv": "Name\nPython\n"})
    assert list(export.contacts()) == []
    assert list(export.messages()) == []
    assert export.profile() is None
    assert list(export.skills()) == ["Python"]


def test_files_in_a_subfolder_and_header_spelling_variants(make_zip):
    data = "first_name,LAST NAME,E-mail Address,Company Name,Connected On\nA,B,a@example.org,C,21 Nov 2026\n"
    export = export_of(make_zip, {"Basic_LinkedInDataExport/Connections.csv": data})
    [contact] = export.contacts()
    assert (contact.email, contact.company) == ("a@example.org", "C")


def test_a_file_without_the_header_is_one_problem(make_zip):
    export = export_of(make_zip, {"Connections.csv": "just,some\nrandom,cells\n"})
    assert list(export.contacts()) == []
    [problem] = export.problems
    assert "First Name" in problem.reason
