"""The remembered minimal graph is the one Rasa works out."""

from rasa.engine.graph import GraphSchema, SchemaNode
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

from bot.runtime import graph_schema


def _node(**needs):
    return SchemaNode(needs=needs, uses=WhitespaceTokenizer, constructor_name="create", fn="process", config={})


def test_the_minimal_graph_is_rasas_and_worked_out_once(monkeypatch):
    monkeypatch.setattr(GraphSchema, "minimal_graph_schema", GraphSchema.minimal_graph_schema)  # restored afterwards
    schema = GraphSchema({"a": _node(), "b": _node(x="a"), "c": _node(x="a", y="b"), "unused": _node(x="a")})
    expected = schema.minimal_graph_schema(["c"])
    graph_schema.install()
    first = schema.minimal_graph_schema(["c"])
    assert set(first.nodes) == set(expected.nodes) == {"a", "b", "c"}
    assert schema.minimal_graph_schema(["c"]) is first
    assert set(schema.minimal_graph_schema(["b"]).nodes) == {"a", "b"}
    assert "_lotse_minimal_schemas" not in schema.as_dict()
