"""Push bundles to and pull them from a TAXII 2.1 collection with ``taxii2-client``.

``url`` is the API root (``https://taxii.example/api1/``); the collection URL is
``<api root>/collections/<id>/``. Credentials come from arguments or the environment
(``DISTILLWATCH_TAXII_USER`` / ``DISTILLWATCH_TAXII_PASSWORD``), never from the command line
history alone. Transport and server errors become :class:`IntelError` with the server's words.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from typing import Any

from distillwatch.exceptions import IntelError

PAGE_SIZE = 500


@dataclass(frozen=True)
class PushResult:
    status: str
    total: int
    success: int
    failure: int
    pending: int

    def summary(self) -> dict[str, Any]:
        return self.__dict__.copy()


def collection_url(api_root: str, collection_id: str) -> str:
    if not api_root.startswith(("http://", "https://")):
        raise IntelError(f"--taxii must be an http(s) URL of an API root, not {api_root!r}")
    if not collection_id or "/" in collection_id:
        raise IntelError(f"--collection must be a collection id, not {collection_id!r}")
    return api_root.rstrip("/") + f"/collections/{collection_id}/"


def _collection(api_root: str, collection_id: str, user: str | None, password: str | None) -> Any:
    from taxii2client.v21 import Collection

    user = user or os.environ.get("DISTILLWATCH_TAXII_USER")
    password = password or os.environ.get("DISTILLWATCH_TAXII_PASSWORD")
    return Collection(collection_url(api_root, collection_id), user=user, password=password)


def _wrap(action: str, exc: Exception) -> IntelError:
    return IntelError(f"TAXII {action} failed: {type(exc).__name__}: {str(exc)[:300]}")


def push_bundle(
    bundle: dict[str, Any],
    *,
    api_root: str,
    collection_id: str,
    user: str | None = None,
    password: str | None = None,
    timeout_s: int = 60,
    include_definitions: bool = False,
) -> PushResult:
    """Add the objects of ``bundle`` to the collection; wait for the server's status.

    Extension definitions are left out unless ``include_definitions``: they are the same fixed
    objects in every distillwatch bundle (documented in docs/intel.md), and their required
    ``version`` property ("1.0.0") breaks servers that read ``version`` as a TAXII object
    version (medallion 3.0.0 then fails every later read of the collection with HTTP 500).
    """
    objects = [
        o for o in bundle.get("objects", [])
        if include_definitions or o.get("type") != "extension-definition"
    ]
    envelope = {"objects": objects}
    try:
        coll = _collection(api_root, collection_id, user, password)
        if not coll.can_write:
            raise IntelError(f"collection {collection_id} is not writable for this user")
        status = coll.add_objects(envelope, wait_for_completion=True, timeout=timeout_s)
    except IntelError:
        raise
    except Exception as exc:  # requests / taxii2client errors
        raise _wrap("push", exc) from exc
    return PushResult(
        status=str(status.status),
        total=int(status.total_count),
        success=int(status.success_count),
        failure=int(status.failure_count),
        pending=int(status.pending_count),
    )


def pull_bundle(
    *,
    api_root: str,
    collection_id: str,
    user: str | None = None,
    password: str | None = None,
    added_after: str | None = None,
    max_objects: int = 100_000,
) -> dict[str, Any]:
    """All objects of the collection (optionally only those added after a timestamp) as one
    bundle; stops with an error past ``max_objects`` rather than filling memory."""
    from taxii2client.v21 import as_pages

    filters: dict[str, Any] = {}
    if added_after:
        filters["added_after"] = added_after
    objects: list[dict[str, Any]] = []
    try:
        coll = _collection(api_root, collection_id, user, password)
        if not coll.can_read:
            raise IntelError(f"collection {collection_id} is not readable for this user")
        for envelope in as_pages(coll.get_objects, per_request=PAGE_SIZE, **filters):
            objects += envelope.get("objects", [])
            if len(objects) > max_objects:
                raise IntelError(
                    f"collection {collection_id} holds more than {max_objects} objects "
                    "(intel.max_objects); pull with --added-after"
                )
    except IntelError:
        raise
    except Exception as exc:
        raise _wrap("pull", exc) from exc
    return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": objects}
