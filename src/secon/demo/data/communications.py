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

#: Two news items, published in four languages (facts from the public SECON pages and the seed).
NEWS = [
    {
        "slug": "caceres-study-visits",
        "kind": "news",
        "source_language": "en",
        "texts": {
            "en": (
                "Study visits in Cáceres: a surgery centre, a school and a shepherd school",
                "On the second day of the Cáceres meeting the partners visited three places where the social economy works.",
                "On 23 October 2024 the SECON partners left the meeting room for three study visits around Cáceres: "
                "the **Jesús Usón Minimally Invasive Surgery Centre**, the school **“Licenciados Reunidos”** and the "
                "**shepherd school of the Cooprado Foundation** in Casar de Cáceres.\n\n"
                "The visits complement the presentations of REMUDARTE, PLACEAT and ACTYVA on the first day. "
                "Each partner now checks which of these practices could inspire its own region's policy.",
            ),
            "de": (
                "Studienbesuche in Cáceres: ein Chirurgiezentrum, eine Schule und eine Hirtenschule",
                "Am zweiten Tag des Treffens in Cáceres besuchten die Partner drei Orte, an denen Sozialwirtschaft wirkt.",
                "Am 23. Oktober 2024 verließen die SECON-Partner den Sitzungssaal für drei Studienbesuche rund um Cáceres: "
                "das **Jesús-Usón-Zentrum für minimalinvasive Chirurgie**, die Schule **„Licenciados Reunidos“** und die "
                "**Hirtenschule der Cooprado-Stiftung** in Casar de Cáceres.\n\n"
                "Die Besuche ergänzen die Präsentationen von REMUDARTE, PLACEAT und ACTYVA am ersten Tag. "
                "Jeder Partner prüft nun, welche dieser Praktiken die Politik seiner Region anregen könnte.",
            ),
            "es": (
                "Visitas de estudio en Cáceres: un centro quirúrgico, un colegio y una escuela de pastores",
                "En la segunda jornada del encuentro de Cáceres, los socios visitaron tres lugares donde actúa la economía social.",
                "El 23 de octubre de 2024 los socios de SECON salieron de la sala de reuniones para hacer tres visitas de "
                "estudio en Cáceres y su entorno: el **Centro de Cirugía de Mínima Invasión Jesús Usón**, el colegio "
                "**«Licenciados Reunidos»** y la **Escuela de Pastores de la Fundación Cooprado** en Casar de Cáceres.\n\n"
                "Las visitas completan las presentaciones de REMUDARTE, PLACEAT y ACTYVA del primer día. Cada socio "
                "estudia ahora qué prácticas pueden inspirar la política de su región.",
            ),
            "el": (
                "Μελετητικές επισκέψεις στο Cáceres: ένα χειρουργικό κέντρο, ένα σχολείο και μια σχολή βοσκών",
                "Τη δεύτερη ημέρα της συνάντησης στο Cáceres οι εταίροι επισκέφθηκαν τρεις χώρους όπου δρα η κοινωνική οικονομία.",
                "Στις 23 Οκτωβρίου 2024 οι εταίροι του SECON πραγματοποίησαν τρεις μελετητικές επισκέψεις γύρω από το "
                "Cáceres: στο **Κέντρο Ελάχιστα Επεμβατικής Χειρουργικής Jesús Usón**, στο σχολείο **«Licenciados "
                "Reunidos»** και στη **Σχολή Βοσκών του Ιδρύματος Cooprado** στο Casar de Cáceres.\n\n"
                "Οι επισκέψεις συμπληρώνουν τις παρουσιάσεις των REMUDARTE, PLACEAT και ACTYVA της πρώτης ημέρας. "
                "Κάθε εταίρος εξετάζει τώρα ποιες πρακτικές μπορούν να εμπνεύσουν την πολιτική της περιφέρειάς του.",
            ),
        },
    },
    {
        "slug": "good-practice-library-open",
        "kind": "news",
        "source_language": "en",
        "texts": {
            "en": (
                "The SECON good-practice library is open",
                "Practices from the partner regions can now be searched in every project language.",
                "The good practices the SECON partners present at their meetings are now collected in a public "
                "library: each with its region, the problem it solves, its results and who to contact.\n\n"
                "Search it in your language, filter by theme and region, and follow the transfers of a practice "
                "from one region to another.",
            ),
            "de": (
                "Die Bibliothek guter Praktiken von SECON ist online",
                "Praktiken aus den Partnerregionen lassen sich jetzt in jeder Projektsprache durchsuchen.",
                "Die guten Praktiken, die die SECON-Partner bei ihren Treffen vorstellen, sind jetzt in einer "
                "öffentlichen Bibliothek gesammelt: jede mit ihrer Region, dem Problem, das sie löst, ihren "
                "Ergebnissen und einer Ansprechperson.\n\n"
                "Suchen Sie in Ihrer Sprache, filtern Sie nach Thema und Region und verfolgen Sie, wie eine Praxis "
                "von einer Region in eine andere übertragen wird.",
            ),
            "es": (
                "Abre la biblioteca de buenas prácticas de SECON",
                "Las prácticas de las regiones socias ya se pueden buscar en todos los idiomas del proyecto.",
                "Las buenas prácticas que los socios de SECON presentan en sus encuentros se recogen ahora en una "
                "biblioteca pública: cada una con su región, el problema que resuelve, sus resultados y una persona "
                "de contacto.\n\n"
                "Busque en su idioma, filtre por tema y región y siga la transferencia de una práctica de una región "
                "a otra.",
            ),
            "el": (
                "Άνοιξε η βιβλιοθήκη καλών πρακτικών του SECON",
                "Οι πρακτικές των περιφερειών-εταίρων αναζητούνται πλέον σε όλες τις γλώσσες του έργου.",
                "Οι καλές πρακτικές που παρουσιάζουν οι εταίροι του SECON στις συναντήσεις τους συγκεντρώνονται πλέον "
                "σε μια δημόσια βιβλιοθήκη: η καθεμία με την περιφέρειά της, το πρόβλημα που λύνει, τα αποτελέσματά "
                "της και ένα πρόσωπο επικοινωνίας.\n\n"
                "Αναζητήστε στη γλώσσα σας, φιλτράρετε ανά θέμα και περιφέρεια και παρακολουθήστε τη μεταφορά μιας "
                "πρακτικής από μια περιφέρεια σε άλλη.",
            ),
        },
    },
]

#: The sent newsletter: made-up readers (example.org), one English issue with the two news items.
NEWSLETTER = {
    "language": "en",
    "subject": "SECON news: Cáceres meeting and the good-practice library",
    "introduction": "Dear reader,\n\nhere is what happened in SECON this autumn.",
    "subscribers": [
        ("reader1@example.org", "en"),
        ("reader2@example.org", "en"),
        ("leser@example.org", "de"),
        ("lectora@example.org", "es"),
    ],
}


#: The project's own look (colours that pass WCAG AA with white and the pages' light grey; the
#: programme's funding statement). The logos are drawn by ``demo/logos.py``: SECON's own mark, and for
#: the programme an illustrative placeholder (labelled so on the image), not the programme's trademark.
LOOK = {
    "primary_colour": "#14532d",
    "accent_colour": "#9a3412",
    "funding_statement": {
        "en": "SECON is co-funded by the European Union through the Interreg Europe programme.",
        "de": "SECON wird von der Europäischen Union über das Programm Interreg Europe kofinanziert.",
        "es": "SECON está cofinanciado por la Unión Europea a través del programa Interreg Europe.",
        "el": "Το SECON συγχρηματοδοτείται από την Ευρωπαϊκή Ένωση μέσω του προγράμματος Interreg Europe.",
    },
}
