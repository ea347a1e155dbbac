"""Names shared by the actions: slots, entities, intents and responses."""

# slots
SLOT_LANGUAGE = "language"
SLOT_PENDING_TASK = "pending_task"
SLOT_MUNICIPALITY = "municipality"
SLOT_COURSE_LEVEL = "course_level"
SLOT_COURSE_NEED = "course_need"
SLOT_SERVICE_TYPE = "service_type"
SLOT_APPOINTMENT_PURPOSE = "appointment_purpose"
SLOT_PREFERRED_DAY = "preferred_day"
SLOT_APPOINTMENT_SLOT = "appointment_slot"
SLOT_APPOINTMENT_ID = "appointment_id"

# entities
ENTITY_LANGUAGE = "language"
ENTITY_MUNICIPALITY = "municipality"
ENTITY_APPOINTMENT_ID = "appointment_id"

# intents
INTENT_ASK_OPENING_HOURS = "ask_opening_hours"
INTENT_APPOINTMENT_REMINDER = "EXTERNAL_appointment_reminder"

# responses
UTTER_ASK_LANGUAGE = "utter_ask_language"
UTTER_ASK_MUNICIPALITY = "utter_ask_municipality"
UTTER_NOT_IN_DIRECTORY = "utter_municipality_not_in_directory"
UTTER_DIRECTORY_UNAVAILABLE = "utter_directory_unavailable"
UTTER_MUNICIPALITY_NOTED = "utter_municipality_noted"
UTTER_INFORM_UNCLEAR = "utter_inform_unclear"

# slot values that mean "asked, and the client has no preference"
UNKNOWN_LEVEL = "unknown"
NO_NEED = "none"
ANY_DAY = "any"
