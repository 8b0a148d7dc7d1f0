"""Refuse requests that carry a NUL character anywhere: PostgreSQL cannot store one in text,
so without this a NUL in a path, query, form or JSON body would end in a server error there
(and be stored on SQLite), instead of a clear 400 on both."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

# A JSON string escape for U+0000 that is not itself escaped (\\u0000 is a backslash + text).
JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
MESSAGE = "The request contains a NUL character (\\u0000), which no field may hold."
TOO_BIG = "The request body is larger than a form or JSON body may be."


def carries_nul(request: HttpRequest) -> bool:
    raw_path = request.META.get("PATH_INFO", "")
    if "\x00" in raw_path or b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/"):
        # Only the form fields: uploaded files may hold any byte; their readers check them.
        return any("\x00" in value for _key, values in request.POST.lists() for value in values)
    body = request.body
    form = content_type.startswith("application/x-www-form-urlencoded")
    if b"\x00" in body or (form and b"%00" in body):
        return True
    return "json" in content_type and JSON_NUL.search(body) is not None


class RejectNulBytesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            refused = MESSAGE if carries_nul(request) else ""
        except RequestDataTooBig:
            # Read here first, so a body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 400 on every
            # endpoint instead of whatever each view makes of the exception.
            refused = TOO_BIG
        if refused:
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "invalid request", "errors": {"request": refused}}, status=400
                )
            return HttpResponseBadRequest(refused, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
