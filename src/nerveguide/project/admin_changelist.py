"""The admin's changelists answer a date-hierarchy filter they cannot use as "wrong filter".

Django's ChangeList turns `?<field>__year=…&__month=…&__day=…` into a date range and turns a
ValueError into IncorrectLookupParameters (the changelist then shows "?e=1" instead of a 500),
but a 40-digit year raises OverflowError ("Python int too large to convert to C long"), and
year 9999 fails with ValueError only after the guarded block, when the range's end is computed.
Both were 500s on any changelist with a date_hierarchy (e.g. django-axes' access logs). Here they
become IncorrectLookupParameters too, for every ModelAdmin that does not choose its own
ChangeList, ours and other apps' alike.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class SafeChangeList(ChangeList):
    """A ChangeList whose filters turn numbers no date can hold into IncorrectLookupParameters."""

    def get_filters(self, request):
        """Django's filters; OverflowError or ValueError becomes IncorrectLookupParameters."""
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


def _get_changelist(self, request, **kwargs):
    return SafeChangeList


def install() -> None:
    """Make SafeChangeList every ModelAdmin's default (called once from the web app's ready())."""
    if admin.ModelAdmin.get_changelist is not _get_changelist:
        # A deliberate monkeypatch of the base class (the module docstring says why).
        admin.ModelAdmin.get_changelist = _get_changelist  # type: ignore[method-assign]
