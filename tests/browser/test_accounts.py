"""Accounts in a real browser: each demo account signs in and sees its own home, the coordinator
sets up two-factor authentication and must use it, and a participant creates an account from their
registration link — at 1280 px and 390 px, with axe-core (WCAG 2.1 AA) and a clean console."""

import re
import time

import pytest
from playwright.sync_api import expect

from django.core import mail

from secon.accounts.twofactor import current_code
from secon.demo.loader import read_demo_admin
from tests.browser.conftest import assert_page_is_clean, confirm_registration_from_email

pytestmark = pytest.mark.browser


@pytest.mark.django_db
def test_the_sign_in_page_exists_in_the_url_map():
    """A database test first: it opens the test database before the browser starts."""
    from django.urls import reverse

    assert reverse("account_login") == "/en/accounts/login/"


def check(page, name):
    assert_page_is_clean(page, name)


def sign_in(page, site, email):
    page.goto(f"{site.url}/en/")
    page.get_by_role("link", name="Sign in").click()
    check(page, "sign-in page")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(read_demo_admin()[1])
    page.get_by_role("button", name="Sign in").click()


@pytest.fixture(params=[1280, 390], ids=["desktop", "phone"])
def any_page(request, browser):
    from tests.browser.conftest import _open_page

    context, page = _open_page(browser, width=request.param)
    yield page
    context.close()


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("viewer@secon.example", ["Viewer", "Project page"]),
        (
            "extremadura@secon.example",
            [
                "Partner editor – Junta de Extremadura",
                "Edit Junta de Extremadura",
                "Document a new good practice",
            ],
        ),
    ],
)
def test_members_sign_in_and_see_their_home(site, any_page, email, expected):
    page = any_page
    sign_in(page, site, email)
    page.wait_for_url(re.compile(r"/en/home/$"))
    text = page.locator("main").inner_text()
    for words in expected:
        assert words in text
    assert "SECON" in text
    check(page, f"home of {email}")
    page.locator(".user-menu summary").click()
    page.get_by_role("link", name="Profile").click()
    page.wait_for_url(re.compile(r"/home/profile/$"))
    check(page, f"profile of {email}")
    for name in ("E-mail addresses", "Password", "Two-factor authentication"):
        page.locator(".account-nav").get_by_role("link", name=name).click()
        check(page, f"{name} of {email}")
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_the_coordinator_sets_up_two_factor_and_must_use_it(site, any_page):
    from secon.accounts.models import User
    from secon.accounts.twofactor import secret_of

    page = any_page
    sign_in(page, site, "coordinator@secon.example")
    page.wait_for_url(re.compile(r"/2fa/(totp/activate|authenticate)/$"))
    if page.url.endswith("/totp/activate/"):
        # The first sign-in (the phone-sized run comes second and finds it done).
        check(page, "two-factor set-up")
        secret = page.locator("#authenticator_secret").input_value()
        page.get_by_label("Authenticator code").fill(current_code(secret))
        page.get_by_role("button", name="Activate").click()
        page.wait_for_url(re.compile(r"/recovery-codes/$"))
        check(page, "recovery codes")
        page.goto(f"{site.url}/en/home/")
        assert "Members and invitations" in page.locator("main").inner_text()
        check(page, "coordinator's home")
        page.get_by_role("link", name="Members and invitations").click()
        page.wait_for_url(re.compile(r"/members/$"))
        check(page, "members page")
        page.get_by_label("E-mail address").fill("new.partner@example.org")
        page.get_by_label("Role").select_option("viewer")
        page.get_by_role("button", name="Send the invitation").click()
        expect(page.locator("main")).to_contain_text("new.partner@example.org")
        check(page, "members page with an invitation")
        message = next(m for m in reversed(mail.outbox) if m.to == ["new.partner@example.org"])
        invitation_link = re.search(r"http://\S+/accounts/invitation/\S+/", message.body).group(0)
        page.locator(".user-menu summary").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Sign out").click()
        page.goto(invitation_link)
        assert "You are invited to SECON as viewer" in page.locator("main").inner_text()
        check(page, "invitation page")
        sign_in(page, site, "coordinator@secon.example")
        page.wait_for_url(re.compile(r"/2fa/authenticate/$"))
    secret = secret_of(User.objects.get(email="coordinator@secon.example"))
    check(page, "two-factor code at sign-in")
    page.get_by_label("Code").fill("000000" if current_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("main")).to_contain_text("Incorrect code")
    assert "/2fa/authenticate/" in page.url
    # A code of the next 30-second step (allauth accepts one step either way; a used code is refused).
    page.get_by_label("Code").fill(current_code(secret, at=time.time() + 30))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/en/home/$"))
    check(page, "coordinator's home")


def test_a_participant_creates_an_account_from_the_registration(site, page):
    page.goto(f"{site.url}/en/secon/events/harghita-seminar-2027/register/")
    page.get_by_label("First name").fill("Petra")
    page.get_by_label("Last name").fill("Participant")
    page.get_by_label("E-mail address").fill("petra@example.org")
    page.locator('input[name="sessions"]').first.check()
    page.get_by_label("I accept the terms of participation (required).").check()
    page.get_by_role("button", name="Register").click()
    confirm_registration_from_email(page, "petra@example.org")
    page.get_by_role("button", name="Create an account").click()
    page.wait_for_url(re.compile(r"/accounts/signup/$"))
    check(page, "sign-up from a registration")
    page.get_by_label("First name").fill("Petra")
    page.get_by_label("Last name").fill("Participant")
    page.locator('input[name="password1"]').fill("a long enough passphrase")
    page.locator('input[name="password2"]').fill("a long enough passphrase")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/confirm-email/$"))
    check(page, "confirmation sent")
    message = next(
        m for m in reversed(mail.outbox) if m.to == ["petra@example.org"] and "confirm-email" in m.body
    )
    link = re.search(r"http://\S+/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    check(page, "confirmation page")
    page.get_by_role("button", name="Confirm").click()
    page.locator('input[name="login"]').fill("petra@example.org")
    page.locator('input[name="password"]').fill("a long enough passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/en/home/$"))
    assert (
        "Harghita" in page.locator("main").inner_text()
        or "seminar" in page.locator("main").inner_text().lower()
    )
    page.goto(link)
    assert "already been used" in page.locator("main").inner_text()
