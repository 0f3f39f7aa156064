"""A template's other copies went to other people: quoting them must not name them."""

from handschlag.trust import evaluate
from tests.trust.builders import a_contact_request
from tests.trust.examples import TEMPLATE_DE, TEMPLATE_EN, recent

OTHER_ADDRESSEES = ("Herr Maier", "Tom", "Frau Yilmaz", "Eva", "Herr Wolf", "Ben")


def _template_hit(note: str, template: str, lang: str):
    case = (
        a_contact_request()
        .with_note(note)
        .from_(recent_texts=recent(template, 6))
        .in_lang(lang)
        .build()
    )
    return next(h for h in evaluate(case).hits if h.code == "TPL_SELF_NEAR_DUP")


def test_the_quoted_copy_does_not_name_its_addressee_de():
    hit = _template_hit(TEMPLATE_DE.format(name="Frau Schulz", firm="Bremen"), TEMPLATE_DE, "de")

    quoted = hit.explanation("de") + " ".join(hit.related)

    assert "ich habe gesehen" in quoted
    assert not any(name in quoted for name in OTHER_ADDRESSEES)


def test_the_quoted_copy_does_not_name_its_addressee_en():
    hit = _template_hit(TEMPLATE_EN.format(name="Anna", firm="Bremen"), TEMPLATE_EN, "en")

    quoted = hit.explanation("en") + " ".join(hit.related)

    assert "I saw that you work" in quoted
    assert not any(f"{name}," in quoted for name in OTHER_ADDRESSEES)
