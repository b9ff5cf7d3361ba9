"""The floor for ``score --jsonl``: each line decoded and encoded again by the stdlib ``json``.

``python benchmarks/bare_json.py FILE`` writes to standard output what a
program that only reads and writes JSON Lines costs, with the same compact
encoding the stream uses; ``run.py`` compares the stream against it.
"""

from __future__ import annotations

import json
import sys


def main() -> None:
    """Decode each line of the file named on the command line and write it back."""
    out = sys.stdout.buffer
    with open(sys.argv[1], "rb") as source:  # noqa: PTH123 - a plain binary read
        for line in source:
            if line.strip():
                data = json.loads(line)
                out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
                out.write(b"\n")


if __name__ == "__main__":
    main()
