"""Django's JSON serializer without its one loss: it cuts datetimes and times to milliseconds.

Registered as the ``seconjson`` format by :mod:`secon.core.management.backup`; the output is plain
JSON that Django's own ``json`` deserializer reads back exactly.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class LosslessEncoder(DjangoJSONEncoder):
    """Write datetimes and times with their microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", LosslessEncoder)
        super()._init_options()


Deserializer = django_json.Deserializer
