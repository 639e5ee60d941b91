"""Accounts for every user: sign-in by e-mail, sign-up only by invitation or from a registration,
e-mail confirmation by POST, two-factor required of coordinators and administrators, the admin
behind the same sign-in, profile and e-mail change, and every bad input answered clearly."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from secon.accounts import services
from secon.accounts.models import Invitation, Membership, User
from secon.accounts.services import invitations
from secon.accounts.twofactor import current_code
from secon.core.models import AuditEntry
from tests.accounts.world import PASSWORD, build_world, enable_two_factor

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a new and long passphrase"


@pytest.fixture
def world():
    return build_world()


def _sign_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def _invite(world, email="new.person@example.org", role="viewer", organisation=None, project="a"):
    sent = {}
    invitation, token = invitations.invite(
        actor=world.users["coordinator" if project == "a" else "other_coordinator"],
        project=world.projects[project],
        email=email,
        role=role,
        organisation=organisation,
        language="en",
        on_commit=lambda invitation, token: sent.update(token=token),
    )
    return invitation, token


def _signup_data(**overrides):
    data = {
        "first_name": "Nora",
        "last_name": "New",
        "preferred_language": "es",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(overrides)
    return data


class TestSignIn:
    @pytest.mark.parametrize("role", ["viewer", "editor"])
    def test_members_sign_in_by_email_and_land_on_their_home(self, client, world, role):
        response = _sign_in(client, f"{role}@example.org")
        assert response.status_code == 302
        assert response.url == reverse("public:dashboard")
        assert client.get(response.url).status_code == 200

    def test_a_wrong_password_is_said_on_the_form_and_signs_nobody_in(self, client, world):
        response = _sign_in(client, "viewer@example.org", "wrong password")
        assert response.status_code == 200
        assert response.context["form"].errors
        assert SESSION_KEY not in client.session

    def test_the_home_opens_in_the_preferred_language(self, client, world):
        viewer = world.users["viewer"]
        services.update_profile(actor=viewer, user=viewer, preferred_language="el")
        assert _sign_in(client, "viewer@example.org").url == "/el/home/"

    def test_open_sign_up_is_closed(self, client, world):
        response = client.get(reverse("account_signup"))
        assert response.status_code == 403
        assert "invitation" in response.content.decode()
        response = client.post(reverse("account_signup"), {**_signup_data(), "email": "x@example.org"})
        assert response.status_code == 403
        assert not User.objects.filter(email="x@example.org").exists()

    def test_the_admin_signs_in_through_the_same_page(self, client, world):
        response = client.get("/admin/")
        assert response.status_code == 302
        login = client.get(response.url, follow=True)
        assert login.redirect_chain[-1][0].startswith(reverse("account_login"))
        assert "next=%2Fadmin%2F" in login.redirect_chain[-1][0]

    def test_a_member_without_staff_role_gets_a_clear_page_from_the_admin(self, client, world):
        client.force_login(world.users["viewer"])
        response = client.get(reverse("admin:login"))
        assert response.status_code == 403
        assert "No access to the staff side" in response.content.decode()

    def test_the_header_shows_who_is_signed_in(self, client, world):
        html = client.get("/en/").content.decode()
        assert reverse("account_login") in html
        client.force_login(world.users["viewer"])
        html = client.get("/en/").content.decode()
        assert "viewer@example.org" in html
        assert reverse("account_logout") in html


class TestTwoFactor:
    def test_a_coordinator_without_it_is_sent_to_set_it_up(self, client, world):
        coordinator = world.users["coordinator"]
        Authenticator.objects.filter(user=coordinator).delete()
        assert _sign_in(client, "coordinator@example.org").status_code == 302
        for url in ["/admin/", reverse("public:dashboard"), "/en/alpha/events/new/", "/en/alpha/members/"]:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.url == reverse("mfa_activate_totp")
        # The set-up page itself, and signing out, stay open.
        page = client.get(reverse("mfa_activate_totp"))
        assert page.status_code == 200
        secret = page.context["form"].secret
        response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
        assert response.url == reverse("mfa_view_recovery_codes")
        codes = re.findall(r"\b\d{8}\b", client.get(response.url).content.decode())
        assert len(set(codes)) == 10  # shown once set up, to be kept
        assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
        assert client.get("/en/alpha/members/").status_code == 200

    def test_a_coordinator_must_enter_a_code_at_sign_in(self, client, world):
        coordinator = world.users["coordinator"]
        Authenticator.objects.filter(user=coordinator).delete()
        secret = enable_two_factor(coordinator)
        response = _sign_in(client, "coordinator@example.org")
        assert response.url == reverse("mfa_authenticate")
        assert SESSION_KEY not in client.session
        response = client.post(
            reverse("mfa_authenticate"), {"code": "000000" if current_code(secret) != "000000" else "111111"}
        )
        assert response.status_code == 200
        assert "Incorrect code." in response.content.decode()
        assert SESSION_KEY not in client.session
        response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
        assert response.status_code == 302
        assert client.session[SESSION_KEY] == str(coordinator.pk)

    def test_a_coordinator_cannot_switch_it_off(self, client, world):
        client.force_login(world.users["coordinator"])
        response = client.get(reverse("mfa_deactivate_totp"))
        assert response.status_code in (302, 403)
        assert Authenticator.objects.filter(user=world.users["coordinator"], type="totp").exists()

    def test_viewers_and_partner_editors_do_not_need_it(self, client, world):
        for role in ("viewer", "editor"):
            client.force_login(world.users[role])
            assert client.get(reverse("public:dashboard")).status_code == 200


class TestInvitations:
    def test_a_coordinator_invites_and_the_person_creates_an_account(
        self, client, world, django_capture_on_commit_callbacks
    ):
        client.force_login(world.users["coordinator"])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/en/alpha/members/",
                {
                    "action": "invite",
                    "email": "Nora.New@Example.org",
                    "role": "partner_editor",
                    "organisation": world.organisations["a3"].pk,
                    "language": "es",
                },
            )
        assert response.status_code == 302
        message = mail.outbox[-1]
        assert message.to == ["nora.new@example.org"]
        assert "ALPHA" in message.subject and "Invitación" in message.subject
        link = re.search(r"http://testserver(/es/accounts/invitation/[^/\s]+/)", message.body).group(1)
        client.logout()
        page = client.get(link)
        assert page.status_code == 200
        response = client.post(link)
        assert response.url == reverse("account_signup")
        form = client.get(response.url)
        assert 'value="nora.new@example.org"' in form.content.decode()
        # The posted address is ignored: the account is made for the invited one.
        response = client.post(reverse("account_signup"), {**_signup_data(), "email": "spy@example.org"})
        assert response.status_code == 302
        user = User.objects.get(email="nora.new@example.org")
        assert not User.objects.filter(email="spy@example.org").exists()
        assert user.preferred_language == "es" and user.first_name == "Nora"
        assert EmailAddress.objects.get(user=user).verified  # the invitation proved the address
        membership = Membership.objects.get(user=user)
        assert (membership.role, membership.organisation) == ("partner_editor", world.organisations["a3"])
        assert Invitation.objects.get().accepted_by == user
        assert client.session[SESSION_KEY] == str(user.pk)
        assert AuditEntry.objects.filter(model="accounts.invitation", actor=user).exists()
        # Used once: the link now says so, and changes nothing.
        response = client.get(link)
        assert response.status_code == 410
        assert "Esta invitación ya ha sido aceptada." in response.content.decode()  # the link's language

    def test_an_existing_account_accepts_after_signing_in(self, client, world):
        _invitation, token = _invite(world, email="other_coordinator@example.org", role="viewer")
        link = reverse("account_invitation", args=[token])
        response = client.post(link)
        assert response.url.startswith(reverse("account_login"))
        client.force_login(world.users["other_coordinator"])
        response = client.post(link)
        assert response.url == reverse("public:dashboard")
        assert Membership.objects.filter(
            user=world.users["other_coordinator"], project=world.projects["a"], role="viewer"
        ).exists()

    def test_someone_elses_invitation_cannot_be_used(self, client, world):
        _invitation, token = _invite(world, email="invited@example.org")
        client.force_login(world.users["editor"])
        link = reverse("account_invitation", args=[token])
        for response in (client.get(link), client.post(link)):
            assert response.status_code == 403
            assert "invited@example.org" in response.content.decode()
        assert Invitation.objects.get().accepted_at is None
        assert not Membership.objects.filter(user=world.users["editor"], role="viewer").exists()

    @pytest.mark.parametrize("state", ["expired", "revoked", "forged"])
    def test_unusable_links_say_why(self, client, world, state):
        invitation, token = _invite(world)
        if state == "expired":
            Invitation.objects.update(expires_at=invitation.created_at)
        elif state == "revoked":
            invitations.revoke_invitation(actor=world.users["coordinator"], invitation=invitation)
        else:
            token = token[:-3] + "abc"
        response = client.post(reverse("account_invitation", args=[token]))
        assert response.status_code in (404, 410)
        assert {"expired": "expired", "revoked": "withdrawn", "forged": "not valid"}[
            state
        ] in response.content.decode()
        assert not User.objects.filter(email="new.person@example.org").exists()

    def test_a_second_account_with_the_same_address_is_refused(self, client, world):
        _invitation, token = _invite(world, email="late@example.org")
        client.post(reverse("account_invitation", args=[token]))
        services.create_user(actor=None, email="LATE@example.org", password=PASSWORD)
        response = client.post(reverse("account_signup"), _signup_data())
        assert response.status_code == 200
        assert "already exists" in response.content.decode()
        assert User.objects.filter(email__iexact="late@example.org").count() == 1
        assert Invitation.objects.get().accepted_at is None

    def test_bad_invitation_input_is_said_on_the_field(self, client, world):
        client.force_login(world.users["coordinator"])
        response = client.post(
            "/en/alpha/members/",
            {"action": "invite", "email": "not an address", "role": "partner_editor", "language": "en"},
        )
        assert response.status_code == 400
        assert set(response.context["form"].errors) == {"email", "organisation"}
        response = client.post(
            "/en/alpha/members/",
            {
                "action": "invite",
                "email": "x@example.org",
                "role": "partner_editor",
                "organisation": world.organisations["b1"].pk,
                "language": "en",
            },
        )
        assert response.status_code == 400
        assert "organisation" in response.context["form"].errors
        assert not Invitation.objects.exists()

    def test_withdraw_and_remove(self, client, world):
        invitation, _token = _invite(world)
        client.force_login(world.users["coordinator"])
        response = client.post("/en/alpha/members/", {"action": "withdraw", "invitation": invitation.pk})
        assert "Withdraw this invitation?" in response.content.decode()
        assert Invitation.objects.get().revoked_at is None  # asked first, nothing done
        client.post(
            "/en/alpha/members/", {"action": "withdraw", "invitation": invitation.pk, "confirmed": "yes"}
        )
        assert Invitation.objects.get().revoked_at is not None
        viewer = world.memberships["viewer"].pk
        response = client.post("/en/alpha/members/", {"action": "remove", "membership": viewer})
        assert "Remove this role?" in response.content.decode()
        assert Membership.objects.filter(pk=viewer).exists()
        client.post("/en/alpha/members/", {"action": "remove", "membership": viewer, "confirmed": "yes"})
        assert not Membership.objects.filter(pk=viewer).exists()
        # Another project's membership cannot be reached from here.
        other = world.memberships["other_coordinator"]
        client.post("/en/alpha/members/", {"action": "remove", "membership": other.pk, "confirmed": "yes"})
        assert Membership.objects.filter(pk=other.pk).exists()
        for bad in (
            {"action": "remove", "membership": "x"},
            {"action": "withdraw", "invitation": "9999"},
            {"action": "?"},
        ):
            assert client.post("/en/alpha/members/", bad).status_code == 302


class TestEmailConfirmation:
    def test_the_link_opens_a_page_and_only_post_confirms(
        self, client, world, django_capture_on_commit_callbacks
    ):
        user = services.create_user(
            actor=None, email="p@example.org", password=PASSWORD, email_verified=False
        )
        with django_capture_on_commit_callbacks(execute=True):  # the worker sends the link
            response = _sign_in(client, "p@example.org")
        assert response.url == reverse("account_email_verification_sent")
        link = re.search(r"http://testserver(/\S+/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
        page = client.get(link)
        assert page.status_code == 200
        assert not EmailAddress.objects.get(user=user).verified  # a mail scanner's GET changes nothing
        response = client.post(link)
        assert response.status_code == 302
        assert EmailAddress.objects.get(user=user).verified
        # Used again: a clear page, nothing changes.
        again = client.get(link)
        assert again.status_code == 410
        assert "already been used" in again.content.decode()
        assert client.post(link).status_code == 410

    def test_expired_and_forged_links(self, client, world, settings, django_capture_on_commit_callbacks):
        user = services.create_user(
            actor=None, email="p@example.org", password=PASSWORD, email_verified=False
        )
        with django_capture_on_commit_callbacks(execute=True):
            _sign_in(client, "p@example.org")
        link = re.search(r"http://testserver(/\S+/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
        settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 0
        response = client.post(link)
        assert response.status_code == 410
        assert "expired" in response.content.decode()
        assert not EmailAddress.objects.get(user=user).verified
        response = client.get(link.replace("confirm-email/", "confirm-email/x"))
        assert response.status_code == 404
        assert "not valid" in response.content.decode()


class TestProfile:
    def test_name_organisation_and_language(self, client, world):
        viewer = world.users["viewer"]
        client.force_login(viewer)
        response = client.post(
            reverse("public:profile"),
            {
                "first_name": "Vera",
                "last_name": "Viewer",
                "organisation_name": "Coop",
                "preferred_language": "de",
            },
        )
        assert response.status_code == 302
        assert response.url == "/de/home/profile/"
        viewer.refresh_from_db()
        assert (viewer.first_name, viewer.organisation_name, viewer.preferred_language) == (
            "Vera",
            "Coop",
            "de",
        )
        entry = AuditEntry.objects.filter(
            model="accounts.user", object_id=str(viewer.pk), action="update"
        ).latest("pk")
        assert entry.changes["preferred_language"] == ["en", "de"]

    def test_bad_input_is_refused_on_the_field(self, client, world):
        client.force_login(world.users["viewer"])
        response = client.post(
            reverse("public:profile"), {"first_name": "x" * 500, "preferred_language": "xx"}
        )
        assert response.status_code == 400
        assert {"first_name", "preferred_language"} <= set(response.context["form"].errors)

    def test_changing_the_sign_in_address_needs_its_confirmation(
        self, client, world, django_capture_on_commit_callbacks
    ):
        viewer = world.users["viewer"]
        client.force_login(viewer)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("account_email"), {"action_add": "", "email": "vera@example.org"})
        assert response.status_code == 302
        viewer.refresh_from_db()
        assert viewer.email == "viewer@example.org"
        link = re.search(r"http://testserver(/\S+/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
        client.post(link)
        viewer.refresh_from_db()
        assert viewer.email == "vera@example.org" and viewer.username == "vera@example.org"
        client.logout()
        assert _sign_in(client, "vera@example.org").status_code == 302

    def test_a_bad_or_taken_address_is_refused_on_the_field(self, client, world):
        viewer = world.users["viewer"]
        client.force_login(viewer)
        response = client.post(reverse("account_email"), {"action_add": "", "email": "not an address"})
        assert response.status_code == 200
        assert 'class="field__errors"' in response.content.decode()
        # Another account's address: refused on the field, nothing added.
        response = client.post(reverse("account_email"), {"action_add": "", "email": "Editor@Example.org"})
        assert "belongs to another account" in response.content.decode()
        assert list(EmailAddress.objects.filter(user=viewer).values_list("email", flat=True)) == [
            "viewer@example.org"
        ]
        assert EmailAddress.objects.get(email="editor@example.org").user == world.users["editor"]

    def test_the_password_change_keeps_the_session(self, client, world):
        viewer = world.users["viewer"]
        client.force_login(viewer)
        response = client.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        assert response.status_code == 302
        viewer.refresh_from_db()
        assert viewer.check_password(NEW_PASSWORD)

    def test_password_reset_by_e_mail(self, client, world, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("account_reset_password"), {"email": "viewer@example.org"})
        assert response.status_code == 302
        link = re.search(r"http://testserver(/\S+/password/reset/key/\S+/)", mail.outbox[-1].body).group(1)
        page = client.get(link, follow=True)
        response = client.post(
            page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        assert response.status_code == 302
        assert User.objects.get(email="viewer@example.org").check_password(NEW_PASSWORD)
