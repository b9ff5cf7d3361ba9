"""Present the public classes as ``shjzz.X``, as their reprs and pickles should say."""

from __future__ import annotations

import attrs


def public(*classes: type) -> None:
    """Move *classes* to the ``shjzz`` namespace.

    String annotations are resolved first, while the defining module's names
    are still the ones they refer to (attrs and cattrs read them later).
    """
    for cls in classes:
        if attrs.has(cls):
            attrs.resolve_types(cls)
        cls.__module__ = "shjzz"
