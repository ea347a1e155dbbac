"""Names shared by the actions: slots, entities, intents, responses and slot values."""

# slots
SLOT_LANGUAGE = "language"
SLOT_MUNICIPALITY = "municipality"
SLOT_COURSE_LEVEL = "course_level"
SLOT_COURSE_NEED = "course_need"
SLOT_SERVICE_TYPE = "service_type"
SLOT_OFFICE_QUESTION = "office_question"
SLOT_APPOINTMENT_PURPOSE = "appointment_purpose"
SLOT_PREFERRED_DAY = "preferred_day"
SLOT_APPOINTMENT_SLOT = "appointment_slot"
SLOT_APPOINTMENT_ID = "appointment_id"
SLOT_APPOINTMENT_MANAGER = "appointment_manager"
SLOT_OFFERED_SLOTS = "offered_slots"
SLOT_OFFERED_APPOINTMENTS = "offered_appointments"
SLOT_HANDOVER_CONSENT = "handover_consent"
SLOT_DELETE_CONFIRMED = "delete_confirmed"
SLOT_UNCLEAR_ANSWERS = "unclear_answers"
SLOT_TASK_OUTCOME = "task_outcome"
SLOT_LAST_SEARCH = "last_search"
SLOT_PLACE_UNKNOWN = "place_unknown"

# entities
ENTITY_LANGUAGE = "language"
ENTITY_MUNICIPALITY = "municipality"
ENTITY_APPOINTMENT_ID = "appointment_id"

# intents
INTENT_INFORM = "inform"
INTENT_ASK_OPENING_HOURS = "ask_opening_hours"
INTENT_APPOINTMENT_REMINDER = "EXTERNAL_appointment_reminder"
#: Intents that start a task of their own: while another task's question is open, they replace it.
INTENTS_NEW_TASK = ("find_language_course", "find_service", "ask_opening_hours", "book_appointment",
                    "cancel_appointment", "request_handover", "delete_my_data")
#: Intents answered in between: the open question is asked again afterwards.
INTENTS_QUESTION = ("faq", "domain_question", "my_appointments", "bot_challenge",
                    "choose_language", "greet", "thank", "emergency", INTENT_APPOINTMENT_REMINDER)
#: Intents that end the open task.
INTENTS_STOP = ("stop", "goodbye")

# responses
UTTER_ASK_LANGUAGE = "utter_ask_language"
UTTER_NOT_IN_DIRECTORY = "utter_municipality_not_in_directory"
UTTER_DIRECTORY_UNAVAILABLE = "utter_directory_unavailable"
UTTER_MUNICIPALITY_NOTED = "utter_municipality_noted"
UTTER_INFORM_UNCLEAR = "utter_inform_unclear"
UTTER_ANSWER_UNCLEAR = "utter_answer_unclear"
UTTER_TASK_STOPPED = "utter_task_stopped"

# slot values
#: "Asked, and the client does not know their level."
UNKNOWN_LEVEL = "unknown"
#: "Asked, and the client needs neither childcare nor a women's course."
NO_NEED = "none"
#: "Asked, and any day suits the client."
ANY_DAY = "any"
#: ``task_outcome`` when the client stopped the task.
STOPPED = "stopped"
YES = "yes"
NO = "no"
