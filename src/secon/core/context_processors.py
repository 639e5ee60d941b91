from django.conf import settings


def site(request):
    """Expose what every page's frame needs: interface languages and the map tile server."""
    return {
        "interface_languages": settings.LANGUAGES,
        "map_tile_url": settings.MAP_TILE_URL,
    }
