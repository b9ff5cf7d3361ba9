"""Extract the human texts into ``shjzz.pot``, update each language's ``.po``, compile ``.mo``.

Run by ``nox -s i18n`` (Babel is in the ``i18n`` dependency group, never a
runtime dependency).  A translator edits ``src/shjzz/locale/<lang>/LC_MESSAGES/
shjzz.po`` only; this script keeps the ``.pot`` and the compiled ``.mo`` in step.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "shjzz" / "locale"
POT = LOCALE / "shjzz.pot"
LANGS = ("zh", "en")


def pybabel(*args: str) -> None:
    """Run one ``pybabel`` command from the repository root."""
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def main() -> None:
    """Extract, update and compile every language."""
    pybabel(
        "extract",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "--project=shjzz",
        "--keyword=_label",
        "-o",
        str(POT),
        "src/shjzz",
    )
    for lang in LANGS:
        po = LOCALE / lang / "LC_MESSAGES" / "shjzz.po"
        command = "update" if po.exists() else "init"
        extra = ["--no-fuzzy-matching", "--ignore-obsolete"] if command == "update" else []
        pybabel(command, "-D", "shjzz", "-i", str(POT), "-d", str(LOCALE), "-l", lang, *extra)
    pybabel("compile", "-D", "shjzz", "-d", str(LOCALE), "--statistics")


if __name__ == "__main__":
    main()
