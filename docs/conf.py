"""Sphinx configuration: MyST pages, furo, autodoc, doctests; no network needed."""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "shjzz"
author = "shjzz developers"
copyright = "shjzz developers"
release = _version("shjzz")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "shjzz_docs",
    "shjzz_api",
]
# No intersphinx: the build must work without a network.
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "_ext"]
language = "en"
nitpicky = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_member_order = "bysource"
# Names some modules import only for type checking, so that signatures still resolve.
autodoc_type_aliases = {"Applicant": "shjzz.Applicant"}

doctest_global_setup = "import datetime\nimport shjzz"
doctest_test_doctest_blocks = ""

html_theme = "furo"
html_title = "shjzz"
html_static_path = ["_static"]
html_css_files = ["shjzz.css"]
