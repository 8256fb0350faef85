"""Sent after every ingest that changed something (the search app rebuilds its index on it).

Receivers get `report` (nerveguide.content.ingest.IngestReport) as a keyword argument.
"""

from django.dispatch import Signal

content_changed = Signal()
