"""The rule families; importing this package registers every rule in the catalogue."""

from handschlag.trust.rules import (
    claims,
    common_ground,
    content,
    groups,
    model,
    notes,
    offers,
    pitch,
    recommendations,
    reports,
    templates,
    volume,
)

__all__ = [
    "claims",
    "common_ground",
    "content",
    "groups",
    "model",
    "notes",
    "offers",
    "pitch",
    "recommendations",
    "reports",
    "templates",
    "volume",
]
