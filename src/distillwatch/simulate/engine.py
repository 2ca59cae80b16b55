"""Event generation: one day at a time, vectorised over the accounts of each plan.

A *plan* is a block of accounts with one behaviour: a benign group, a campaign, or the cover
traffic a campaign's accounts also carry. For each day a plan yields an :class:`EventRecipe`:
numpy columns of numbers and indices into string pools, never Python objects per event.
The writer sorts a day's recipes by time and turns them into Arrow columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from distillwatch.schema import REASONING_EFFORTS
from distillwatch.simulate.arrivals import conversation_starts, machine_times, weekday_factor
from distillwatch.simulate.personas import TACTICS
from distillwatch.simulate.pools import LANGUAGES, TASK_POOLS, TextPools
from distillwatch.simulate.scenario import Behaviour, Campaign, ModelSpec
from distillwatch.simulate.world import DAY_S, FrozenAccounts, Lives, choose, lognormal

OPERATIONS: tuple[str, ...] = ("chat", "responses", "text_completion")
FINISH: tuple[str, ...] = ("stop", "length", "tool_calls")
REASONING_MEDIAN = {"none": 0.0, "minimal": 40.0, "low": 180.0, "medium": 700.0,
                    "high": 2000.0, "xhigh": 4000.0, "max": 7000.0}

# Columns of a recipe, in one place so concatenation and sorting stay in step.
RECIPE_COLUMNS: tuple[str, ...] = (
    "ts", "acct", "ip", "ua", "key", "user", "model", "op", "in_tok", "out_tok", "reas_tok",
    "temp", "top_p", "max_tok", "n", "logprobs", "top_lp", "effort", "stream", "tools",
    "conv", "turn", "sys", "pa", "pi", "pb", "pj", "pc", "ra", "rj", "finish", "status",
    "attack",
)
EventRecipe = dict[str, np.ndarray]


def _dict_arrays(d: Mapping[Any, float]) -> tuple[np.ndarray, np.ndarray]:
    vals = np.array([float(k) for k in d], dtype=np.float64)
    p = np.array(list(d.values()), dtype=np.float64)
    return vals, p / p.sum()


def _draw(rng: np.random.Generator, d: Mapping[Any, float], size: int) -> np.ndarray:
    vals, p = _dict_arrays(d)
    return vals[rng.choice(vals.shape[0], size=size, p=p)]


def _sticky(rng: np.random.Generator, per_account: np.ndarray, acc: np.ndarray,
            d: Mapping[Any, float], stickiness: float) -> np.ndarray:
    """The account's habitual value, or a fresh draw with probability 1 - stickiness."""
    out = per_account[acc]
    fresh = np.asarray(rng.random(size=acc.shape[0]) >= stickiness)
    if fresh.any():
        out = out.copy()
        out[fresh] = _draw(rng, d, int(fresh.sum()))
    return out


@dataclass
class Plan:
    """A block of accounts with one behaviour, and what it needs per day."""

    name: str
    kind: str  # "benign" | "attack" | "cover"
    persona: str  # truth persona label (cover traffic: "<persona>:cover")
    beh: Behaviour
    first: int  # global index of the first account
    n: int
    life_start: np.ndarray  # seconds
    life_end: np.ndarray
    rate: np.ndarray  # per-account mean events per active day (benign/cover)
    seed_key: int
    start_s: float = 0.0  # scenario start (model release days count from it)
    sticky: dict[str, np.ndarray] = field(default_factory=dict)
    models: list[ModelSpec] = field(default_factory=list)
    model_names: list[str] = field(default_factory=list)
    # attack only
    campaign: Campaign | None = None
    lives: Lives | None = None
    daily_exchanges: np.ndarray | None = None
    weight: np.ndarray | None = None
    lang: np.ndarray | None = None
    wording_sel: dict[str, np.ndarray] = field(default_factory=dict)
    cursor: np.ndarray | None = None
    pivot_at: float | None = None
    # text selection per account
    sys_idx: np.ndarray | None = None
    bench: np.ndarray | None = None  # eval harness / batch template per account
    bench_fmt: np.ndarray | None = None


def init_sticky(plan: Plan, rng: np.random.Generator) -> None:
    """Habitual parameter values of each account (code sets them once)."""
    b = plan.beh
    n = plan.n
    assert b.temperature and b.top_p and b.max_tokens and b.n and b.top_logprobs
    assert b.reasoning_effort and b.tools and b.models
    plan.sticky = {
        "temp": _draw(rng, b.temperature, n),
        "top_p": _draw(rng, b.top_p, n),
        "max_tok": _draw(rng, b.max_tokens, n),
        "n": _draw(rng, b.n, n),
        "top_lp": _draw(rng, b.top_logprobs, n),
        "tools": _draw(rng, b.tools, n),
        "logprobs": (rng.random(n) < (b.logprobs_rate or 0.0)).astype(np.float64),
        "stream": (rng.random(n) < (b.stream_rate or 0.0)).astype(np.float64),
        "op": np.where(rng.random(n) < 0.2, 1.0, 0.0),
        "effort": np.array([REASONING_EFFORTS.index(k) for k in b.reasoning_effort],
                           dtype=np.float64)[choose(rng, dict(b.reasoning_effort), n)],
        "model": np.array([plan.model_names.index(m) for m in b.models],
                          dtype=np.float64)[choose(rng, dict(b.models), n)],
    }


def _structure(rng: np.random.Generator, plan: Plan, counts: np.ndarray, day_s: float,
               tz: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Events of the day: (local account index, ts seconds, turn, conversation number)."""
    b = plan.beh
    total = int(counts.sum())
    acc = np.repeat(np.arange(plan.n), counts)
    if total == 0:
        z = np.zeros(0, dtype=np.int64)
        return z, np.zeros(0), z, z
    first = np.zeros(total, dtype=bool)
    first[np.cumsum(counts[counts > 0]) - counts[counts > 0]] = True
    depth = b.conversation_turns or 1.0
    new_conv = first | (rng.random(total) < 1.0 / depth)
    conv = np.cumsum(new_conv) - 1
    conv_first = np.flatnonzero(new_conv)
    turn = np.arange(total) - conv_first[conv]
    conv_acc = acc[conv_first]
    if b.cadence == "machine":
        per_acc = np.bincount(conv_acc, minlength=plan.n)
        starts = machine_times(rng, counts=per_acc, day_start_s=day_s)
        # machine_times orders by account, as conv_acc is
    else:
        starts = conversation_starts(rng, conv_account=conv_acc, account_offsets=tz,
                                     rhythm=b.rhythm or "flat", day_start_s=day_s)
    assert b.turn_gap_s is not None
    gap = lognormal(rng, b.turn_gap_s, total)
    gap[new_conv] = 0.0
    cs = np.cumsum(gap)
    offset = cs - cs[conv_first][conv]
    ts = starts[conv] + offset
    lo = plan.life_start[acc]
    hi = plan.life_end[acc]
    ts = np.clip(ts, lo, np.maximum(lo, hi - 1.0))
    return acc, ts, turn, conv


def benign_counts(rng: np.random.Generator, plan: Plan, day_s: float,
                  tz: np.ndarray) -> np.ndarray:
    """Poisson counts per account for a day: rate x active x weekday x alive share."""
    b = plan.beh
    alive = np.clip((np.minimum(plan.life_end, day_s + DAY_S)
                     - np.maximum(plan.life_start, day_s)) / DAY_S, 0, 1)
    active = rng.random(plan.n) < (b.active_day_prob or 1.0)
    wk = weekday_factor(day_s, tz, b.weekend_factor if b.weekend_factor is not None else 1.0)
    return rng.poisson(plan.rate * active * wk * alive)


def attack_counts(rng: np.random.Generator, plan: Plan, day: int, day_s: float,
                  tz: np.ndarray) -> np.ndarray:
    """The controller's split of the day's exchanges across live accounts."""
    if plan.daily_exchanges is None:  # low and slow: each account behaves like a customer
        return benign_counts(rng, plan, day_s, tz)
    e = int(plan.daily_exchanges[day])
    alive = np.clip((np.minimum(plan.life_end, day_s + DAY_S)
                     - np.maximum(plan.life_start, day_s)) / DAY_S, 0, 1)
    assert plan.weight is not None
    w = plan.weight * alive * (rng.random(plan.n) < (plan.beh.active_day_prob or 1.0))
    if e == 0 or w.sum() <= 0:
        w = plan.weight * alive
        if e == 0 or w.sum() <= 0:
            return np.zeros(plan.n, dtype=np.int64)
    return rng.multinomial(e, w / w.sum())


def _models(rng: np.random.Generator, plan: Plan, acc: np.ndarray, ts: np.ndarray
            ) -> np.ndarray:
    model = plan.sticky["model"][acc].astype(np.int64)
    for mi, m in enumerate(plan.models):
        if m.released_day is None or m.released_day <= 0:
            continue
        rel = plan.pivot_at if plan.kind == "attack" and plan.pivot_at is not None \
            and plan.campaign is not None and plan.campaign.pivot_model == m.name else None
        if rel is not None:
            model = np.where((ts >= rel) & (rng.random(ts.shape[0]) < 0.9), mi, model)
        elif plan.kind != "attack":
            t_rel = plan.start_s + m.released_day * DAY_S
            p = m.adoption * (1 - np.exp(-np.maximum(ts - t_rel, 0) / (m.adoption_days * DAY_S)))
            model = np.where((ts >= t_rel) & (rng.random(ts.shape[0]) < p), mi, model)
    return model


def _params(rng: np.random.Generator, plan: Plan, acc: np.ndarray) -> EventRecipe:
    b = plan.beh
    s = plan.sticky
    st = b.param_stickiness if b.param_stickiness is not None else 0.9
    assert b.temperature and b.top_p and b.max_tokens and b.n and b.tools
    return {
        "temp": _sticky(rng, s["temp"], acc, b.temperature, st),
        "top_p": _sticky(rng, s["top_p"], acc, b.top_p, st),
        "max_tok": _sticky(rng, s["max_tok"], acc, b.max_tokens, st),
        "n": _sticky(rng, s["n"], acc, b.n, st),
        "tools": _sticky(rng, s["tools"], acc, b.tools, st),
        "logprobs": s["logprobs"][acc],
        "top_lp": s["top_lp"][acc],
        "stream": s["stream"][acc],
        "effort": s["effort"][acc],
        "op": s["op"][acc],
    }


def _tokens(rng: np.random.Generator, plan: Plan, ev: EventRecipe, turn: np.ndarray,
            out_scale: np.ndarray) -> None:
    b = plan.beh
    m = turn.shape[0]
    assert b.input_tokens and b.output_tokens
    inp = lognormal(rng, b.input_tokens, m) + turn * (0.6 * b.output_tokens.median + 80)
    visible = lognormal(rng, b.output_tokens, m) * out_scale
    effort = ev["effort"].astype(np.int64)
    med = np.array([REASONING_MEDIAN[e] for e in REASONING_EFFORTS])[effort]
    reasoning_model = np.array([mm.reasoning for mm in plan.models])[ev["model"]]
    reas = np.where(reasoning_model & (med > 0), med * np.exp(0.8 * rng.standard_normal(m)),
                    0.0)
    total = (visible + reas) * ev["n"]
    cap = ev["max_tok"] * ev["n"]
    capped = total > cap
    total = np.minimum(total, cap)
    reas = np.minimum(reas * ev["n"], total)
    ev["in_tok"] = np.maximum(1, np.round(inp)).astype(np.int64)
    ev["out_tok"] = np.maximum(1, np.round(total)).astype(np.int64)
    ev["reas_tok"] = np.round(reas).astype(np.int64)
    tool_call = (ev["tools"] > 0) & (rng.random(m) < 0.4)
    ev["finish"] = np.where(capped, 1, np.where(tool_call, 2, 0))
    err = rng.random(m) < (b.error_rate or 0.0)
    kind = rng.random(m)
    ev["status"] = np.where(err, np.where(kind < 0.7, 429, np.where(kind < 0.9, 500, 400)),
                            200)


def _network(rng: np.random.Generator, fa: FrozenAccounts, gacc: np.ndarray, conv: np.ndarray,
             *, rotate: bool) -> EventRecipe:
    """Address, user agent, key and end user of each event (skewed to an account's first)."""
    m = gacc.shape[0]
    u = rng.random(m)
    pick = u if rotate else u**3  # home address most of the time, proxies uniformly
    ip = fa.ip_list[fa.ip_off[gacc] + (pick * fa.ip_n[gacc]).astype(np.int64)]
    ua = fa.ua_list[fa.ua_off[gacc] + (rng.random(m) ** (1 if rotate else 4)
                                       * fa.ua_n[gacc]).astype(np.int64)]
    key = fa.key_off[gacc] + (rng.random(m) ** 2 * fa.key_n[gacc]).astype(np.int64)
    # one end user per conversation, Zipf-like activity across users
    n_users = fa.users[gacc]
    cu = rng.random(int(conv.max()) + 1 if m else 0)
    user = np.where(n_users > 0, (cu[conv] ** 2.5 * n_users).astype(np.int64), -1)
    return {"ip": ip, "ua": ua, "key": key, "user": user}


def _benign_text(rng: np.random.Generator, plan: Plan, pools: TextPools, acc: np.ndarray,
                 turn: np.ndarray) -> EventRecipe:
    m = acc.shape[0]
    z = np.zeros(m, dtype=np.int64)
    pool = plan.beh.prompt_pool or "chat"
    ev: EventRecipe = {"pa": z.copy(), "pi": z.copy(), "pb": z.copy(), "pj": z.copy(),
                       "pc": z.copy(), "rj": z.copy()}

    def pick(name: str, size: int) -> np.ndarray:
        off, cnt = pools.range(name)
        return off + rng.integers(0, cnt, size=size)

    follow = turn > 0
    if pool in ("chat", "support", "dev_mix"):
        first_pool = {"chat": "chat", "support": "support", "dev_mix": "coding"}[pool]
        pa = pick(first_pool, m)
        if pool == "dev_mix":
            pa = np.where(rng.random(m) < 0.5, pa, pick("chat", m))
        ev["pa"] = np.where(follow, pick("followup", m), pa)
        resp = "support" if pool == "support" else "chat" if pool == "chat" else "coding"
    elif pool == "agent":
        ev["pa"] = np.where(follow, pick("agent_task", m), pick("coding", m))
        resp = "agent"
    elif pool == "batch_doc":
        assert plan.bench is not None
        off, _ = pools.range("batch_prefix")
        ev["pa"] = off + plan.bench[acc]
        ev["pi"] = pick("doc", m)
        resp = "batch"
    elif pool == "synth_data":
        ev["pa"] = pick("synth_data", m)
        resp = "synth"
    else:  # eval harness: sweeps a benchmark in order, in one prompt format
        assert plan.bench is not None and plan.bench_fmt is not None and plan.cursor is not None
        bench = plan.bench[acc]
        for bi, name in enumerate(("math", "science", "coding")):
            sel = bench == bi
            k = int(sel.sum())
            if k == 0:
                continue
            ioff, icnt = pools.range(f"item:{name}")
            a_acc = acc[sel]
            # position of each event within its account's sweep today
            order = np.argsort(a_acc, kind="stable")
            rank = np.empty(k, dtype=np.int64)
            sorted_acc = a_acc[order]
            starts = np.flatnonzero(np.r_[True, sorted_acc[1:] != sorted_acc[:-1]])
            run = np.arange(k) - np.repeat(starts, np.diff(np.r_[starts, k]))
            rank[order] = run
            pos = (plan.cursor[a_acc] + rank) % icnt
            np.add.at(plan.cursor, a_acc, 1)
            poff, pcnt = pools.range(f"evalpre:{name}")
            soff, _ = pools.range(f"evalsuf:{name}")
            fmt = plan.bench_fmt[a_acc] % pcnt
            ev["pa"][sel] = poff + fmt
            ev["pi"][sel] = ioff + pos
            ev["pb"][sel] = soff + fmt
            aoff, _ = pools.range(f"answer:{name}")
            ev["rj"][sel] = aoff + pos
        resp = "eval"
    roff, rcnt = pools.range(f"resp:{resp}")
    ev["ra"] = np.asarray(roff + rng.integers(0, rcnt, size=m))
    assert plan.sys_idx is not None
    ev["sys"] = plan.sys_idx[acc]
    return ev


def _attack_text(rng: np.random.Generator, plan: Plan, pools: TextPools, acc: np.ndarray,
                 day: int, ts: np.ndarray) -> tuple[EventRecipe, np.ndarray]:
    """Prompt parts per event and the tactic index of each event."""
    c = plan.campaign
    assert c is not None and plan.lang is not None and plan.cursor is not None
    m = acc.shape[0]
    tactic_names = list(c.tactics)
    tactic = choose(rng, dict(c.tactics), m)
    z = np.zeros(m, dtype=np.int64)
    ev: EventRecipe = {k: z.copy() for k in ("pa", "pi", "pb", "pj", "pc", "sys", "ra", "rj")}
    pool_names = list(c.task_pools)
    pool_idx = choose(rng, dict(c.task_pools), m)
    lang = plan.lang[acc]
    for ti, t in enumerate(tactic_names):
        sel_t = tactic == ti
        if not sel_t.any():
            continue
        forced = TACTICS[t].pools
        if forced:
            pool_idx[sel_t] = np.array([pool_names.index(p) if p in pool_names else -1
                                        for p in forced])[rng.integers(0, len(forced),
                                                                       int(sel_t.sum()))]
        for li, lname in enumerate(LANGUAGES):
            sel = sel_t & (lang == li)
            k = int(sel.sum())
            if k == 0:
                continue
            key = f"{t}:{lname}"
            choices = plan.wording_sel[key]
            if c.templates == "rotated":
                w = choices[(acc[sel] * 7 + day) % choices.shape[0]]
            else:
                w = choices[rng.integers(0, choices.shape[0], k)]
            ev["pa"][sel] = pools.range(f"w_pre:{key}")[0] + w
            ev["pb"][sel] = pools.range(f"w_mid:{key}")[0] + w
            ev["pc"][sel] = pools.range(f"w_suf:{key}")[0] + w
        soff, scnt = pools.range(f"sys_attack:{t}")
        ev["sys"][sel_t] = soff + (acc[sel_t] % scnt)
    # task items: a load-balanced campaign walks one shuffled list with disjoint strides
    for pi, pname in enumerate([*pool_names, *(p for p in TASK_POOLS if p not in pool_names)]):
        sel = pool_idx == pi if pi < len(pool_names) else np.zeros(m, bool)
        if pi >= len(pool_names):
            sel = pool_idx == -1
            if not sel.any():
                continue
            pname = "agentic"
        k = int(sel.sum())
        if k == 0:
            continue
        ioff, icnt = pools.range(f"item:{pname}")
        if c.load_balance:
            # the controller hands out the next items of one shared list in request order,
            # so accounts get disjoint items until the list is exhausted
            slot = TASK_POOLS.index(pname)
            rank = np.empty(k, dtype=np.int64)
            rank[np.argsort(ts[sel], kind="stable")] = np.arange(k)
            pos = (plan.cursor[slot] + rank) % icnt
            plan.cursor[slot] += k
        else:
            pos = rng.integers(0, icnt, k)
        ev["pi"][sel] = ioff + pos
        aoff, _ = pools.range(f"answer:{pname}")
        ev["rj"][sel] = aoff + pos
    answer = np.isin(tactic, [tactic_names.index(t) for t in ("rationale", "rubric")
                              if t in tactic_names])
    ev["pj"] = np.where(answer, ev["rj"], 0)
    roff, rcnt = pools.range("resp:attack")
    ev["ra"] = np.asarray(roff + rng.integers(0, rcnt, size=m))
    if "rubric" in tactic_names:
        goff, gcnt = pools.range("resp:grade")
        grade = tactic == tactic_names.index("rubric")
        ev["ra"] = np.where(grade, goff + rng.integers(0, gcnt, size=m), ev["ra"])
    return ev, tactic


def generate_day(plan: Plan, day: int, *, day_s: float, seed: int, fa: FrozenAccounts,
                 pools: TextPools, conv_base: int) -> EventRecipe:
    """All events of one plan on one day, as a recipe (unsorted)."""
    rng = np.random.default_rng([seed, 2, plan.seed_key, day])
    tz = fa.tz[plan.first:plan.first + plan.n]
    if plan.kind == "attack":
        counts = attack_counts(rng, plan, day, day_s, tz)
    else:
        counts = benign_counts(rng, plan, day_s, tz)
    acc, ts, turn, conv = _structure(rng, plan, counts, day_s, tz)
    m = acc.shape[0]
    gacc = plan.first + acc
    ev = _params(rng, plan, acc)
    ev["model"] = _models(rng, plan, acc, ts)
    out_scale = np.ones(m)
    if plan.kind == "attack":
        text, tactic = _attack_text(rng, plan, pools, acc, day, ts)
        assert plan.campaign is not None
        for ti, t in enumerate(plan.campaign.tactics):
            tp = TACTICS[t]
            sel = tactic == ti
            k = int(sel.sum())
            if k == 0:
                continue
            # A low-and-slow operator keeps the size habits of the persona it mimics
            # (max_tokens, n, effort) and elicits reasoning through the prompt instead.
            mimic = plan.campaign.mimic is not None
            for col, d in (("temp", tp.temperature), ("max_tok", tp.max_tokens), ("n", tp.n),
                           ("top_lp", tp.top_logprobs), ("tools", tp.tools)):
                if d is not None and not (mimic and col in ("max_tok", "n", "tools")):
                    ev[col][sel] = _draw(rng, d, k)
            if tp.reasoning_effort is not None and not mimic:
                idx = np.array([REASONING_EFFORTS.index(e) for e in tp.reasoning_effort])
                ev["effort"][sel] = idx[choose(rng, dict(tp.reasoning_effort), k)]
            if tp.logprobs is not None:
                ev["logprobs"][sel] = float(tp.logprobs)
            out_scale[sel] = 1.0 if mimic else tp.output_scale
        rotate = plan.campaign.infrastructure.rotate_user_agents
    else:
        text = _benign_text(rng, plan, pools, acc, turn)
        rotate = False
    ev.update(text)
    _tokens(rng, plan, ev, turn, out_scale)
    ev.update(_network(rng, fa, gacc, conv, rotate=rotate))
    ev["ts"] = np.round(ts * 1e6).astype(np.int64)
    ev["acct"] = gacc.astype(np.int64)
    ev["turn"] = turn.astype(np.int64)
    ev["conv"] = (conv_base + conv).astype(np.int64)
    ev["attack"] = np.full(m, plan.kind == "attack")
    if plan.kind == "attack" and plan.lives is not None:
        ev = _with_ban_retries(rng, plan, ev, day_s, conv_base + (int(conv.max()) + 1 if m
                                                                 else 0))
    return ev


def _with_ban_retries(rng: np.random.Generator, plan: Plan, ev: EventRecipe, day_s: float,
                      conv_base: int) -> EventRecipe:
    """A banned account's scheduler keeps trying a few times and gets 403s."""
    assert plan.lives is not None and plan.campaign is not None
    retries = plan.campaign.bans.retries_after_ban
    end = plan.lives.end_s
    hit = np.flatnonzero(plan.lives.banned & (end >= day_s) & (end < day_s + DAY_S))
    if retries == 0 or hit.shape[0] == 0 or ev["ts"].shape[0] == 0:
        return ev
    k = hit.shape[0] * retries
    acc = np.repeat(hit, retries)
    ts = end[acc] + np.cumsum(rng.uniform(5, 600, k).reshape(-1, retries), axis=1).ravel()
    template = np.searchsorted(np.sort(ev["acct"]), plan.first + acc).clip(0, ev["ts"].shape[0]
                                                                           - 1)
    order = np.argsort(ev["acct"], kind="stable")
    src = order[template]
    extra = {k2: v[src].copy() for k2, v in ev.items()}
    extra["ts"] = np.round(ts * 1e6).astype(np.int64)
    extra["acct"] = plan.first + acc
    extra["status"] = np.full(k, 403)
    extra["out_tok"] = np.zeros(k, dtype=np.int64)
    extra["reas_tok"] = np.zeros(k, dtype=np.int64)
    extra["in_tok"] = np.zeros(k, dtype=np.int64)
    extra["conv"] = conv_base + np.arange(k)
    extra["turn"] = np.zeros(k, dtype=np.int64)
    return {c: np.concatenate([ev[c], extra[c]]) for c in ev}
