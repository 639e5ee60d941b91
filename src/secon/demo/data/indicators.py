"""The demo's indicator data: targets, stakeholder-group meetings on published dates, one project
indicator (illustrative values), the summaries of the first four semesters (facts from secon-facts)."""

import datetime

D = datetime.date

#: Targets for the whole project (illustrative: SECON's application form is not public).
TARGETS = {
    "participations": 300,
    "people-capacity": 120,
    "organisations-capacity": 60,
    "good-practices": 20,
    "instruments-improved": 5,
    "actions-implemented": 20,
    "stakeholder-meetings": 60,
}

MEETING_NOTE = {
    "en": "Date from the partner's published list of meetings; the programme of the meeting is not in the demo.",
}
TIME_ZONES = {
    "mazowieckie-region": "Europe/Warsaw",
    "province-of-flemish-brabant": "Europe/Brussels",
    "region-of-peloponnese": "Europe/Athens",
}
#: (partner organisation slug, date, city, title): the meeting dates the partners published.
MEETINGS = [
    ("mazowieckie-region", D(2023, 4, 21), "Warszawa", {"en": "Mazovia stakeholder group, 1st meeting"}),
    ("mazowieckie-region", D(2023, 6, 16), "Warszawa", {"en": "Mazovia stakeholder group, 2nd meeting"}),
    (
        "province-of-flemish-brabant",
        D(2023, 8, 28),
        "Diest",
        {"en": "Flemish Brabant stakeholder group launch"},
    ),
    ("mazowieckie-region", D(2024, 2, 23), "Warszawa", {"en": "Mazovia stakeholder group, 3rd meeting"}),
    ("region-of-peloponnese", D(2024, 8, 2), "", {"en": "Peloponnese stakeholders: online expert meeting"}),
    ("mazowieckie-region", D(2024, 8, 30), "Warszawa", {"en": "Mazovia stakeholder group, 4th meeting"}),
    ("mazowieckie-region", D(2025, 1, 30), "Warszawa", {"en": "Mazovia stakeholder group, 5th meeting"}),
]

PROJECT_INDICATOR = {
    "code": "social-enterprises-reached",
    "name": {
        "en": "Social-economy enterprises reached by regional events",
        "de": "Durch regionale Veranstaltungen erreichte Sozialunternehmen",
        "es": "Empresas de economía social alcanzadas por los actos regionales",
        "el": "Επιχειρήσεις κοινωνικής οικονομίας που προσεγγίστηκαν σε περιφερειακές εκδηλώσεις",
    },
    "unit": "organisations",
    "description": {"en": "Counted from the partners' sign-in sheets of their regional events."},
    "target": 150,
    "values": {1: 12, 2: 18, 3: 20, 4: 25},
    "source": "Partners' sign-in sheets (illustrative demo figures)",
}

SUMMARIES = {
    1: "Kick-off meeting in Kalamata (24–25 May 2023), hosted by the lead partner. The partners set up "
    "their regional stakeholder groups (Mazovia in April, Flemish Brabant launched in Diest in August).",
    2: "Workshop and study visit in Haskovo on consumer awareness of social-economy products. KMOP's "
    "first report: national frameworks, regional instruments, barriers and enablers in rural areas.",
    3: "Stakeholder groups met in the regions (Mazovia in August, an online expert meeting in the "
    "Peloponnese); good practices identified and documented for the library.",
    4: "Project meeting in Cáceres (22–25 October 2024): REMUDARTE, PLACEAT and ACTYVA presented, study "
    "visits to the surgery centre, a teaching cooperative and Cooprado's shepherd school; steering committee.",
}
#: The periods the demo reports (locks); period 4 stays open for the coordinator to lock.
REPORTED = (1, 2, 3)
