"""Write events: each concept in its module (agenda, registrations, waiting_list, attendance, messaging,
consents). Callers import the module: ``from secon.events.services import registrations``."""
