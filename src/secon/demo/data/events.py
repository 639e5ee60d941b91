"""The demo events of SECON: the Cáceres meeting (22–25 Oct 2024), the Kalamata kick-off, a coming seminar.

Facts from ../shared/reference/secon-facts.md and the seed press release. The day-by-day timetables
are not public: the times below are illustrative, and each event's description says so. The
participants are fictitious people with example.org addresses.
"""

import datetime
import zoneinfo

ILLUSTRATIVE = {
    "en": "The timetable shown here is illustrative: the detailed programme was not published.",
    "de": "Der hier gezeigte Zeitplan ist illustrativ: Das detaillierte Programm wurde nicht veröffentlicht.",
    "es": "El horario que se muestra es ilustrativo: el programa detallado no se publicó.",
    "el": "Το ωρολόγιο πρόγραμμα που εμφανίζεται είναι ενδεικτικό: το αναλυτικό πρόγραμμα δεν δημοσιεύθηκε.",
}


def _with_note(texts: dict) -> dict:
    return {code: f"{text}\n\n{ILLUSTRATIVE[code]}" for code, text in texts.items()}


CACERES = {
    "slug": "caceres-2024",
    "kind": "project_meeting",
    "title": {
        "en": "SECON project meeting in Cáceres",
        "de": "SECON-Projekttreffen in Cáceres",
        "es": "Reunión del proyecto SECON en Cáceres",
        "el": "Συνάντηση του έργου SECON στο Κάθερες",
    },
    "description": _with_note(
        {
            "en": (
                "Leaders of cooperatives and social enterprises meet the SECON partners in Cáceres, "
                "Extremadura. Local initiatives present their work, study visits show practices on "
                "site, experts from the University of Extremadura and AGENEX speak, and the steering "
                "committee, chaired by the Region of Peloponnese, reviews the project's progress."
            ),
            "de": (
                "Führungskräfte aus Genossenschaften und Sozialunternehmen treffen die SECON-Partner in "
                "Cáceres, Extremadura. Lokale Initiativen stellen ihre Arbeit vor, Studienbesuche zeigen "
                "Praktiken vor Ort, Fachleute der Universität Extremadura und von AGENEX sprechen, und "
                "der Lenkungsausschuss unter Vorsitz der Region Peloponnes prüft den Projektfortschritt."
            ),
            "es": (
                "Responsables de cooperativas y empresas sociales se reúnen con los socios de SECON en "
                "Cáceres, Extremadura. Iniciativas locales presentan su trabajo, las visitas de estudio "
                "muestran prácticas sobre el terreno, intervienen expertos de la Universidad de "
                "Extremadura y de AGENEX, y el comité de dirección, presidido por la Región del "
                "Peloponeso, revisa el avance del proyecto."
            ),
            "el": (
                "Στελέχη συνεταιρισμών και κοινωνικών επιχειρήσεων συναντούν τους εταίρους του SECON "
                "στο Κάθερες της Εξτρεμαδούρας. Τοπικές πρωτοβουλίες παρουσιάζουν το έργο τους, οι "
                "μελετητικές επισκέψεις δείχνουν πρακτικές επί τόπου, μιλούν ειδικοί του Πανεπιστημίου "
                "της Εξτρεμαδούρας και της AGENEX, και η διευθύνουσα επιτροπή, υπό την προεδρία της "
                "Περιφέρειας Πελοποννήσου, εξετάζει την πρόοδο του έργου."
            ),
        }
    ),
    "start_date": datetime.date(2024, 10, 22),
    "end_date": datetime.date(2024, 10, 25),
    "time_zone": "Europe/Madrid",
    "city": "Cáceres",
    "country": "ES",
    "status": "published",
    "is_public": True,
    "registration_opens_at": datetime.datetime(2024, 9, 2, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Madrid")),
    "registration_closes_at": datetime.datetime(
        2024, 10, 15, 23, 59, tzinfo=zoneinfo.ZoneInfo("Europe/Madrid")
    ),
    "capacity": 60,
    "languages": ["en", "es"],
    "interpretation": ["en", "es"],
}


#: Venues: (name, city, organisation slug or None). Addresses are left empty (not verified).
CACERES_VENUES = [
    ("Meeting venue, Cáceres (to be confirmed)", "Cáceres", None),
    ("Jesús Usón Minimally Invasive Surgery Centre", "Cáceres", "ccmiju"),
    ("Colegio Licenciados Reunidos", "Cáceres", "colegio-licenciados-reunidos"),
    ("Escuela de Pastores, Fundación Cooprado", "Casar de Cáceres", "fundacion-cooprado"),
]


MAIN = CACERES_VENUES[0][0]


def _t(en: str, de: str, es: str, el: str) -> dict:
    return {"en": en, "de": de, "es": es, "el": el}


#: (day index, start, end, kind, title, venue, room, capacity, presenters, visited, visibility, language)
# fmt: off
CACERES_SESSIONS = [
    (0, "09:00", "09:30", "networking",
     _t("Arrival and registration", "Ankunft und Anmeldung", "Llegada y acreditación", "Άφιξη και εγγραφή"),
     MAIN, "Hall", None, [], [], "public", ""),
    (0, "09:30", "10:15", "opening",
     _t("Welcome by the Directorate-General for Cooperatives and Social Economy",
        "Begrüßung durch die Generaldirektion für Genossenschaften und Sozialwirtschaft",
        "Bienvenida de la Dirección General de Cooperativas y Economía Social",
        "Καλωσόρισμα από τη Γενική Διεύθυνση Συνεταιρισμών και Κοινωνικής Οικονομίας"),
     MAIN, "Plenary room", None, ["junta-de-extremadura"], [], "public", "es"),
    (0, "10:15", "11:00", "expert_session",
     _t("The social economy's role in Extremadura", "Die Rolle der Sozialwirtschaft in der Extremadura",
        "El papel de la economía social en Extremadura", "Ο ρόλος της κοινωνικής οικονομίας στην Εξτρεμαδούρα"),
     MAIN, "Plenary room", None, ["universidad-de-extremadura"], [], "public", "es"),
    (0, "11:00", "11:30", "meal", _t("Coffee break", "Kaffeepause", "Pausa café", "Διάλειμμα για καφέ"),
     MAIN, "Hall", None, [], [], "public", ""),
    (0, "11:30", "12:15", "presentation",
     _t("REMUDARTE: work integration through textile reuse",
        "REMUDARTE: Arbeitsintegration durch Textilwiederverwendung",
        "REMUDARTE: inserción laboral a través de la reutilización textil",
        "REMUDARTE: ένταξη στην εργασία μέσω επαναχρησιμοποίησης υφασμάτων"),
     MAIN, "Plenary room", None, ["remudarte"], [], "public", "es"),
    (0, "12:15", "13:00", "presentation",
     _t("PLACEAT: jobs and services with people with intellectual disabilities",
        "PLACEAT: Arbeit und Dienstleistungen mit Menschen mit geistiger Behinderung",
        "PLACEAT: empleo y servicios con personas con discapacidad intelectual",
        "PLACEAT: εργασία και υπηρεσίες με άτομα με νοητική αναπηρία"),
     MAIN, "Plenary room", None, ["placeat"], [], "public", "es"),
    (0, "13:00", "13:45", "presentation",
     _t("ACTYVA: a cooperative for sustainable local business",
        "ACTYVA: eine Genossenschaft für nachhaltiges lokales Wirtschaften",
        "ACTYVA: una cooperativa para negocios locales sostenibles",
        "ACTYVA: ένας συνεταιρισμός για βιώσιμη τοπική επιχειρηματικότητα"),
     MAIN, "Plenary room", None, ["actyva"], [], "public", "es"),
    (0, "14:00", "15:30", "meal", _t("Lunch", "Mittagessen", "Almuerzo", "Γεύμα"),
     MAIN, "Hall", None, [], [], "participants", ""),
    (0, "15:30", "16:30", "expert_session",
     _t("AGENEX: the TRANSCOM project on local energy communities",
        "AGENEX: das Projekt TRANSCOM zu lokalen Energiegemeinschaften",
        "AGENEX: el proyecto TRANSCOM sobre comunidades energéticas locales",
        "AGENEX: το έργο TRANSCOM για τις τοπικές ενεργειακές κοινότητες"),
     MAIN, "Plenary room", None, ["agenex"], [], "public", "es"),
    (0, "16:30", "17:30", "workshop",
     _t("Exchange of experience: what can our regions transfer?",
        "Erfahrungsaustausch: Was können unsere Regionen übernehmen?",
        "Intercambio de experiencias: ¿qué pueden transferir nuestras regiones?",
        "Ανταλλαγή εμπειριών: τι μπορούν να μεταφέρουν οι περιφέρειές μας;"),
     MAIN, "Plenary room", None, [], [], "public", "en"),
    (1, "08:30", "09:00", "transfer",
     _t("Coaches leave for the study visits", "Abfahrt der Busse zu den Studienbesuchen",
        "Salida de los autobuses a las visitas de estudio", "Αναχώρηση λεωφορείων για τις επισκέψεις"),
     MAIN, "Main entrance", None, [], [], "participants", ""),
    (1, "09:00", "13:00", "study_visit",
     _t("Study visit: Jesús Usón Minimally Invasive Surgery Centre",
        "Studienbesuch: Jesús-Usón-Zentrum für minimalinvasive Chirurgie",
        "Visita de estudio: Centro de Cirugía de Mínima Invasión Jesús Usón",
        "Μελετητική επίσκεψη: Κέντρο Ελάχιστα Επεμβατικής Χειρουργικής Jesús Usón"),
     "Jesús Usón Minimally Invasive Surgery Centre", "", 18, [], ["ccmiju"], "public", "es"),
    (1, "09:00", "13:00", "study_visit",
     _t("Study visit: the school “Licenciados Reunidos”", "Studienbesuch: die Schule „Licenciados Reunidos“",
        "Visita de estudio: el colegio «Licenciados Reunidos»",
        "Μελετητική επίσκεψη: το σχολείο «Licenciados Reunidos»"),
     "Colegio Licenciados Reunidos", "", 20, [], ["colegio-licenciados-reunidos"], "public", "es"),
    (1, "09:00", "13:30", "study_visit",
     _t("Study visit: Cooprado's shepherd school", "Studienbesuch: die Hirtenschule von Cooprado",
        "Visita de estudio: la escuela de pastores de Cooprado",
        "Μελετητική επίσκεψη: η σχολή βοσκών της Cooprado"),
     "Escuela de Pastores, Fundación Cooprado", "", 15, [], ["fundacion-cooprado"], "public", "es"),
    (1, "14:00", "15:30", "meal", _t("Lunch", "Mittagessen", "Almuerzo", "Γεύμα"),
     MAIN, "Hall", None, [], [], "participants", ""),
    (1, "16:00", "17:30", "workshop",
     _t("Lessons from the study visits", "Lehren aus den Studienbesuchen",
        "Lecciones de las visitas de estudio", "Διδάγματα από τις μελετητικές επισκέψεις"),
     MAIN, "Plenary room", None, [], [], "public", "en"),
    (2, "09:30", "11:00", "steering_committee",
     _t("Steering committee: progress review", "Lenkungsausschuss: Überprüfung des Fortschritts",
        "Comité de dirección: revisión del avance", "Διευθύνουσα επιτροπή: επισκόπηση της προόδου"),
     MAIN, "Meeting room", None, ["region-of-peloponnese"], [], "public", "en"),
    (2, "11:00", "11:30", "meal", _t("Coffee break", "Kaffeepause", "Pausa café", "Διάλειμμα για καφέ"),
     MAIN, "Hall", None, [], [], "participants", ""),
    (2, "11:30", "12:30", "presentation",
     _t("KMOP: research results on the social economy in rural areas",
        "KMOP: Forschungsergebnisse zur Sozialwirtschaft im ländlichen Raum",
        "KMOP: resultados de investigación sobre la economía social en zonas rurales",
        "ΚΜΟΠ: ερευνητικά αποτελέσματα για την κοινωνική οικονομία στις αγροτικές περιοχές"),
     MAIN, "Meeting room", None, ["kmop"], [], "public", "en"),
    (2, "12:30", "13:30", "steering_committee",
     _t("Steering committee: next steps", "Lenkungsausschuss: nächste Schritte",
        "Comité de dirección: próximos pasos", "Διευθύνουσα επιτροπή: επόμενα βήματα"),
     MAIN, "Meeting room", None, ["region-of-peloponnese"], [], "public", "en"),
    (2, "15:00", "16:00", "steering_committee",
     _t("Budget and reporting (partners only)", "Budget und Berichte (nur Partner)",
        "Presupuesto e informes (solo socios)", "Προϋπολογισμός και αναφορές (μόνο εταίροι)"),
     MAIN, "Meeting room", None, ["region-of-peloponnese"], [], "committee", "en"),
    (3, "09:30", "11:00", "workshop",
     _t("Peer review of the regional action plans", "Peer-Review der regionalen Aktionspläne",
        "Revisión entre pares de los planes de acción regionales",
        "Αξιολόγηση από ομοτίμους των περιφερειακών σχεδίων δράσης"),
     MAIN, "Plenary room", None, [], [], "participants", "en"),
    (3, "11:00", "11:45", "other",
     _t("Conclusions and closing", "Schlussfolgerungen und Abschluss", "Conclusiones y clausura",
        "Συμπεράσματα και λήξη"),
     MAIN, "Plenary room", None, ["junta-de-extremadura", "region-of-peloponnese"], [], "public", "en"),
]


#: Good practices presented or visited in Cáceres: session (English title) → the practice's main
#: institution (its stable key in secon.demo.practices, where each institution has one practice).
CACERES_PRACTICES = {
    "REMUDARTE: work integration through textile reuse": "remudarte",
    "PLACEAT: jobs and services with people with intellectual disabilities": "placeat",
    "ACTYVA: a cooperative for sustainable local business": "actyva",
    "Study visit: Cooprado's shepherd school": "fundacion-cooprado",
}


#: Fictitious participants: (first name, last name, language, partner number or None, organisation, visit)
# fmt: off
CACERES_PEOPLE = [
    ("Eleni", "Georgiou", "el", 1, "", 0), ("Nikos", "Antoniou", "el", 1, "", 1),
    ("Sofia", "Pappa", "el", 1, "", 2), ("Katrin", "Weber", "de", 2, "", 0),
    ("Jonas", "Hoffmann", "de", 2, "", 1), ("Lies", "Peeters", "en", 3, "", 0),
    ("Wout", "Janssens", "en", 3, "", 2), ("Andrea", "Kovács", "en", 4, "", 0),
    ("Levente", "Szabó", "en", 4, "", 1), ("Magdalena", "Nowak", "en", 5, "", 0),
    ("Piotr", "Wiśniewski", "en", 5, "", 2), ("Inês", "Costa", "en", 6, "", 0),
    ("Rui", "Ferreira", "en", 6, "", 1), ("Anna", "Bērziņa", "en", 7, "", 0),
    ("Jānis", "Ozols", "en", 7, "", 2), ("Lucía", "Martín", "es", 8, "", 0),
    ("Javier", "Sánchez", "es", 8, "", 1), ("Carmen", "Rodríguez", "es", 8, "", 2),
    ("Ivan", "Petrov", "en", 9, "", 0), ("Maria", "Dimitrova", "en", 9, "", 1),
    ("Dimitra", "Ioannou", "el", 10, "", 0), ("Giorgos", "Vlachos", "el", 10, "", 2),
    ("Pilar", "Gómez", "es", None, "REMUDARTE", 0), ("Manuel", "Díaz", "es", None, "PLACEAT", 0),
    ("Rosa", "Hernández", "es", None, "ACTYVA S. Coop.", 0), ("Antonio", "Moreno", "es", None, "Universidad de Extremadura", 0),
    ("Elena", "Muñoz", "es", None, "AGENEX", 1), ("Francisco", "Álvarez", "es", None, "Cooperativa agraria", 0),
    ("Teresa", "Romero", "es", None, "Asociación de mujeres rurales", 1), ("David", "Navarro", "es", None, "Empresa de inserción", 2),
    ("Laura", "Torres", "es", None, "Cooperativa de enseñanza", 1), ("Sergio", "Ramos", "es", None, "Ayuntamiento", 0),
    ("Marta", "Gil", "es", None, "Red de economía social", 0), ("Alberto", "Serrano", "es", None, "Fundación local", 2),
    ("Cristina", "Molina", "es", None, "Cooperativa de consumo", 2), ("Raúl", "Ortega", "es", None, "Centro especial de empleo", 1),
]


# fmt: on
#: Who was checked in on which day (indexes into CACERES_PEOPLE; all confirmed except these).
ABSENT = {5: [3], 12: [2, 3], 30: [0]}


KALAMATA = {
    "slug": "kalamata-2023",
    "kind": "project_meeting",
    "title": {
        "en": "SECON kick-off meeting in Kalamata",
        "de": "SECON-Auftakttreffen in Kalamata",
        "es": "Reunión de lanzamiento de SECON en Kalamata",
        "el": "Εναρκτήρια συνάντηση του SECON στην Καλαμάτα",
    },
    "description": _with_note(
        {
            "en": "The ten partners start the project in Kalamata, hosted by the lead partner, the Region of Peloponnese.",
            "de": "Die zehn Partner starten das Projekt in Kalamata, ausgerichtet vom Lead-Partner, der Region Peloponnes.",
            "es": "Los diez socios ponen en marcha el proyecto en Kalamata, acogidos por el socio principal, la Región del Peloponeso.",
            "el": "Οι δέκα εταίροι ξεκινούν το έργο στην Καλαμάτα, με οικοδεσπότη τον επικεφαλής εταίρο, την Περιφέρεια Πελοποννήσου.",
        }
    ),
    "start_date": datetime.date(2023, 5, 24),
    "end_date": datetime.date(2023, 5, 25),
    "time_zone": "Europe/Athens",
    "city": "Kalamata",
    "country": "GR",
    "status": "published",
    "is_public": False,
    "languages": ["en"],
}


# fmt: off
KALAMATA_SESSIONS = [
    (0, "10:00", "10:45", "opening",
     _t("Welcome by the Region of Peloponnese", "Begrüßung durch die Region Peloponnes",
        "Bienvenida de la Región del Peloponeso", "Καλωσόρισμα από την Περιφέρεια Πελοποννήσου"),
     None, "", None, ["region-of-peloponnese"], [], "public", "en"),
    (0, "11:00", "13:00", "presentation",
     _t("The partners and their regions", "Die Partner und ihre Regionen", "Los socios y sus regiones",
        "Οι εταίροι και οι περιφέρειές τους"),
     None, "", None, [], [], "public", "en"),
    (0, "14:30", "17:00", "workshop",
     _t("Work plan of the first semester", "Arbeitsplan des ersten Semesters", "Plan de trabajo del primer semestre",
        "Πρόγραμμα εργασιών του πρώτου εξαμήνου"),
     None, "", None, ["kmop"], [], "public", "en"),
    (1, "09:30", "12:30", "steering_committee",
     _t("First steering committee meeting", "Erste Sitzung des Lenkungsausschusses",
        "Primera reunión del comité de dirección", "Πρώτη συνεδρίαση της διευθύνουσας επιτροπής"),
     None, "", None, ["region-of-peloponnese"], [], "public", "en"),
]


SEMINAR = {
    "slug": "harghita-seminar-2027",
    "kind": "thematic_seminar",
    "title": {
        "en": "Interregional thematic seminar: measuring the impact of the social economy",
        "de": "Interregionales Themenseminar: die Wirkung der Sozialwirtschaft messen",
        "es": "Seminario temático interregional: medir el impacto de la economía social",
        "el": "Διαπεριφερειακό θεματικό σεμινάριο: μέτρηση του αντίκτυπου της κοινωνικής οικονομίας",
    },
    "description": {
        "en": (
            "Harghita County Council plans an interregional thematic seminar on monitoring and "
            "evaluating the social economy's impact. The date and programme shown here are "
            "illustrative placeholders for the demo."
        ),
        "de": (
            "Der Kreisrat Harghita plant ein interregionales Themenseminar zur Beobachtung und "
            "Bewertung der Wirkung der Sozialwirtschaft. Datum und Programm sind Platzhalter für die Demo."
        ),
        "es": (
            "El Consejo del Condado de Harghita prepara un seminario temático interregional sobre el "
            "seguimiento y la evaluación del impacto de la economía social. La fecha y el programa "
            "son marcadores ilustrativos para la demostración."
        ),
        "el": (
            "Το Νομαρχιακό Συμβούλιο της Χαργκίτα σχεδιάζει διαπεριφερειακό θεματικό σεμινάριο για "
            "την παρακολούθηση και αξιολόγηση του αντίκτυπου της κοινωνικής οικονομίας. Η ημερομηνία "
            "και το πρόγραμμα είναι ενδεικτικά για την επίδειξη."
        ),
    },
    "start_date": datetime.date(2027, 3, 16),
    "end_date": datetime.date(2027, 3, 17),
    "time_zone": "Europe/Bucharest",
    "city": "Miercurea Ciuc",
    "country": "RO",
    "status": "published",
    "is_public": True,
    "registration_closes_at": datetime.datetime(
        2027, 3, 5, 23, 59, tzinfo=zoneinfo.ZoneInfo("Europe/Bucharest")
    ),
    "capacity": 60,
    "delegate_quota": 4,
    "languages": ["en", "ro"],
    "interpretation": ["en"],
}


# fmt: off
SEMINAR_SESSIONS = [
    (0, "09:30", "10:00", "opening",
     _t("Welcome", "Begrüßung", "Bienvenida", "Καλωσόρισμα"), None, "", None, ["harghita-county-council"], [], "public", "en"),
    (0, "10:00", "12:30", "workshop",
     _t("A monitoring and evaluation framework for social-economy impact",
        "Ein Monitoring- und Evaluierungsrahmen für die Wirkung der Sozialwirtschaft",
        "Un marco de seguimiento y evaluación del impacto de la economía social",
        "Ένα πλαίσιο παρακολούθησης και αξιολόγησης του αντίκτυπου της κοινωνικής οικονομίας"),
     None, "", None, ["harghita-county-council"], [], "public", "en"),
    (1, "09:00", "13:00", "study_visit",
     _t("Study visit to a local social enterprise", "Studienbesuch bei einem lokalen Sozialunternehmen",
        "Visita de estudio a una empresa social local", "Μελετητική επίσκεψη σε τοπική κοινωνική επιχείρηση"),
     None, "", 20, [], [], "public", "en"),
]
