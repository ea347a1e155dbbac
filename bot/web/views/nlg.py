"""The NLG endpoint: Rasa posts a response name and the tracker, we answer the rendered text."""

from __future__ import annotations

import json
import logging

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bot.nlg.renderer import UnknownResponse, render
from bot.runtime import internal

logger = logging.getLogger(__name__)


@csrf_exempt  # called by the Rasa server on loopback, not by browsers
@require_POST
def nlg_endpoint(request: HttpRequest) -> JsonResponse:
    """Render ``response`` for the conversation in ``tracker`` (Rasa's NLG server protocol); only for
    requests with the internal secret (Rasa sends it from endpoints.yml), otherwise 403."""
    if not internal.authentic(request.headers.get(internal.HEADER)):
        logger.warning("NLG: request without the internal secret refused")
        return JsonResponse({"error": "forbidden"}, status=403)
    try:
        body = json.loads(request.body or b"{}")
        if not isinstance(body, dict) or not isinstance(body.get("response"), str):
            raise ValueError("expected an object with a 'response' string")
        rendered = render(body["response"], body.get("arguments") or {}, body.get("tracker") or {})
    except (ValueError, TypeError, RecursionError) as error:
        return JsonResponse({"error": f"bad request: {type(error).__name__}"}, status=400)
    except UnknownResponse as error:
        logger.error("NLG asked for unknown response %s", error)
        return JsonResponse({"error": f"unknown response {error}"}, status=404)
    return JsonResponse(rendered)
