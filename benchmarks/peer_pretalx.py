"""Build the side-by-side benchmark's event in pretalx, through pretalx's own ORM and workflow.

Run by ``side_by_side.py`` with the Python of pretalx's own virtual environment (never ours):

    <peer venv>/bin/python benchmarks/peer_pretalx.py '<shape as JSON>'

with PRETALX_CONFIG_FILE pointing at the throwaway configuration the benchmark wrote. The shape
(days, rooms, sessions per room and day, titles and texts) comes from ``side_by_side.py``, so both
systems hold the same event. Talks are submitted, accepted and confirmed as an organiser would,
placed in their rooms and released as schedule version 1.0. Prints one line of JSON: the event's
slug and the talks' codes.
"""

import datetime as dt
import json
import os
import sys
import zoneinfo


def main() -> None:
    shape = json.loads(sys.argv[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pretalx.settings")
    import django

    django.setup()
    from django_scopes import scope, scopes_disabled
    from pretalx.event.models import Event
    from pretalx.event.utils import create_organiser_with_team
    from pretalx.person.models import SpeakerProfile, User
    from pretalx.schedule.models import Room
    from pretalx.submission.models import Submission, SubmissionType

    with scopes_disabled():
        if Event.objects.filter(slug=shape["slug"]).exists():
            event = Event.objects.get(slug=shape["slug"])
            with scope(event=event):
                codes = list(
                    event.current_schedule.talks.filter(is_visible=True)
                    .order_by("start", "room__position")
                    .values_list("submission__code", flat=True)
                )
            print(json.dumps({"event": event.slug, "talks": codes}))
            return
        admin = User.objects.create_superuser(email="admin@example.org", password="benchmark-only")
        organiser, team = create_organiser_with_team(name="Benchmark", slug="benchorg", users=[admin])
        start = dt.date.fromisoformat(shape["start"])
        event = Event.objects.create(
            name=shape["title"],
            slug=shape["slug"],
            organiser=organiser,
            is_public=True,
            date_from=start,
            date_to=start + dt.timedelta(days=shape["days"] - 1),
            timezone=shape["time_zone"],
            email="orga@example.org",
            locale_array="en",
            locale="en",
        )
    zone = zoneinfo.ZoneInfo(shape["time_zone"])
    with scope(event=event):
        event.build_initial_data()
        team.limit_events.add(event)
        talk_type = SubmissionType.objects.create(
            event=event, name="Session", default_duration=shape["minutes"]
        )
        rooms = [
            Room.objects.create(event=event, name=f"Room {n}", position=n) for n in range(shape["rooms"])
        ]
        speakers = []
        for n in range(shape["speakers"]):
            user = User.objects.create_user(
                name=f"Speaker {n}", email=f"speaker{n}@example.org", locale="en", timezone=shape["time_zone"]
            )
            SpeakerProfile.objects.create(user=user, event=event, biography=shape["biography"])
            speakers.append(user)
        for session in shape["sessions"]:
            submission = Submission.objects.create(
                event=event,
                title=session["title"],
                submission_type=talk_type,
                abstract=session["abstract"],
                description=session["description"],
                content_locale="en",
            )
            submission.speakers.add(speakers[session["speaker"]])
            submission.accept(force=True)
            submission.confirm(force=True)
            slot = submission.slots.get(schedule=event.wip_schedule)
            slot.start = dt.datetime.fromisoformat(session["starts"]).replace(tzinfo=zone)
            slot.end = slot.start + dt.timedelta(minutes=shape["minutes"])
            slot.room = rooms[session["room"]]
            slot.save()
        event.wip_schedule.freeze("1.0", notify_speakers=False)
        codes = list(
            event.current_schedule.talks.filter(is_visible=True)
            .order_by("start", "room__position")
            .values_list("submission__code", flat=True)
        )
    print(json.dumps({"event": event.slug, "talks": codes}))


if __name__ == "__main__":
    main()
