"""Start-up checks: the static files manifest must exist (and be current) when DEBUG is off.

With DEBUG off, static files are served from `collectstatic`'s output through WhiteNoise's
CompressedManifestStaticFilesStorage, and every `{% static %}` tag looks its file up in the
manifest (staticfiles.json). Without the manifest every HTML page is a 500, so this is checked
twice: as a deployment check (`nerveguide manage check --deploy`), and when the WSGI application
starts (`nerveguide.project.wsgi`), so gunicorn refuses to start with a one-line reason.
"""

import json

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

FIX = "run `nerveguide manage collectstatic --noinput` (with the same settings) before serving"


def static_manifest_problem() -> str | None:
    """Why the static files cannot be served, or None (also None when no manifest is used)."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return None
    manifest = storage.manifest_storage
    name = storage.manifest_name
    if not manifest.exists(name):
        return f"the static files manifest {manifest.path(name)} is missing: {FIX}"
    try:
        with manifest.open(name) as handle:
            paths = json.load(handle).get("paths", {})
    except (OSError, ValueError) as error:
        return f"the static files manifest {manifest.path(name)} cannot be read ({error}): {FIX}"
    missing = sorted(
        path
        for finder in finders.get_finders()
        for path, _ in finder.list(["CVS", ".*", "*~"])
        if path not in paths
    )
    if missing:
        shown = ", ".join(missing[:3]) + (
            f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        )
        return f"the static files manifest is out of date ({shown} not in it): {FIX}"
    return None


@checks.register(checks.Tags.staticfiles, deploy=True)
def check_static_manifest(app_configs=None, **kwargs):
    """Deployment check nerveguide.E001: the manifest is missing, unreadable or out of date."""
    problem = static_manifest_problem()
    return [checks.Error(problem, id="nerveguide.E001")] if problem else []


def require_static_manifest() -> None:
    """Raise ImproperlyConfigured with the reason when the static files cannot be served."""
    problem = static_manifest_problem()
    if problem:
        raise ImproperlyConfigured(problem)
