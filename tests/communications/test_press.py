"""Press releases drafted from an event: grammar per language, facts, required slots, edits kept."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.communications.drafting.compose import available_languages, compose
from secon.communications.models import Article, DraftParagraph
from secon.communications.services import press
from secon.core.permissions import SYSTEM
from secon.events.services.agenda import update_event
from tests.communications.press_world import attend, build_press_world
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _texts(draft) -> dict[str, str]:
    return {paragraph.key: paragraph.text for paragraph in draft.paragraphs}


@pytest.fixture
def press_world(db):
    return build_press_world()


def test_the_languages_are_data_files():
    assert {"en", "de", "es", "el"} <= set(available_languages())


def test_the_german_announcement(press_world):
    texts = _texts(compose(event=press_world.event, language="de", mode="before"))
    assert texts["title"] == "Das SECON-Projekttreffen findet in Cáceres, Extremadura, statt"
    assert texts["dateline"] == "Cáceres, Spanien – 22. bis 25. Oktober 2024"
    assert texts["lead"].startswith(
        "Die Generaldirektion für Genossenschaften und Sozialwirtschaft richtet vom 22. bis 25. Oktober "
        "2024 in Cáceres das SECON-Projekttreffen aus. Vertreterinnen und Vertreter von zwei "
        "Partnerorganisationen aus zwei Ländern kommen zusammen"
    )
    assert "Vertreten sind die Regionen Peloponnes und Extremadura." in texts["lead"]
    assert "REMUDARTE (Arbeitsintegration durch Textilwiederverwendung)" in texts["practices"]
    assert (
        texts["visits"]
        == "Studienbesuche führen die Teilnehmenden zum Jesús-Usón-Zentrum für minimalinvasive Chirurgie."
    )
    assert (
        "einen Vortrag der Universität Extremadura über „Die Rolle der Sozialwirtschaft in der Extremadura“"
        in texts["talks"]
    )
    assert "unter dem Vorsitz der Region Peloponnes überprüfen die Projektpartner" in texts["committee"]
    assert texts["about"] == "**Über SECON.** Zehn Partner verbessern Politiken."
    assert "Interreg Europe 2021-2027" in texts["funding"]
    assert "<https://www.interregeurope.eu/secon>" in texts["links"]
    assert "/de/secon/events/caceres-2024/" in texts["links"]


def test_the_spanish_greek_and_english_dates_lists_and_articles(press_world):
    spanish = _texts(compose(event=press_world.event, language="es", mode="before"))
    assert spanish["dateline"] == "Cáceres (España), del 22 al 25 de octubre de 2024"
    assert (
        spanish["visits"]
        == "Las visitas de estudio llevarán a los participantes al Centro de Cirugía de Mínima Invasión "
        "Jesús Usón."
    )
    assert (
        "una ponencia de la Universidad de Extremadura sobre «El papel de la economía social en Extremadura»"
        in spanish["talks"]
    )
    assert "las regiones de Peloponeso y Extremadura" in spanish["lead"]
    assert spanish["lead"].startswith(
        "La Dirección General de Cooperativas y Economía Social acoge en Cáceres"
    )
    assert "about" not in spanish  # the project has no Spanish summary: no paragraph in another language
    greek = _texts(compose(event=press_world.event, language="el", mode="before"))
    assert greek["dateline"].endswith("22–25 Οκτωβρίου 2024")
    assert "στο Κέντρο Ελάχιστα Επεμβατικής Χειρουργικής Jesús Usón" in greek["visits"]
    assert "υπό την προεδρία της Περιφέρειας Πελοποννήσου" in greek["committee"]
    assert "ομιλία του Πανεπιστημίου της Εξτρεμαδούρας με θέμα «" in greek["talks"]
    english = _texts(compose(event=press_world.event, language="en", mode="before"))
    assert english["dateline"] == "Cáceres, Spain – 22–25 October 2024"
    assert english["title"] == "SECON project meeting to take place in Cáceres, Extremadura"


def test_lists_are_joined_with_the_languages_and(press_world):
    from secon.communications.drafting import grammar
    from secon.communications.drafting.compose import _rules

    for language, word in [("de", " und "), ("es", " y "), ("el", " και "), ("en", " and ")]:
        assert grammar.join(["A", "B", "C"], _rules(language)) == f"A, B{word}C"


def test_dates_across_months_and_years():
    from secon.communications.drafting import grammar
    from secon.communications.drafting.compose import _rules

    de, es, el = _rules("de"), _rules("es"), _rules("el")
    oct30, nov2, jan2 = datetime.date(2024, 10, 30), datetime.date(2024, 11, 2), datetime.date(2025, 1, 2)
    assert grammar.date_range(oct30, nov2, de) == "30. Oktober bis 2. November 2024"
    assert grammar.date_range(oct30, jan2, es) == "del 30 de octubre de 2024 al 2 de enero de 2025"
    assert grammar.date_range(oct30, oct30, el) == "30 Οκτωβρίου 2024"


def test_after_the_event_it_reports_with_the_attendance(press_world):
    attend(press_world, 3)
    texts = _texts(compose(event=press_world.event, language="de"))  # the event is in the past: a report
    assert (
        texts["summary"]
        == "Vom 22. bis 25. Oktober 2024 trafen sich die Partner des Projekts SECON in Cáceres."
    )
    assert "Drei Teilnehmende von einer Partnerorganisation aus einem Land tauschten" in texts["lead"]
    assert "auf Einladung der Generaldirektion für Genossenschaften und Sozialwirtschaft" in texts["lead"]
    assert "überprüften" in texts["committee"]


def test_a_report_without_attendance_names_what_is_missing(press_world):
    with pytest.raises(ValidationError) as error:
        compose(event=press_world.event, language="de", mode="after")
    assert "attendance" in str(error.value)


def test_an_event_without_a_host_stops_the_draft_and_saves_nothing(db):
    world = build_press_world(host=False)
    with pytest.raises(ValidationError) as error:
        press.draft_press_release(actor=SYSTEM, event=world.event, language="de", mode="before")
    assert "host" in str(error.value)
    assert not Article.objects.exists()


def test_every_paragraph_names_the_records_behind_it(press_world):
    draft = compose(event=press_world.event, language="de", mode="before")
    facts = {paragraph.key: paragraph.facts for paragraph in draft.paragraphs}
    assert any(fact.record == f"organisations.organisation:{press_world.host.pk}" for fact in facts["lead"])
    assert any(fact.record.startswith("practices.goodpractice:") for fact in facts["practices"])
    assert any(
        fact.record == f"organisations.organisation:{press_world.visited.pk}" for fact in facts["visits"]
    )
    assert all(fact.url.startswith("http") for key in ("lead", "visits", "talks") for fact in facts[key])


def test_drafting_again_keeps_the_paragraphs_a_person_edited(press_world):
    version = press.draft_press_release(actor=SYSTEM, event=press_world.event, language="de", mode="before")
    edited = "Die Stadt Cáceres richtet das Treffen aus – ein Satz von Menschenhand."
    press.edit_paragraphs(actor=SYSTEM, version=version, texts={"lead": edited})
    update_event(actor=SYSTEM, event=press_world.event, city="Cáceres (Extremadura)")
    version = press.draft_press_release(actor=SYSTEM, event=press_world.event, language="de", mode="before")
    paragraphs = {p.key: p for p in DraftParagraph.objects.filter(version=version)}
    assert paragraphs["lead"].text == edited and paragraphs["lead"].is_edited
    assert "Cáceres (Extremadura)" in paragraphs["lead"].generated_text
    assert (
        paragraphs["dateline"].text.startswith("Cáceres (Extremadura), Spanien")
        and not paragraphs["dateline"].is_edited
    )
    version.refresh_from_db()
    assert edited in version.body and version.body.index(edited) < version.body.index("Studienbesuche")
    press.restore_paragraph(actor=SYSTEM, paragraph=paragraphs["lead"])
    assert not DraftParagraph.objects.get(pk=paragraphs["lead"].pk).is_edited


def test_one_article_holds_every_language(press_world):
    for language in ("de", "el", "es", "en"):
        press.draft_press_release(actor=SYSTEM, event=press_world.event, language=language, mode="before")
    article = Article.objects.get()
    assert article.kind == "press_release" and article.event_id == press_world.event.pk
    assert sorted(article.versions.values_list("language", flat=True)) == ["de", "el", "en", "es"]


def test_bad_paragraph_input_is_refused_and_nothing_changes(press_world):
    version = press.draft_press_release(actor=SYSTEM, event=press_world.event, language="de", mode="before")
    before = version.body
    with pytest.raises(ValidationError) as error:
        press.edit_paragraphs(
            actor=SYSTEM, version=version, texts={"lead": "<script>x</script>", "title": ""}
        )
    assert set(error.value.message_dict) == {"paragraph_lead", "paragraph_title"}
    version.refresh_from_db()
    assert version.body == before


@pytest.mark.parametrize("role", ["viewer", "other"])
def test_viewers_and_other_projects_cannot_draft(press_world, role):
    user = UserFactory()
    if role == "viewer":
        MembershipFactory(user=user, project=press_world.project, role="viewer")
    with pytest.raises(PermissionDenied):
        press.draft_press_release(actor=user, event=press_world.event, language="de", mode="before")


def test_a_language_without_sentences_is_refused(press_world):
    with pytest.raises(ValidationError):
        compose(event=press_world.event, language="pl", mode="before")


def test_drafting_again_keeps_an_announcement_an_announcement(press_world):
    attend(press_world, 2)  # the event is over and has its attendance: "auto" alone would report
    version = press.draft_press_release(actor=SYSTEM, event=press_world.event, language="de", mode="before")
    assert version.title.endswith("statt")
    version = press.draft_press_release(actor=SYSTEM, event=press_world.event, language="de")
    assert version.title.endswith("statt") and version.draft_mode == "before"
    version = press.draft_press_release(actor=SYSTEM, event=press_world.event, language="de", mode="after")
    assert "tauschten" in version.title and version.draft_mode == "after"


def test_line_breaks_sent_by_a_browser_are_not_an_edit(press_world):
    version = press.draft_press_release(actor=SYSTEM, event=press_world.event, language="de", mode="before")
    links = DraftParagraph.objects.get(version=version, key="links")
    press.edit_paragraphs(actor=SYSTEM, version=version, texts={"links": links.text.replace("\n", "\r\n")})
    assert not DraftParagraph.objects.get(pk=links.pk).is_edited
