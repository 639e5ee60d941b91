"""The demo good practices of SECON, written in our own words from public facts (reference/secon-facts.md).

Each practice is in English and in its own language, spread over the workflow states. Facts the
sources do not give (towns, start dates, figures) are left empty or marked "to be confirmed".
"""

import datetime

from secon.practices.enums import Status

#: Extra demo authors (partner editors) for the Greek and Polish practices; they cannot sign in.
AUTHORS = {
    "extremadura@secon.example": ("junta-de-extremadura", "Lucía", "Demo"),
    "peloponnese@secon.example": ("region-of-peloponnese", "Giorgos", "Demo"),
    "mazovia@secon.example": ("mazowieckie-region", "Agnieszka", "Demo"),
}


#: Organisations the practices need beyond those of the SECON demo.
ORGANISATIONS = [
    {
        "slug": "maganiako-cultural-association",
        "name": "Maganiako Cultural Association",
        "kind": "association",
        "region": "EL65",
        "notes": "Presented at the 2nd Peloponnese RSG; seat and legal form not verified.",
    },
    {
        "slug": "nostos-producers",
        "name": "Nostos group of agricultural producers",
        "kind": "other_social_enterprise",
        "region": "EL65",
        "notes": "Presented at the 2nd Peloponnese RSG; seat and legal form not verified.",
    },
    {
        "slug": "messinis-gaia",
        "name": "Messinis Gaia",
        "kind": "other_social_enterprise",
        "region": "EL653",
        "notes": "Olive growers' initiative in Messinia; legal form not verified.",
    },
    {
        "slug": "drobin-social-cooperative",
        "name": "Social cooperative in Drobin",
        "kind": "cooperative",
        "region": "PL92",
        "city": "Drobin",
        "notes": "Presented by Mazovia as a good practice; exact name not verified.",
    },
    {
        "slug": "zbijow-maly-social-integration-centre",
        "name": "Social integration centre in Zbijów Mały",
        "kind": "other_social_enterprise",
        "notes": "Presented by Mazovia as a good practice; region and legal form not verified.",
    },
]


TBC = {"en": "(town to be confirmed)", "el": "(η πόλη θα επιβεβαιωθεί)"}


# Each entry: key (the English title), author, institution, target status, values.
PRACTICES = [
    {
        "author": "extremadura@secon.example",
        "institution": "remudarte",
        "status": Status.SELECTED,
        "values": {
            "title": {
                "en": "REMUDARTE: textile reuse as a path into work",
                "es": "REMUDARTE: la reutilización textil como camino al empleo",
            },
            "summary": {
                "en": "A work-integration enterprise of Cáritas Coria-Cáceres collects and reuses clothing and trains people far from the labour market.",
                "es": "Una empresa de inserción de Cáritas Coria-Cáceres recoge y reutiliza ropa y forma a personas alejadas del mercado laboral.",
            },
            "description": {
                "en": "REMUDARTE collects used textiles, sorts them and gives them a second life, selling the best pieces in its shop “Moda re-”. The work is the vehicle: each worker follows a personalised integration pathway towards a job in the ordinary labour market. Beneficiaries are people at risk of exclusion in the Cáceres area; stakeholders include the diocese's Cáritas, local councils and buyers of reused textiles.",
                "es": "REMUDARTE recoge textiles usados, los clasifica y les da una segunda vida, y vende las mejores prendas en su tienda «Moda re-». El trabajo es la herramienta: cada persona sigue un itinerario personalizado de inserción hacia un empleo en el mercado laboral ordinario. Se dirige a personas en riesgo de exclusión de la zona de Cáceres; participan Cáritas diocesana, ayuntamientos y compradores de textil reutilizado.",
            },
            "resources": {
                "en": "Staff for sorting, the shop and social support; collection containers, a sorting space and a shop. Budget figures to be added by the partner.",
                "es": "Personal para la clasificación, la tienda y el acompañamiento social; contenedores, una nave de clasificación y una tienda. Las cifras de presupuesto las añadirá el socio.",
            },
            "evidence": {
                "en": "A running shop and collection service that combine income with integration pathways. Figures on people placed in jobs to be added by the partner.",
                "es": "Una tienda y un servicio de recogida en marcha que combinan ingresos con itinerarios de inserción. El socio añadirá las cifras de personas insertadas.",
            },
            "transfer_potential": {
                "en": "Any region with separate textile collection can pair it with a work-integration enterprise; the EU obligation to collect textiles separately makes the model timely.",
                "es": "Cualquier región con recogida separada de textil puede vincularla a una empresa de inserción; la obligación europea de recoger el textil por separado hace el modelo oportuno.",
            },
            "difficulties": {
                "en": "Sorting is labour-intensive and prices for used textiles vary; a shop of its own gives the enterprise control over part of its income.",
                "es": "La clasificación requiere mucha mano de obra y los precios del textil usado varían; una tienda propia da a la empresa control sobre parte de sus ingresos.",
            },
            "is_ongoing": True,
            "theme": "social",
            "keywords": ["work integration", "circular economy", "textiles"],
            "country": "ES",
            "region": "ES432",
            "city": "Cáceres",
            "latitude": "39.475300",
            "longitude": "-6.372400",
        },
    },
    {
        "author": "extremadura@secon.example",
        "institution": "placeat",
        "status": Status.COUNTED,
        "values": {
            "title": {
                "en": "PLACEAT: jobs and support for people with intellectual disabilities",
                "es": "PLACEAT: empleo y apoyo para personas con discapacidad intelectual",
            },
            "summary": {
                "en": "An association from Plasencia combines a foundation and a special employment centre to give people with intellectual disabilities support and paid work.",
                "es": "Una asociación de Plasencia combina una fundación y un centro especial de empleo para dar apoyo y trabajo remunerado a personas con discapacidad intelectual.",
            },
            "description": {
                "en": "Founded in 1972 and recognised as of public utility, PLACEAT works in northern Cáceres for people with intellectual disabilities and their families. Its special employment centre PLASER offers paid jobs; the association and its foundation provide support services. It is a member of the Plena Inclusión network.",
                "es": "Fundada en 1972 y declarada de utilidad pública, PLACEAT trabaja en el norte de Cáceres con personas con discapacidad intelectual y sus familias. Su centro especial de empleo PLASER ofrece empleo remunerado; la asociación y su fundación prestan servicios de apoyo. Forma parte de la red Plena Inclusión.",
            },
            "resources": {
                "en": "About 190 staff across the association, the foundation and the employment centre.",
                "es": "Unas 190 personas en plantilla entre la asociación, la fundación y el centro especial de empleo.",
            },
            "evidence": {
                "en": "PLACEAT reports a social return on investment above 3 to 1: each euro invested returns more than three in social value.",
                "es": "PLACEAT declara un retorno social de la inversión superior a 3 a 1: cada euro invertido devuelve más de tres en valor social.",
            },
            "transfer_potential": {
                "en": "The combination of an association, a foundation and a special employment centre can be reproduced where law recognises special employment centres; measuring social return helps to argue for public support.",
                "es": "La combinación de asociación, fundación y centro especial de empleo es reproducible donde la ley reconoce estos centros; medir el retorno social ayuda a defender el apoyo público.",
            },
            "difficulties": {
                "en": "Keeping the employment centre viable in a rural labour market; the network of Plena Inclusión helps with know-how.",
                "es": "Mantener viable el centro especial de empleo en un mercado laboral rural; la red Plena Inclusión aporta conocimiento.",
            },
            "is_ongoing": True,
            "theme": "social",
            "keywords": ["disability", "special employment centre", "social return"],
            "country": "ES",
            "region": "ES432",
            "city": "Plasencia",
            "latitude": "40.030300",
            "longitude": "-6.088400",
        },
    },
    {
        "author": "extremadura@secon.example",
        "institution": "actyva",
        "status": Status.APPROVED,
        "values": {
            "title": {
                "en": "ACTYVA: an integral cooperative for local organic food",
                "es": "ACTYVA: una cooperativa integral para la alimentación ecológica local",
            },
            "summary": {
                "en": "Producers and consumers share one cooperative that sells local organic food and vouches for it through a participatory guarantee system.",
                "es": "Productores y consumidores comparten una cooperativa que vende alimentos ecológicos locales y los avala con un sistema participativo de garantía.",
            },
            "description": {
                "en": "ACTYVA is an integral cooperative founded in 2013 near Cáceres. Growers, workers and consumers are members of the same cooperative, which organises a local circuit for organic food. Instead of costly third-party certification, members check each other's farms in a participatory guarantee system.",
                "es": "ACTYVA es una cooperativa integral fundada en 2013 cerca de Cáceres. Agricultores, trabajadores y consumidores son socios de la misma cooperativa, que organiza un circuito local de alimentos ecológicos. En lugar de una certificación externa costosa, los socios revisan mutuamente sus fincas con un sistema participativo de garantía.",
            },
            "resources": {
                "en": "Members' time for the guarantee visits and distribution; figures to be added by the partner.",
                "es": "Tiempo de los socios para las visitas de garantía y la distribución; el socio añadirá las cifras.",
            },
            "evidence": {
                "en": "About 400 members a decade after its foundation.",
                "es": "Unos 400 socios una década después de su fundación.",
            },
            "transfer_potential": {
                "en": "Rural areas with small organic producers can copy the integral cooperative and the participatory guarantee system to shorten supply chains.",
                "es": "Las zonas rurales con pequeños productores ecológicos pueden copiar la cooperativa integral y el sistema participativo de garantía para acortar los circuitos.",
            },
            "difficulties": {
                "en": "Participatory guarantees need trust and regular volunteer work; clear rules for the visits keep them credible.",
                "es": "La garantía participativa requiere confianza y trabajo voluntario constante; unas reglas claras para las visitas la hacen creíble.",
            },
            "is_ongoing": True,
            "theme": "greener",
            "keywords": ["cooperative", "organic food", "short supply chains"],
            "country": "ES",
            "region": "ES432",
            "city": "Cáceres",
        },
    },
    {
        "author": "extremadura@secon.example",
        "institution": "fundacion-cooprado",
        "status": Status.APPROVED,
        "transfer": {
            "partner": "harghita-county-council",
            "steps": [
                (
                    "interest",
                    datetime.date(2024, 10, 25),
                    "Illustrative demo entry: interest recorded after the study visit in Cáceres.",
                ),
                (
                    "exchange",
                    datetime.date(2024, 10, 25),
                    "Illustrative demo entry: study visit to the shepherd school during the Cáceres meeting.",
                ),
            ],
        },
        "values": {
            "title": {
                "en": "Cooprado's shepherd school",
                "es": "La escuela de pastores de Cooprado",
            },
            "summary": {
                "en": "The foundation of a livestock cooperative trains new shepherds so that extensive grazing, and the villages that live from it, have a future.",
                "es": "La fundación de una cooperativa ganadera forma a nuevos pastores para que el pastoreo extensivo, y los pueblos que viven de él, tengan futuro.",
            },
            "description": {
                "en": "The Tajo-Salor-Almonte shepherd school in Casar de Cáceres is run by the foundation of Cooprado, a livestock cooperative founded in 1971. It teaches newcomers the trade of shepherding: animal care, grazing and the business side, with practice on members' farms. It answers the lack of successors in extensive livestock farming.",
                "es": "La escuela de pastores Tajo-Salor-Almonte, en Casar de Cáceres, la gestiona la fundación de Cooprado, cooperativa ganadera fundada en 1971. Enseña el oficio de pastor a personas nuevas: cuidado de los animales, pastoreo y gestión, con prácticas en explotaciones de los socios. Responde a la falta de relevo en la ganadería extensiva.",
            },
            "resources": {
                "en": "Trainers from the cooperative and host farms; funding from the provincial council (Diputación de Cáceres).",
                "es": "Formadores de la cooperativa y explotaciones de acogida; financiación de la Diputación de Cáceres.",
            },
            "evidence": {
                "en": "The school keeps training new cohorts with the provincial council's support; figures on graduates who took up the trade to be added by the partner.",
                "es": "La escuela sigue formando nuevas promociones con el apoyo de la Diputación; el socio añadirá las cifras de alumnos que se han incorporado al oficio.",
            },
            "transfer_potential": {
                "en": "Any rural region with extensive grazing and an ageing farming population; a cooperative gives trainees a network to start in.",
                "es": "Cualquier región rural con pastoreo extensivo y población ganadera envejecida; la cooperativa ofrece a los alumnos una red donde empezar.",
            },
            "difficulties": {
                "en": "Access to land and flocks for newcomers is the hardest part; host farms and the cooperative's network ease it.",
                "es": "Lo más difícil para los nuevos es acceder a tierra y ganado; las explotaciones de acogida y la red de la cooperativa lo facilitan.",
            },
            "is_ongoing": True,
            "theme": "greener",
            "keywords": ["generational renewal", "cooperative", "rural areas", "training"],
            "country": "ES",
            "region": "ES432",
            "city": "Casar de Cáceres",
            "latitude": "39.561200",
            "longitude": "-6.419500",
        },
    },
    {
        "author": "peloponnese@secon.example",
        "institution": "messinis-gaia",
        "status": Status.INFO_REQUESTED,
        "comment": "Please confirm the town and add figures on members and sales.",
        "values": {
            "title": {
                "en": "Messinis Gaia: olive growers acting together",
                "el": "Μεσσηνίς Γαία: ελαιοπαραγωγοί που δρουν μαζί",
            },
            "summary": {
                "en": "Olive growers in Messinia join forces to add value to their oil instead of selling it in bulk.",
                "el": "Ελαιοπαραγωγοί της Μεσσηνίας ενώνουν τις δυνάμεις τους για να αναδείξουν το λάδι τους αντί να το πουλούν χύμα.",
            },
            "description": {
                "en": "An initiative of olive growers in Messinia, presented at the second meeting of the Peloponnese regional stakeholder group as an example of producers organising themselves.",
                "el": "Πρωτοβουλία ελαιοπαραγωγών της Μεσσηνίας, που παρουσιάστηκε στη δεύτερη συνάντηση της περιφερειακής ομάδας ενδιαφερομένων της Πελοποννήσου ως παράδειγμα αυτοοργάνωσης παραγωγών.",
            },
            "resources": {
                "en": "To be completed by the partner.",
                "el": "Θα συμπληρωθεί από τον εταίρο.",
            },
            "evidence": {
                "en": "To be completed by the partner.",
                "el": "Θα συμπληρωθεί από τον εταίρο.",
            },
            "transfer_potential": {
                "en": "Relevant to every olive-growing region of southern Europe.",
                "el": "Ενδιαφέρει κάθε ελαιοπαραγωγική περιοχή της νότιας Ευρώπης.",
            },
            "difficulties": {
                "en": "To be completed by the partner.",
                "el": "Θα συμπληρωθεί από τον εταίρο.",
            },
            "is_ongoing": True,
            "theme": "social",
            "keywords": ["olive oil", "producers", "rural areas"],
            "country": "GR",
            "region": "EL653",
            "city": "Messinia " + TBC["en"],
        },
    },
    {
        "author": "peloponnese@secon.example",
        "institution": "nostos-producers",
        "status": Status.SUBMITTED,
        "values": {
            "title": {
                "en": "Nostos: a group of agricultural producers",
                "el": "Νόστος: ομάδα αγροτικών παραγωγών",
            },
            "summary": {
                "en": "Farmers in the Peloponnese form a producers' group to sell together and keep young people on the land.",
                "el": "Αγρότες της Πελοποννήσου σχηματίζουν ομάδα παραγωγών για να πουλούν μαζί και να κρατήσουν τους νέους στον τόπο τους.",
            },
            "description": {
                "en": "A group of agricultural producers presented at the second meeting of the Peloponnese regional stakeholder group. Details of its members and products to be confirmed by the partner.",
                "el": "Ομάδα αγροτικών παραγωγών που παρουσιάστηκε στη δεύτερη συνάντηση της περιφερειακής ομάδας ενδιαφερομένων της Πελοποννήσου. Τα στοιχεία για τα μέλη και τα προϊόντα θα επιβεβαιωθούν από τον εταίρο.",
            },
            "resources": {"en": "To be confirmed by the partner.", "el": "Θα επιβεβαιωθεί από τον εταίρο."},
            "evidence": {"en": "To be confirmed by the partner.", "el": "Θα επιβεβαιωθεί από τον εταίρο."},
            "transfer_potential": {
                "en": "Producer groups are supported by the EU's agricultural policy in every member state.",
                "el": "Οι ομάδες παραγωγών υποστηρίζονται από την Κοινή Αγροτική Πολιτική σε κάθε κράτος μέλος.",
            },
            "difficulties": {
                "en": "To be confirmed by the partner.",
                "el": "Θα επιβεβαιωθεί από τον εταίρο.",
            },
            "is_ongoing": True,
            "theme": "social",
            "keywords": ["producers", "agriculture"],
            "country": "GR",
            "region": "EL65",
            "city": TBC["en"],
        },
    },
    {
        "author": "peloponnese@secon.example",
        "institution": "maganiako-cultural-association",
        "status": Status.DRAFT,
        "values": {
            "title": {
                "en": "Maganiako Cultural Association",
                "el": "Πολιτιστικός Σύλλογος Μαγανιάκου",
            },
            "summary": {
                "en": "A village association keeps local culture alive and brings people together; presented at the second Peloponnese stakeholder meeting.",
                "el": "Ένας σύλλογος χωριού κρατά ζωντανό τον τοπικό πολιτισμό και φέρνει τους ανθρώπους κοντά· παρουσιάστηκε στη δεύτερη συνάντηση ενδιαφερομένων της Πελοποννήσου.",
            },
            "theme": "citizens",
            "country": "GR",
            "region": "EL65",
        },
    },
    {
        "author": "mazovia@secon.example",
        "institution": "drobin-social-cooperative",
        "status": Status.RESUBMITTED,
        "comment": "Please describe the services the cooperative offers.",
        "values": {
            "title": {
                "en": "A social cooperative in Drobin",
                "pl": "Spółdzielnia socjalna w Drobinie",
            },
            "summary": {
                "en": "A social cooperative in a small Mazovian town creates jobs for people at risk of exclusion while providing local services.",
                "pl": "Spółdzielnia socjalna w małym mazowieckim mieście tworzy miejsca pracy dla osób zagrożonych wykluczeniem i świadczy usługi lokalne.",
            },
            "description": {
                "en": "Presented by the Mazowieckie Region as a good practice: social cooperatives in Poland employ people who find it hard to get work and often deliver services for the municipality. Details of this cooperative's services to be confirmed by the partner.",
                "pl": "Przedstawiona przez Województwo Mazowieckie jako dobra praktyka: spółdzielnie socjalne w Polsce zatrudniają osoby, którym trudno znaleźć pracę, i często świadczą usługi dla gminy. Szczegóły usług tej spółdzielni potwierdzi partner.",
            },
            "resources": {"en": "To be confirmed by the partner.", "pl": "Do potwierdzenia przez partnera."},
            "evidence": {"en": "To be confirmed by the partner.", "pl": "Do potwierdzenia przez partnera."},
            "transfer_potential": {
                "en": "Municipalities elsewhere can contract social cooperatives for local services under the social clauses of public procurement.",
                "pl": "Gminy w innych regionach mogą zlecać usługi lokalne spółdzielniom socjalnym, korzystając z klauzul społecznych w zamówieniach publicznych.",
            },
            "difficulties": {
                "en": "To be confirmed by the partner.",
                "pl": "Do potwierdzenia przez partnera.",
            },
            "is_ongoing": True,
            "theme": "social",
            "keywords": ["social cooperative", "public procurement", "employment"],
            "country": "PL",
            "region": "PL92",
            "city": "Drobin",
        },
    },
    {
        "author": "mazovia@secon.example",
        "institution": "zbijow-maly-social-integration-centre",
        "status": Status.DRAFT,
        "values": {
            "title": {
                "en": "Social integration centre in Zbijów Mały",
                "pl": "Centrum Integracji Społecznej w Zbijowie Małym",
            },
            "summary": {
                "en": "A social integration centre helps long-term unemployed people back into work and community life; presented by Mazovia.",
                "pl": "Centrum integracji społecznej pomaga osobom długotrwale bezrobotnym wrócić do pracy i życia społecznego; przedstawione przez Mazowsze.",
            },
            "theme": "social",
            "country": "PL",
            "city": "Zbijów Mały",
        },
    },
]


#: The way through the workflow to each target state.
ROUTES = {
    Status.DRAFT: [],
    Status.SUBMITTED: ["submit"],
    Status.INFO_REQUESTED: ["submit", "request_info"],
    Status.RESUBMITTED: ["submit", "request_info", "submit"],
    Status.APPROVED: ["submit", "approve"],
    Status.COUNTED: ["submit", "approve", "count"],
    Status.SELECTED: ["submit", "approve", "count", "select"],
}
