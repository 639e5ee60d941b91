"""The demo project's privacy notice (version 1), in the four interface languages.

Written for the demo: the controller, addresses and periods are illustrative, not SECON's own.
"""

NOTICE = {
    "en": """The partners of SECON handle the personal data of the people who take part in the project's events, \
newsletter and committees. This notice says what we keep, why, and what you can do about it.

## Who is responsible
The lead partner, REMUDARTE (Mérida, Spain), together with the partner that organises the activity you take part in. \
Write to privacy@secon.example for any question about your data.

## What we keep and why
- **Registrations**: your name, e-mail address, organisation, language and the needs you tell us, to run the event \
and to report attendance to the Interreg Europe programme (legal obligation of the funded project).
- **Consents**: photos, sharing your contact details, the public list of participants and the newsletter — only with \
your consent, which you can withdraw at any time on your personal page.
- **Attendance**: which days you attended, for the programme's indicators and audits.

## How long
Registrations are cleared 24 months after the event; e-mails after 12 months. Records under an audit are kept until \
the audit ends.

## Your rights
From your personal page you can see, correct, download (ZIP of JSON and CSV) and erase your data. You can also \
complain to your data-protection authority.
""",
    "de": """Die Partner von SECON verarbeiten die personenbezogenen Daten der Menschen, die an den Veranstaltungen, dem \
Newsletter und den Gremien des Projekts teilnehmen. Dieser Hinweis sagt, was wir speichern, warum, und was Sie tun können.

## Verantwortlich
Der federführende Partner REMUDARTE (Mérida, Spanien) gemeinsam mit dem Partner, der die jeweilige Aktivität \
organisiert. Fragen zu Ihren Daten richten Sie an privacy@secon.example.

## Was wir speichern und warum
- **Anmeldungen**: Name, E-Mail-Adresse, Organisation, Sprache und die Bedürfnisse, die Sie uns nennen – um die \
Veranstaltung durchzuführen und die Teilnahme dem Programm Interreg Europe zu melden (rechtliche Pflicht des \
geförderten Projekts).
- **Einwilligungen**: Fotos, Weitergabe Ihrer Kontaktdaten, die öffentliche Teilnehmerliste und der Newsletter – nur \
mit Ihrer Einwilligung, die Sie jederzeit auf Ihrer persönlichen Seite widerrufen können.
- **Anwesenheit**: an welchen Tagen Sie teilgenommen haben, für die Indikatoren und Prüfungen des Programms.

## Wie lange
Anmeldungen werden 24 Monate nach der Veranstaltung gelöscht, E-Mails nach 12 Monaten. Unterlagen einer laufenden \
Prüfung bleiben bis zu deren Ende erhalten.

## Ihre Rechte
Auf Ihrer persönlichen Seite können Sie Ihre Daten einsehen, berichtigen, herunterladen (ZIP mit JSON und CSV) und \
löschen. Sie können sich auch bei Ihrer Datenschutzaufsichtsbehörde beschweren.
""",
    "es": """Los socios de SECON tratan los datos personales de las personas que participan en los eventos, el boletín y \
los comités del proyecto. Este aviso explica qué guardamos, por qué y qué puede hacer usted.

## Responsable
El socio principal, REMUDARTE (Mérida, España), junto con el socio que organiza la actividad en la que usted \
participa. Para cualquier pregunta sobre sus datos, escriba a privacy@secon.example.

## Qué guardamos y por qué
- **Inscripciones**: su nombre, dirección de correo electrónico, organización, idioma y las necesidades que nos \
indique, para organizar el evento e informar de la asistencia al programa Interreg Europe (obligación legal del \
proyecto financiado).
- **Consentimientos**: fotos, compartir sus datos de contacto, la lista pública de participantes y el boletín, solo \
con su consentimiento, que puede retirar en cualquier momento desde su página personal.
- **Asistencia**: qué días asistió, para los indicadores y las auditorías del programa.

## Durante cuánto tiempo
Las inscripciones se borran 24 meses después del evento; los correos, a los 12 meses. Los registros sujetos a una \
auditoría se conservan hasta que esta termina.

## Sus derechos
Desde su página personal puede consultar, corregir, descargar (ZIP con JSON y CSV) y suprimir sus datos. También \
puede reclamar ante su autoridad de protección de datos.
""",
    "el": """Οι εταίροι του SECON επεξεργάζονται τα προσωπικά δεδομένα των ανθρώπων που συμμετέχουν στις εκδηλώσεις, \
στο ενημερωτικό δελτίο και στις επιτροπές του έργου. Η παρούσα ενημέρωση εξηγεί τι κρατάμε, γιατί, και τι μπορείτε \
να κάνετε.

## Υπεύθυνος
Ο επικεφαλής εταίρος, REMUDARTE (Μέριδα, Ισπανία), μαζί με τον εταίρο που οργανώνει τη δραστηριότητα στην οποία \
συμμετέχετε. Για κάθε ερώτηση σχετικά με τα δεδομένα σας γράψτε στο privacy@secon.example.

## Τι κρατάμε και γιατί
- **Εγγραφές**: το όνομά σας, τη διεύθυνση ηλεκτρονικού ταχυδρομείου, τον οργανισμό, τη γλώσσα και τις ανάγκες που \
μας δηλώνετε, για τη διοργάνωση της εκδήλωσης και την αναφορά της συμμετοχής στο πρόγραμμα Interreg Europe (νομική \
υποχρέωση του χρηματοδοτούμενου έργου).
- **Συγκαταθέσεις**: φωτογραφίες, κοινοποίηση των στοιχείων επικοινωνίας σας, δημόσιος κατάλογος συμμετεχόντων και \
ενημερωτικό δελτίο — μόνο με τη συγκατάθεσή σας, την οποία μπορείτε να ανακαλέσετε οποτεδήποτε από την προσωπική σας \
σελίδα.
- **Παρουσία**: ποιες ημέρες παρευρεθήκατε, για τους δείκτες και τους ελέγχους του προγράμματος.

## Για πόσο καιρό
Οι εγγραφές διαγράφονται 24 μήνες μετά την εκδήλωση· τα μηνύματα μετά από 12 μήνες. Όσα υπόκεινται σε έλεγχο \
φυλάσσονται έως το τέλος του ελέγχου.

## Τα δικαιώματά σας
Από την προσωπική σας σελίδα μπορείτε να δείτε, να διορθώσετε, να κατεβάσετε (ZIP με JSON και CSV) και να διαγράψετε \
τα δεδομένα σας. Μπορείτε επίσης να υποβάλετε καταγγελία στην αρχή προστασίας δεδομένων.
""",
}
