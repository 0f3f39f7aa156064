"""The product's URLs plus ``/bench/bare/``: twenty rows through the template engine."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from handschlag.config.urls import urlpatterns as product_urlpatterns

_TEMPLATE = engines["django"].from_string(
    """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{{ title }}</title>
</head><body><main><h1>{{ title }}</h1><ol>
{% for row in rows %}<li class="row"><strong>{{ row.name }}</strong>
<span>{{ row.headline }}</span><p>{{ row.note|linebreaksbr }}</p>
<small>{{ row.sent_at|date:"d.m.Y H:i" }}</small></li>
{% endfor %}</ol></main></body></html>"""
)
_ROWS = [
    {
        "name": f"Mitglied {number}",
        "headline": "Lead Software Engineer bei Werkbank Software GmbH",
        "note": "Hallo Lena,\nwir haben uns beim Python-Meetup in Freiburg kennengelernt.",
        "sent_at": None,
    }
    for number in range(20)
]


def bare(request: HttpRequest) -> HttpResponse:
    """Twenty rows through Django's template engine, no queries: the yardstick."""
    return HttpResponse(_TEMPLATE.render({"title": "Zwanzig Zeilen", "rows": _ROWS}, request))


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *product_urlpatterns]
