"""Autodoc for classes whose ``__module__`` shjzz rewrites to ``shjzz``.

shjzz defines its classes in private modules and sets ``__module__ = "shjzz"``
so that reprs and docs say ``shjzz.ScoreResult``.  Autodoc then looks for the
attribute docstrings (the string after each attrs field) in
``shjzz/__init__.py`` and finds none.  This extension reads them from the
module that defines the class and lists every field with its type:

- ``autodoc-process-docstring``: append one ``py:attribute`` per attrs field;
- ``autodoc-process-signature``: an attrs class's signature without the
  annotations (the fields below carry them);
- ``shjzz-class NAME``: a class exported under another name than its own
  (``CatalogueEntry`` is ``_catalogue.Entry``), which autodoc would show as an
  alias.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import sys
from typing import TYPE_CHECKING, Any

import attrs
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles
from sphinx.util.typing import stringify_annotation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PACKAGE = "shjzz"


@functools.cache
def defining_module(cls: type) -> str | None:
    """The private module whose source defines *cls*."""
    for name, module in list(sys.modules.items()):
        if not name.startswith(f"{PACKAGE}._") or vars(module).get(cls.__name__) is not cls:
            continue
        if cls.__qualname__ in ModuleAnalyzer.for_module(name).find_tags():
            return name
    return None


def field_lines(cls: type) -> list[str]:
    """One ``py:attribute`` per attrs field of *cls*, with its type and docstring."""
    module = defining_module(cls)
    docs = ModuleAnalyzer.for_module(module).find_attr_docs() if module else {}
    lines: list[str] = []
    for field in attrs.fields(cls):
        lines += [
            "",
            f".. py:attribute:: {field.name}",
            f"   :type: {stringify_annotation(field.type, 'fully-qualified-except-typing')}",
            "",
        ]
        lines += [f"   {line}" for line in docs.get((cls.__qualname__, field.name), [])]
        if field.name.endswith("_"):
            lines += ["", f"   ``{field.name[:-1]}`` in JSON."]
    return lines


def rewritten(obj: object) -> bool:
    """Whether *obj* is an attrs class whose ``__module__`` shjzz rewrote."""
    return isinstance(obj, type) and attrs.has(obj) and obj.__module__ == PACKAGE


def process_docstring(  # noqa: PLR0913, PLR0917 - the event's signature
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    lines: list[str],
) -> None:
    """Append the fields of a rewritten attrs class to its docstring."""
    del app, name, options
    if what in {"class", "exception"} and rewritten(obj):
        assert isinstance(obj, type)  # noqa: S101 - for the type checker
        lines += field_lines(obj)


def process_signature(  # noqa: PLR0913, PLR0917 - the event's signature
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    """An attrs class's signature: names and defaults only."""
    del app, name, options, signature, return_annotation
    if what in {"class", "exception"} and isinstance(obj, type) and attrs.has(obj):
        return bare_signature(obj), None
    return None


def bare_signature(cls: type) -> str:
    """``(*, a, b=1)``: the constructor's parameters, without annotations.

    A sentinel default (``<object object at 0x…>``) is shown as ``...``, so the
    page does not change from one build to the next.
    """
    out: list[str] = []
    star = False
    for param in inspect.signature(cls).parameters.values():
        if param.kind is inspect.Parameter.KEYWORD_ONLY and not star:
            out.append("*")
            star = True
        text = param.name
        if param.default is not inspect.Parameter.empty:
            default = repr(param.default)
            text += "=" + ("..." if default.startswith("<") else default)
        out.append(text)
    return f"({', '.join(out)})"


class RenamedClass(SphinxDirective):
    """``shjzz-class shjzz.CatalogueEntry``: a class exported under another name."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        """A ``py:class`` with the docstring, the fields, then autodoc for the rest."""
        module_name, _, name = self.arguments[0].rpartition(".")
        cls = getattr(importlib.import_module(module_name), name)
        lines = [f".. py:class:: {name}{bare_signature(cls)}", f"   :module: {module_name}", ""]
        lines += [f"   {line}" for line in (inspect.getdoc(cls) or "").splitlines()]
        lines += [f"   {line}" for line in field_lines(cls)]
        for member, value in vars(cls).items():
            if member.startswith("_") or not getattr(value, "__doc__", None):
                continue
            kind = "autoproperty" if isinstance(value, property) else "automethod"
            lines += ["", f"   .. {kind}:: {self.arguments[0]}.{member}"]
        content = StringList(lines, source=self.get_source_info()[0])
        holder = nodes.container()
        nested_parse_with_titles(self.state, content, holder)
        return holder.children


def setup(app: Sphinx) -> dict[str, Any]:
    """Connect the autodoc events and register the directive."""
    app.setup_extension("sphinx.ext.autodoc")
    app.connect("autodoc-process-docstring", process_docstring)
    app.connect("autodoc-process-signature", process_signature)
    app.add_directive("shjzz-class", RenamedClass)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
