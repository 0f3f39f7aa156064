# ruff: noqa: E501 (export rows are kept on one line, as in the files)
"""XING's vCards (3.0 and 2.1 quoted-printable, folded lines) and CSV (German, semicolons)."""

from datetime import date

from handschlag.importers import XingExport, read_export

VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Muster;Erika;;;\r\nFN:Erika Muster\r\nORG:Acme GmbH;IT\r\n"
    "TITLE:Leiterin\r\n  Entwicklung\r\nEMAIL;TYPE=INTERNET:erika@example.org\r\n"
    "URL:https://www.xing.com/profile/Erika_Muster\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nORG:Ohne Namen AG\r\nEND:VCARD\r\n"
)


def test_vcards_from_a_plain_file(tmp_path):
    path = tmp_path / "kontakte.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    export = read_export(path)
    assert isinstance(export, XingExport)
    erika, juergen = export.contacts()
    assert (erika.first_name, erika.last_name, erika.company) == ("Erika", "Muster", "Acme GmbH")
    assert erika.position == "Leiterin Entwicklung"
    assert erika.email == "erika@example.org"
    assert juergen.name == "Jürgen Müller"
    [problem] = export.problems
    assert problem.line == 15 and problem.reason == "vCard without a name"


def test_csv_in_windows_1252_with_semicolons_and_german_dates(tmp_path):
    path = tmp_path / "xing.csv"
    text = "Vorname;Nachname;E-Mail (geschäftlich);Firma;Position;Kontakt seit\r\nJürgen;Weiß;;Bäckerei;Meister;21.11.2026\r\n"
    path.write_bytes(text.encode("cp1252"))
    [contact] = read_export(path).contacts()
    assert contact.name == "Jürgen Weiß"
    assert contact.connected_on == date(2026, 11, 21)


def test_a_zip_of_vcards(make_zip):
    export = read_export(make_zip({"a.vcf": VCARDS, "b.vcf": VCARDS}))
    assert isinstance(export, XingExport)
    assert len(list(export.contacts())) == 4
    assert list(export.messages()) == []
