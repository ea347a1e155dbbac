"""Rasa's calls of the action server and the NLG endpoint over kept-alive connections.

Rasa 3.6 opens a new aiohttp session, and so a new TCP connection, for every request of an
``EndpointConfig``: two to four per message (the NLG endpoint for each answer, the action server for
each custom action), each with its connection set-up and tear-down in Rasa, the action server and
the web process. The replacement of ``EndpointConfig.request`` sends the same requests (method, URL,
headers, query parameters, body, basic auth, CA file) with the same results and errors through one
session per event loop, whose idle connections are closed after :data:`KEEPALIVE_S`, before the
servers close theirs (gunicorn after 2 s, Sanic after 5 s), so a connection is never reused just as
the server drops it.
"""

from __future__ import annotations

import asyncio
import os
import ssl
import weakref
from typing import Any, Optional, Text

import aiohttp
from rasa.shared.exceptions import FileNotFoundException
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, ClientResponseError, EndpointConfig, concat_url

#: Seconds an idle connection is kept (below the servers' keep-alive timeouts).
KEEPALIVE_S = 1.0

_sessions: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiohttp.ClientSession]" = weakref.WeakKeyDictionary()


def shared_session() -> aiohttp.ClientSession:
    """The aiohttp session of the running event loop (made on first use)."""
    loop = asyncio.get_running_loop()
    session = _sessions.get(loop)
    if session is None or session.closed:
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S),
                                        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT))
        _sessions[loop] = session
    return session


async def request(self: EndpointConfig, method: Text = "post", subpath: Optional[Text] = None,
                  content_type: Optional[Text] = "application/json", compress: bool = False,
                  **kwargs: Any) -> Optional[Any]:
    """``EndpointConfig.request`` of Rasa 3.6 on the shared session: the JSON answer, or None for another
    content type; ``ClientResponseError`` for a status of 400 or more."""
    headers = {"Content-Type": content_type} if content_type else {}
    headers.update(kwargs.pop("headers", None) or {})
    headers.update(self.headers or {})
    auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
    sslcontext = None
    if self.cafile:
        try:
            sslcontext = ssl.create_default_context(cafile=self.cafile)
        except FileNotFoundError as error:
            raise FileNotFoundException(f"Failed to find certificate file, "
                                        f"'{os.path.abspath(self.cafile)}' does not exist.") from error
    params = self.combine_parameters(kwargs)
    async with shared_session().request(method, concat_url(self.url, subpath), headers=headers, params=params,
                                        compress=compress, ssl=sslcontext, auth=auth, **kwargs) as response:
        if response.status >= 400:
            raise ClientResponseError(response.status, response.reason, await response.content.read())
        try:
            return await response.json()
        except aiohttp.ContentTypeError:
            return None


def install() -> None:
    """Make every ``EndpointConfig`` send its requests through the shared session."""
    EndpointConfig.request = request  # type: ignore[assignment]
