"""Names of the message properties our NLU components add."""

#: Top-level parse key: ISO 639-1 code of the message's language.
LANGUAGE = "language"
#: Top-level parse key: how sure the language identification is (0..1).
LANGUAGE_CONFIDENCE = "language_confidence"
#: Top-level parse key: True when the message is too short or unclear to change
#: the conversation's language ("ok", "👍").
LANGUAGE_AMBIGUOUS = "language_ambiguous"
#: Message metadata key a channel sets to the client's app language (a hint).
METADATA_LANGUAGE_HINT = "language_hint"
#: Message metadata key a channel sets to the conversation's language so far.
METADATA_CONVERSATION_LANGUAGE = "conversation_language"
