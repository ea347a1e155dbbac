"""``python -m bot.runtime.action_server --actions actions …``: rasa-sdk's action server for Lotse.

The same server as ``python -m rasa_sdk`` (its app, its arguments), with two changes:

- ``/webhook`` and ``/actions`` refuse a request without the internal secret (403,
  :mod:`bot.runtime.internal`); Rasa sends it from ``endpoints.yml``. ``/health`` stays open;
- an action that fails answers ``{"error": <class>}`` and is logged by class and frames only.
  rasa-sdk's own handler logs the request and answers with the whole request body (the tracker
  with every message of the conversation), which Rasa may log in turn.

Logs of this process are cleaned by :mod:`bot.runtime.log_privacy`.
"""

from __future__ import annotations

import logging
import os
from typing import Any, List, Optional

from sanic import Sanic, response
from sanic.request import Request

from bot.runtime import internal, log_privacy

logger = logging.getLogger(__name__)

#: Paths that answer without the secret.
OPEN_PATHS = frozenset({"/health"})


def guard(app: Sanic) -> Sanic:
    """Add the secret check and the private error handler to rasa-sdk's ``app``."""

    @app.middleware("request")
    async def require_secret(request: Request) -> Optional[Any]:
        if request.path in OPEN_PATHS or internal.authentic(request.headers.get(internal.HEADER)):
            return None
        logger.warning("action server: request without the internal secret refused")
        return response.json({"error": "forbidden"}, status=403)

    async def failed(request: Request, error: Exception) -> Any:
        logger.error("action failed: %s\n%s", type(error).__name__, log_privacy.describe_exception(error))
        return response.json({"error": type(error).__name__}, status=500)

    app.error_handler.add(Exception, failed)
    return app


def main(argv: Optional[List[str]] = None) -> None:
    """Parse rasa-sdk's arguments, then run its server with :func:`guard` applied."""
    from rasa_sdk import utils
    from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
    from rasa_sdk.endpoint import create_app, create_argument_parser, create_ssl_context
    from rasa_sdk.plugin import plugin_manager

    log_privacy.install()
    args = create_argument_parser().parse_args(argv)
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(logging.getLogger(APPLICATION_ROOT_LOGGER_NAME), args.log_file, args.loglevel,
                                 args.logging_config_file)
    utils.update_sanic_log_level()
    app = guard(create_app(args.actions, cors_origins=args.cors, auto_reload=args.auto_reload))
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    ssl_context = create_ssl_context(args.ssl_certificate, args.ssl_keyfile, args.ssl_password)
    app.run(os.environ.get("SANIC_HOST", "127.0.0.1"), args.port, ssl=ssl_context,
            workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
