"""Settings for the test suite: the production settings with test-only environment defaults.

pytest-django imports settings before any conftest runs, so the defaults are set here.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("TESTING", "1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("PDF_PER_CLIENT", "100000")  # tests of the limit lower it themselves

from nerveguide.project.settings import *
