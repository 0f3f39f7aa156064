"""Small template filters used across apps."""

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, object], key: str) -> object:
    """Look up ``key`` in a mapping from a template: ``{{ names|get_item:code }}``."""
    return mapping.get(key)
