"""How the organisations around the Cáceres meeting are named in running text (en, de, es, el).

Forms a language cannot derive from the nominative and the gender (Greek genitives, German
genitives of masculine nouns) are given; see communications/drafting/grammar.py.
"""

#: organisation slug → {language: (gender, {case: form})}
NAME_FORMS = {
    "junta-de-extremadura": {
        "en": (
            "",
            {
                "nom": "the Directorate-General for Cooperatives and Social Economy of the Junta de Extremadura"
            },
        ),
        "de": (
            "f",
            {
                "nom": "die Generaldirektion für Genossenschaften und Sozialwirtschaft der Junta de Extremadura"
            },
        ),
        "es": (
            "f",
            {"nom": "la Dirección General de Cooperativas y Economía Social de la Junta de Extremadura"},
        ),
        "el": (
            "f",
            {
                "nom": "η Γενική Διεύθυνση Συνεταιρισμών και Κοινωνικής Οικονομίας της Junta de Extremadura",
                "gen": "της Γενικής Διεύθυνσης Συνεταιρισμών και Κοινωνικής Οικονομίας της Junta de Extremadura",
                "acc": "τη Γενική Διεύθυνση Συνεταιρισμών και Κοινωνικής Οικονομίας της Junta de Extremadura",
            },
        ),
    },
    "region-of-peloponnese": {
        "en": ("", {"nom": "the Region of Peloponnese"}),
        "de": ("f", {"nom": "die Region Peloponnes"}),
        "es": ("f", {"nom": "la Región del Peloponeso"}),
        "el": (
            "f",
            {
                "nom": "η Περιφέρεια Πελοποννήσου",
                "gen": "της Περιφέρειας Πελοποννήσου",
                "acc": "την Περιφέρεια Πελοποννήσου",
            },
        ),
    },
    "universidad-de-extremadura": {
        "en": ("", {"nom": "the University of Extremadura"}),
        "de": ("f", {"nom": "die Universität Extremadura"}),
        "es": ("f", {"nom": "la Universidad de Extremadura"}),
        "el": (
            "n",
            {"nom": "το Πανεπιστήμιο της Εξτρεμαδούρας", "gen": "του Πανεπιστημίου της Εξτρεμαδούρας"},
        ),
    },
    "agenex": {
        "en": ("", {"nom": "AGENEX (Extremadura Energy Agency)"}),
        "de": ("", {"nom": "AGENEX (Energieagentur der Extremadura)"}),
        "es": ("", {"nom": "AGENEX (Agencia Extremeña de la Energía)"}),
        "el": ("f", {"nom": "η AGENEX (Ενεργειακός Οργανισμός της Εξτρεμαδούρας)"}),
    },
    "kmop": {
        "en": ("", {"nom": "KMOP (Social Action and Innovation Centre)"}),
        "de": ("", {"nom": "KMOP (Zentrum für soziales Handeln und Innovation)"}),
        "es": ("", {"nom": "KMOP (Centro de Acción Social e Innovación)"}),
        "el": ("n", {"nom": "το ΚΜΟΠ (Κέντρο Κοινωνικής Δράσης και Καινοτομίας)"}),
    },
    "ccmiju": {
        "en": ("", {"nom": "the Jesús Usón Minimally Invasive Surgery Centre (JUMISC)"}),
        "de": ("n", {"nom": "das Jesús-Usón-Zentrum für minimalinvasive Chirurgie (JUMISC)"}),
        "es": ("m", {"nom": "el Centro de Cirugía de Mínima Invasión Jesús Usón"}),
        "el": ("n", {"nom": "το Κέντρο Ελάχιστα Επεμβατικής Χειρουργικής Jesús Usón"}),
    },
    "colegio-licenciados-reunidos": {
        "en": ("", {"nom": "the school “Licenciados Reunidos”"}),
        "de": ("f", {"nom": "die Bildungseinrichtung „Licenciados Reunidos“"}),
        "es": ("m", {"nom": "el colegio «Licenciados Reunidos»"}),
        "el": ("n", {"nom": "το σχολείο «Licenciados Reunidos»"}),
    },
    "fundacion-cooprado": {
        "en": ("", {"nom": "the shepherd school of the Cooprado Foundation"}),
        "de": ("f", {"nom": "die Hirtenschule der Cooprado-Stiftung"}),
        "es": ("f", {"nom": "la Escuela de Pastores de la Fundación Cooprado"}),
        "el": (
            "f",
            {"nom": "η Σχολή Βοσκών του Ιδρύματος Cooprado", "acc": "τη Σχολή Βοσκών του Ιδρύματος Cooprado"},
        ),
    },
}

#: The Cáceres press release is drafted as an announcement, like the partners' own release of October 2024.
PRESS_LANGUAGES = ["de", "en", "es", "el"]
