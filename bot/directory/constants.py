"""Names defined once: service types, course types and levels, statuses, district kinds.

Service type keys are those of ``gazetteer/service_types.yml`` (the entity values the NLU
extracts), plus ``language_course`` for the services behind courses.
"""

from __future__ import annotations

from typing import Final

#: Service type keys, as in gazetteer/service_types.yml, with a German label for editors.
SERVICE_TYPES: Final = {
    "jobcenter": "Jobcenter",
    "auslaenderbehoerde": "Ausländerbehörde",
    "sozialamt": "Sozialamt",
    "health": "Gesundheit / Gesundheitsamt",
    "housing": "Wohnungsamt",
    "migrationsberatung": "Migrationsberatung (MBE/JMD)",
    "kita": "Kita-Anmeldung",
    "school": "Schule / Schulamt",
    "legal_advice": "Rechtsberatung",
    "integration_management": "Integrationsmanagement",
    "language_course": "Sprachkurs",
}
#: The service type of a course's service.
LANGUAGE_COURSE: Final = "language_course"

#: Course types: federal integration courses, job-related German, the state's VwV courses.
COURSE_TYPES: Final = {
    "integration_general": "Integrationskurs (allgemein)",
    "integration_youth": "Jugendintegrationskurs",
    "integration_parents": "Elternintegrationskurs",
    "integration_women": "Frauenintegrationskurs",
    "integration_literacy": "Integrationskurs mit Alphabetisierung",
    "integration_intensive": "Intensivkurs",
    "integration_second_writing_system": "Zweitschriftlernerkurs",
    "job_german": "Berufssprachkurs",
    "vwv_deutsch": "Deutschkurs des Landes (VwV Deutsch)",
}
#: Course levels (CEFR and literacy), keys as in gazetteer/course_levels.yml.
LEVELS: Final = ("alpha", "A1", "A2", "B1", "B2", "C1")

#: District kinds.
STADTKREIS: Final = "Stadtkreis"
LANDKREIS: Final = "Landkreis"
DISTRICT_KINDS: Final = (STADTKREIS, LANDKREIS)

#: Appointment statuses.
BOOKED: Final = "booked"
CANCELLED: Final = "cancelled"

#: Reasons a service is closed on a day it is normally open.
HOLIDAY: Final = "holiday"
CLOSURE: Final = "closure"

#: The directory's time zone: every opening time and slot is local time here.
TIME_ZONE: Final = "Europe/Berlin"

#: HSDS byday codes by Python weekday (Monday = 0).
BYDAY: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
