"""Models of the directory: one module per concept, re-exported here."""

from bot.directory.models.courses import Course
from bot.directory.models.editors import Editor
from bot.directory.models.location import Address, Location, ServiceAtLocation
from bot.directory.models.managers import Appointment, Availability, IntegrationManager
from bot.directory.models.organization import Contact, Organization, Phone
from bot.directory.models.places import District, Municipality
from bot.directory.models.schedule import Closure, Schedule
from bot.directory.models.service import Language, Service, ServiceArea
from bot.directory.models.topics import AlwaysHumanTopic

__all__ = ["Address", "AlwaysHumanTopic", "Appointment", "Availability", "Closure", "Contact", "Course", "District", "Editor",
           "IntegrationManager", "Language", "Location", "Municipality", "Organization", "Phone", "Schedule",
           "Service", "ServiceArea", "ServiceAtLocation"]
