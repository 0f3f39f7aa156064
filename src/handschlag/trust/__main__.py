"""`python -m handschlag.trust triage cases.jsonl` and the other subcommands."""

import sys

from handschlag.trust.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
