"""``simulate()``: build the world, generate day by day, write events, accounts and truth."""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from distillwatch.exceptions import ScenarioError
from distillwatch.simulate.engine import (
    RECIPE_COLUMNS,
    EventRecipe,
    Plan,
    generate_day,
    init_sticky,
)
from distillwatch.simulate.network import NetworkSpace
from distillwatch.simulate.pools import LANGUAGES, TASK_POOLS, TextPools, build_text_pools
from distillwatch.simulate.resolve import resolve
from distillwatch.simulate.scenario import Campaign, Scenario, dump_scenario, load_scenario
from distillwatch.simulate.world import (
    DAY_S,
    Accounts,
    Lives,
    add_benign_block,
    add_campaign_block,
    campaign_lives,
    choose,
    lognormal,
)
from distillwatch.simulate.writer import (
    ROWS_PER_FILE,
    BackgroundWriter,
    EventBuilder,
    EventWriter,
    ParallelParquetWriter,
    write_table,
)

SLICE_ROWS = 200_000
FORMATS = ("parquet", "jsonl")
DATA_ENV = "DISTILLWATCH_SIM_DATA"

Progress = Callable[[int, int, int], None]  # (day done, days, events so far)


@dataclass(frozen=True)
class SimulationReport:
    """What a run wrote."""

    out: str
    scenario: str
    seed: int
    scale: float
    days: int
    fmt: str
    events: int
    attack_events: int
    accounts: int
    attack_accounts: int
    campaigns: int
    files: tuple[str, ...]
    seconds: float
    data_source: str
    events_by_persona: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def find_data_dir(setting: str) -> Path | None:
    """The real-data directory: an explicit path, ``$DISTILLWATCH_SIM_DATA``, or ``../shared``.

    ``auto`` looks for ``shared/data`` next to the current directory and next to a source
    checkout; ``builtin`` never uses one (the output then depends only on the seed).
    """
    if setting == "builtin":
        return None
    if setting != "auto":
        path = Path(setting).expanduser()
        if not path.is_dir():
            raise ScenarioError(f"text.data: {setting!r} is not a directory")
        return path
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env) if Path(env).is_dir() else None
    here = Path(__file__).resolve()
    for cand in (Path.cwd().parent / "shared" / "data", here.parents[3] / "shared" / "data"):
        if (cand / "prompts").is_dir():
            return cand
    return None


def _campaign_plan(c: Campaign, *, idx: int, first: int, lives_start: np.ndarray,
                   lives_end: np.ndarray, rng: np.random.Generator, scenario: Scenario,
                   start_s: float, pools: TextPools) -> Plan:
    beh = c.behaviour
    n = c.accounts
    names = [m.name for m in scenario.models]
    plan = Plan(name=c.id, kind="attack", persona=c.persona, beh=beh, first=first, n=n,
                life_start=lives_start, life_end=lives_end, rate=np.zeros(n), seed_key=1000 + idx,
                start_s=start_s, models=list(scenario.models), model_names=names, campaign=c)
    assert beh.requests_per_day is not None
    if c.exchanges is not None:
        days = scenario.days
        t0, t1 = c.start_day, c.end_day or days
        overlap = np.clip(np.minimum(np.arange(1, days + 1), t1) - np.maximum(np.arange(days),
                                                                              t0), 0, 1)
        p = overlap * rng.uniform(0.8, 1.2, days)
        plan.daily_exchanges = rng.multinomial(c.exchanges, p / p.sum())
        plan.weight = np.exp(c.account_volume_sigma * rng.standard_normal(n))
    else:
        plan.rate = lognormal(rng, beh.requests_per_day, n)
    plan.lang = np.array([LANGUAGES.index(str(k)) for k in c.languages],
                         dtype=np.int64)[choose(rng, dict(c.languages), n)]
    for key, count in pools.wording_counts.items():
        perm = rng.permutation(count)
        keep = 1 if c.templates == "fixed" else min(count, 8) if c.templates == "rotated" \
            else count
        plan.wording_sel[key] = perm[:keep]
    plan.cursor = np.zeros(len(TASK_POOLS), dtype=np.int64)  # per task pool, campaign-wide
    if c.pivot_model:
        spec = next(m for m in scenario.models if m.name == c.pivot_model)
        if spec.released_day is not None:
            plan.pivot_at = start_s + (spec.released_day + rng.uniform(2, 20) / 24) * DAY_S
    init_sticky(plan, rng)
    return plan


def _cover_plan(c: Campaign, attack: Plan, *, idx: int, rng: np.random.Generator,
                scenario: Scenario, start_s: float, lives: Lives) -> Plan:
    """Real customer traffic carried by a campaign's accounts (a reseller's end users).

    Each account's cover rate is its own attack rate times ``share / (1 - share)``, so every
    account mixes the same proportion and campaign totals match the scenario.
    """
    from distillwatch.simulate.personas import BENIGN_PERSONAS

    assert c.cover is not None
    beh = BENIGN_PERSONAS[c.cover.persona].model_copy(update={
        "models": c.behaviour.models, "active_day_prob": 1.0, "weekend_factor": 1.0})
    if attack.weight is not None and c.exchanges is not None:
        span = max(1e-9, (c.end_day or scenario.days) - c.start_day)
        per_day = c.exchanges / max(1, c.accounts) / span
        attack_rate = per_day * attack.weight / attack.weight.mean()
    else:
        attack_rate = attack.rate * (c.behaviour.active_day_prob or 1.0)
    share = c.cover.share
    cover = Plan(name=f"{c.id}:cover", kind="cover", persona=f"{c.persona}:cover", beh=beh,
                 first=attack.first, n=c.accounts, life_start=lives.start_s,
                 life_end=lives.end_s, seed_key=5000 + idx, start_s=start_s,
                 rate=attack_rate * share / (1 - share), models=list(scenario.models),
                 model_names=[m.name for m in scenario.models])
    init_sticky(cover, rng)
    return cover


def _benign_text_habits(plan: Plan, rng: np.random.Generator, pools: TextPools) -> None:
    pool = plan.beh.prompt_pool or "chat"
    sys_name = {"chat": "sys_chat", "support": "sys_support", "agent": "sys_agent",
                "batch_doc": "sys_batch", "dev_mix": "sys_coding", "eval": "sys_eval",
                "synth_data": "sys_synth", "coding": "sys_coding"}[pool]
    off, cnt = pools.range(sys_name)
    plan.sys_idx = off + rng.integers(0, cnt, plan.n)
    if pool == "dev_mix":  # most hobby calls carry no system prompt
        plan.sys_idx = np.where(rng.random(plan.n) < 0.6, 0, plan.sys_idx)
    plan.bench = rng.integers(0, 3 if pool == "eval" else 8, plan.n)
    plan.bench_fmt = rng.integers(0, 4, plan.n)
    plan.cursor = rng.integers(0, 1_000_000, plan.n)


def simulate(scenario: Scenario | str | Path, out: Path | str, *, scale: float = 1.0,
             seed: int = 0, days: int | None = None, fmt: str = "parquet",
             progress: Progress | None = None,
             rows_per_file: int = ROWS_PER_FILE) -> SimulationReport:
    """Simulate a scenario into ``out`` (the traffic contract plus ground truth).

    Writes ``events/part-*.parquet`` (or ``events.jsonl.gz``), ``accounts``, ``truth``,
    ``scenario.yaml`` (resolved: every behaviour the run used) and ``manifest.json``.
    The same scenario, scale, days and seed give byte-identical files. ``rows_per_file``
    sets the size of the Parquet parts (they are written two at a time on two threads).
    """
    if rows_per_file < 1:
        raise ScenarioError(f"rows_per_file must be >= 1, got {rows_per_file}")
    t_start = time.perf_counter()
    if fmt not in FORMATS:
        raise ScenarioError(f"format must be one of {FORMATS}, got {fmt!r}")
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    res = resolve(sc, scale=scale, days=days)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if any((out / p).exists() for p in ("events", "events.jsonl.gz", "manifest.json")):
        raise ScenarioError(f"{out} already holds a simulation; choose an empty directory")
    data_dir = find_data_dir(res.text.data)
    start_s = res.start.timestamp()
    rnd = random.Random(seed)
    net = NetworkSpace.load(data_dir)
    pools = build_text_pools(seed=seed, data_dir=data_dir,
                             real_share=res.text.real_prompt_share, items_per_pool=12_000)
    try:
        from disposable_email_domains import blocklist

        disposable = sorted(blocklist)
    except ImportError:  # pragma: no cover - a pinned dependency
        disposable = []
    acc = Accounts()
    plans: list[Plan] = []
    names = [m.name for m in res.models]
    for gi, g in enumerate(res.benign):
        if g.accounts == 0:
            continue
        rng = np.random.default_rng([seed, 1, gi])
        first, life_start = add_benign_block(acc, rng=rng, rnd=rnd, beh=g.behaviour,
                                             n=g.accounts, persona=g.persona, seed=seed,
                                             start_s=start_s, days=res.days, net=net)
        assert g.behaviour.requests_per_day is not None
        plan = Plan(name=g.name or g.persona, kind="benign", persona=g.persona,
                    beh=g.behaviour, first=first,
                    n=g.accounts, life_start=life_start,
                    life_end=np.full(g.accounts, np.inf), seed_key=gi, start_s=start_s,
                    rate=lognormal(rng, g.behaviour.requests_per_day, g.accounts),
                    models=list(res.models), model_names=names)
        init_sticky(plan, rng)
        _benign_text_habits(plan, rng, pools)
        plans.append(plan)
    for ci, c in enumerate(res.campaigns):
        if c.accounts == 0:
            continue
        rng = np.random.default_rng([seed, 3, ci])
        lives = campaign_lives(rng, c, start_s=start_s)
        first = add_campaign_block(acc, rng=rng, rnd=rnd, c=c, seed=seed, start_s=start_s,
                                   net=net, lives=lives, disposable=disposable)
        plan = _campaign_plan(c, idx=ci, first=first, lives_start=lives.start_s,
                              lives_end=lives.end_s, rng=rng, scenario=res, start_s=start_s,
                              pools=pools)
        plan.lives = lives
        plans.append(plan)
        if c.cover is not None:
            cover = _cover_plan(c, plan, idx=ci, rng=rng, scenario=res, start_s=start_s,
                                lives=lives)
            _benign_text_habits(cover, rng, pools)
            plans.append(cover)
    if acc.n == 0:
        raise ScenarioError(f"scenario {res.name!r} has no accounts at scale {scale}")
    fa = acc.finish()
    builder = EventBuilder(strings=pools.strings, accounts=fa, model_names=names, seed=seed,
                           responses=res.text.responses)
    by_persona: dict[str, int] = {}
    attack_events = 0
    conv_base = 0
    carry: EventRecipe | None = None
    with EventWriter(out, fmt="jsonl" if fmt == "jsonl" else "none") as writer:
        bg: BackgroundWriter | ParallelParquetWriter = (
            BackgroundWriter(builder, writer) if fmt == "jsonl"
            else ParallelParquetWriter(out, builder, rows_per_file=rows_per_file))
        try:
            for d in range(res.days):
                day_s = start_s + d * DAY_S
                parts: list[EventRecipe] = [carry] if carry is not None else []
                for plan in plans:
                    ev = generate_day(plan, d, day_s=day_s, seed=seed, fa=fa, pools=pools,
                                      conv_base=conv_base)
                    if ev["ts"].shape[0]:
                        conv_base = int(ev["conv"].max()) + 1
                        key = plan.persona
                        by_persona[key] = by_persona.get(key, 0) + int(ev["ts"].shape[0])
                        if plan.kind == "attack":
                            attack_events += int(ev["ts"].shape[0])
                        parts.append(ev)
                day = {c: np.concatenate([p[c] for p in parts]) for c in RECIPE_COLUMNS} if parts \
                    else None
                if day is None:
                    carry = None
                    continue
                order = np.argsort(day["ts"], kind="stable")
                day = {c: v[order] for c, v in day.items()}
                # events past midnight (late conversations) are written with the next day
                cut = int(np.searchsorted(day["ts"], int((day_s + DAY_S) * 1e6))) \
                    if d < res.days - 1 else day["ts"].shape[0]
                carry = {c: v[cut:] for c, v in day.items()}
                for s0 in range(0, cut, SLICE_ROWS):
                    bg.put({c: v[s0:min(s0 + SLICE_ROWS, cut)] for c, v in day.items()})
                del day, parts
                if progress is not None:
                    progress(d + 1, res.days, bg.rows)
        finally:
            bg.close()
        files = [str(p.relative_to(out)) for p in bg.files]
        total = bg.rows
    paths = [write_table(acc.table(), out / "accounts", fmt=fmt),
             write_table(acc.truth(), out / "truth", fmt=fmt)]
    (out / "scenario.yaml").write_text(dump_scenario(res), encoding="utf-8")
    n_attack = sum(1 for x in acc.label if x == "attack")
    report = SimulationReport(
        out=str(out), scenario=res.name, seed=seed, scale=scale, days=res.days, fmt=fmt,
        events=total, attack_events=attack_events, accounts=acc.n, attack_accounts=n_attack,
        campaigns=len(res.campaigns), files=tuple([*files, *(p.name for p in paths)]),
        seconds=round(time.perf_counter() - t_start, 3), data_source=pools.source,
        events_by_persona=dict(sorted(by_persona.items())),
    )
    manifest = {k: v for k, v in report.to_dict().items() if k not in ("seconds", "out")}
    manifest["network_source"] = net.source
    manifest["contract"] = "distillwatch traffic contract v1"
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                       encoding="utf-8")
    return report
