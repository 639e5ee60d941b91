"""Write events: each concept in its module (agenda, registrations, holds, places, waiting_list,
attendance, messaging, consents). Callers import the module: ``from secon.events.services import
registrations``."""
