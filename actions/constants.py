"""Names shared by the actions: slots, entities, intents and responses."""

# slots
SLOT_LANGUAGE = "language"

# entities
ENTITY_LANGUAGE = "language"

# responses
UTTER_ASK_LANGUAGE = "utter_ask_language"
