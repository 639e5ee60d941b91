"""Two illustrative action plans and a meeting of two stakeholder groups, for the SECON demo.

SECON's action plans are not in the public record: everything here is illustrative and says so.
Harghita learns from Cooprado's shepherd school (the study visit in Cáceres, recorded as a
transfer) and from ACTYVA; Extremadura scales up REMUDARTE and PLACEAT through its programme,
whose change is adopted (see ``policy.py``), so its chain reaches a policy change.
"""

import datetime

NOTE = "Illustrative demo entry."

# partner organisation slug → the plan, its actions, its state
PLANS = [
    {
        "partner": "harghita-county-council",
        "title": "Harghita action plan: learning from Extremadura's rural social economy (illustrative)",
        "summary": "Illustrative demo plan. Two actions inspired by the Cáceres study visits: a school "
        "for new shepherds in the Harghita mountains and a participatory guarantee for local organic food.",
        "submit": True,
        "approve": True,
        "actions": [
            {
                "title": "Open a shepherd school for newcomers in the Harghita mountains",
                "rationale": "Flocks in the Harghita mountains have no successors; Cooprado's school in Casar "
                "de Cáceres shows how to teach the trade with practice on members' farms.",
                "practices": ["fundacion-cooprado"],
                "transfer": "fundacion-cooprado",
                "players": [
                    ("harghita-county-council", "", "funds and hosts the school"),
                    ("", "Harghita shepherds' association (illustrative)", "mentors on its members' farms"),
                ],
                "start_month": datetime.date(2025, 3, 1),
                "end_month": datetime.date(2026, 6, 1),
                "cost": "180000",
                "funding": [("harghita-county-council", "", "120000"), (None, "County budget", "60000")],
                "progress": [
                    (
                        "in_progress",
                        "Curriculum adapted with Cooprado's trainers; first 12 learners enrolled.",
                        None,
                    ),
                ],
            },
            {
                "title": "Pilot a participatory guarantee for local organic food",
                "rationale": "Small producers cannot pay certification; ACTYVA's members check each other's farms.",
                "practices": ["actyva"],
                "players": [("", "Harghita local food cooperative (illustrative)", "runs the peer visits")],
                "start_month": datetime.date(2025, 9, 1),
                "end_month": datetime.date(2026, 12, 1),
                "cost": "45000",
                "funding": [(None, "County budget", "45000")],
                "progress": [],
            },
        ],
    },
    {
        "partner": "junta-de-extremadura",
        "title": "Extremadura action plan: work integration in the regional programme (illustrative)",
        "summary": "Illustrative demo plan. The regional social economy programme funds work-integration "
        "enterprises in textile reuse and special employment centres, after REMUDARTE and PLACEAT.",
        "submit": True,
        "approve": True,
        "actions": [
            {
                "title": "A call for work-integration enterprises in textile reuse",
                "rationale": "The EU obligation to collect textiles separately from 2025 creates work that "
                "REMUDARTE shows can be done by people far from the labour market.",
                "practices": ["remudarte"],
                "players": [
                    ("junta-de-extremadura", "", "publishes and funds the call"),
                    ("remudarte", "", "shares its sorting method and pathways"),
                ],
                "start_month": datetime.date(2025, 1, 1),
                "end_month": datetime.date(2025, 12, 1),
                "cost": "600000",
                "funding": [("junta-de-extremadura", "", "600000")],
                "progress": [
                    ("in_progress", "The call is drafted with REMUDARTE's advice.", None),
                    (
                        "implemented",
                        "The call is adopted with the programme's change; four enterprises funded.",
                        datetime.date(2025, 6, 10),
                    ),
                ],
            },
            {
                "title": "Measure the social return of special employment centres",
                "rationale": "PLACEAT's social return above 3 to 1 helps argue for public support.",
                "practices": ["placeat"],
                "players": [
                    ("placeat", "", "shares its method"),
                    ("universidad-de-extremadura", "", "measures"),
                ],
                "start_month": datetime.date(2025, 6, 1),
                "end_month": datetime.date(2026, 6, 1),
                "cost": "40000",
                "funding": [("junta-de-extremadura", "", "40000")],
                "progress": [],
            },
        ],
    },
]

#: Harghita's stakeholder group (illustrative organisations created for the demo).
HARGHITA_GROUP = [
    ("harghita-county-council", None, "managing body (illustrative)"),
    (
        "harghita-shepherds-association",
        "Harghita shepherds' association (illustrative)",
        "livestock (illustrative)",
    ),
    (
        "harghita-local-food-cooperative",
        "Harghita local food cooperative (illustrative)",
        "food (illustrative)",
    ),
]

# partner slug → meeting: title, date, zone, city, attendees (first, last, organisation slug, attended)
MEETINGS = {
    "junta-de-extremadura": {
        "title": {
            "en": "Extremadura stakeholder group: after Cáceres",
            "es": "Grupo de actores de Extremadura: después de Cáceres",
        },
        "date": datetime.date(2024, 11, 20),
        "time_zone": "Europe/Madrid",
        "city": "Mérida",
        "country": "ES",
        "people": [
            ("Inés", "Calderón", "junta-de-extremadura", True),
            ("Pilar", "Gómez", "remudarte", True),
            ("Manuel", "Díaz", "placeat", True),
            ("Rosa", "Hernández", "actyva", False),
            ("Antonio", "Moreno", "universidad-de-extremadura", True),
        ],
    },
    "harghita-county-council": {
        "title": {"en": "Harghita stakeholder group: the shepherd school"},
        "date": datetime.date(2024, 12, 5),
        "time_zone": "Europe/Bucharest",
        "city": "Miercurea Ciuc",
        "country": "RO",
        "people": [
            ("Andrea", "Kovács", "harghita-county-council", True),
            ("Zoltán", "Bíró", "harghita-shepherds-association", True),
            ("Erika", "Fülöp", "harghita-local-food-cooperative", True),
        ],
    },
}
