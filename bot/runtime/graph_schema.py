"""Rasa's minimal graph for a set of targets, worked out once per model instead of on every run.

Rasa 3.6 runs its model graph twice per message (understanding, then the next action), and before
each run walks the graph from the targets back through every dependency, again and again for
shared ones: 5 % of the Rasa process's CPU per message in `make bench`. The schema of a loaded
model does not change, so the replacement keeps the result per schema and targets.
"""

from __future__ import annotations

from typing import Any, List, Optional, Text

_CACHE = "_lotse_minimal_schemas"


def install() -> None:
    """Make ``GraphSchema.minimal_graph_schema`` remember its results on the schema."""
    from rasa.engine.graph import GraphSchema

    compute = GraphSchema.minimal_graph_schema

    def minimal_graph_schema(self: GraphSchema, targets: Optional[List[Text]] = None) -> Any:
        remembered = self.__dict__.setdefault(_CACHE, {})
        key = tuple(targets) if targets else None
        if key not in remembered:
            remembered[key] = compute(self, targets)
        return remembered[key]

    GraphSchema.minimal_graph_schema = minimal_graph_schema  # type: ignore[assignment]
