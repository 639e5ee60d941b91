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


#: Called while an e-mail of kind "tests.hooked" is rendered: a test acts at that moment (takes a lock).
while_rendering: list = []


@renderer("tests.hooked")
def hooked(*, name: str) -> Rendered | None:
    for act in while_rendering:
        act()
    return greeting(name=name)
