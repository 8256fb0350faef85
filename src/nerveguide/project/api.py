"""The JSON API: one NinjaAPI, each app contributes a router from its api.py."""

from ninja import NinjaAPI

from nerveguide.clinics.api import router as clinics_router
from nerveguide.content.api import router as content_router
from nerveguide.education.api import router as education_router
from nerveguide.search.api import router as search_router
from nerveguide.selfcheck.api import router as selfcheck_router

api = NinjaAPI(
    title="nerveguide API",
    version="1",
    description="Articles, search, self-check, handouts and clinics of nerveguide.",
    urls_namespace="api",
)
api.add_router("/articles", content_router)
api.add_router("/search", search_router)
api.add_router("/selfcheck", selfcheck_router)
api.add_router("/handouts", education_router)
api.add_router("/clinics", clinics_router)
