"""Uploads that are not exports: one clear error each; unsafe members are ignored."""

import zipfile

import pytest

from handschlag.importers import ArchiveError, read_export
from handschlag.importers import archive as archive_module
from handschlag.importers.cli import main


def test_a_text_file_is_not_an_export(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(ArchiveError) as exc:
        read_export(path)
    assert exc.value.code == "not_archive"
    assert exc.value.message == (
        "This is not a LinkedIn or XING export (a zip archive, a vCard or a CSV file)."
    )


def test_a_truncated_zip_is_broken(tmp_path):
    from tests.importers.conftest import SAMPLE

    path = tmp_path / "cut.zip"
    path.write_bytes(SAMPLE.read_bytes()[:3000])
    with pytest.raises(ArchiveError) as exc:
        read_export(path)
    assert exc.value.code == "broken"
    assert exc.value.message == "The file is a damaged zip archive."


def test_a_zip_without_export_files(make_zip):
    with pytest.raises(ArchiveError) as exc:
        read_export(make_zip({"photo.jpg": b"\xff\xd8"}))
    assert exc.value.code == "not_archive"


def test_a_zip_bomb_is_refused_before_inflating(make_zip):
    path = make_zip({"Connections.csv": b"," * (20 * 1024 * 1024)})
    with pytest.raises(ArchiveError) as exc:
        read_export(path)
    assert exc.value.code == "too_large"


def test_the_member_cap_applies_while_streaming(make_zip, monkeypatch):
    data = "First Name,Last Name\n" + "A,B\n" * 1000
    export = read_export(make_zip({"Connections.csv": data}))
    monkeypatch.setattr(archive_module, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(ArchiveError) as exc:
        list(export.contacts())
    assert exc.value.code == "too_large"


def test_paths_with_dotdot_or_absolute_are_ignored(tmp_path):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("../Connections.csv", "First Name,Last Name\nEvil,One\n")
        zf.writestr("/etc/Skills.csv", "Name\nx\n")
        zf.writestr("Skills.csv", "Name\nPython\n")
    export = read_export(path)
    assert list(export.contacts()) == []
    assert list(export.skills()) == ["Python"]
    assert {p.file for p in export.problems} == {"../Connections.csv", "/etc/Skills.csv"}


def test_cli_prints_one_line_and_fails(tmp_path, capsys):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert main([str(path), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a LinkedIn or XING export" in err[0]
    assert not (tmp_path / "r.html").exists()
