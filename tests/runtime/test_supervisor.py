"""The commands `lotse run` starts."""

from pathlib import Path

from bot.runtime import supervisor


def test_a_rasa_token_starting_with_a_dash_stays_the_token():
    """secrets.token_urlsafe starts with '-' once in 64 checkouts; rasa's parser must not take it for an option."""
    env = {"LOTSE_RASA_TOKEN": "-Zk3", "LOTSE_ENDPOINTS_FILE": "endpoints.yml"}
    rasa = next(s for s in supervisor.services(Path("model.tar.gz"), env=env) if s.name == "rasa")
    assert "--auth-token=-Zk3" in rasa.command
