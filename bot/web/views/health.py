"""Liveness check for the process supervisor and load balancers."""

from django.http import HttpRequest, JsonResponse


def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 while the process serves requests."""
    return JsonResponse({"status": "ok"})
