"""docs/feed.md lists the politics filter exactly as the code has it."""

from pathlib import Path

from handschlag.feed.topics import POLITICS

DOC = Path(__file__).resolve().parents[2] / "docs" / "feed.md"


def test_the_documented_politics_list_is_the_codes():
    text = " ".join(DOC.read_text(encoding="utf-8").split())
    for words in (POLITICS.words_de, POLITICS.words_en):
        assert ", ".join(f"`{w}`" for w in words) in text
    assert ", ".join(f"`#{tag}`" for tag in POLITICS.hashtags) in text
