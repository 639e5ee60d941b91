"""The signed-in side of the site: each person's home (what they may do in each of their projects and
what waits for them), their profile with their registrations and practices, and the members page
where coordinators invite people. Composed here because it reads accounts, events and practices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from secon.accounts import emails as account_emails
from secon.accounts import selectors as account_selectors
from secon.accounts import services as account_services
from secon.accounts import tickets
from secon.accounts.enums import Role
from secon.accounts.forms import InvitationForm, ProfileForm
from secon.accounts.services import invitations
from secon.accounts.twofactor import has_two_factor, requires_two_factor
from secon.core.confirm import confirmation_page, confirmed
from secon.core.links import site_url
from secon.events import links as event_links
from secon.events import selectors as event_selectors
from secon.organisations import account_data
from secon.organisations import selectors as organisation_selectors
from secon.practices.enums import Status
from secon.practices.selectors import practices as practice_selectors
from secon.projects import selectors as project_selectors


def _title(record) -> str:
    return record.title.render(translation.get_language(), record.project.fallback_languages).text or str(
        record
    )


def _project_actions(user, membership, *, awaiting: int, events: list) -> list[dict]:
    """What the person may do in one project, as links (only those the rules allow)."""
    project = membership.project
    slug = project.slug
    actions = [{"label": _("Project page"), "url": reverse("public:project", args=[slug])}]
    if user.has_perm("events.add_event", project):
        actions.append({"label": _("New event"), "url": reverse("events:create", args=[slug])})
        actions.append(
            {
                "label": _("Import a schedule, contacts or good practices"),
                "url": reverse("events:imports", args=[slug]),
            }
        )
    for event in events:
        actions.append(
            {
                "label": _("Organise: %(event)s") % {"event": _title(event)},
                "url": reverse("events:manage", args=[slug, event.slug]),
                "note": event.start_date,
            }
        )
    if user.has_perm("accounts.manage_members", project):
        actions.append(
            {"label": _("Practices from other installations"), "url": reverse("practices:feeds", args=[slug])}
        )
    if user.has_perm("accounts.manage_members", project):
        actions.append(
            {
                "label": _("Review queue of good practices"),
                "url": reverse("practices:manage", args=[slug]) + f"?status={Status.SUBMITTED}",
                "count": awaiting,
            }
        )
    if user.has_perm("practices.view_goodpractice", project):
        actions.append(
            {
                "label": _("Good practices: drafts and workflow"),
                "url": reverse("practices:manage", args=[slug]),
            }
        )
    if user.has_perm("practices.add_goodpractice", project):
        actions.append(
            {"label": _("Document a new good practice"), "url": reverse("practices:create", args=[slug])}
        )
    if membership.organisation_id and user.has_perm(
        "organisations.change_organisation", membership.organisation
    ):
        actions.append(
            {
                "label": _("Edit %(organisation)s") % {"organisation": membership.organisation.name},
                "url": reverse("admin:organisations_organisation_change", args=[membership.organisation_id]),
            }
        )
    if user.has_perm("accounts.manage_members", project):
        actions.append({"label": _("Members and invitations"), "url": reverse("public:members", args=[slug])})
        actions.append(
            {"label": _("Partners (staff side)"), "url": reverse("admin:organisations_partner_changelist")}
        )
    actions.append({"label": _("Events"), "url": reverse("events:list", args=[slug])})
    actions.append({"label": _("Policy instruments"), "url": reverse("policy:index", args=[slug])})
    return actions


def _mine(user) -> dict:
    """Everything a person's home and profile list, in a fixed number of queries."""
    memberships = account_selectors.list_memberships(user=user)
    coordinated = {m.project_id for m in memberships if m.role == Role.COORDINATOR}
    edited = {m.project_id: m.organisation_id for m in memberships if m.role == Role.PARTNER_EDITOR}
    organised = event_selectors.list_events_organised_by(coordinated_project_ids=coordinated, edited=edited)
    practices = practice_selectors.list_practices_of_person(user=user, edited=edited)
    emails = account_services.verified_addresses(user)
    return {
        "memberships": memberships,
        "coordinated": coordinated,
        "edited": edited,
        "organised": organised,
        "practices": practices,
        "returned": [practice for practice in practices if practice.status == Status.INFO_REQUESTED],
        "to_review": practice_selectors.list_practices_awaiting_review(project_ids=coordinated, user=user),
        "awaiting": practice_selectors.count_practices_awaiting_review(project_ids=coordinated),
        "registrations": event_selectors.list_registrations_for_addresses(emails=emails),
    }


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in home: each project with what the person may do there, and what waits for them."""
    user = request.user
    mine = _mine(user)
    projects = []
    for membership in mine["memberships"]:
        events = [event for event in mine["organised"] if event.project_id == membership.project_id][:5]
        projects.append(
            {
                "membership": membership,
                "project": membership.project,
                "actions": _project_actions(
                    user, membership, awaiting=mine["awaiting"].get(membership.project_id, 0), events=events
                ),
            }
        )
    context = {
        "projects": projects,
        "to_review": mine["to_review"],
        "returned": mine["returned"],
        "organised": [event for event in mine["organised"] if not event_is_over(event)][:10],
        "registrations": mine["registrations"][:5],
        "needs_two_factor": requires_two_factor(user) and not has_two_factor(user),
    }
    return render(request, "public/dashboard.html", context)


def event_is_over(event) -> bool:
    return event.end_date < timezone.localdate()


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Name, organisation and language; my registrations, my practices, my consents."""
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            account_services.update_profile(
                actor=user,
                user=user,
                **{name: form.cleaned_data[name] for name in account_services.PROFILE_FIELDS},
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            language = form.cleaned_data["preferred_language"]
            messages.success(request, _("Your profile is saved."))
            with translation.override(language):
                return redirect(reverse("public:profile"))
    mine = _mine(user)
    registrations = [
        {
            "registration": registration,
            "title": _title(registration.event),
            "url": reverse(
                "events:registration",
                args=[
                    registration.event.project.slug,
                    registration.event.slug,
                    event_links.make_token(registration),
                ],
            ),
        }
        for registration in mine["registrations"]
    ]
    people = organisation_selectors.list_people_by_emails(emails=account_services.verified_addresses(user))
    consents = [
        {
            "person": person,
            "consents": list(organisation_selectors.current_consents(person=person).values()),
            "changed_notices": [
                {"agreed": agreed, "current": current}
                for agreed, current in organisation_selectors.notices_to_agree_again(person=person)
            ],
        }
        for person in people
    ]
    context = {
        "form": form,
        "memberships": mine["memberships"],
        "registrations": registrations,
        "practices": [{"practice": p, "title": _title(p)} for p in mine["practices"]],
        "consents": consents,
        "export": account_data.latest_account_export(user=user),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "public/profile.html", context, status=status)


def _managed_project(request: HttpRequest, slug: str):
    project = project_selectors.get_project(slug=slug)
    if not request.user.has_perm("accounts.manage_members", project):
        raise PermissionDenied
    return project


@require_http_methods(["GET", "POST"])
@login_required
def members(request: HttpRequest, project: str) -> HttpResponse:
    """A project's members and open invitations; its coordinators invite, withdraw and remove."""
    current = _managed_project(request, project)
    organisations = organisation_selectors.list_partner_organisations(project=current)
    form = InvitationForm(
        initial={"language": translation.get_language(), "role": Role.VIEWER}, organisations=organisations
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "invite":
            form = InvitationForm(request.POST, organisations=organisations)
            if form.is_valid():
                base_url = site_url()
                try:
                    invitation, _token = invitations.invite(
                        actor=request.user,
                        project=current,
                        email=form.cleaned_data["email"],
                        role=form.cleaned_data["role"],
                        organisation=form.cleaned_data.get("organisation"),
                        language=form.cleaned_data["language"],
                        on_commit=lambda invitation, token: account_emails.send_invitation(
                            invitation=invitation, token=token, base_url=base_url
                        ),
                    )
                except ValidationError as error:
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    messages.success(
                        request, _("The invitation is sent to %(email)s.") % {"email": invitation.email}
                    )
                    return redirect(reverse("public:members", args=[current.slug]))
            status = 400
        elif action == "withdraw":
            invitation = account_selectors.get_open_invitation(
                project=current, pk=request.POST.get("invitation")
            )
            if invitation is None:
                messages.error(request, _("This invitation is no longer open."))
                return redirect(reverse("public:members", args=[current.slug]))
            if not confirmed(request):
                return confirmation_page(
                    request,
                    title=_("Withdraw this invitation?"),
                    question=_("Do you really want to withdraw the invitation to %(email)s?")
                    % {"email": invitation.email},
                    details=[_("The link in the invitation e-mail stops working.")],
                    confirm_label=_("Yes, withdraw the invitation"),
                    back_url=request.path,
                    context={"project": current},
                )
            invitations.revoke_invitation(actor=request.user, invitation=invitation)
            messages.success(
                request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
            )
            return redirect(reverse("public:members", args=[current.slug]))
        elif action == "remove":
            membership = account_selectors.get_membership(project=current, pk=request.POST.get("membership"))
            if membership is None:
                messages.error(request, _("This person has no role in the project any more."))
            elif membership.user_id == request.user.pk:
                messages.error(request, _("You cannot remove your own role; ask another coordinator."))
            elif not confirmed(request):
                return confirmation_page(
                    request,
                    title=_("Remove this role?"),
                    question=_("Do you really want to remove the role of %(person)s in the project?")
                    % {"person": membership.user},
                    details=[_("They can no longer open the project's staff pages; their account stays.")],
                    confirm_label=_("Yes, remove the role"),
                    back_url=request.path,
                    context={"project": current},
                )
            else:
                account_services.revoke_role(actor=request.user, membership=membership)
                messages.success(
                    request,
                    _("%(person)s no longer has a role in the project.") % {"person": membership.user},
                )
            return redirect(reverse("public:members", args=[current.slug]))
        else:
            messages.error(request, _("Unknown action."))
            return redirect(reverse("public:members", args=[current.slug]))
    context = {
        "project": current,
        "members": account_selectors.list_project_members(project=current),
        "invitations": account_selectors.list_open_invitations(project=current),
        "form": form,
    }
    return render(request, "public/members.html", context, status=status)


@require_http_methods(["POST"])
def account_from_registration(request: HttpRequest, project: str, event: str, token: str) -> HttpResponse:
    """ "Create an account" on a registration's personal page: sign up for the registration's address
    (confirmed by e-mail afterwards), or sign in when that address already has an account."""
    try:
        registration = event_selectors.find_registration(token=token)
    except (event_links.LinkInvalid, event_links.LinkExpired):
        raise Http404("No such registration") from None
    if registration.event.slug != event or registration.event.project.slug != project:
        raise Http404("No such registration")
    email = registration.person.email
    if account_services.User.objects.filter(email__iexact=email).exists() or request.user.is_authenticated:
        messages.info(request, _("An account with this e-mail address exists: sign in."))
        return redirect(reverse("account_login"))
    tickets.issue_for_registration(request, email=email)
    return redirect(reverse("account_signup"))
