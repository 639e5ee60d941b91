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
            "minutes",
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

#: Partners absent from the online meeting of February 2025 (illustrative).
ABSENT_ONLINE = ["harghita-county-council", "haskovo-municipality"]

#: Comments on the circulated Cáceres minutes (illustrative): (partner, section, language, text, reply).
CACERES_COMMENTS = [
    (
        "kmop",
        "attendance",
        "el",
        "Παρακαλούμε να προστεθεί ότι η KMOP εκπροσωπήθηκε και από τη συνεργάτιδα έρευνας.",
        "Added to the attendance section.",
    ),
    (
        "junta-de-extremadura",
        "",
        "es",
        "Sin comentarios por parte de la Junta de Extremadura. Gracias por el acta.",
        "",
    ),
]

MINUTES_APPROVAL = {
    "title": {
        "en": "Minutes of the Cáceres meeting approved",
        "de": "Protokoll der Sitzung in Cáceres genehmigt",
        "es": "Aprobada el acta de la reunión de Cáceres",
        "el": "Εγκρίθηκαν τα πρακτικά της συνεδρίασης του Cáceres",
    },
    "text": {
        "en": "The committee approves the minutes of its meeting in Cáceres as circulated. "
        "Illustrative: the public record does not give this meeting.",
        "de": "Der Ausschuss genehmigt das Protokoll seiner Sitzung in Cáceres in der versandten Fassung. "
        "Beispielhaft: Die öffentlichen Quellen nennen diese Sitzung nicht.",
        "es": "El comité aprueba el acta de su reunión de Cáceres tal como se distribuyó. "
        "Ilustrativo: las fuentes públicas no recogen esta reunión.",
        "el": "Η επιτροπή εγκρίνει τα πρακτικά της συνεδρίασής της στο Cáceres όπως κοινοποιήθηκαν. "
        "Ενδεικτικό: οι δημόσιες πηγές δεν αναφέρουν αυτή τη συνεδρίαση.",
    },
}

#: A written procedure between Cáceres and the online meeting (illustrative), closed at its deadline.
PROCEDURE = {
    "opened": "2024-12-02T09:00:00+02:00",
    "deadline": "2024-12-16T17:00:00+02:00",
    "time_zone": "Europe/Athens",
    "rule": "absolute",
    "tacit_approval": True,
    "title": {
        "en": "Budget shift to communication activities (illustrative)",
        "de": "Mittelverschiebung zu Kommunikationsmaßnahmen (beispielhaft)",
        "es": "Traspaso de presupuesto a actividades de comunicación (ilustrativo)",
        "el": "Μεταφορά προϋπολογισμού σε δράσεις επικοινωνίας (ενδεικτικό)",
    },
    "question": {
        "en": "Does the committee approve moving 5,000 EUR from staff costs to communication activities?",
        "de": "Genehmigt der Ausschuss, 5.000 EUR von den Personalkosten zu Kommunikationsmaßnahmen zu verschieben?",
        "es": "¿Aprueba el comité traspasar 5.000 EUR de gastos de personal a actividades de comunicación?",
        "el": "Εγκρίνει η επιτροπή τη μεταφορά 5.000 EUR από το κόστος προσωπικού σε δράσεις επικοινωνίας;",
    },
    "draft_text": {
        "en": "The committee approves moving 5,000 EUR of the lead partner's staff costs to communication "
        "activities in semester 4. Illustrative: the public record does not give this procedure.",
        "es": "El comité aprueba traspasar 5.000 EUR de los gastos de personal del socio principal a "
        "actividades de comunicación en el semestre 4. Ilustrativo: las fuentes públicas no recogen este "
        "procedimiento.",
    },
    #: Ballots by partner slug; the others say nothing (silence counts as approval).
    "ballots": {
        "region-of-peloponnese": "yes",
        "verband-region-rhein-neckar": "yes",
        "province-of-flemish-brabant": "yes",
        "mazowieckie-region": "yes",
        "municipality-of-oliveira-de-azemeis": "yes",
        "junta-de-extremadura": "yes",
        "kmop": "abstain",
    },
}

#: The committee's next meeting, convened and not yet held.
THIRD_MEETING = {
    "title": {
        "en": "Steering committee in Mannheim",
        "de": "Lenkungsausschuss in Mannheim",
        "es": "Comité de dirección en Mannheim",
        "el": "Διευθύνουσα επιτροπή στο Mannheim",
    },
    "date": "2027-03-10",
    "time_zone": "Europe/Berlin",
    "location": "Mannheim (illustrative)",
    "agenda": [
        (
            {
                "en": "Approval of the minutes of the online meeting",
                "de": "Genehmigung des Protokolls der Online-Sitzung",
                "es": "Aprobación del acta de la reunión en línea",
                "el": "Έγκριση των πρακτικών της διαδικτυακής συνεδρίασης",
            },
            "minutes",
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
        (
            {
                "en": "Action plans: state of play",
                "de": "Aktionspläne: Sachstand",
                "es": "Planes de acción: situación",
                "el": "Σχέδια δράσης: τρέχουσα κατάσταση",
            },
            "decision",
            60,
            False,
        ),
    ],
}
