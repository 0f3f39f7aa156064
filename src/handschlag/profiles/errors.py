"""Refusals around profiles."""

from handschlag.core.errors import HandschlagError


class TooManySkills(HandschlagError):
    """A profile lists more skills than anyone can read."""
