"""A signed-in person's own data from their profile: ask for a download, answer a changed privacy notice,
erase the account.

Erasing asks first (a page that says what goes and what stays) and, like changing the password,
wants a recent sign-in (allauth's re-authentication): a session left open on a shared computer
cannot erase an account.
"""

from allauth.account.decorators import reauthentication_required

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secon.accounts import services as account_services
from secon.core.http import private
from secon.organisations import account_data, notice_services
from secon.organisations import selectors as organisation_selectors


@require_POST
@login_required
def request_download(request: HttpRequest) -> HttpResponse:
    """Enqueue the ZIP of the account's data; the profile shows its link once it is ready."""
    account_data.request_account_export(user=request.user)
    messages.success(
        request,
        _("We are gathering your data. Reload this page in a minute: the download link appears here."),
    )
    return redirect("public:profile")


@require_http_methods(["GET", "POST"])
@login_required
@reauthentication_required(allow_get=True)
def erase(request: HttpRequest) -> HttpResponse:
    """Say what erasing the account does (or why it cannot be done now); the POST erases it."""
    user = request.user
    problem = account_data.account_problem(user)
    people = account_data.account_people(user)
    context = {"problem": problem, "people": people}
    if request.method == "POST" and problem is None:
        try:
            account_data.erase_account(actor=user, user=user)
        except ValidationError as error:
            context["problem"] = " ".join(error.messages)
        else:
            logout(request)
            return private(render(request, "public/account_erased.html"))
    status = 409 if request.method == "POST" else 200
    return private(render(request, "public/erase_account.html", context, status=status))


def _number(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


@require_POST
@login_required
def answer_notice(request: HttpRequest) -> HttpResponse:
    """Agree to a project's changed privacy notice, or withdraw one's consents, from the profile: only
    for the people of the account's confirmed addresses; a second click records nothing."""
    people = organisation_selectors.list_people_by_emails(
        emails=account_services.verified_addresses(request.user)
    )
    person = next((p for p in people if str(p.pk) == request.POST.get("person")), None)
    pending = organisation_selectors.notices_to_agree_again(person=person) if person else []
    project_id = _number(request.POST.get("project"))
    current = next((version for _agreed, version in pending if version.project_id == project_id), None)
    agree = request.POST.get("answer") != "withdraw"
    answered = None
    if current is not None:
        answered = notice_services.answer_changed_notice(
            actor=request.user,
            person=person,
            project=current.project,
            number=_number(request.POST.get("number")),
            agree=agree,
            source="profile",
        )
    if answered is None:
        messages.info(
            request, _("There was nothing to answer: your consents follow the current privacy notice.")
        )
    elif agree:
        messages.success(
            request,
            _(
                "Thank you: your agreement to version %(number)s of the privacy notice of %(acronym)s "
                "is recorded."
            )
            % {"number": answered.number, "acronym": answered.project.acronym},
        )
    else:
        messages.success(
            request,
            _("Your consents to %(acronym)s are withdrawn.") % {"acronym": answered.project.acronym},
        )
    return redirect("public:profile")
