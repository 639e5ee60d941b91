"""S3-compatible storage whose links lead through the site's media view (``SECON_STORAGE_URL=s3://…``).

django-storages' ``S3Storage.url()`` would put signed bucket addresses in the pages: they bypass the
check of who may see a file, and expire while a cached page still shows them. Here ``url()`` gives
the site's own ``/media/…`` address, as with local files, and only the media view, once it has
allowed the visitor, asks for a signed address (:meth:`S3MediaStorage.signed_url`).
"""

from urllib.parse import quote

from storages.backends.s3 import S3Storage

from django.conf import settings


class S3MediaStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + quote(name)

    def signed_url(self, name: str, *, parameters: dict) -> str:
        return super().url(name, parameters=parameters)
