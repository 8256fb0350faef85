import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nerveguide.project.settings")
application = get_wsgi_application()

# Refuse to start, with the reason, rather than answer every page with a 500 (web/checks.py).
from nerveguide.web.checks import require_static_manifest

require_static_manifest()
