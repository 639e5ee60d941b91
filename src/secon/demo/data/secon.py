"""The SECON project, its partners and the organisations around the Cáceres meeting.

Facts from ../shared/reference/secon-facts.md (public sources); every text is written anew.
Where a fact is unverified, the record says so in its internal notes and the field stays empty.
"""

import datetime

PROJECT = {
    "slug": "secon",
    "acronym": "SECON",
    "title": {
        "en": "Social Economy: Regional Policies for supporting Social Economy Enterprises",
        "de": "Sozialwirtschaft: Regionale Politiken zur Unterstützung von Sozialunternehmen",
        "es": "Economía social: políticas regionales de apoyo a las empresas de economía social",
        "el": "Κοινωνική Οικονομία: Περιφερειακές πολιτικές για τη στήριξη των επιχειρήσεων κοινωνικής οικονομίας",
    },
    "summary": {
        "en": (
            "Ten partners from nine European countries compare how their regions support cooperatives "
            "and social enterprises, learn from each other's practices and improve one policy "
            "instrument in each region. The project pays special attention to rural areas, where "
            "social-economy enterprises keep services, jobs and communities alive."
        ),
        "de": (
            "Zehn Partner aus neun europäischen Ländern vergleichen, wie ihre Regionen Genossenschaften "
            "und Sozialunternehmen fördern, lernen aus den Praktiken der anderen und verbessern in jeder "
            "Region ein politisches Instrument. Besonderes Augenmerk gilt dem ländlichen Raum, wo "
            "Unternehmen der Sozialwirtschaft Dienstleistungen, Arbeitsplätze und Gemeinschaften erhalten."
        ),
        "es": (
            "Diez socios de nueve países europeos comparan cómo sus regiones apoyan a las cooperativas y "
            "a las empresas sociales, aprenden de las prácticas de los demás y mejoran un instrumento de "
            "política en cada región. El proyecto presta especial atención a las zonas rurales, donde las "
            "empresas de economía social mantienen servicios, empleo y comunidades."
        ),
        "el": (
            "Δέκα εταίροι από εννέα ευρωπαϊκές χώρες συγκρίνουν πώς οι περιφέρειές τους στηρίζουν τους "
            "συνεταιρισμούς και τις κοινωνικές επιχειρήσεις, μαθαίνουν ο ένας από τις πρακτικές του "
            "άλλου και βελτιώνουν ένα εργαλείο πολιτικής σε κάθε περιφέρεια. Ιδιαίτερη έμφαση δίνεται "
            "στις αγροτικές περιοχές, όπου οι επιχειρήσεις κοινωνικής οικονομίας κρατούν ζωντανές "
            "υπηρεσίες, θέσεις εργασίας και κοινότητες."
        ),
    },
    "objectives": {
        "en": (
            "Make consumers more aware of what social-economy enterprises produce\n"
            "Open responsible public procurement, finance and income-generating support to social enterprises\n"
            "Strengthen business support and capacity building for the sector\n"
            "Give the social economy a larger part in the green and digital transitions\n"
            "Encourage more social innovation in the partner regions"
        ),
        "de": (
            "Verbraucherinnen und Verbraucher stärker auf Produkte der Sozialwirtschaft aufmerksam machen\n"
            "Sozialunternehmen Zugang zu verantwortungsvoller öffentlicher Beschaffung, Finanzierung und einkommensschaffender Förderung geben\n"
            "Unternehmensberatung und Kompetenzaufbau für den Sektor stärken\n"
            "Der Sozialwirtschaft eine größere Rolle beim grünen und digitalen Wandel geben\n"
            "Mehr soziale Innovation in den Partnerregionen anstoßen"
        ),
        "es": (
            "Dar a conocer mejor a los consumidores lo que producen las empresas de economía social\n"
            "Abrir a las empresas sociales la contratación pública responsable, la financiación y el apoyo a la generación de ingresos\n"
            "Reforzar el asesoramiento empresarial y la capacitación del sector\n"
            "Dar a la economía social un papel mayor en las transiciones verde y digital\n"
            "Impulsar más innovación social en las regiones socias"
        ),
        "el": (
            "Να γνωρίσουν καλύτερα οι καταναλωτές τα προϊόντα των επιχειρήσεων κοινωνικής οικονομίας\n"
            "Να αποκτήσουν οι κοινωνικές επιχειρήσεις πρόσβαση σε υπεύθυνες δημόσιες προμήθειες, χρηματοδότηση και στήριξη για τη δημιουργία εισοδήματος\n"
            "Να ενισχυθούν η επιχειρηματική υποστήριξη και η ανάπτυξη ικανοτήτων του τομέα\n"
            "Να αποκτήσει η κοινωνική οικονομία μεγαλύτερο ρόλο στην πράσινη και την ψηφιακή μετάβαση\n"
            "Να ενθαρρυνθεί περισσότερη κοινωνική καινοτομία στις περιφέρειες των εταίρων"
        ),
    },
    "programme": "Interreg Europe 2021-2027",
    "reference": "01C0224",
    "start_date": datetime.date(2023, 3, 1),
    "end_date": datetime.date(2027, 5, 31),
    "core_months": 36,
    "follow_up_months": 12,
    "period_months": 6,
    "content_languages": ["en", "el", "de", "es", "nl", "ro", "pl", "pt", "lv", "bg"],
    "website": "https://www.interregeurope.eu/secon",
    "facebook_url": "https://www.facebook.com/profile.php?id=100093083107402",
    "linkedin_url": "https://www.linkedin.com/company/93265886/",
    "x_url": "https://twitter.com/SeconProject_eu",
    "is_public": True,
}

#: Names of the partner regions in the four interface languages (the official NUTS label stays).
REGION_NAMES = {
    "EL65": {"en": "Peloponnese", "de": "Peloponnes", "es": "Peloponeso", "el": "Πελοπόννησος"},
    "DE12": {"en": "Karlsruhe", "de": "Karlsruhe", "es": "Karlsruhe", "el": "Καρλσρούη"},
    "DE71": {"en": "Darmstadt", "de": "Darmstadt", "es": "Darmstadt", "el": "Ντάρμσταντ"},
    "DEB3": {
        "en": "Rheinhessen-Pfalz",
        "de": "Rheinhessen-Pfalz",
        "es": "Renania-Hesse-Palatinado",
        "el": "Ρηνανία-Έσση-Παλατινάτο",
    },
    "BE24": {
        "en": "Flemish Brabant",
        "de": "Flämisch-Brabant",
        "es": "Brabante Flamenco",
        "el": "Φλαμανδικό Βραβάντη",
    },
    "RO124": {"en": "Harghita", "de": "Harghita", "es": "Harghita", "el": "Χαργκίτα"},
    "PL91": {
        "en": "Warsaw capital region",
        "de": "Hauptstadtregion Warschau",
        "es": "Región de la capital, Varsovia",
        "el": "Περιφέρεια πρωτεύουσας Βαρσοβίας",
    },
    "PL92": {
        "en": "Mazowiecki regional",
        "de": "Masowien (Region)",
        "es": "Mazovia regional",
        "el": "Περιφερειακή Μαζοβία",
    },
    "PT11A": {
        "en": "Porto Metropolitan Area",
        "de": "Metropolregion Porto",
        "es": "Área Metropolitana de Oporto",
        "el": "Μητροπολιτική περιοχή Πόρτο",
    },
    "LV00A": {"en": "Riga", "de": "Riga", "es": "Riga", "el": "Ρίγα"},
    "ES43": {"en": "Extremadura", "de": "Extremadura", "es": "Extremadura", "el": "Εστρεμαδούρα"},
    "ES432": {"en": "Cáceres", "de": "Cáceres", "es": "Cáceres", "el": "Κάθερες"},
    "BG422": {"en": "Haskovo", "de": "Haskowo", "es": "Haskovo", "el": "Χάσκοβο"},
    "EL303": {
        "en": "Central Athens",
        "de": "Zentrales Athen",
        "es": "Atenas Central",
        "el": "Κεντρικός Τομέας Αθηνών",
    },
}

# (number, role, region codes, organisation)
PARTNERS = [
    (
        1,
        "lead",
        ["EL65"],
        {
            "slug": "region-of-peloponnese",
            "name": "Region of Peloponnese",
            "legal_name": "Περιφέρεια Πελοποννήσου",
            "kind": "public_authority",
            "region": "EL65",
            "city": "Tripoli",
            "latitude": "37.510600",
            "longitude": "22.372000",
            "website": "https://www.ppel.gov.gr",
            "description": {
                "en": "Regional government of the Peloponnese and lead partner of SECON; it chairs the steering committee.",
                "de": "Regionalregierung des Peloponnes und federführender Partner von SECON; sie leitet den Lenkungsausschuss.",
                "es": "Gobierno regional del Peloponeso y socio principal de SECON; preside el comité de dirección.",
                "el": "Η περιφερειακή αυτοδιοίκηση της Πελοποννήσου, επικεφαλής εταίρος του SECON· προεδρεύει της συντονιστικής επιτροπής.",
            },
        },
    ),
    (
        2,
        "partner",
        ["DE12", "DE71", "DEB3"],
        {
            "slug": "verband-region-rhein-neckar",
            "name": "Verband Region Rhein-Neckar",
            "acronym": "VRRN",
            "kind": "public_authority",
            "region": "DE12",
            "city": "Mannheim",
            "latitude": "49.487500",
            "longitude": "8.466000",
            "description": {
                "en": "Regional association of the Rhine-Neckar metropolitan region, which spans parts of three German states.",
                "de": "Regionalverband der Metropolregion Rhein-Neckar, die sich über Teile von drei Bundesländern erstreckt.",
                "es": "Asociación regional del área metropolitana Rin-Neckar, que abarca partes de tres estados federados alemanes.",
                "el": "Περιφερειακή ένωση της μητροπολιτικής περιοχής Ρήνου-Νέκαρ, που εκτείνεται σε τμήματα τριών γερμανικών ομόσπονδων κρατιδίων.",
            },
        },
    ),
    (
        3,
        "partner",
        ["BE24"],
        {
            "slug": "province-of-flemish-brabant",
            "name": "Province of Flemish Brabant",
            "legal_name": "Provincie Vlaams-Brabant",
            "kind": "public_authority",
            "region": "BE24",
            "city": "Leuven",
            "latitude": "50.879800",
            "longitude": "4.700500",
            "description": {
                "en": "Provincial government; it launched its SECON stakeholder group in Diest on 28 August 2023.",
                "de": "Provinzverwaltung; sie hat ihre SECON-Stakeholdergruppe am 28. August 2023 in Diest gegründet.",
                "es": "Gobierno provincial; puso en marcha su grupo de actores de SECON en Diest el 28 de agosto de 2023.",
                "el": "Επαρχιακή αυτοδιοίκηση· ξεκίνησε την ομάδα ενδιαφερόμενων φορέων του SECON στο Ντιστ στις 28 Αυγούστου 2023.",
            },
        },
    ),
    (
        4,
        "partner",
        ["RO124"],
        {
            "slug": "harghita-county-council",
            "name": "Harghita County Council",
            "legal_name": "Consiliul Județean Harghita",
            "kind": "public_authority",
            "region": "RO124",
            "city": "Miercurea Ciuc",
            "latitude": "46.359000",
            "longitude": "25.801700",
            "description": {
                "en": "County council preparing an interregional thematic seminar and a framework to monitor and evaluate the social economy's impact.",
                "de": "Kreisrat, der ein interregionales Themenseminar und einen Rahmen zur Wirkungsmessung der Sozialwirtschaft vorbereitet.",
                "es": "Consejo provincial que prepara un seminario temático interregional y un marco para seguir y evaluar el impacto de la economía social.",
                "el": "Νομαρχιακό συμβούλιο που προετοιμάζει διαπεριφερειακό θεματικό σεμινάριο και πλαίσιο παρακολούθησης και αξιολόγησης του αντίκτυπου της κοινωνικής οικονομίας.",
            },
        },
    ),
    (
        5,
        "partner",
        ["PL91", "PL92"],
        {
            "slug": "mazowieckie-region",
            "name": "Mazowieckie Region (Mazovian Voivodeship)",
            "legal_name": "Województwo Mazowieckie",
            "kind": "public_authority",
            "region": "PL92",
            "city": "Warsaw",
            "latitude": "52.229700",
            "longitude": "21.012200",
            "description": {
                "en": "Regional self-government of Mazovia; its policy instrument is the programme European Funds for Mazovia 2021-2027.",
                "de": "Regionale Selbstverwaltung Masowiens; ihr Politikinstrument ist das Programm Europäische Fonds für Masowien 2021–2027.",
                "es": "Autogobierno regional de Mazovia; su instrumento de política es el programa Fondos Europeos para Mazovia 2021-2027.",
                "el": "Περιφερειακή αυτοδιοίκηση της Μαζοβίας· εργαλείο πολιτικής της είναι το πρόγραμμα «Ευρωπαϊκά Ταμεία για τη Μαζοβία 2021-2027».",
            },
        },
    ),
    (
        6,
        "partner",
        ["PT11A"],
        {
            "slug": "municipality-of-oliveira-de-azemeis",
            "name": "Municipality of Oliveira de Azeméis",
            "legal_name": "Câmara Municipal de Oliveira de Azeméis",
            "kind": "public_authority",
            "region": "PT11A",
            "city": "Oliveira de Azeméis",
            "latitude": "40.841000",
            "longitude": "-8.477000",
            "description": {
                "en": "Municipality in northern Portugal working towards a municipal plan for social innovation.",
                "de": "Gemeinde im Norden Portugals, die an einem kommunalen Plan für soziale Innovation arbeitet.",
                "es": "Municipio del norte de Portugal que trabaja en un plan municipal de innovación social.",
                "el": "Δήμος της βόρειας Πορτογαλίας που εργάζεται για ένα δημοτικό σχέδιο κοινωνικής καινοτομίας.",
            },
        },
    ),
    (
        7,
        "partner",
        ["LV00A"],
        {
            "slug": "riga-planning-region",
            "name": "Riga Planning Region",
            "legal_name": "Rīgas plānošanas reģions",
            "kind": "public_authority",
            "region": "LV00A",
            "city": "Riga",
            "latitude": "56.949600",
            "longitude": "24.105200",
            "description": {
                "en": "Planning region around the Latvian capital (NUTS 2024 LV00A, formerly LV006 and LV007).",
                "de": "Planungsregion um die lettische Hauptstadt (NUTS 2024 LV00A, früher LV006 und LV007).",
                "es": "Región de planificación en torno a la capital letona (NUTS 2024 LV00A, antes LV006 y LV007).",
                "el": "Περιφέρεια σχεδιασμού γύρω από τη λετονική πρωτεύουσα (NUTS 2024 LV00A, παλαιότερα LV006 και LV007).",
            },
        },
    ),
    (
        8,
        "partner",
        ["ES43"],
        {
            "slug": "junta-de-extremadura",
            "name": "Junta de Extremadura – DG Cooperatives and Social Economy",
            "legal_name": "Junta de Extremadura – Consejería de Agricultura, Desarrollo Rural, Población y Territorio",
            "acronym": "Junta de Extremadura",
            "kind": "public_authority",
            "region": "ES43",
            "city": "Mérida",
            "latitude": "38.916100",
            "longitude": "-6.343700",
            "description": {
                "en": "The regional ministry's Directorate-General for Cooperatives and Social Economy; host of the Cáceres meeting in October 2024.",
                "de": "Die Generaldirektion für Genossenschaften und Sozialwirtschaft des Regionalministeriums; Gastgeberin des Treffens in Cáceres im Oktober 2024.",
                "es": "La Dirección General de Cooperativas y Economía Social de la consejería; anfitriona del encuentro de Cáceres en octubre de 2024.",
                "el": "Η Γενική Διεύθυνση Συνεταιρισμών και Κοινωνικής Οικονομίας του περιφερειακού υπουργείου· οικοδεσπότης της συνάντησης του Κάθερες τον Οκτώβριο του 2024.",
            },
        },
    ),
    (
        9,
        "partner",
        ["BG422"],
        {
            "slug": "haskovo-municipality",
            "name": "Haskovo Municipality",
            "legal_name": "Община Хасково",
            "kind": "public_authority",
            "region": "BG422",
            "city": "Haskovo",
            "latitude": "41.934400",
            "longitude": "25.555400",
            "description": {
                "en": "Municipality in southern Bulgaria; it hosted a workshop and study visit on consumer awareness in the second semester.",
                "de": "Gemeinde in Südbulgarien; im zweiten Semester war sie Gastgeberin eines Workshops mit Studienbesuch zum Verbraucherbewusstsein.",
                "es": "Municipio del sur de Bulgaria; en el segundo semestre acogió un taller y una visita de estudio sobre la sensibilización de los consumidores.",
                "el": "Δήμος της νότιας Βουλγαρίας· φιλοξένησε εργαστήριο και μελετητική επίσκεψη για την ευαισθητοποίηση των καταναλωτών στο δεύτερο εξάμηνο.",
            },
        },
    ),
    (
        10,
        "partner",
        ["EL303"],
        {
            "slug": "kmop",
            "name": "KMOP – Social Action and Innovation Centre",
            "acronym": "KMOP",
            "legal_name": "ΚΜΟΠ – Κέντρο Κοινωνικής Δράσης και Καινοτομίας",
            "kind": "ngo",
            "region": "EL303",
            "city": "Athens",
            "latitude": "37.983800",
            "longitude": "23.727500",
            "website": "https://www.kmop.gr",
            "description": {
                "en": "Non-governmental organisation founded in 1977; the project's research partner, author of its comparative reports.",
                "de": "1977 gegründete Nichtregierungsorganisation; Forschungspartner des Projekts und Autor seiner Vergleichsberichte.",
                "es": "Organización no gubernamental fundada en 1977; socio investigador del proyecto y autor de sus informes comparativos.",
                "el": "Μη κυβερνητική οργάνωση που ιδρύθηκε το 1977· ερευνητικός εταίρος του έργου και συντάκτης των συγκριτικών του εκθέσεων.",
            },
        },
    ),
]

#: Organisations named around the Cáceres meeting (not partners).
ORGANISATIONS = [
    {
        "slug": "remudarte",
        "name": "REMUDARTE",
        "kind": "work_integration",
        "region": "ES432",
        "city": "Cáceres",
        "latitude": "39.475300",
        "longitude": "-6.372400",
        "description": {
            "en": "Work-integration enterprise run by Cáritas Coria-Cáceres: it collects and reuses textiles, runs the shop “Moda re-” and offers personalised pathways into work.",
            "de": "Integrationsunternehmen von Cáritas Coria-Cáceres: sammelt und verwertet Textilien, betreibt den Laden „Moda re-“ und begleitet Menschen auf individuellen Wegen in Arbeit.",
            "es": "Empresa de inserción de Cáritas Coria-Cáceres: recoge y reutiliza textiles, gestiona la tienda «Moda re-» y ofrece itinerarios personalizados de inserción laboral.",
            "el": "Επιχείρηση κοινωνικής ένταξης της Cáritas Coria-Cáceres: συλλέγει και επαναχρησιμοποιεί υφάσματα, λειτουργεί το κατάστημα «Moda re-» και προσφέρει εξατομικευμένες διαδρομές προς την εργασία.",
        },
    },
    {
        "slug": "placeat",
        "name": "PLACEAT",
        "kind": "association",
        "region": "ES432",
        "city": "Plasencia",
        "latitude": "40.030300",
        "longitude": "-6.088400",
        "description": {
            "en": "Association of public utility for people with intellectual disabilities, founded in 1972, with a foundation and the special employment centre PLASER; member of Plena Inclusión, about 190 staff; it reports a social return above 3 to 1.",
            "de": "Gemeinnütziger Verein für Menschen mit geistiger Behinderung, gegründet 1972, mit Stiftung und dem Sonderbeschäftigungszentrum PLASER; Mitglied von Plena Inclusión, rund 190 Beschäftigte; er weist eine soziale Rendite von über 3 zu 1 aus.",
            "es": "Asociación de utilidad pública para personas con discapacidad intelectual, fundada en 1972, con una fundación y el centro especial de empleo PLASER; miembro de Plena Inclusión, unas 190 personas en plantilla; declara un retorno social superior a 3 a 1.",
            "el": "Σύλλογος κοινής ωφέλειας για άτομα με νοητική αναπηρία, ιδρυμένος το 1972, με ίδρυμα και το ειδικό κέντρο απασχόλησης PLASER· μέλος της Plena Inclusión, περίπου 190 εργαζόμενοι· αναφέρει κοινωνική απόδοση άνω του 3 προς 1.",
        },
    },
    {
        "slug": "actyva",
        "name": "ACTYVA S. Coop.",
        "acronym": "ACTYVA",
        "kind": "cooperative",
        "region": "ES432",
        "city": "Cáceres",
        "notes": "Exact seat in the Cáceres area not verified; no coordinates given.",
        "description": {
            "en": "Integral cooperative founded in 2013 with about 400 members; it runs a local organic food scheme certified through a participatory guarantee system.",
            "de": "Integrale Genossenschaft, 2013 gegründet, mit rund 400 Mitgliedern; sie betreibt ein lokales Bio-Lebensmittelsystem mit partizipativem Garantiesystem.",
            "es": "Cooperativa integral fundada en 2013 con unos 400 socios; gestiona un circuito local de alimentos ecológicos con un sistema participativo de garantía.",
            "el": "Ολοκληρωμένος συνεταιρισμός που ιδρύθηκε το 2013 με περίπου 400 μέλη· λειτουργεί τοπικό σύστημα βιολογικών τροφίμων με συμμετοχικό σύστημα εγγύησης.",
        },
    },
    {
        "slug": "ccmiju",
        "name": "Jesús Usón Minimally Invasive Surgery Centre",
        "legal_name": "Centro de Cirugía de Mínima Invasión Jesús Usón",
        "acronym": "CCMIJU",
        "kind": "university",
        "is_social_economy": False,
        "region": "ES432",
        "city": "Cáceres",
        "latitude": "39.462800",
        "longitude": "-6.340600",
        "description": {
            "en": "Public research and training centre for surgery, opened in 1995; a support actor rather than a social-economy entity.",
            "de": "Öffentliches Forschungs- und Ausbildungszentrum für Chirurgie, 1995 eröffnet; ein unterstützender Akteur, kein Unternehmen der Sozialwirtschaft.",
            "es": "Centro público de investigación y formación quirúrgica, inaugurado en 1995; actor de apoyo, no entidad de economía social.",
            "el": "Δημόσιο κέντρο έρευνας και εκπαίδευσης στη χειρουργική, που λειτουργεί από το 1995· υποστηρικτικός φορέας και όχι φορέας κοινωνικής οικονομίας.",
        },
    },
    {
        "slug": "colegio-licenciados-reunidos",
        "name": "Colegio Licenciados Reunidos",
        "kind": "other",
        "is_social_economy": False,
        "region": "ES432",
        "city": "Cáceres",
        "notes": "Probably a teaching cooperative (unverified): type left as 'other' until confirmed.",
        "description": {
            "en": "School founded in 1952 with more than 1,200 pupils.",
            "de": "1952 gegründete Schule mit mehr als 1.200 Schülerinnen und Schülern.",
            "es": "Colegio fundado en 1952 con más de 1.200 alumnos.",
            "el": "Σχολείο που ιδρύθηκε το 1952 με περισσότερους από 1.200 μαθητές.",
        },
    },
    {
        "slug": "fundacion-cooprado",
        "name": "Fundación Cooprado – Escuela de Pastores Tajo-Salor-Almonte",
        "acronym": "Cooprado",
        "kind": "foundation",
        "region": "ES432",
        "city": "Casar de Cáceres",
        "latitude": "39.561200",
        "longitude": "-6.419500",
        "description": {
            "en": "Foundation of the livestock cooperative Cooprado (1971); its shepherd school trains new shepherds with funding from the provincial council.",
            "de": "Stiftung der Viehzuchtgenossenschaft Cooprado (1971); ihre Hirtenschule bildet mit Mitteln der Provinzverwaltung neue Hirtinnen und Hirten aus.",
            "es": "Fundación de la cooperativa ganadera Cooprado (1971); su escuela de pastores forma a nuevos pastores con financiación de la Diputación.",
            "el": "Ίδρυμα του κτηνοτροφικού συνεταιρισμού Cooprado (1971)· η σχολή βοσκών του εκπαιδεύει νέους βοσκούς με χρηματοδότηση του επαρχιακού συμβουλίου.",
        },
    },
    {
        "slug": "agenex",
        "name": "AGENEX – Extremadura Energy Agency",
        "legal_name": "Agencia Extremeña de la Energía",
        "acronym": "AGENEX",
        "kind": "agency",
        "region": "ES43",
        "city": "",
        "notes": "Seat not verified: city left empty.",
        "description": {
            "en": "Public energy agency of Extremadura; it leads TRANSCOM (Interreg POCTEP), a cross-border network of local energy communities.",
            "de": "Öffentliche Energieagentur der Extremadura; sie leitet TRANSCOM (Interreg POCTEP), ein grenzüberschreitendes Netz lokaler Energiegemeinschaften.",
            "es": "Agencia pública de la energía de Extremadura; lidera TRANSCOM (Interreg POCTEP), una red transfronteriza de comunidades energéticas locales.",
            "el": "Δημόσιος ενεργειακός οργανισμός της Εστρεμαδούρας· συντονίζει το TRANSCOM (Interreg POCTEP), ένα διασυνοριακό δίκτυο τοπικών ενεργειακών κοινοτήτων.",
        },
    },
    {
        "slug": "universidad-de-extremadura",
        "name": "Universidad de Extremadura",
        "acronym": "UEx",
        "kind": "university",
        "region": "ES43",
        "city": "Badajoz / Cáceres",
        "description": {
            "en": "Public university of the region, with campuses in Badajoz and Cáceres.",
            "de": "Öffentliche Universität der Region mit Standorten in Badajoz und Cáceres.",
            "es": "Universidad pública de la región, con campus en Badajoz y Cáceres.",
            "el": "Δημόσιο πανεπιστήμιο της περιφέρειας, με πανεπιστημιουπόλεις στο Μπαδαχόθ και στο Κάθερες.",
        },
    },
]

DEMO_ADMIN_EMAIL = "admin@secon.example"
#: Staff accounts of the demo: (e-mail, first name, last name, role, partner organisation slug)
DEMO_STAFF = [
    ("coordinator@secon.example", "Eleni", "Demo", "coordinator", None),
    ("extremadura@secon.example", "Lucía", "Demo", "partner_editor", "junta-de-extremadura"),
    ("viewer@secon.example", "Jan", "Demo", "viewer", None),
]
