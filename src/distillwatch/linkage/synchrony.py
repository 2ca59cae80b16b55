"""SynchroTrap-style loose synchrony as memberships: (template, time bucket) keys."""

from __future__ import annotations

import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import LinkageConfig, SynchronyConfig
from distillwatch.linkage.pairs import (
    CodedPart,
    JoinedKeys,
    argsort_keys,
    joined_part,
    numbers_sort_like_strings,
    run_starts,
)


def sync_bucket(ts: ir.TimestampValue, sc: SynchronyConfig) -> ir.IntegerValue:
    """Whole ``bucket_minutes`` since the epoch (an integer, the same on every engine)."""
    return (ts.epoch_seconds() / (60 * sc.bucket_minutes)).floor().cast("int64")


def synchrony_counts(events: ir.Table, *, config: LinkageConfig) -> ir.Table | None:
    """SynchroTrap-style loose synchrony: the same action (template) in the same time bucket.

    ``(account_id, template_key, _b, _uses)``: events per account, template and bucket
    (``_b``: whole ``bucket_minutes`` since the epoch). The membership key is
    ``template_key@bucket`` (built in memory, only for the keys that are reported; see
    :func:`distillwatch.linkage.pairs.joined_part`). Only every ``sample_every``-th bucket is
    kept, which bounds the work for campaigns of any size while leaving enough shared
    buckets between accounts that act together. None when the link type is disabled.

    :func:`distillwatch.linkage.candidates.membership_parts` gets the same counts from the
    template aggregate instead (:func:`synchrony_part`); this stand-alone query is kept for
    callers without one.
    """
    if not config.enabled("synchrony"):
        return None
    sc = config.synchrony
    # The bucket is computed once per event and filtered on (not recomputed in a CASE).
    t = events.select(events.account_id, events.template_key, _b=sync_bucket(events.ts, sc))
    t = t.filter(t.template_key.notnull() & t._b.notnull() & ((t._b % sc.sample_every) == 0))
    return t.group_by([t.account_id, t.template_key, t._b]).agg(_uses=t.count())


def _packed(
    template_code: np.ndarray, account_code: np.ndarray, row: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, int, int, int, int, int] | None:
    """Each (template, bucket, account) of the flattened bucket lists as one int64 whose
    order is theirs, with what decodes it (``t0``, ``b0``, bucket bits, ``a0``, account
    bits); None when they need 63 bits or more. The fields are bit fields (shifts and masks
    decode them, several times cheaper than ``divmod`` on int64), and the template and
    account part is made once per aggregate row and gathered once."""
    t0, a0, b0 = int(template_code.min()), int(account_code.min()), int(b.min())
    bits_t = (int(template_code.max()) - t0).bit_length()
    bits_b = (int(b.max()) - b0).bit_length()
    bits_a = (int(account_code.max()) - a0).bit_length()
    if bits_t + bits_b + bits_a > 62:
        return None
    per_row = ((template_code - t0) << (bits_b + bits_a)) | (account_code - a0)
    return per_row[row] | ((b - b0) << bits_a), t0, b0, bits_b, a0, bits_a


def _from_packed(
    packed: np.ndarray, t0: int, b0: int, bits_b: int, a0: int, bits_a: int, *,
    accounts: pa.Array, templates: pa.Array,
) -> CodedPart:
    """The fast path of :func:`synchrony_part`: sorting the packed values themselves (no
    argsort, no gathers of three columns) puts them in (template, bucket, account) order;
    runs of equal values are the membership rows (account, template@bucket) and runs of
    equal (template, bucket) number the keys in byte order (see pairs.joined_part)."""
    packed = np.sort(packed)
    first = np.flatnonzero(run_starts(packed))
    uses = np.diff(np.append(first, len(packed))).astype(np.int64)
    distinct = packed[first]
    tb = distinct >> bits_a
    a = distinct & ((1 << bits_a) - 1)
    new_key = run_starts(tb)
    key = np.cumsum(new_key) - 1
    tb = tb[new_key]
    keys = JoinedKeys(templates, (tb >> bits_b) + t0, (tb & ((1 << bits_b) - 1)) + b0)
    acct = a + a0
    return CodedPart("synchrony", pa.DictionaryArray.from_arrays(pa.array(acct), accounts),
                     keys, key, uses, np.ones(len(first)), account_codes=(accounts, acct))


def synchrony_part(
    buckets: pa.ChunkedArray | pa.Array,
    *,
    accounts: pa.Array,
    account_code: np.ndarray,
    templates: pa.Array,
    template_code: np.ndarray,
) -> CodedPart:
    """The ``synchrony`` memberships from the ``_bs`` lists of
    :func:`~distillwatch.linkage.membership.template_groups` (one list per account and
    template, one sampled bucket per event; null or empty: none): events per (account,
    template, bucket) as ``uses``, keyed ``template_key@bucket``.

    ``accounts``/``account_code`` and ``templates``/``template_code`` number the aggregate's
    rows' account ids and template keys in byte order
    (:func:`~distillwatch.linkage.pairs.sorted_codes`), so no string is hashed here.
    """
    if isinstance(buckets, pa.ChunkedArray):
        buckets = (buckets.combine_chunks() if buckets.num_chunks
                   else pa.array([], pa.list_(pa.int64())))
    row = np.asarray(pc.list_parent_indices(buckets).to_numpy(), dtype=np.int64)
    b = np.asarray(pc.list_flatten(buckets).to_numpy(zero_copy_only=False), dtype=np.int64)
    if len(row) and numbers_sort_like_strings(templates, b):
        packed = _packed(template_code, account_code, row, b)
        if packed is not None:
            return _from_packed(*packed, accounts=accounts, templates=templates)
        # One sort by (template, bucket, account): runs of equal rows are the membership rows
        # (account, template@bucket) and runs of (template, bucket) number the keys in byte
        # order, with no second sort for the keys (see pairs.joined_part).
        t, a = template_code[row], account_code[row]
        order = argsort_keys(t, b, a)
        t, b, a = t[order], b[order], a[order]
        new_key = run_starts(t, b)
        first = np.flatnonzero(run_starts(t, b, a))
        uses = np.diff(np.append(first, len(t))).astype(np.int64)
        key = np.cumsum(new_key)[first] - 1
        kfirst = np.flatnonzero(new_key)
        keys = JoinedKeys(templates, t[kfirst], b[kfirst])
        acct = a[first]
        return CodedPart("synchrony", pa.DictionaryArray.from_arrays(pa.array(acct), accounts),
                         keys, key, uses, np.ones(len(first)), account_codes=(accounts, acct))
    if len(row):
        # Runs of equal (row, bucket) after one sort are the (account, template, bucket) groups.
        order = argsort_keys(row, b)
        row, b = row[order], b[order]
        first = np.flatnonzero(run_starts(row, b))
        uses = np.diff(np.append(first, len(row)))
        row, b = row[first], b[first]
    else:
        uses = np.zeros(0, dtype=np.int64)
    acct = account_code[row]
    part = joined_part(
        "synchrony",
        pa.DictionaryArray.from_arrays(pa.array(acct, pa.int64()), accounts),
        templates,
        template_code[row],
        b,
        uses.astype(np.int64),
    )
    return CodedPart(part.link_type, part.account_id, part.keys, part.key, part.uses,
                     part.mult, account_codes=(accounts, acct))

