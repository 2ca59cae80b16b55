"""Admin API: allow-list or block an account, authenticated by a bearer token.

    GET    /admin/accounts                 every account with an override
    GET    /admin/accounts/{account_id}    its override (or null)
    PUT    /admin/accounts/{account_id}    {"action": "allow" | "block"}
    DELETE /admin/accounts/{account_id}    clear the override

Overrides live in the state backend, so with Redis every replica sees them at once. Without a
configured ``admin_token`` the routes answer 404 (the API does not exist). The token is
compared in constant time and never logged; every change is logged with the account and action.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from pydantic import SecretStr
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from distillwatch.gateway.state import OVERRIDES, StateUnavailable

log = logging.getLogger("distillwatch.gateway.admin")


def _err(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": "admin_error"}}, status_code=status)


def routes(state: Any, *, token: SecretStr | None) -> list[Route]:
    """The admin routes bound to a state backend."""
    secret = token.get_secret_value().encode() if token is not None else None

    def authorised(request: Request) -> Response | None:
        if secret is None:
            return _err(404, "admin API disabled (no gateway.admin_token configured)")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), secret):
            return _err(401, "admin token required")
        return None

    async def list_overrides(request: Request) -> Response:
        if (denied := authorised(request)) is not None:
            return denied
        try:
            return JSONResponse({"overrides": await state.overrides()})
        except StateUnavailable as exc:
            return _err(503, str(exc))

    async def account(request: Request) -> Response:
        if (denied := authorised(request)) is not None:
            return denied
        account_id = request.path_params["account_id"]
        try:
            if request.method == "GET":
                current = (await state.overrides()).get(account_id)
                return JSONResponse({"account_id": account_id, "override": current})
            if request.method == "DELETE":
                await state.set_override(account_id, None)
                log.info("admin: cleared override of account %s", account_id)
                return JSONResponse({"account_id": account_id, "override": None})
            try:
                body = json.loads(await request.body())
            except ValueError:
                return _err(400, 'body must be JSON: {"action": "allow" | "block"}')
            action = body.get("action") if isinstance(body, dict) else None
            if action not in OVERRIDES:
                return _err(400, f"action must be one of {list(OVERRIDES)}")
            await state.set_override(account_id, action)
            log.info("admin: account %s -> %s", account_id, action)
            return JSONResponse({"account_id": account_id, "override": action})
        except StateUnavailable as exc:
            return _err(503, str(exc))

    return [
        Route("/admin/accounts", list_overrides, methods=["GET"]),
        Route("/admin/accounts/{account_id:str}", account, methods=["GET", "PUT", "DELETE"]),
    ]
