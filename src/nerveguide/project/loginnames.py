"""The user name django-axes records for a failed login, cut to what its column holds.

Django's login forms do not check the user name's length before authenticating (the form field
gets max_length after it is built, without a validator), and axes stores the name in
varchar(255): a 10,000-character name was a DataError on PostgreSQL, a 500 on /klinik/login/ and
/admin/login/. Lockouts key on the client address (AXES_LOCKOUT_PARAMETERS), so the cut name only
makes the access log readable.
"""

from django.conf import settings
from django.http import HttpRequest

# axes.models.AccessBase.username: CharField(max_length=255).
USERNAME_LENGTH = 255


def login_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the posted or given user name, at most USERNAME_LENGTH characters."""
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get(field) if source else None
    return username[:USERNAME_LENGTH] if isinstance(username, str) else username
