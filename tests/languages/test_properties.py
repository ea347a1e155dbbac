"""Any text at all: language identification and the gazetteer never fail and answer within their contract."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import paths
from bot.gazetteer.matcher import Gazetteer
from bot.languages import registry
from bot.languages.identification import Hints, LanguageIdentifier

IDENTIFIER = LanguageIdentifier(registry())
GAZETTEER = Gazetteer(paths.gazetteer_dir(), paths.locales_dir() / "languages.yml")
KNOWN = {entity: set(GAZETTEER.values(entity)) for entity in ("municipality", "service_type", "course_level",
                                                              "language")}
#: Text as clients send it: any script, emoji, bidi marks, control characters, long runs.
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
HINTS = st.builds(Hints, conversation=st.sampled_from([None, *registry().codes]),
                  channel=st.sampled_from([None, "de", "uk", "pt-br", "xx"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT, HINTS)
def test_identification_always_names_a_served_language(text, hints):
    detection = IDENTIFIER.identify(text, hints)
    assert detection.language in registry() or detection.language == "am"
    assert 0.0 <= detection.confidence <= 1.0
    assert isinstance(detection.ambiguous, bool)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_the_gazetteer_only_finds_known_names_at_real_positions(text):
    for match in GAZETTEER.find(text):
        assert match.value in KNOWN[match.entity]
        assert 0 <= match.start < match.end <= len(text)
