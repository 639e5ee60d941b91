"""An e-mail kind for the mail tests, written in the recipient's language."""

from django.utils.translation import gettext as _

from secon.mail.rendering import Rendered, renderer


@renderer("tests.greeting")
def greeting(*, name: str) -> Rendered | None:
    if name == "gone":
        return None
    return Rendered(
        subject=f"{_('Language')}: {name}",
        body=f"{_('Events')} – {name}",
        attachments=[("a.txt", "x", "text/plain")],
    )
