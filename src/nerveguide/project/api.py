"""The JSON API: one NinjaAPI, each app contributes a router from its api.py."""

from ninja import NinjaAPI

from nerveguide.clinics.api import router as clinics_router
from nerveguide.content.api import router as content_router
from nerveguide.education.api import router as education_router
from nerveguide.search.api import router as search_router
from nerveguide.selfcheck.api import router as selfcheck_router

# django-ninja answers input that does not validate with 422, and a body that is not JSON with 400,
# before any view runs, but does not document either; every operation that takes input declares
# them here, so clients (and schemathesis) can rely on the schema.
UNPARSEABLE_BODY = {
    "description": "The request body could not be parsed.",
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
        }
    },
}
VALIDATION_ERROR = {
    "description": "The input did not validate; `detail` says where and why.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "detail": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "loc": {"type": "array", "items": {}},
                                "msg": {"type": "string"},
                                "type": {"type": "string"},
                            },
                        },
                    }
                },
                "required": ["detail"],
            }
        }
    },
}


class NerveguideAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                if operation.get("parameters") or operation.get("requestBody"):
                    responses.setdefault(422, VALIDATION_ERROR)
                if operation.get("requestBody"):
                    responses.setdefault(400, UNPARSEABLE_BODY)
        return schema


api = NerveguideAPI(
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
