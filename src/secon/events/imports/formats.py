"""Read a conference tool's schedule into one plain form: frab ``schedule.xml``, the frab JSON that
pretalx publishes (``schedule.json``), and an Indico event's JSON export (``/export/event/ID.json
?detail=contributions``).

Nothing here touches the database: a reader returns a :class:`Schedule` whose ``problems`` list one
line per thing it could not read (an unknown time zone, a talk without a start …).
"""

import dataclasses
import datetime
import json
import re
import zoneinfo

from django.utils.translation import gettext as _

from secon.core.imports import decode_text


@dataclasses.dataclass
class Speaker:
    key: str
    name: str
    email: str = ""


@dataclasses.dataclass
class Talk:
    key: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str = ""
    description: str = ""
    language: str = ""
    kind: str = ""
    speakers: list[Speaker] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Schedule:
    source: str
    time_zone: str = ""
    venue: str = ""
    talks: list[Talk] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)

    @property
    def rooms(self) -> list[str]:
        return list(dict.fromkeys(talk.room for talk in self.talks if talk.room))


_DURATION = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


def _zone(name: str, schedule: Schedule, fallback: str) -> zoneinfo.ZoneInfo | None:
    name = (name or "").strip() or fallback
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        schedule.problems.append(_("Unknown time zone “%(zone)s”.") % {"zone": name[:80]})
        return None


def _duration(text: str) -> datetime.timedelta | None:
    match = _DURATION.match((text or "").strip())
    if not match:
        return None
    hours_or_days, hours, minutes = match.groups()
    if hours_or_days is not None:  # D:HH:MM in frab's long form
        return datetime.timedelta(days=int(hours_or_days), hours=int(hours), minutes=int(minutes))
    return datetime.timedelta(hours=int(hours), minutes=int(minutes))


def _start(date_text: str, day: str, start: str, zone: zoneinfo.ZoneInfo) -> datetime.datetime | None:
    """Return the aware start: the ISO ``date`` (with its offset) if given, else the day and HH:MM."""
    try:
        if date_text:
            moment = datetime.datetime.fromisoformat(date_text.strip())
        else:
            moment = datetime.datetime.fromisoformat(f"{day.strip()}T{start.strip()}")
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _speaker_name(value: dict) -> str:
    name = value.get("public_name") or value.get("name") or value.get("full_name") or ""
    if not name and (value.get("first_name") or value.get("last_name")):
        name = f"{value.get('first_name', '')} {value.get('last_name', '')}"
    return " ".join(str(name).split())


def _talk(schedule, *, where, key, title, start, duration, room, speakers, **texts) -> None:
    if not key:
        schedule.problems.append(_("%(where)s: the talk has no id or guid.") % {"where": where})
    elif not title:
        schedule.problems.append(_("%(where)s: the talk has no title.") % {"where": where})
    elif start is None:
        schedule.problems.append(_("%(where)s: the start is not a date and time.") % {"where": where})
    elif duration is None or duration <= datetime.timedelta(0):
        schedule.problems.append(_("%(where)s: the duration is not HH:MM.") % {"where": where})
    else:
        schedule.talks.append(
            Talk(
                key=str(key),
                title=title,
                starts_at=start,
                ends_at=start + duration,
                room=room,
                speakers=speakers,
                **texts,
            )
        )


# --- frab XML -------------------------------------------------------------------------------------


def read_frab_xml(data: bytes, *, time_zone: str) -> Schedule:
    from lxml import etree

    schedule = Schedule(source="frab")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        schedule.problems.append(
            _("The file is not well-formed XML: %(error)s") % {"error": str(error)[:200]}
        )
        return schedule
    if root.tag != "schedule":
        schedule.problems.append(_("This is not a frab schedule.xml: its root is not <schedule>."))
        return schedule
    conference = root.find("conference")
    zone_name = conference.findtext("time_zone_name", "") if conference is not None else ""
    schedule.time_zone = (zone_name or "").strip() or time_zone
    schedule.venue = (conference.findtext("venue", "") if conference is not None else "").strip()
    zone = _zone(zone_name, schedule, time_zone)
    if zone is None:
        return schedule
    for day in root.iter("day"):
        for room in day.iter("room"):
            for item in room.iter("event"):
                key = item.get("guid") or item.get("id") or ""
                title = " ".join((item.findtext("title") or "").split())
                where = _("line %(line)d (“%(title)s”)") % {"line": item.sourceline or 0, "title": title[:60]}
                speakers = [
                    Speaker(
                        key=person.get("guid") or person.get("id") or "",
                        name=" ".join((person.text or "").split()),
                    )
                    for person in item.iter("person")
                ]
                _talk(
                    schedule,
                    where=where,
                    key=key,
                    title=title,
                    start=_start(
                        item.findtext("date") or "", day.get("date") or "", item.findtext("start") or "", zone
                    ),
                    duration=_duration(item.findtext("duration") or ""),
                    room=(item.findtext("room") or room.get("name") or "").strip(),
                    speakers=[speaker for speaker in speakers if speaker.name],
                    description=(item.findtext("abstract") or item.findtext("description") or "").strip(),
                    language=(item.findtext("language") or "").strip().lower()[:8],
                    kind=(item.findtext("type") or "").strip().lower(),
                )
    return schedule


# --- frab JSON (pretalx) ----------------------------------------------------------------------------


def _json(data: bytes, schedule: Schedule):
    try:
        return json.loads(decode_text(data))
    except ValueError as error:
        schedule.problems.append(_("The file is not JSON: %(error)s") % {"error": str(error)[:200]})
        return None


def read_frab_json(data: bytes, *, time_zone: str) -> Schedule:
    schedule = Schedule(source="pretalx")
    document = _json(data, schedule)
    if document is None:
        return schedule
    conference = (document.get("schedule") or {}).get("conference") if isinstance(document, dict) else None
    if not isinstance(conference, dict) or not isinstance(conference.get("days"), list):
        schedule.problems.append(
            _("This is not a frab or pretalx schedule.json: it has no schedule.conference.days.")
        )
        return schedule
    zone_name = str(conference.get("time_zone_name") or "")
    schedule.time_zone = zone_name.strip() or time_zone
    zone = _zone(zone_name, schedule, time_zone)
    if zone is None:
        return schedule
    number = 0
    for day in conference["days"]:
        rooms = day.get("rooms") if isinstance(day, dict) else None
        for room_name, talks in (rooms or {}).items() if isinstance(rooms, dict) else ():
            for item in talks if isinstance(talks, list) else ():
                number += 1
                if not isinstance(item, dict):
                    continue
                title = " ".join(str(item.get("title") or "").split())
                where = _("talk %(number)d (“%(title)s”)") % {"number": number, "title": title[:60]}
                speakers = [
                    Speaker(
                        key=str(person.get("code") or person.get("guid") or person.get("id") or ""),
                        name=_speaker_name(person),
                    )
                    for person in item.get("persons") or []
                    if isinstance(person, dict)
                ]
                _talk(
                    schedule,
                    where=where,
                    key=str(item.get("guid") or item.get("id") or ""),
                    title=title,
                    start=_start(
                        str(item.get("date") or ""),
                        str(day.get("date") or ""),
                        str(item.get("start") or ""),
                        zone,
                    ),
                    duration=_duration(str(item.get("duration") or "")),
                    room=str(item.get("room") or room_name).strip(),
                    speakers=[speaker for speaker in speakers if speaker.name],
                    description=str(item.get("abstract") or item.get("description") or "").strip(),
                    language=str(item.get("language") or "").strip().lower()[:8],
                    kind=str(item.get("type") or "").strip().lower(),
                )
    return schedule


# --- Indico -------------------------------------------------------------------------------------------


def _indico_moment(value, zone: zoneinfo.ZoneInfo) -> datetime.datetime | None:
    if not isinstance(value, dict):
        return None
    local_zone = zone
    if value.get("tz"):
        try:
            local_zone = zoneinfo.ZoneInfo(str(value["tz"]))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None
    return _start("", str(value.get("date") or ""), str(value.get("time") or "")[:8], local_zone)


def read_indico_json(data: bytes, *, time_zone: str) -> Schedule:
    schedule = Schedule(source="indico")
    document = _json(data, schedule)
    if document is None:
        return schedule
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list) or not results or not isinstance(results[0], dict):
        schedule.problems.append(_("This is not an Indico event export: it has no results."))
        return schedule
    event = results[0]
    zone_name = str(event.get("timezone") or "")
    schedule.time_zone = zone_name.strip() or time_zone
    schedule.venue = str(event.get("location") or "").strip()
    zone = _zone(zone_name, schedule, time_zone)
    if zone is None:
        return schedule
    for number, item in enumerate(event.get("contributions") or [], start=1):
        if not isinstance(item, dict):
            continue
        title = " ".join(str(item.get("title") or "").split())
        where = _("contribution %(number)d (“%(title)s”)") % {"number": number, "title": title[:60]}
        start = _indico_moment(item.get("startDate"), zone)
        end = _indico_moment(item.get("endDate"), zone)
        if start is not None and end is None and isinstance(item.get("duration"), int):
            end = start + datetime.timedelta(minutes=item["duration"])
        speakers = [
            Speaker(
                key=str(person.get("id") or person.get("person_id") or person.get("email") or ""),
                name=_indico_name(person),
                email=str(person.get("email") or "").strip().lower(),
            )
            for person in item.get("speakers") or []
            if isinstance(person, dict)
        ]
        _talk(
            schedule,
            where=where,
            key=str(item.get("db_id") or item.get("id") or ""),
            title=title,
            start=start,
            duration=(end - start) if start and end else None,
            room=str(item.get("roomFullname") or item.get("room") or "").strip(),
            speakers=[speaker for speaker in speakers if speaker.name],
            description=str(item.get("description") or "").strip(),
            kind=_indico_kind(item.get("type")),
        )
    return schedule


def _indico_kind(value) -> str:
    if isinstance(value, dict):
        value = value.get("name")
    return str(value or "").strip().lower()


def _indico_name(person: dict) -> str:
    first, last = str(person.get("first_name") or "").strip(), str(person.get("last_name") or "").strip()
    if first or last:
        return f"{first} {last}".strip()
    full = str(person.get("fullName") or "").strip()
    if "," in full:  # Indico writes "Doe, Jane"
        last, _comma, first = full.partition(",")
        full = f"{first.strip()} {last.strip()}"
    return " ".join(full.split())


def read_schedule(data: bytes, *, time_zone: str, indico: bool = False) -> Schedule:
    """Read a schedule file; the format is told by its first character (``<`` for XML)."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return read_frab_xml(data, time_zone=time_zone)
    if indico:
        return read_indico_json(data, time_zone=time_zone)
    return read_frab_json(data, time_zone=time_zone)
