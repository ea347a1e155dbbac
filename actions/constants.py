"""Names shared by the actions: slots, entities, intents and responses."""

# slots
SLOT_LANGUAGE = "language"
SLOT_MUNICIPALITY = "municipality"
SLOT_COURSE_LEVEL = "course_level"
SLOT_SERVICE_TYPE = "service_type"

# entities
ENTITY_LANGUAGE = "language"
ENTITY_MUNICIPALITY = "municipality"

# responses
UTTER_LANGUAGE_CHANGED = "utter_language_changed"
UTTER_ASK_LANGUAGE = "utter_ask_language"
UTTER_MUNICIPALITY_NOTED = "utter_municipality_noted"
UTTER_INFORM_UNCLEAR = "utter_inform_unclear"

#: NLG argument that overrides the conversation's language for one response.
ARG_LANGUAGE = "language"
