"""The commands `lotse run` starts."""

from pathlib import Path

from bot.runtime import supervisor


def test_the_rasa_token_is_on_no_command_line_and_one_starting_with_a_dash_stays_the_token():
    """Any local user can read a command line (/proc/<pid>/cmdline); the token goes by environment and
    reaches Rasa's parser inside its process. secrets.token_urlsafe starts with '-' once in 64 checkouts."""
    from bot.runtime import rasa_server

    env = {"LOTSE_RASA_TOKEN": "-Zk3", "LOTSE_ENDPOINTS_FILE": "endpoints.yml"}
    for service in supervisor.services(Path("model.tar.gz"), env=env):
        assert not any("Zk3" in part for part in service.command), service.name
    assert rasa_server.with_token(["rasa", "run"], env) == ["rasa", "run", "--auth-token=-Zk3"]
