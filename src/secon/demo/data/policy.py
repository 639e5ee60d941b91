"""SECON's policy instruments, one per partner region.

The public record names one instrument: Mazovia's "European Funds for Mazovia 2021-2027"
(innowacyjni.mazovia.pl). The others are illustrative (``is_illustrative``) and say so on their
pages; so is the adopted change of Extremadura's instrument and its evidence document.
"""

import datetime

ILLUSTRATIVE = {
    "en": "Illustrative example for the demo; the public record does not name this partner's instrument.",
    "de": "Anschauungsbeispiel für die Demo; die öffentlichen Quellen nennen das Instrument dieses Partners nicht.",
    "es": "Ejemplo ilustrativo para la demo; las fuentes públicas no indican el instrumento de este socio.",
    "el": "Ενδεικτικό παράδειγμα για την επίδειξη· οι δημόσιες πηγές δεν αναφέρουν το μέσο πολιτικής αυτού του εταίρου.",
}

# (organisation slug, region code, values, statuses to walk through)
INSTRUMENTS = [
    (
        "region-of-peloponnese",
        "EL65",
        {
            "name": {"en": "Peloponnese regional programme 2021-2027: social economy measures"},
            "kind": "programme",
            "managing_body": "Region of Peloponnese, managing authority",
            "funds": "ERDF / ESF+",
        },
        ["addressed"],
    ),
    (
        "verband-region-rhein-neckar",
        "DE12",
        {
            "name": {"en": "Rhine-Neckar regional development strategy"},
            "kind": "strategy",
            "managing_body": "Verband Region Rhein-Neckar",
            "funds": "",
        },
        [],
    ),
    (
        "province-of-flemish-brabant",
        "BE24",
        {
            "name": {"en": "Flemish Brabant social economy policy plan"},
            "kind": "strategy",
            "managing_body": "Province of Flemish Brabant",
            "funds": "",
        },
        ["addressed"],
    ),
    (
        "harghita-county-council",
        "RO124",
        {
            "name": {"en": "Harghita County social economy strategy"},
            "kind": "strategy",
            "managing_body": "Harghita County Council",
            "funds": "",
        },
        ["addressed", "proposed"],
    ),
    (
        "mazowieckie-region",
        "PL91",
        {
            "name": {
                "en": "European Funds for Mazovia 2021-2027",
                "de": "Europäische Fonds für Masowien 2021–2027",
                "es": "Fondos Europeos para Mazovia 2021-2027",
                "el": "Ευρωπαϊκά Ταμεία για τη Μαζοβία 2021-2027",
            },
            "kind": "programme",
            "managing_body": "Board of the Mazowieckie Voivodeship",
            "funds": "ERDF / ESF+ (regional programme)",
            "description": {
                "en": "The regional programme of the Mazovian Voivodeship, the instrument Mazovia addresses in SECON.",
                "de": "Das Regionalprogramm der Woiwodschaft Masowien, das Instrument, das Masowien in SECON bearbeitet.",
                "es": "El programa regional del voivodato de Mazovia, el instrumento que Mazovia aborda en SECON.",
                "el": "Το περιφερειακό πρόγραμμα του βοεβοδάτου της Μαζοβίας, το μέσο πολιτικής της Μαζοβίας στο SECON.",
            },
            "is_illustrative": False,
        },
        ["addressed"],
    ),
    (
        "municipality-of-oliveira-de-azemeis",
        "PT11A",
        {
            "name": {"en": "Municipal Plan for Social Innovation of Oliveira de Azeméis"},
            "kind": "strategy",
            "managing_body": "Municipality of Oliveira de Azeméis",
            "funds": "",
        },
        ["addressed", "proposed"],
    ),
    (
        "riga-planning-region",
        "LV00A",
        {
            "name": {"en": "Riga Planning Region development programme"},
            "kind": "programme",
            "managing_body": "Riga Planning Region",
            "funds": "",
        },
        [],
    ),
    (
        "junta-de-extremadura",
        "ES43",
        {
            "name": {
                "en": "Extremadura social economy support programme",
                "es": "Programa de apoyo a la economía social de Extremadura",
            },
            "kind": "programme",
            "managing_body": "Junta de Extremadura, DG Cooperativas y Economía Social",
            "funds": "ERDF / ESF+",
        },
        ["addressed", "proposed", "adopted", "validated"],
    ),
    (
        "haskovo-municipality",
        "BG422",
        {
            "name": {"en": "Haskovo municipal development plan: social economy measures"},
            "kind": "strategy",
            "managing_body": "Haskovo Municipality",
            "funds": "",
        },
        ["addressed"],
    ),
    (
        "kmop",
        "EL303",
        {
            "name": {"en": "Attica regional programme 2021-2027: social inclusion measures"},
            "kind": "programme",
            "managing_body": "Region of Attica, managing authority",
            "funds": "ERDF / ESF+",
        },
        [],
    ),
]

#: The illustrative adoption of Extremadura's change.
ADOPTION = {
    "adopted_on": datetime.date(2025, 6, 10),
    "adopted_by": "Consejo de Gobierno de la Junta de Extremadura",
    "improvement": "new_projects",
}

EVIDENCE_NAME = "extremadura-adoption-illustrative.pdf"
EVIDENCE = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<"
    b"/Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>endobj\n"
    b"4 0 obj<</Length 74>>stream\nBT /F1 14 Tf 60 780 Td (SECON demo: illustrative evidence document) Tj ET\n"
    b"endstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

#: Extremadura's stakeholder group: organisations around the Cáceres meeting. Their membership of the
#: group is not in the public record: illustrative, and the role says so.
GROUP_PARTNER = "junta-de-extremadura"
GROUP = [
    ("junta-de-extremadura", "managing body (illustrative)"),
    ("remudarte", "work-integration enterprise (illustrative)"),
    ("placeat", "disability association (illustrative)"),
    ("actyva", "integral cooperative (illustrative)"),
    ("fundacion-cooprado", "rural training (illustrative)"),
    ("universidad-de-extremadura", "research (illustrative)"),
]
