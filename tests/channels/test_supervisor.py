"""``lotse run`` starts the Telegram poller as a fourth process only with a token and no webhook URL."""

from pathlib import Path

import pytest

from bot.runtime import supervisor


@pytest.mark.parametrize("env, poller", [({}, False), ({"TELEGRAM_BOT_TOKEN": "1:x"}, True),
                                         ({"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_URL": "https://x/"}, False),
                                         ({"TELEGRAM_WEBHOOK_URL": "https://x/"}, False)])
def test_the_poller_runs_only_in_long_polling_mode(monkeypatch, env, poller):
    monkeypatch.setenv("LOTSE_RASA_TOKEN", "t")
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    services = supervisor.services(Path("model.tar.gz"))
    names = [s.name for s in services]
    assert names[:3] == ["actions", "web", "rasa"]
    assert ("telegram" in names) is poller
    if poller:
        assert services[-1].command[1:] == ["-m", "bot.channels", "telegram-poll"]
        assert services[-1].ready_url is None
