"""Task items (the things harvesters and evaluation harnesses send) with reference answers.

Built-in generators write grade-school math word problems (answers computed), science
multiple-choice questions, coding tasks and agentic tool-use goals. With a data directory,
GSM8K (openai/grade-school-math, MIT) and ARC (AI2, CC BY-SA 4.0) items are mixed in.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

NAMES = ("Natalia", "Weng", "Betty", "James", "Aiko", "Omar", "Priya", "Lucas", "Fatima",
         "Chen", "Sofia", "Kwame", "Mateo", "Ingrid", "Ravi", "Maya", "Tomás", "Zoe", "Hassan",
         "Elena", "Kenji", "Amara", "Noah", "Leila", "Ivan", "Grace", "Diego", "Yuki", "Sam",
         "Olivia")
OBJECTS = ("apples", "stickers", "marbles", "cupcakes", "books", "pencils", "seashells",
           "trading cards", "cookies", "tomato plants", "bracelets", "toy cars", "eggs",
           "postcards", "balloons")


def _math(rnd: random.Random) -> tuple[str, str]:
    n = rnd.choice(NAMES)
    m = rnd.choice([x for x in NAMES if x != n])
    o = rnd.choice(OBJECTS)
    a, b, c = rnd.randint(3, 90), rnd.randint(2, 12), rnd.randint(2, 40)
    k = rnd.randrange(10)
    if k == 0:
        q = f"{n} has {a} {o}. {m} gives {n} {b} times as many {o} as {n} already has, minus {c}. How many {o} does {n} have now?"  # noqa: E501
        r = a + max(a * b - c, 0)
        w = f"{m} gives {a}*{b}-{c} = {max(a * b - c, 0)} {o}. Total: {a}+{max(a * b - c, 0)} = {r}."  # noqa: E501
    elif k == 1:
        price = rnd.randint(2, 25)
        q = f"{n} buys {a} {o} at ${price} each and pays with ${a * price + c}. How much change does {n} get?"  # noqa: E501
        r = c
        w = f"Cost: {a}*{price} = {a * price}. Change: {a * price + c}-{a * price} = {c}."
    elif k == 2:
        h = rnd.randint(2, 9)
        q = f"{n} earns ${b + 8} an hour babysitting. Last week {n} worked {h} hours on Saturday and {h + 2} hours on Sunday. How much did {n} earn?"  # noqa: E501
        r = (b + 8) * (2 * h + 2)
        w = f"Hours: {h}+{h + 2} = {2 * h + 2}. Pay: {2 * h + 2}*{b + 8} = {r}."
    elif k == 3:
        total = a * b
        q = f"A bakery packs {total} {o} into boxes of {b}. It sells {min(c, a)} boxes in the morning. How many boxes are left?"  # noqa: E501
        r = a - min(c, a)
        w = f"Boxes: {total}/{b} = {a}. Left: {a}-{min(c, a)} = {r}."
    elif k == 4:
        pct = rnd.choice([10, 20, 25, 30, 40, 50])
        base = rnd.randint(2, 40) * 20
        q = f"A jacket costs ${base}. It is on sale for {pct}% off, and {n} has a coupon for another ${b}. What does {n} pay?"  # noqa: E501
        r = base - base * pct // 100 - b
        w = f"Discount: {base}*{pct}/100 = {base * pct // 100}. Price: {base}-{base * pct // 100}-{b} = {r}."  # noqa: E501
    elif k == 5:
        s = rnd.randint(30, 75)
        t = rnd.randint(2, 6)
        q = f"A train travels at {s} miles per hour for {t} hours, then at {s + 10} miles per hour for {b} hours. How far does it travel in total?"  # noqa: E501
        r = s * t + (s + 10) * b
        w = f"First part: {s}*{t} = {s * t}. Second: {s + 10}*{b} = {(s + 10) * b}. Total: {r}."
    elif k == 6:
        q = f"{n} is {b + 10} years old. {m} is {c % 9 + 2} years older than twice {n}'s age. How old will {m} be in {b} years?"  # noqa: E501
        r = 2 * (b + 10) + c % 9 + 2 + b
        w = f"{m} now: 2*{b + 10}+{c % 9 + 2} = {r - b}. In {b} years: {r}."
    elif k == 7:
        q = f"A garden has {a} rows of {o} with {b} in each row. {n} picks {c} of them and gives half of the rest to {m}. How many does {n} keep in the garden?"  # noqa: E501
        rest = max(a * b - c, 0)
        r = rest - rest // 2
        w = f"Total: {a}*{b} = {a * b}. After picking: {rest}. Half given: {rest // 2}. Left: {r}."
    elif k == 8:
        q = f"{n} reads {b} pages on Monday, twice as many on Tuesday and {c} pages on Wednesday. The book has {b * 3 + c + a} pages. How many pages are left?"  # noqa: E501
        r = a
        w = f"Read: {b}+{2 * b}+{c} = {3 * b + c}. Left: {3 * b + c + a}-{3 * b + c} = {a}."
    else:
        q = f"There are {a + c} students in a class. {a} of them walk to school and the rest take the bus. Each bus seat costs ${b}. How much do the bus riders pay in total per day?"  # noqa: E501
        r = c * b
        w = f"Bus riders: {a + c}-{a} = {c}. Cost: {c}*{b} = {r}."
    return q, f"{w}\n#### {r}"


SCIENCE = (
    ("Which gas do plants take in from the air for photosynthesis?", "carbon dioxide",
     ("oxygen", "nitrogen", "hydrogen")),
    ("What is the main source of energy for Earth's water cycle?", "the Sun",
     ("the Moon", "Earth's core", "wind")),
    ("Which part of a plant cell contains chlorophyll?", "chloroplast",
     ("nucleus", "cell wall", "vacuole")),
    ("What happens to the particles of a liquid when it freezes?",
     "they slow down and lock into place", ("they speed up", "they split apart",
                                             "they turn into gas")),
    ("Which organ pumps blood through the human body?", "the heart",
     ("the lungs", "the liver", "the stomach")),
    ("Which is a renewable resource?", "solar energy", ("coal", "natural gas", "oil")),
    ("What causes day and night on Earth?", "Earth rotating on its axis",
     ("Earth orbiting the Sun", "the Moon's phases", "changes in the Sun's brightness")),
    ("Which property of a mineral describes how it reflects light?", "luster",
     ("hardness", "streak", "cleavage")),
    ("A student drops a ball. Which force pulls it to the ground?", "gravity",
     ("friction", "magnetism", "buoyancy")),
    ("Which layer of Earth is made of liquid iron and nickel?", "outer core",
     ("crust", "mantle", "inner core")),
    ("Which process breaks rock into smaller pieces without changing its composition?",
     "mechanical weathering", ("erosion", "deposition", "chemical weathering")),
    ("What is the function of white blood cells?", "fighting infection",
     ("carrying oxygen", "clotting blood", "digesting food")),
    ("Which simple machine is a ramp?", "inclined plane", ("lever", "pulley", "wedge")),
    ("Which unit measures electrical resistance?", "ohm", ("volt", "ampere", "watt")),
    ("Which planet has the shortest year?", "Mercury", ("Venus", "Earth", "Mars")),
    ("What do decomposers do in an ecosystem?", "break down dead organisms",
     ("produce food from sunlight", "hunt other animals", "pollinate flowers")),
    ("Which change is a chemical change?", "iron rusting",
     ("ice melting", "paper being cut", "water boiling")),
    ("Which trait is inherited rather than learned?", "eye color",
     ("riding a bike", "speaking French", "playing piano")),
    ("Sound travels fastest through which material?", "steel", ("air", "water", "vacuum")),
    ("What is the pH of pure water at 25 °C?", "7", ("0", "4", "14")),
    ("Which gas makes up most of Earth's atmosphere?", "nitrogen",
     ("oxygen", "argon", "carbon dioxide")),
    ("Which organelle releases energy from food?", "mitochondrion",
     ("ribosome", "Golgi body", "lysosome")),
    ("What type of rock forms from cooled magma?", "igneous",
     ("sedimentary", "metamorphic", "fossil")),
    ("Which adaptation helps a cactus survive in the desert?", "a thick waxy stem",
     ("broad thin leaves", "shallow roots only", "bright flowers")),
    ("Why does a metal spoon feel colder than a wooden one at room temperature?",
     "metal conducts heat away from the hand faster",
     ("metal is colder", "wood produces heat", "metal absorbs light")),
    ("Which is the best evidence that continents have moved?",
     "matching fossils on different continents",
     ("volcanoes on islands", "deep ocean trenches only", "daily tides")),
)
_SCI_CONTEXT = ("", "A class is studying ecosystems. ", "During a lab activity, ",
                "A science teacher asks: ", "In a fourth-grade experiment, ",
                "On a field trip, a student wonders: ")

CODE_TASKS = (
    ("is_palindrome", "returns True if a string reads the same backwards, ignoring case and "
     "non-alphanumeric characters"),
    ("merge_intervals", "merges overlapping intervals given as a list of (start, end) pairs"),
    ("top_k_frequent", "returns the k most frequent elements of a list"),
    ("rotate_matrix", "rotates an n x n matrix 90 degrees clockwise in place"),
    ("parse_duration", "parses strings like '1h30m15s' into a number of seconds"),
    ("lru_cache", "implements an LRU cache class with get and put in O(1)"),
    ("valid_brackets", "checks whether a string of (), [] and {} brackets is balanced"),
    ("longest_common_prefix", "returns the longest common prefix of a list of strings"),
    ("flatten", "flattens an arbitrarily nested list"),
    ("roman_to_int", "converts a Roman numeral to an integer"),
    ("dijkstra", "returns shortest path distances from a source in a weighted graph"),
    ("word_ladder", "returns the length of the shortest transformation sequence between two "
     "words"),
    ("median_two_sorted", "finds the median of two sorted arrays in O(log(m+n))"),
    ("topological_sort", "returns a topological order of a DAG or raises on cycles"),
    ("kth_largest", "returns the k-th largest element using a heap"),
    ("edit_distance", "computes the Levenshtein distance between two strings"),
    ("csv_to_json", "reads CSV text and returns a list of dicts, handling quoted fields"),
    ("rate_limiter", "implements a token-bucket rate limiter class"),
    ("serialize_tree", "serializes and deserializes a binary tree"),
    ("max_subarray", "returns the maximum sum of a contiguous subarray"),
    ("group_anagrams", "groups a list of words into anagram groups"),
    ("spiral_order", "returns the elements of a matrix in spiral order"),
    ("count_islands", "counts islands of 1s in a 2D grid"),
    ("binary_search_insert", "returns the index where a value should be inserted in a sorted "
     "list"),
)
CODE_LANGS = ("Python", "TypeScript", "Go", "Rust", "Java", "C++", "C#", "Kotlin")
CODE_CONSTRAINTS = ("", " Include type hints.", " Add unit tests.", " Handle edge cases.",
                    " Aim for optimal time complexity.", " Do not use any libraries.",
                    " Explain the complexity.")

AGENT_GOALS = (
    "Find the three most-cited papers on {t} published after 2020 and summarise each in two "
    "sentences.",
    "Clone the repository, find why the test suite fails on {t}, and fix it.",
    "Compare the pricing of three cloud providers for {t} and produce a table.",
    "Write and run a script that downloads the {t} dataset and reports its summary statistics.",
    "Plan a 5-day trip focused on {t}, booking-ready, within a $2000 budget.",
    "Migrate the {t} module from callbacks to async/await and make all tests pass.",
    "Search the web for recent news about {t} and write a briefing with sources.",
    "Set up a CI pipeline that lints, tests and builds the {t} service.",
    "Debug the memory leak in the {t} worker using the profiler and propose a patch.",
    "Scrape the public documentation for {t} and build a FAQ of 20 entries.",
)
AGENT_TOPICS = ("protein folding", "the payments service", "solid-state batteries",
                "the auth middleware", "GPU inference", "Kubernetes autoscaling",
                "the CSV importer", "carbon capture", "the search indexer",
                "graph neural networks", "the billing cron job", "quantum error correction",
                "the mobile app's offline sync", "wildfire prediction", "vector databases")

TaskGen = Callable[[random.Random], tuple[str, str]]


def _science(rnd: random.Random) -> tuple[str, str]:
    q, right, wrong = rnd.choice(SCIENCE)
    choices = [right, *wrong]
    rnd.shuffle(choices)
    labels = "ABCD"
    body = "\n".join(f"{labels[i]}. {c}" for i, c in enumerate(choices))
    gold = labels[choices.index(right)]
    return f"{rnd.choice(_SCI_CONTEXT)}{q}\n{body}", f"The answer is {gold}. {right}."


def _coding(rnd: random.Random) -> tuple[str, str]:
    name, spec = rnd.choice(CODE_TASKS)
    lang = rnd.choice(CODE_LANGS)
    q = f"Write a {lang} function `{name}` that {spec}.{rnd.choice(CODE_CONSTRAINTS)}"
    return q, f"```{lang.lower()}\n// {name}: {spec}\n```"


def _agentic(rnd: random.Random) -> tuple[str, str]:
    goal = rnd.choice(AGENT_GOALS).format(t=rnd.choice(AGENT_TOPICS))
    return goal, "Thought: I will break this into steps.\nAction: web_search"


GENERATORS: dict[str, TaskGen] = {
    "math": _math, "science": _science, "coding": _coding, "agentic": _agentic,
}


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def real_items(pool: str, data_dir: Path | None) -> list[tuple[str, str]]:
    """Items from the real pools in ``data_dir/prompts`` (GSM8K, ARC), or an empty list."""
    if data_dir is None:
        return []
    if pool == "math" and (data_dir / "prompts" / "task_gsm8k.jsonl").is_file():
        rows = _read_jsonl(data_dir / "prompts" / "task_gsm8k.jsonl")
        return [(str(r["question"]), str(r["answer"])) for r in rows]
    if pool == "science" and (data_dir / "prompts" / "task_arc.jsonl").is_file():
        out = []
        for r in _read_jsonl(data_dir / "prompts" / "task_arc.jsonl"):
            choices = list(r["choices"])  # type: ignore[call-overload]
            labels = "ABCDEFGH"
            body = "\n".join(f"{labels[i]}. {c}" for i, c in enumerate(choices))
            g = int(r["gold"])  # type: ignore[call-overload]
            out.append((f"{r['question']}\n{body}", f"The answer is {labels[g]}. {choices[g]}."))
        return out
    return []


def task_items(pool: str, k: int, *, rnd: random.Random, data_dir: Path | None,
               real_share: float) -> list[tuple[str, str]]:
    """``k`` distinct (item, answer) pairs of a task pool, real items first when present."""
    real = real_items(pool, data_dir)
    rnd.shuffle(real)
    n_real = min(len(real), round(k * real_share))
    out = real[:n_real]
    seen = {q for q, _ in out}
    gen = GENERATORS[pool]
    misses = 0  # small generators run out of distinct items: stop after many repeats
    while len(out) < k and misses < 500:
        q, a = gen(rnd)
        if q in seen:
            misses += 1
            continue
        misses = 0
        seen.add(q)
        out.append((q, a))
    return out
