"""Rasa's lookup of an event class by its type name ("user", "bot", "slot"), remembered instead of searched.

Rasa 3.6 walks the whole tree of ``Event`` subclasses, checking each for abstract methods, for every
event it reads back from the conversation store: a few percent of the Rasa process's CPU per message
in `make bench`. The replacement finds the same class (the first in Rasa's order) from a table built
on first use, and asks Rasa's own lookup for any name the table does not have (an event class
imported later, an unknown name and its error).
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text


def install() -> None:
    """Replace ``Event.resolve_by_type`` by a remembering lookup with the same answers."""
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    search = Event.resolve_by_type
    classes: Dict[Text, Any] = {}

    def resolve_by_type(type_name: Text, default: Optional[Any] = None) -> Optional[Any]:
        if type_name not in classes:
            for subclass in all_subclasses(Event):
                classes.setdefault(subclass.type_name, subclass)
        found = classes.get(type_name)
        return found if found is not None else search(type_name, default)

    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[assignment]
