"""SECON's steering committee for the demo.

The public record says the steering committee met in Cáceres on the meeting's second day, chaired by
the Region of Peloponnese, with a progress review, KMOP's research results and the next steps. It
does not give the representatives, attendance, votes, decisions or actions: those below are
ILLUSTRATIVE, and every text says so.
"""

ILLUSTRATIVE = {
    "en": "Illustrative: the public record gives the agenda of this meeting, not its decisions.",
    "de": "Beispielhaft: Die öffentlichen Quellen nennen die Tagesordnung dieser Sitzung, nicht ihre Beschlüsse.",
    "es": "Ilustrativo: las fuentes públicas recogen el orden del día de esta reunión, no sus decisiones.",
    "el": "Ενδεικτικό: οι δημόσιες πηγές αναφέρουν την ημερήσια διάταξη αυτής της συνεδρίασης, όχι τις αποφάσεις της.",
}

COMMITTEE = {
    "slug": "steering-committee",
    "kind": "steering",
    "code": "SC",
    "name": {
        "en": "SECON steering committee",
        "de": "SECON-Lenkungsausschuss",
        "es": "Comité de dirección de SECON",
        "el": "Διευθύνουσα επιτροπή SECON",
    },
}

#: Partners absent from the Cáceres meeting (illustrative).
ABSENT_AT_CACERES = ["haskovo-municipality"]

CACERES_TITLE = {
    "en": "Steering committee in Cáceres",
    "de": "Lenkungsausschuss in Cáceres",
    "es": "Comité de dirección en Cáceres",
    "el": "Διευθύνουσα επιτροπή στο Cáceres",
}

#: (title, kind, minutes, rapporteur partner slug, sub-items)
CACERES_AGENDA = [
    (
        {
            "en": "Progress review",
            "de": "Überprüfung des Fortschritts",
            "es": "Revisión del avance",
            "el": "Επισκόπηση της προόδου",
        },
        "decision",
        60,
        "region-of-peloponnese",
        [
            (
                {
                    "en": "Progress report of semester 3",
                    "de": "Fortschrittsbericht des 3. Semesters",
                    "es": "Informe de avance del semestre 3",
                    "el": "Έκθεση προόδου του 3ου εξαμήνου",
                },
                "decision",
                30,
                "region-of-peloponnese",
            )
        ],
    ),
    (
        {
            "en": "KMOP's research findings",
            "de": "Forschungsergebnisse von KMOP",
            "es": "Resultados de la investigación de KMOP",
            "el": "Ερευνητικά ευρήματα του ΚΜΟΠ",
        },
        "discussion",
        45,
        "kmop",
        [],
    ),
    (
        {"en": "Next steps", "de": "Nächste Schritte", "es": "Próximos pasos", "el": "Επόμενα βήματα"},
        "decision",
        45,
        "region-of-peloponnese",
        [],
    ),
]

VOTE_QUESTION = {
    "en": "Does the committee approve the progress report of semester 3?",
    "de": "Genehmigt der Ausschuss den Fortschrittsbericht des 3. Semesters?",
    "es": "¿Aprueba el comité el informe de avance del semestre 3?",
    "el": "Εγκρίνει η επιτροπή την έκθεση προόδου του 3ου εξαμήνου;",
}
#: Ballots of the two-thirds vote by partner slug (illustrative); the absent partner does not vote.
BALLOTS = {
    "region-of-peloponnese": "yes",
    "verband-region-rhein-neckar": "yes",
    "province-of-flemish-brabant": "yes",
    "harghita-county-council": "abstain",
    "mazowieckie-region": "yes",
    "municipality-of-oliveira-de-azemeis": "yes",
    "riga-planning-region": "no",
    "junta-de-extremadura": "yes",
    "kmop": "yes",
}

DECISIONS = [
    {
        "vote": True,
        "public": True,
        "title": {
            "en": "Progress report of semester 3 approved",
            "de": "Fortschrittsbericht des 3. Semesters genehmigt",
            "es": "Aprobado el informe de avance del semestre 3",
            "el": "Εγκρίθηκε η έκθεση προόδου του 3ου εξαμήνου",
        },
        "text": {
            "en": "The committee approves the progress report of semester 3 for submission to the programme.",
            "es": "El comité aprueba el informe de avance del semestre 3 para su envío al programa.",
        },
    },
    {
        "vote": False,
        "public": True,
        "title": {
            "en": "KMOP's findings feed the regional action plans",
            "de": "Die Ergebnisse von KMOP fließen in die regionalen Aktionspläne ein",
            "es": "Los resultados de KMOP nutren los planes de acción regionales",
            "el": "Τα ευρήματα του ΚΜΟΠ τροφοδοτούν τα περιφερειακά σχέδια δράσης",
        },
        "text": {
            "en": "Each partner takes KMOP's findings on the social economy in rural areas into account when drafting its regional action plan.",
            "es": "Cada socio tiene en cuenta los resultados de KMOP sobre la economía social en zonas rurales al redactar su plan de acción regional.",
        },
    },
    {
        "vote": False,
        "public": False,
        "title": {
            "en": "Next interregional meeting to be proposed",
            "de": "Nächstes interregionales Treffen wird vorgeschlagen",
            "es": "Se propondrá la próxima reunión interregional",
            "el": "Θα προταθεί η επόμενη διαπεριφερειακή συνάντηση",
        },
        "text": {
            "en": "Partners propose a host, dates and a theme for the next interregional meeting; the lead partner circulates the proposals.",
            "es": "Los socios proponen anfitrión, fechas y tema para la próxima reunión interregional; el socio principal distribuye las propuestas.",
        },
    },
]

#: (what, owner partner slug or None for the secretary, due date, status)
ACTIONS = [
    ("Circulate the draft minutes of the Cáceres meeting (illustrative)", None, "2024-11-08", "done"),
    ("Send comments on KMOP's research findings (illustrative)", "mazowieckie-region", "2024-11-29", "done"),
    (
        "Propose host, dates and theme of the next interregional meeting (illustrative)",
        "riga-planning-region",
        "2024-12-13",
        "done",
    ),
    (
        "Upload the regional stakeholder group reports of semester 3 (illustrative)",
        "harghita-county-council",
        "2025-01-31",
        "open",
    ),
]

NEXT_MEETING = {
    "title": {
        "en": "Steering committee (online)",
        "de": "Lenkungsausschuss (online)",
        "es": "Comité de dirección (en línea)",
        "el": "Διευθύνουσα επιτροπή (διαδικτυακά)",
    },
    "date": "2025-02-12",
    "time_zone": "Europe/Athens",
    "online_url": "https://meet.example.org/secon-steering-committee",
    "agenda": [
        (
            {
                "en": "Approval of the minutes of the Cáceres meeting",
                "de": "Genehmigung des Protokolls der Sitzung in Cáceres",
                "es": "Aprobación del acta de la reunión de Cáceres",
                "el": "Έγκριση των πρακτικών της συνεδρίασης του Cáceres",
            },
            "decision",
            15,
            False,
        ),
        (
            {
                "en": "Review of actions",
                "de": "Überprüfung der Aufgaben",
                "es": "Revisión de las acciones",
                "el": "Επισκόπηση των ενεργειών",
            },
            "information",
            20,
            True,
        ),
    ],
}
