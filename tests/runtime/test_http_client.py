"""Rasa's endpoint requests over kept-alive connections answer exactly as Rasa's own (a real local server)."""

import asyncio

import pytest
from aiohttp import web
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from bot.runtime import http_client


async def _serve_and_call(calls):
    """Start a local server, run ``calls(endpoint)``, return its result and the client ports the server saw."""
    ports = []

    async def answer(request: web.Request) -> web.Response:
        ports.append(request.transport.get_extra_info("peername")[1])
        if request.path == "/missing":
            return web.Response(status=404, text="no such action")
        if request.path == "/plain":
            return web.Response(text="ok")
        body = await request.json()
        return web.json_response({"echo": body, "token": request.query.get("token"),
                                  "auth": request.headers.get("Authorization", "")})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}", token="s3cret",
                                  basic_auth={"username": "u", "password": "p"})
        return await calls(endpoint), ports
    finally:
        await http_client.shared_session().close()
        await runner.cleanup()


@pytest.fixture(autouse=True)
def kept_alive(monkeypatch):
    monkeypatch.setattr(EndpointConfig, "request", http_client.request)


def test_answers_token_and_auth_as_rasa_sends_them_over_one_connection():
    async def calls(endpoint):
        return [await endpoint.request(json={"next_action": "action_x"}, subpath="webhook") for _ in range(3)]

    answers, ports = asyncio.run(_serve_and_call(calls))
    assert answers[0]["echo"] == {"next_action": "action_x"}
    assert answers[0]["token"] == "s3cret" and answers[0]["auth"].startswith("Basic ")
    assert len(ports) == 3 and len(set(ports)) == 1  # one connection for all three requests


def test_an_error_status_raises_rasas_error_and_other_content_is_none():
    async def calls(endpoint):
        with pytest.raises(ClientResponseError) as error:
            await endpoint.request(json={}, subpath="missing")
        return error.value.status, await endpoint.request(method="get", subpath="plain")

    (status, plain), _ = asyncio.run(_serve_and_call(calls))
    assert status == 404 and plain is None
