"""The conversations a Rasa process handled last, kept in memory so the next message need not rebuild them.

Reading a conversation from the store meant one SQL query with a subquery, decoding every event's JSON
and replaying all events into a new tracker: 18 % of Rasa's CPU per message in `make bench`. A tracker
Rasa has just saved is the conversation as stored, so :class:`RecentTrackers` keeps it, with the
store's fingerprint of the conversation at that moment (its newest event id and its number of events).
The next read asks the store for the fingerprint only (one indexed query) and hands out the kept
tracker when nothing has changed in between: no other Rasa worker wrote, no deletion (retention,
"delete my data") removed events, and Rasa did not change the tracker without saving it (a message
whose handling failed). Anything else is a miss, and the conversation is read from the store as before.
"""

from __future__ import annotations

import collections
import itertools
from typing import NamedTuple, Optional, Text, Tuple

from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

#: The store's fingerprint of a conversation: its newest event id (None: no events) and its number of events.
Fingerprint = Tuple[Optional[int], int]

#: How many conversations a Rasa process keeps (the ones with the latest messages).
CAPACITY = 256


class _Kept(NamedTuple):
    tracker: DialogueStateTracker
    events: int
    fingerprint: Fingerprint


class RecentTrackers:
    """The last saved trackers of up to ``capacity`` conversations, each with the store's fingerprint."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        """An empty cache that forgets the least recently used conversation beyond ``capacity``."""
        self.capacity = capacity
        self._kept: "collections.OrderedDict[Text, _Kept]" = collections.OrderedDict()

    def remember(self, tracker: DialogueStateTracker, fingerprint: Fingerprint) -> None:
        """Keep ``tracker`` as just saved; the store now has ``fingerprint`` for its conversation.

        A tracker that started a new session after its first events is not kept: the store reads only
        the latest session, so the kept tracker would carry more history than a read returns.
        """
        sender_id = tracker.sender_id
        if _new_session_inside(tracker):
            self._kept.pop(sender_id, None)
            return
        self._kept[sender_id] = _Kept(tracker, len(tracker.events), fingerprint)
        self._kept.move_to_end(sender_id)
        while len(self._kept) > self.capacity:
            self._kept.popitem(last=False)

    def recall(self, sender_id: Text, fingerprint: Fingerprint) -> Optional[DialogueStateTracker]:
        """The kept tracker if the store's conversation and the tracker are as they were when saved."""
        kept = self._kept.pop(sender_id, None)
        if kept is None or kept.fingerprint != fingerprint or len(kept.tracker.events) != kept.events:
            return None
        self._kept[sender_id] = kept
        return kept.tracker

    def knows(self, sender_id: Text) -> bool:
        """Whether a tracker of this conversation is kept (worth asking the store for its fingerprint)."""
        return sender_id in self._kept

    def forget(self, sender_id: Text) -> None:
        """Drop the conversation's kept tracker (before a write whose outcome is unknown)."""
        self._kept.pop(sender_id, None)

    def clear(self) -> None:
        """Drop all kept trackers (a new model's domain builds trackers with other slots)."""
        self._kept.clear()


def _new_session_inside(tracker: DialogueStateTracker) -> bool:
    """Whether a session starts after the tracker's first two events (session start action and event)."""
    return any(isinstance(event, SessionStarted) for event in itertools.islice(tracker.events, 2, None))
