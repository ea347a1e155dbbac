"""Names shared by the actions: slots, entities, intents and responses."""

# slots
SLOT_LANGUAGE = "language"
SLOT_MUNICIPALITY = "municipality"
SLOT_COURSE_LEVEL = "course_level"
SLOT_SERVICE_TYPE = "service_type"

# entities
ENTITY_LANGUAGE = "language"

# responses
UTTER_ASK_LANGUAGE = "utter_ask_language"
