"""The ``handschlag`` command: the trust engine's tools, or Django's management commands.

``handschlag triage cases.jsonl`` and ``handschlag train`` run the pure trust engine
without loading Django, and so does ``handschlag hygiene ARCHIVE --out report.html``;
every other subcommand (``demo``, ``migrate``, ``runserver`` …) is a Django management
command.
"""

import os
import sys

#: Subcommands served by the trust engine, which must not import Django.
TRUST_COMMANDS = frozenset({"triage", "train", "rules-doc"})


def main() -> None:
    """Dispatch to the trust engine's command line or to Django's management commands."""
    argv = sys.argv[1:]
    if argv and argv[0] == "hygiene":
        from handschlag.importers.cli import main as hygiene_main

        sys.exit(hygiene_main(argv[1:]))
    if argv and argv[0] in TRUST_COMMANDS:
        from handschlag.trust.cli import main as trust_main

        sys.exit(trust_main(argv))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handschlag.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["handschlag", *argv])


if __name__ == "__main__":
    main()
