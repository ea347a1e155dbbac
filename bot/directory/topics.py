"""Always-human topics between ``gazetteer/always_human_topics.yml``, the directory and the NLU.

The shipped file seeds the directory; editors then keep the list in the admin, and every change is
written as a gazetteer overlay that the NLU (bot/nlu/always_human.py) re-reads within seconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.gazetteer import overlay


def seed_topics(topic_model: Any, path: Path) -> int:
    """Create the topics of the shipped file that are not in the directory yet; returns how many."""
    topics = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("always_human_topics") or {}
    created = 0
    for key, topic in topics.items():
        _, new = topic_model.objects.get_or_create(
            key=key, defaults={"label": topic.get("label", key), "keywords": topic.get("keywords") or {}})
        created += new
    return created


def write_overlay(topic_model: Any, target: Path) -> int:
    """Write the active topics as gazetteer data (the NLU's list from then on); returns how many."""
    topics = {t.key: {"label": t.label, "keywords": t.keywords or {}}
              for t in topic_model.objects.filter(active=True).order_by("key")}
    overlay.write_section(target, "always_human_topics", topics, "the topics")
    return len(topics)
