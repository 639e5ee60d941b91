"""User-authored rich text: Markdown rendered to HTML and cleaned by nh3 (an allow-list), once, here.

Every app that lets people write formatted text (articles, press releases, newsletters) renders it
with :func:`render_markdown`; nothing else in the code base marks user text as safe HTML.
"""

import html
import re

import markdown
import nh3

from django.utils.safestring import SafeString, mark_safe

#: The HTML a text may end up with: structure, emphasis, links, lists, quotes, code, tables.
ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "a", "ul", "ol", "li",
    "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
#: Tags whose presence in the source means someone tried more than formatting.
FORBIDDEN_TAGS = (
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "style",
    "link",
    "meta",
    "svg",
    "frame",
)
_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)")
_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
_JAVASCRIPT = re.compile(r"\]\(\s*(javascript|data|vbscript):", re.IGNORECASE)


def unsafe_html_tags(text: str) -> list[str]:
    """Return the forbidden tags (and ``on…`` handlers, ``javascript:`` links) found in ``text``."""
    found = sorted({tag.lower() for tag in _TAG.findall(text) if tag.lower() in FORBIDDEN_TAGS})
    if _HANDLER.search(text):
        found.append("on…=")
    if _JAVASCRIPT.search(text):
        found.append("javascript:")
    return found


def render_markdown(text: str) -> SafeString:
    """Return ``text`` (Markdown) as HTML that holds only :data:`ALLOWED_TAGS`; links get rel=noopener."""
    rendered = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # cleaned by nh3 just above


def plain_text(text: str) -> str:
    """Return the text of ``text`` (Markdown) without any markup, for summaries, feeds and e-mails."""
    rendered = markdown.markdown(text or "", extensions=["extra"])
    return re.sub(r"\s+", " ", html.unescape(nh3.clean(rendered, tags=set()))).strip()
