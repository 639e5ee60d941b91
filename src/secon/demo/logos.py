"""The demo's logos, drawn here (no file copied from anyone): SECON's own mark and a neutral,
clearly labelled stand-in for the programme's logo — the real one is the programme's trademark,
which a project uploads itself on its look page."""

import io

from PIL import Image, ImageDraw, ImageFont

from django.core.files.uploadedfile import SimpleUploadedFile

GREEN, RUST, TEAL, INK, GREY = "#14532d", "#9a3412", "#0f5f6b", "#1b1f24", "#4a5360"


def _font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _png(image: Image.Image, name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def secon_logo() -> SimpleUploadedFile:
    """SECON: three overlapping rings (regions working together) beside the name."""
    image = Image.new("RGB", (540, 160), "white")
    draw = ImageDraw.Draw(image)
    for (x, y), colour in zip([(58, 56), (110, 56), (84, 104)], [GREEN, RUST, TEAL], strict=True):
        draw.ellipse((x - 42, y - 42, x + 42, y + 42), outline=colour, width=13)
    draw.text((168, 26), "SECON", font=_font(104), fill=GREEN, stroke_width=3, stroke_fill=GREEN)
    return _png(image, "secon-logo.png")


def programme_placeholder() -> SimpleUploadedFile:
    """A neutral stand-in for the programme's logo, saying on its face that it is illustrative."""
    image = Image.new("RGB", (520, 160), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((4, 4, 515, 155), radius=16, outline=GREY, width=4)
    draw.rounded_rectangle((26, 30, 126, 130), radius=18, fill="#1f3a68")
    draw.polygon([(48, 112), (76, 52), (104, 112)], fill="white")
    draw.text((146, 22), "Programme", font=_font(58), fill=INK)
    draw.text((148, 88), "illustrative", font=_font(48), fill=GREY)
    return _png(image, "programme-logo-illustrative.png")
