"""Whether a domain is empty is Rasa's answer, worked out once per domain."""

from rasa.shared.core.domain import Domain

from bot.runtime import domain_check


def test_the_answer_is_rasas_and_remembered(monkeypatch):
    monkeypatch.setattr(Domain, "is_empty", Domain.is_empty)   # restored afterwards
    domain_check.install()
    full = Domain.from_yaml("intents: [greet]\nresponses:\n  utter_greet: [{text: Hallo}]\n")
    assert Domain.empty().is_empty() is True
    assert full.is_empty() is False
    monkeypatch.setattr(Domain, "as_dict", lambda self: 1 / 0)   # a second comparison would fail
    assert full.is_empty() is False
