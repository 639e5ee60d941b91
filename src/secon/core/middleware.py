from urllib.parse import urlsplit

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send a strict Content-Security-Policy: our own scripts and styles only, map tiles allowed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy(request)
        return response

    def policy(self, request) -> str:
        tiles = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a"))
        tile_origin = f"{tiles.scheme}://{tiles.netloc}" if tiles.netloc else ""
        # The Django admin still uses inline style attributes; the public site uses none.
        style = "'self' 'unsafe-inline'" if request.path.startswith("/admin/") else "'self'"
        return "; ".join(
            [
                "default-src 'self'",
                f"img-src 'self' data: {tile_origin}".strip(),
                "script-src 'self'",
                f"style-src {style}",
                "font-src 'self'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'",
            ]
        )
