"""Text sketches: template and item keys, MinHash, lengths, language, hostile strings."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from distillwatch.ingest.sketch import (
    MAX_SKETCH_CHARS,
    minhash_similarity,
    sketch_one,
    sketch_text,
    template_key,
)
from distillwatch.schema import MINHASH_PERMUTATIONS, SKETCH_FIELDS

PROBLEM_A = (
    "Natalia sold clips to 48 of her friends in April, and then she sold half as many "
    "clips in May. How many clips did Natalia sell altogether in April and May?"
)
PROBLEM_B = (
    "Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of "
    "babysitting. How much did she earn?"
)


def sketch(prompts: list[str | None], system: list[str | None] | None = None) -> list[dict]:
    cols = {"prompt": pa.array(prompts, pa.string())}
    if system is not None:
        cols["system_prompt"] = pa.array(system, pa.string())
    return sketch_text(pa.table(cols)).to_pylist()


def test_schema_rows_and_order() -> None:
    batch = pa.table({"prompt": ["b", "a", None], "response": ["xyz", None, ""], "n": [1, 2, 3]})
    out = sketch_text(batch)
    assert out.schema == pa.schema(SKETCH_FIELDS)
    assert out.column("prompt_chars").to_pylist() == [1, 1, None]
    assert out.column("system_chars").to_pylist() == [None, None, None]
    assert out.column("response_chars").to_pylist() == [3, None, 0]
    assert out.column("template_key").to_pylist()[2] is None


def test_one_instruction_around_different_items_shares_a_template() -> None:
    rows = sketch(
        [
            f"Solve step by step: {PROBLEM_A}",
            f"Solve step by step: {PROBLEM_B}",
            f"{PROBLEM_A}\n\nLet's think step by step.",
            f"{PROBLEM_B}\n\nLet's think step by step.",
            f"Translate into French: {PROBLEM_A}",
            PROBLEM_A,
            PROBLEM_B,
        ]
    )
    keys = [r["template_key"] for r in rows]
    assert keys[0] == keys[1] and keys[2] == keys[3]
    assert len({keys[0], keys[2], keys[4], keys[5], keys[6]}) == 5
    # The item is the slot content: the same problem in any template, or bare.
    items = [r["item_key"] for r in rows]
    assert items[0] == items[2] == items[4] == items[5]
    assert items[1] == items[3] == items[6] != items[0]
    for r in rows:
        assert len(r["template_key"]) == 16 and int(r["template_key"], 16) >= 0


def test_numbers_case_and_punctuation_do_not_change_the_skeleton() -> None:
    a = template_key(f"Answer in 3 sentences, and explain your reasoning: {PROBLEM_A}")
    b = template_key(
        f"answer in 5 sentences and EXPLAIN your reasoning!!  {PROBLEM_B}".replace("!!  ", ": ")
    )
    assert a == b


def test_different_benign_prompts_get_different_keys() -> None:
    prompts = [
        "What is some cool music from the 1920s?",
        "How do I wrap a present neatly?",
        "Write a haiku about autumn leaves.",
        "Write a haiku about the sea.",
        "Explain how vaccines work.",
        "Can you help me plan a trip to Japan? I have 10 days and like food.",
        "My cat keeps scratching the sofa. What should I do?",
    ]
    keys = [r["template_key"] for r in sketch(prompts)]
    assert len(set(keys)) == len(prompts)


def test_labels_inside_content_do_not_make_a_shared_template() -> None:
    # Labels in the middle are content; with no instruction at either end there is no slot.
    prompts = [
        "You should capitalize the sentence.\n\nGuide: every other letter.\nSentence: A spider.",
        "Currently there is a chat.\n\nPerson 1: Hey, when are you free?\nPerson 2: Friday.",
        "Product description below.\n\nProduct: Golang course\nPrice: 10 dollars.",
    ]
    keys = [r["template_key"] for r in sketch(prompts)]
    assert len(set(keys)) == 3


def test_system_prompt_is_part_of_the_template() -> None:
    rows = sketch(
        [PROBLEM_A, PROBLEM_A, PROBLEM_A],
        ["You are a math tutor. Always show every step.", "You are a pirate.", None],
    )
    keys = [r["template_key"] for r in rows]
    assert len(set(keys)) == 3
    assert len({r["item_key"] for r in rows}) == 1
    assert sketch([None], ["You are a helpful assistant."])[0]["template_key"] is not None


def test_minhash_near_duplicates_score_higher_than_unrelated() -> None:
    base = (
        "Please explain step by step how photosynthesis works in plants, including the "
        "light reactions and the Calvin cycle, and why it matters for life on Earth."
    )
    para = (
        "Explain step by step how photosynthesis works in green plants, including the "
        "light reactions and the Calvin cycle, and why it matters for life on our planet."
    )
    other = "Write a limerick about a cat who loves to eat lasagna on Sundays."
    rows = sketch([base, para, other, base])
    sig = [r["minhash"] for r in rows]
    assert all(len(s) == 2 * MINHASH_PERMUTATIONS for s in sig)  # 64 uint16, little-endian
    assert minhash_similarity(sig[0], sig[3]) == 1.0
    near = minhash_similarity(sig[0], sig[1])
    far = minhash_similarity(sig[0], sig[2])
    assert near is not None and far is not None and near > 0.3 > far
    minhash_type = sketch_text(pa.table({"prompt": [base]})).schema.field("minhash").type
    assert minhash_type == pa.binary()


def test_minhash_null_without_words_and_short_texts_work() -> None:
    rows = sketch([None, "", "  ...  ", "hi", "hello there"])
    assert [r["minhash"] is None for r in rows] == [True, True, True, False, False]
    assert minhash_similarity(rows[3]["minhash"], rows[4]["minhash"]) < 0.5


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("What are the names of some famous actors that started on Broadway?", "en"),
        ("你好，请问今天北京的天气怎么样？我想去公园散步。", "zh"),
        ("Привет! Как дела? Что ты делаешь сегодня вечером?", "ru"),
        ("¿Cómo estás? Quiero saber la respuesta a esta pregunta.", "es"),
        ("Bonjour, comment allez-vous? Je voudrais une réponse à cette question.", "fr"),
        ("Wie geht es dir? Ich bin müde und das ist nicht gut.", "de"),
        ("こんにちは、今日の天気はどうですか？東京に行きたいです。", "ja"),
        ("안녕하세요 오늘 날씨 어때요? 서울에 가고 싶어요.", "ko"),
        ("مرحبا كيف حالك اليوم؟ أريد أن أتعلم البرمجة.", "ar"),
        ("Olá, você pode me ajudar com isso? Não sei como fazer.", "pt"),
        ("Ciao, puoi aiutarmi con questo problema? Non so come fare.", "it"),
        ("Привіт, як справи? Що ти робиш сьогодні ввечері?", "uk"),
        ("12345 67890", "und"),
    ],
)
def test_language_guess(text: str, lang: str) -> None:
    assert sketch([text])[0]["lang"] == lang


def test_language_is_null_without_text() -> None:
    assert [r["lang"] for r in sketch([None, ""])] == [None, None]


def test_hostile_strings_do_not_crash() -> None:
    huge = "Solve step by step: " + "x" * 10_000_000
    nul = "Solve step by step:\x00 what is\x00 2+2?"
    rows = sketch([huge, nul, "\x00\x00", "emoji 🤖 only"])
    assert rows[0]["prompt_chars"] == 10_000_020
    assert rows[0]["template_key"] is not None and rows[0]["minhash"] is not None
    assert rows[1]["prompt_chars"] == len(nul) and rows[1]["template_key"] is not None
    assert rows[2]["minhash"] is None
    # Only the first MAX_SKETCH_CHARS characters are sketched: a longer tail changes nothing.
    tail_a = sketch(["word " * (MAX_SKETCH_CHARS // 5 + 10) + "alpha"])[0]
    tail_b = sketch(["word " * (MAX_SKETCH_CHARS // 5 + 10) + "omega"])[0]
    assert tail_a["minhash"] == tail_b["minhash"]
    assert tail_a["template_key"] == tail_b["template_key"]


def test_invalid_utf8_bytes_and_missing_columns() -> None:
    batch = pa.table({"prompt": pa.array([b"caf\xe9 au lait", None, b"ok"], pa.binary())})
    out = sketch_text(batch).to_pylist()
    assert out[0]["prompt_chars"] == len("caf\ufffd au lait")
    assert out[2]["lang"] is not None
    # A string column holding invalid UTF-8 (built without validation) is repaired too.
    unsafe = pa.array([b"caf\xe9 au lait", b"ok"], pa.binary()).view(pa.string())
    out = sketch_text(pa.table({"prompt": unsafe})).to_pylist()
    assert out[0]["template_key"] is not None and out[0]["minhash"] is not None
    empty = sketch_text(pa.table({"x": [1, 2]}))
    assert empty.num_rows == 2 and empty.column("template_key").null_count == 2
    assert sketch_text(pa.table({"prompt": pa.array([], pa.string())})).num_rows == 0


def test_single_row_paths_match_the_batch() -> None:
    prompt = f"Question: {PROBLEM_B}\nAnswer: Let's think step by step."
    row = sketch([prompt], ["Be concise."])[0]
    assert sketch_one(prompt, system_prompt="Be concise.") == row
    assert template_key(prompt, system_prompt="Be concise.") == row["template_key"]
    assert template_key(None) is None


def test_keys_are_stable_across_releases() -> None:
    # Stored keys are compared across runs and engines: this value must never change
    # without a store migration note (docs/ingest.md, "Store migrations").
    row = sketch([f"Solve step by step: {PROBLEM_A}"])[0]
    assert row["template_key"] == template_key("Solve step by step: anything at all here.")
    assert row["template_key"] == "8633217f270ccdaa"
    assert row["item_key"] == "b2416bba83aafd2c"
    head = [int.from_bytes(row["minhash"][i : i + 2], "little") for i in range(0, 8, 2)]
    # the low 16 bits of the 32-bit values stored before 16-bit MinHash values:
    # [19390156, 50452897, 313506596, 61049248] & 0xFFFF
    assert head == [57036, 55713, 47908, 35232]


def test_repeated_rows_are_sketched_like_unique_rows() -> None:
    prompts = [PROBLEM_A, PROBLEM_B, PROBLEM_A, None, PROBLEM_A, PROBLEM_B, "", PROBLEM_A]
    systems = [None, None, "Be brief.", None, None, None, None, "Be brief."]
    batch = sketch(prompts, systems)  # 5 distinct pairs in 8 rows: the repeat shortcut runs
    assert batch == [sketch([p], [s])[0] for p, s in zip(prompts, systems, strict=True)]
    assert batch[2] == batch[7] and batch[0] == batch[4]


def test_minhash_estimates_jaccard_without_bias() -> None:
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(400)]
    pairs = []
    for _ in range(150):
        a = [rng.choice(vocab) for _ in range(rng.randint(20, 60))]
        i = rng.randrange(len(a))
        b = a[:i] + [rng.choice(vocab) for _ in range(rng.randint(1, 15))] + a[i + 5:]
        pairs.append((a, b))
    rows = sketch([" ".join(w) for pair in pairs for w in pair])

    def shingles(words: list[str]) -> set[tuple[str, ...]]:
        return {tuple(words[k:k + 3]) for k in range(len(words) - 2)}

    errors = []
    for k, (a, b) in enumerate(pairs):
        sa, sb = shingles(a), shingles(b)
        est = minhash_similarity(rows[2 * k]["minhash"], rows[2 * k + 1]["minhash"])
        assert est is not None
        errors.append(est - len(sa & sb) / len(sa | sb))
    # 64 permutations: standard error <= 0.0625 per pair; the mean error must be ~0.
    assert abs(sum(errors) / len(errors)) < 0.02
    assert sum(abs(e) for e in errors) / len(errors) < 0.06
