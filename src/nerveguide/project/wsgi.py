"""The WSGI application for app servers (granian, gunicorn): Django, checked and warmed up.

Refuses to start, with the reason, rather than answer every page with a 500 (web/checks.py),
and reads the self-check's lexicon (about 600 regular expressions) while the worker starts, so
no patient's first answer waits for it.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nerveguide.project.settings")
application = get_wsgi_application()

from nerveguide.selfcheck.freetext import lexicon  # needs Django set up above
from nerveguide.web.checks import require_static_manifest

require_static_manifest()
lexicon()
