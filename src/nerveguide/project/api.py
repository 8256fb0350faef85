"""The JSON API: one NinjaAPI, each app contributes a router from its api.py."""

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.parser import Parser

from nerveguide.clinics.api import router as clinics_router
from nerveguide.content.api import router as content_router
from nerveguide.education.api import router as education_router
from nerveguide.search.api import router as search_router
from nerveguide.selfcheck.api import router as selfcheck_router

# django-ninja answers input that does not validate with 422, and a body that is not JSON with 400,
# before any view runs, but does not document either; every operation that takes input declares
# them here, so clients (and schemathesis) can rely on the schema.
DETAIL_ONLY = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
UNPARSEABLE_BODY = {
    "description": (
        "The request could not be parsed: a body that is not JSON or holds text no API field can"
        " take (NUL characters, lone surrogates), or an address with NUL characters or invalid UTF-8."
    ),
    "content": {"application/json": {"schema": DETAIL_ONLY}},
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


BAD_ADDRESS = {
    "description": "The address holds NUL characters or invalid UTF-8 (nerveguide.project.middleware).",
    "content": {"application/json": {"schema": DETAIL_ONLY}},
}


def unusable_text(value: Any) -> str | None:
    """Why a parsed JSON value holds text no field can take, or None. Checks nested lists/dicts.

    A NUL character cannot be stored in PostgreSQL text; a lone surrogate ("\\ud800", valid JSON)
    cannot be encoded as UTF-8 for a PDF, a page or a database.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            if "\x00" in item:
                return "text with a NUL character"
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "text with a lone surrogate"
    return None


class StrictJSONParser(Parser):
    """django-ninja's JSON parser, refusing text no field can take. django-ninja answers any
    error raised here with its documented 400 "Cannot parse request body", before a view runs."""

    def parse_body(self, request):
        """The request body parsed as JSON; raises ValueError (json.JSONDecodeError included) for
        malformed JSON or text no field can take (unusable_text).
        """
        data = json.loads(request.body)
        reason = unusable_text(data)
        if reason:
            raise ValueError(f"request body holds {reason}")
        return data


class NerveguideAPI(NinjaAPI):
    """The project's NinjaAPI, whose OpenAPI schema lists the error answers django-ninja really
    gives.
    """

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """django-ninja's schema plus the 422 (validation), 400 (unparseable body) and 400 (bad
        address) responses on the operations that can produce them.
        """
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                if operation.get("parameters") or operation.get("requestBody"):
                    responses.setdefault(422, VALIDATION_ERROR)
                if operation.get("requestBody"):
                    responses.setdefault(400, UNPARSEABLE_BODY)
                # Any address can carry NUL or invalid UTF-8 (in the path or the query string).
                responses.setdefault(400, BAD_ADDRESS)
        return schema


api = NerveguideAPI(
    title="nerveguide API",
    version="1",
    description="Articles, search, self-check, handouts and clinics of nerveguide.",
    urls_namespace="api",
    parser=StrictJSONParser(),
    # Served from django-ninja's own static files ("ninja" in INSTALLED_APPS), not a CDN, so the
    # page works under our CSP. No validator badge: it would load an image from swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/articles", content_router)
api.add_router("/search", search_router)
api.add_router("/selfcheck", selfcheck_router)
api.add_router("/handouts", education_router)
api.add_router("/clinics", clinics_router)


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE is the client's error: 400 in the documented
    shape, with DEBUG on or off (ninja would otherwise answer 500 under DEBUG)."""
    return api.create_response(request, {"detail": "Request body too large"}, status=400)
