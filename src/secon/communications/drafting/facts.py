"""The facts a press release is drafted from, read from the records of an event (a fixed number of queries).

Every fact keeps the record it comes from (its label, its page), so that the officer can check each
filled slot against its source.
"""

from dataclasses import dataclass, field

from django_countries import countries

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

from secon.communications.drafting.grammar import Name
from secon.communications.models import NameForm
from secon.core.languages import interface_language
from secon.core.links import absolute_url
from secon.events.enums import SessionKind, Visibility
from secon.events.models import Attendance, Event, Session
from secon.governance.models import Meeting
from secon.organisations.models import Organisation, Partner, Region


@dataclass
class Fact:
    """One filled slot and where it comes from."""

    slot: str
    value: str
    record: str
    url: str = ""


@dataclass
class Item:
    """A list entry of a paragraph (a practice, a visit, a talk) with its facts."""

    values: dict
    facts: list[Fact] = field(default_factory=list)


@dataclass
class EventFacts:
    values: dict = field(default_factory=dict)
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    practices: list[Item] = field(default_factory=list)
    visits: list[Item] = field(default_factory=list)
    talks: list[Item] = field(default_factory=list)
    #: Names shown as recorded because no form in the draft's language exists (the officer may add one).
    unformed: list[Organisation] = field(default_factory=list)

    def add(self, slot: str, value, fact: Fact | None = None) -> None:
        self.values[slot] = value
        if fact is not None:
            self.facts.setdefault(slot, []).append(fact)


def _in_language(language: str, view: str, **kwargs) -> str:
    with translation.override(interface_language(language)):
        return absolute_url(reverse(view, kwargs=kwargs))


def _split(title: str) -> tuple[str, str]:
    """Split an agenda title "REMUDARTE: textile reuse" into its name and its topic."""
    name, separator, topic = title.partition(": ")
    return (name.strip(), topic.strip()) if separator else ("", title.strip())


def _region_name(region: Region, language: str) -> str:
    return region.names.get(language) or region.name


def _country_name(code: str, language: str) -> str:
    with translation.override(language):
        return str(countries.name(code)) or code


class _Names:
    """The organisations' names in the draft's language (one query for all of them)."""

    def __init__(self, organisations: list[Organisation], language: str, facts: EventFacts):
        ids = {organisation.pk for organisation in organisations if organisation}
        self.forms = {
            form.organisation_id: form
            for form in NameForm.objects.filter(organisation_id__in=ids, language=language)
        }
        self.language = language
        self.facts = facts

    def of(self, organisation: Organisation) -> Name:
        if organisation.pk not in self.forms:
            self.forms[organisation.pk] = NameForm.objects.filter(
                organisation=organisation, language=self.language
            ).first()
        form = self.forms.get(organisation.pk)
        if form is None:
            if self.language != "en" and organisation not in self.facts.unformed:
                self.facts.unformed.append(organisation)
            return Name(text=organisation.name)
        return Name(
            text=form.forms.get("nom", organisation.name),
            gender=form.gender,
            forms=tuple(sorted(form.forms.items())),
        )


def collect(*, event: Event, language: str, report: bool) -> EventFacts:
    """Read what a press release about ``event`` can say, in ``language``; ``report``: after the event."""
    project = event.project
    facts = EventFacts()
    event_url = _in_language(language, "events:event", project=project.slug, event=event.slug)
    record = f"events.event:{event.pk}"
    sessions = list(
        Session.objects.filter(event=event, visibility=Visibility.PUBLIC)
        .prefetch_related("presenting_organisations", "visited_organisations", "practices")
        .order_by("starts_at", "pk")
    )
    partners = list(
        Partner.objects.filter(project=project)
        .select_related("organisation")
        .prefetch_related(Prefetch("regions", queryset=Region.objects.order_by("code")))
        .order_by("number")
    )
    attendances = Attendance.objects.filter(registration__event=event)
    attended_partner_ids = set(
        attendances.exclude(registration__partner=None).values_list("registration__partner", flat=True)
    )
    if report:
        partners = [partner for partner in partners if partner.pk in attended_partner_ids]
    host = event.host_organisation or (event.host_partner.organisation if event.host_partner else None)
    organisations = [
        host,
        *(o for s in sessions for o in s.presenting_organisations.all()),
        *(o for s in sessions for o in s.visited_organisations.all()),
    ]
    if event.host_partner:
        organisations.append(event.host_partner.organisation)
    names = _Names([o for o in organisations if o], language, facts)

    facts.add(
        "project",
        project.acronym,
        Fact(
            "project",
            project.acronym,
            f"projects.project:{project.pk}",
            absolute_url(project.get_absolute_url()),
        ),
    )
    if host is not None:
        facts.add(
            "host",
            names.of(host),
            Fact(
                "host",
                host.name,
                f"organisations.organisation:{host.pk}",
                absolute_url(host.get_absolute_url()),
            ),
        )
    if event.city:
        facts.add("city", event.city, Fact("city", event.city, record, event_url))
    if event.country:
        country = _country_name(event.country, language)
        facts.add("country", country, Fact("country", country, record, event_url))
    if event.host_partner:
        regions = list(event.host_partner.regions.all())
        area = _region_name(regions[0], language) if regions else ""
        if area and area != event.city:
            facts.add(
                "area",
                area,
                Fact(
                    "area",
                    area,
                    f"organisations.region:{regions[0].pk}",
                    absolute_url(event.host_partner.get_absolute_url()),
                ),
            )
    facts.values.setdefault("area", "")
    facts.values.setdefault("country", "")
    facts.add("event_url", event_url, Fact("event_url", event_url, record, event_url))

    countries_seen, region_names = [], []
    for partner in partners:
        for region in partner.regions.all():
            if region.iso_country not in countries_seen:
                countries_seen.append(region.iso_country)
            name = _region_name(region, language)
            if name not in region_names:
                region_names.append(name)
        facts.facts.setdefault("partner_count", []).append(
            Fact(
                "partner_count",
                partner.organisation.name,
                f"organisations.partner:{partner.pk}",
                absolute_url(partner.get_absolute_url()),
            )
        )
    facts.values["partner_count"] = len(partners)
    facts.values["country_count"] = len(countries_seen)
    facts.values["regions"] = region_names
    facts.facts["regions"] = list(facts.facts.get("partner_count", []))
    if report:
        count = attendances.values("registration").distinct().count()
        facts.add("attendee_count", count or None, Fact("attendee_count", str(count), record, event_url))

    _sessions(facts, sessions, names, language, project)
    _committee(facts, sessions, names, event)
    summary = project.summary.get(language, "")
    facts.add(
        "summary_text",
        summary,
        Fact(
            "summary_text",
            project.acronym,
            f"projects.project:{project.pk}",
            absolute_url(project.get_absolute_url()),
        ),
    )
    facts.add(
        "programme", project.programme, Fact("programme", project.programme, f"projects.project:{project.pk}")
    )
    links = [
        (label, url)
        for label, url in [
            ("website", project.website),
            ("Facebook", project.facebook_url),
            ("LinkedIn", project.linkedin_url),
            ("X", project.x_url),
        ]
        if url
    ]
    facts.add(
        "links",
        links,
        Fact("links", ", ".join(url for _label, url in links), f"projects.project:{project.pk}"),
    )
    return facts


def _session_fact(session: Session, language: str, project) -> Fact:
    url = _in_language(
        language, "events:session", project=project.slug, event=session.event.slug, session=session.pk
    )
    return Fact(
        "session", session.title.get(language) or str(session.title), f"events.session:{session.pk}", url
    )


def _sessions(facts: EventFacts, sessions: list[Session], names: _Names, language: str, project) -> None:
    for session in sessions:
        title = session.title.get(language)
        if not title:
            continue
        name, topic = _split(title)
        session_fact = _session_fact(session, language, project)
        practices = list(session.practices.all())
        presenters = list(session.presenting_organisations.all())
        if session.kind == SessionKind.PRESENTATION and practices:
            item_facts = [session_fact] + [
                Fact(
                    "practice",
                    str(practice.title),
                    f"practices.goodpractice:{practice.pk}",
                    absolute_url(practice.get_absolute_url()),
                )
                for practice in practices
            ]
            facts.practices.append(
                Item({"name": name or str(practices[0].title), "topic": topic}, item_facts)
            )
        elif session.kind == SessionKind.STUDY_VISIT:
            visited = list(session.visited_organisations.all())
            if visited:
                for organisation in visited:
                    fact = Fact(
                        "visit",
                        organisation.name,
                        f"organisations.organisation:{organisation.pk}",
                        absolute_url(organisation.get_absolute_url()),
                    )
                    facts.visits.append(Item({"visit": names.of(organisation)}, [session_fact, fact]))
            else:
                facts.visits.append(Item({"visit": Name(text=topic)}, [session_fact]))
        elif session.kind in (SessionKind.EXPERT_SESSION, SessionKind.PRESENTATION) and presenters:
            speaker = presenters[0]
            fact = Fact(
                "speaker",
                speaker.name,
                f"organisations.organisation:{speaker.pk}",
                absolute_url(speaker.get_absolute_url()),
            )
            facts.talks.append(Item({"speaker": names.of(speaker), "topic": topic}, [session_fact, fact]))


def _committee(facts: EventFacts, sessions: list[Session], names: _Names, event: Event) -> None:
    """The steering committee's chair: from its governance meeting when recorded, else the session's host."""
    committee_sessions = [s for s in sessions if s.kind == SessionKind.STEERING_COMMITTEE]
    if not committee_sessions:
        return
    chair = _governance_chair(committee_sessions)
    if chair is None:
        presenters = [o for s in committee_sessions for o in s.presenting_organisations.all()]
        chair = presenters[0] if presenters else None
    if chair is None:
        return
    fact = Fact(
        "chair", chair.name, f"organisations.organisation:{chair.pk}", absolute_url(chair.get_absolute_url())
    )
    facts.add("chair", names.of(chair), fact)
    facts.values.setdefault("committee_items", "")


def _governance_chair(sessions: list[Session]) -> Organisation | None:
    """Return the chairing partner's organisation of a committee meeting held in these sessions."""
    meeting = (
        Meeting.objects.filter(session__in=sessions, committee__chair__isnull=False)
        .select_related("committee__chair__organisation")
        .order_by("starts_at")
        .first()
    )
    return meeting.committee.chair.organisation if meeting else None
