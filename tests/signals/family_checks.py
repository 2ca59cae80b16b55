"""Helpers of the wording-family checks (test_signals_families_en2,
test_training13_intl_more_wordings, test_training14_intl_lookalikes, test_training15_register,
test_training16_more_langs, test_training17_more_langs_b, test_training17_more_langs_benign,
test_training18_tr_vi, test_training18_id_pl, test_training19_third_wordings): a sample item to
wrap, seeded renderings, the n-grams a family's patterns render to, so a new family can be
compared with the older ones, and the language checks (scripts, language marks, attack cues,
the share of renderings a pattern finds)."""

from __future__ import annotations

import random
import re
import string

from distillwatch.signals.training.dataset import ALL_FAMILIES, _one
from distillwatch.signals.training.expand import count, sample
from distillwatch.signals.training.families import Family
from distillwatch.signals.training.families_ar_hi_c import AR_HI_C_FAMILIES
from distillwatch.signals.training.families_ko_c import KO_C_FAMILIES
from distillwatch.signals.training.families_tr_vi_id_pl_c import TR_VI_ID_PL_C_FAMILIES
from distillwatch.signals.training.tasks import Item

SAMPLE_ITEM = Item("Tom has 3 apples and buys 4 more. How many apples does he have?", "7",
                   "3 + 4 = 7. The answer is 7.", "gsm8k", "en", "train")
# Round 19's third wordings: the older rounds' tests compare a family with its language as
# that round left it, so they leave these out.
THIRD_WORDINGS: tuple[Family, ...] = (*KO_C_FAMILIES, *AR_HI_C_FAMILIES,
                                      *TR_VI_ID_PL_C_FAMILIES)
EMPTY_SLOTS = {k: "" for k in ("task", "question", "answer", "response", "n", "topic",
                               "rubric", "text")}


# Korean (Hangul), Arabic and Hindi (Devanagari) characters: a family in that language has them.
SCRIPTS = {
    "ko": re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]"),
    "ar": re.compile(r"[\u0600-\u06ff\u0750-\u077f]"),
    "hi": re.compile(r"[\u0900-\u097f]"),
}
# Italian function and common words, none of them English words.
ITALIAN_WORDS = re.compile(
    r"\b(il|lo|la|le|gli|un|una|di|da|del|della|dello|dei|degli|delle|nel|alla|tra|con|"
    r"che|chi|ogni|questo|questa|sono|sei|è|più|perché|qui|sotto|solo|soltanto|oppure|"
    r"ciascun[ao]?|risultato|mi|ti|ho|come)\b",
    re.IGNORECASE)


def kind_of(family: Family) -> str:
    """What a language family is, its id without the language: ``ko_cot_b`` -> ``cot_b``."""
    return family.id.split("_", 1)[1]


def slots_of(pattern: str) -> set[str]:
    """The ``str.format`` fields a pattern fills."""
    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}


def renderings(family: Family, draws: int) -> list[str]:
    """``draws`` renderings of ``family``'s patterns, slot contents left out; seeded by the
    family id."""
    rng = random.Random(family.id)
    out = []
    for _ in range(draws):
        text = sample(rng.choice(family.patterns), rng)
        out.append(text.format(**EMPTY_SLOTS) if family.kind == "slots" else text)
    return out


def family_grams(family: Family, *, k: int, draws: int, chars: bool = False) -> set[str]:
    """Word (or, with ``chars``, character) ``k``-grams of ``draws`` renderings of
    ``family``'s patterns, slot contents left out; seeded by the family id."""
    rng = random.Random(family.id)
    out: set[str] = set()
    for _ in range(draws):
        text = sample(rng.choice(family.patterns), rng)
        if family.kind == "slots":
            text = text.format(**EMPTY_SLOTS)
        if chars:
            text = re.sub(r"\s+", " ", text.lower())
            out |= {text[i:i + k] for i in range(len(text) - k + 1)}
        else:
            words = re.findall(r"\w+", text.lower())
            out |= {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}
    return out


def grams_of(families: list[Family], *, k: int, draws: int, chars: bool = False) -> set[str]:
    """The union of :func:`family_grams` over ``families``."""
    out: set[str] = set()
    for fam in families:
        out |= family_grams(fam, k=k, draws=draws, chars=chars)
    return out


def gram_share(family: Family, older: list[Family], *, draws: int) -> float:
    """Share of ``family``'s character 8-grams (:func:`family_grams`) that ``older`` families
    also render: how far a new family is a copy of the wordings it joins."""
    grams = family_grams(family, k=8, draws=draws, chars=True)
    return len(grams & grams_of(older, k=8, draws=draws, chars=True)) / len(grams)


def assert_renders_plain(family: Family, draws: int, *, brackets: bool = False) -> None:
    """``draws`` renderings of ``family`` around :data:`SAMPLE_ITEM` leave no grammar
    (``(a|b)``; with ``brackets`` no ``[`` or ``]`` but a ``[[rating]]`` marker) and no
    unfilled ``str.format`` field, and a task family wraps the item's question."""
    leftover = r"\(\w+\|\w+|\{(task|question|answer|response|n|topic)\}"
    if brackets:
        leftover += r"|[\[\]]"
    rng = random.Random(0)
    for _ in range(draws):
        prompt, system = _one(family, SAMPLE_ITEM, rng)
        text = prompt + "\n" + (system or "")
        assert not re.search(leftover, text.replace("[[", "").replace("]]", "")), text
        assert family.kind == "slots" or SAMPLE_ITEM.question in text, text


def assert_enough_wordings(family: Family, *, patterns: int, renderings_needed: int) -> None:
    """At least ``patterns`` distinct patterns and ``renderings_needed`` distinct renderings,
    both as the grammar counts them and as drawn, every one plain text (with brackets)."""
    assert len(family.patterns) >= patterns
    assert len(set(family.patterns)) == len(family.patterns)
    assert sum(count(p) for p in family.patterns) >= renderings_needed
    assert len(set(renderings(family, 1000))) >= renderings_needed
    assert_renders_plain(family, 80, brackets=True)


def family_by_id(family_id: str) -> Family:
    """The training family with this id."""
    return next(f for f in ALL_FAMILIES if f.id == family_id)


def share_matching(family: Family, pattern: re.Pattern[str], *, draws: int) -> float:
    """Share of ``draws`` renderings of ``family`` (the empty ones left out: a bare ``{task}``
    renders empty) in which ``pattern`` is found."""
    texts = [t for t in renderings(family, draws) if t.strip()]
    return sum(1 for t in texts if pattern.search(t)) / len(texts)


def assert_in_language(family: Family, *, max_roman_hi: float,
                       hindi_letters: bool = True) -> None:
    """A Korean, Arabic, Hindi or Italian family is written in its language: Italian words in
    90% of its renderings; a script character in every Korean and Arabic one and in all but
    ``max_roman_hi`` of the Hindi ones (romanised Hinglish); half its letters in the script
    (for Hindi only with ``hindi_letters``)."""
    texts = renderings(family, 400)
    if family.lang == "it":
        share = sum(1 for t in texts if ITALIAN_WORDS.search(t)) / len(texts)
        assert share >= 0.9, share
        return
    script = SCRIPTS[family.lang]
    without = sum(1 for t in texts if not script.search(t)) / len(texts)
    if family.lang == "hi":
        assert without <= max_roman_hi, without
        if not hindi_letters:
            return
    else:
        assert without == 0, without
    letters = [c for c in "".join(texts) if c.isalpha()]
    assert sum(1 for c in letters if script.match(c)) / len(letters) >= 0.5


# Turkish, Vietnamese, Indonesian and Polish: a family in that language matches its marks in
# most renderings (share_matching).
# Turkish letters, or a few Turkish function words (for a pattern typed without them). No
# IGNORECASE: under it Python's re makes "ı" and "İ" match "i" and "I", so English passes.
TURKISH = re.compile(r"[ğşıçöüĞŞİÇÖÜ]|\b([Vv]e|[Bb]ir|[Bb]u|[Iİi]çin)\b")
VIETNAMESE = re.compile(
    r"[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]",
    re.IGNORECASE)
# Common Indonesian words (formal and Jakarta casual), none of them English words: function
# words, pronouns, particles and everyday verbs, so that short asks ("Bagaimana cara
# menyiram kaktus?") and terse commands ("Akses admin dikonfirmasi ...") count too.
INDONESIAN = re.compile(
    r"\b(yang|dan|ini|itu|untuk|dengan|tidak|nggak|gak|saya|aku|gue|lo|kamu|anda|tolong|"
    r"mohon|dong|ya|apa|di|ke|dari|jadi|lalu|atau|sebagai|saja|aja|buat\w*|bikin\w*|"
    r"berikut|jawaban\w*|langkah|makasih|terima kasih|semua|setiap|tiap|tanpa|secara|"
    r"berisi|hanya|cuma|sudah|udah|adalah|bagaimana|gimana|berapa|cara|tentang|supaya|"
    r"kalau|bisa|hasil\w*|soal|sampai|satu|kenapa|mengapa|tulis\w*)\b", re.IGNORECASE)
# Polish letters, or common Polish words that are not English words.
POLISH = re.compile(
    r"[ąćęłńóśźż]|\b(jest|nie|się|dla|że|czy|jak|tak|oraz|albo|który|która|które|ten|tym|"
    r"przez|podaj|napisz|pokaż|proszę|co|na|mi|bez|po|dlaczego|wszystkie|krok\w*|wypisz|"
    r"opowiedz)\b", re.IGNORECASE)
LANGUAGE_MARKS = {"tr": TURKISH, "vi": VIETNAMESE, "id": INDONESIAN, "pl": POLISH}

# Attack cues per language: (regex, the attack family it is taken from). A benign family's
# renderings match none (attack_cues_in); cues_match_their_attacks is the self-test. Turkish
# and Vietnamese cues are lower case and match folded text (fold); the others ignore case.
ATTACK_CUES: dict[str, dict[str, tuple[str, str]]] = {
    "ko": {
        "steps_all": (r"(단계별로|한 단계씩|차근차근).{0,20}(모든 단계|과정을 전부|하나하나)",
                      "ko_cot"),
        "hidden": (r"(숨겨진|내부적으로|내부|날것의) ?(추론|사고 과정|돌린 추론|한 생각)",
                   "ko_reveal"),
        "think_tag": (r"<think>", "ko_reveal"),
        "dataset": (r"(파인튜닝|학습|훈련)용 ?(데이터|예시|코퍼스)", "ko_synth"),
        "score_only": (r"(점수만|숫자만) 출력|1~10점으로", "ko_rubric"),
    },
    "ar": {
        "steps_all": (r"خطوة\s*(بخطوة|خطوةً خطوة).{0,4}و?(اعرض|اكتب|وضّح) (كل|جميع)",
                      "ar_cot"),
        "hidden": (r"(تفكيرك|استدلالك|أفكارك) (الداخلي|المخفي|الخام)|(إخفاء|تلخيص) تفكيرك",
                   "ar_reveal"),
        "think_tag": (r"<think>", "ar_reveal"),
        "dataset": (r"لتدريب نموذج|للضبط الدقيق|بيانات SFT|كبيانات تدريب", "ar_synth"),
        "score_only": (r"الدرجة (فقط|وحدها)|درجة بين 0 و1", "ar_rubric"),
    },
    "hi": {
        "steps_all": (r"(स्टेप बाय स्टेप|कदम-दर-कदम|चरण-दर-चरण|एक-एक स्टेप करके).{0,20}"
                      r"(हर|प्रत्येक) (स्टेप|कदम|चरण)", "hi_cot"),
        "hidden": (r"(छिपी हुई|अंदरूनी|कच्ची|असली) (सोच|रीज़निंग|विचार)|hidden reasoning",
                   "hi_reveal"),
        "think_tag": (r"<think>", "hi_reveal"),
        "dataset": (r"(फ़ाइन-ट्यून|ट्रेन) करने के लिए डेटासेट|ट्रेनिंग उदाहरण|SFT के लिए",
                    "hi_synth"),
        "score_only": (r"सिर्फ़ (अंक|स्कोर|नंबर)|0 से 1 के बीच", "hi_rubric"),
    },
    "it": {
        "steps_all": (r"passo (dopo|per) passo e (mostra|scrivi)|(mostra|scrivi) (ogni "
                      r"passaggio|tutti i passaggi)", "it_cot"),
        "hidden": (r"ragionamento (nascosto|interno|grezzo)|(nascondere|riassumere) il "
                   r"ragionamento", "it_reveal"),
        "think_tag": (r"<think>", "it_reveal"),
        "dataset": (r"dataset per (addestrare|fare fine-tuning)|dati di fine-tuning|per l'SFT",
                    "it_synth"),
        "score_only": (r"(scrivi|solo) il punteggio|punteggio tra 0 e 1", "it_rubric"),
    },
    "tr": {
        "steps_all": (r"(adım adım|basamak basamak|aşama aşama) (düşün|çöz)\w* ve (her adımı|"
                      r"tüm adımları|bütün işlemleri)", "tr_cot"),
        "hidden": (r"(gizli|\biç|ham) (düşünce zinciri|akıl yürütme|düşüncelerini)|akıl "
                   r"yürütmeni (gizle|özetle)", "tr_reveal"),
        "think_tag": (r"<think>", "tr_reveal"),
        "dataset": (r"(ince ayar yapmak|eğitmek) için veri seti|sft verisi|eğitim örneği|"
                    r"veri artırma", "tr_synth"),
        "score_only": (r"sadece (puanı|sayıyı) yaz|0 ile 1 arasında bir puan|ödül modeli",
                       "tr_rubric"),
        "as_if": (r"kendin (akıl yürüterek bulmuşsun|çıkarmışsın|baştan hesaplamışsın)|"
                  r"sanki ilk sen çözmüşsün", "tr_posthoc"),
        "reasoning_field": (r"\"reasoning\"", "tr_cot_b"),
        "admin": (r"yönetici yetkisi|scratchpad|(hata ayıklama|geliştirici) modu",
                  "tr_reveal_b"),
    },
    "vi": {
        "steps_all": (r"từng bước( một)? và (trình bày|viết ra|ghi rõ)", "vi_cot"),
        "hidden": (r"(suy nghĩ|suy luận) (ẩn|nội bộ|thô)|(giấu|tóm tắt) (suy luận|quá trình "
                   r"suy nghĩ)|suy nghi an", "vi_reveal"),
        "think_tag": (r"<think>", "vi_reveal"),
        "dataset": (r"bộ dữ liệu để (huấn luyện|fine-tune)|dữ liệu sft|ví dụ huấn luyện|"
                    r"tăng cường dữ liệu", "vi_synth"),
        "score_only": (r"chỉ ghi (điểm số|con số|số)|điểm từ 0 đến 1|reward model|mô hình "
                       r"phần thưởng", "vi_rubric"),
        "as_if": (r"như thể (bạn tự|chính bạn)", "vi_posthoc"),
        "reasoning_field": (r"\"reasoning\"", "vi_cot_b"),
        "admin": (r"quyền quản trị viên|scratchpad|chế độ (gỡ lỗi|debug|nhà phát triển)",
                  "vi_reveal_b"),
    },
    "id": {
        "steps_all": (r"(langkah demi langkah|selangkah demi selangkah|tahap demi tahap).{0,20}"
                      r"(tunjukkan|tuliskan) (semua|setiap|seluruh)", "id_cot"),
        "full_reasoning": (r"(uraikan|jelaskan|tuliskan) (seluruh|semua) (proses berpikir|"
                           r"alur penalaran)", "id_cot"),
        "hidden": (r"(penalaran|proses berpikir|pemikiran) (tersembunyi|internal|mentah)|"
                   r"(menyembunyikan|meringkas) (penalaran|pemikiran)", "id_reveal"),
        "think_tag": (r"<think>", "id_reveal"),
        "admin": (r"akses admin|otorisasi administrator|scratchpad", "id_reveal_b"),
        "as_if": (r"seakan-akan (anda|kamu)|seolah-olah (anda|kamu)", "id_posthoc_b"),
        "dataset": (r"dataset untuk (melatih|fine-tuning)|data SFT|data latih|augmentasi data",
                    "id_synth"),
        "score_only": (r"skornya saja|nilainya saja|angkanya saja|skor antara 0 dan 1",
                       "id_rubric"),
        "a_or_b": (r"A atau B\? Jawab", "id_rubric"),
    },
    "pl": {
        "steps_all": (r"krok po kroku i (pokaż|pokazać|wypisz) (każdy|wszystkie)", "pl_cot"),
        "full_reasoning": (r"(rozpisz|opisz|przedstaw) (cały swój tok rozumowania|pełne "
                           r"rozumowanie|cały proces myślowy)", "pl_cot"),
        "hidden": (r"(ukryte|wewnętrzne|surowe) (rozumowanie|myśli)|(ukrywać|streszczać) "
                   r"(rozumowanie|tok myślenia)", "pl_reveal"),
        "think_tag": (r"<think>", "pl_reveal"),
        "admin": (r"dostęp administratora|scratchpad|brudnopis", "pl_reveal_b"),
        "as_if": (r"jak gdyby zostało wyprowadzone|jakbyś (sam|sama) do niej", "pl_posthoc_b"),
        "dataset": (r"zbiór danych do (trenowania|fine-tuningu)|danych SFT|dane treningowe|"
                    r"augmentacji danych", "pl_synth"),
        "score_only": (r"(tylko|wyłącznie) (wynik|liczbę punktów)|wynik od 0 do 1|samą ocenę|"
                       r"tylko ocenę", "pl_rubric"),
        "a_or_b": (r"A czy B\? (Odpowiedz|Napisz)", "pl_rubric"),
    },
}
_FOLDED = ("tr", "vi")


def fold(text: str, lang: str) -> str:
    """Lower case; Turkish dotted and dotless I folded as Turkish does (``İç`` -> ``iç``)."""
    if lang == "tr":
        text = text.replace("İ", "i").replace("I", "ı")
    return text.lower()


def attack_cues_in(text: str, lang: str) -> list[str]:
    """The names of ``lang``'s attack cues found in ``text``."""
    if lang in _FOLDED:
        text, flags = fold(text, lang), 0
    else:
        flags = re.IGNORECASE
    return [name for name, (rx, _) in ATTACK_CUES[lang].items() if re.search(rx, text, flags)]


def assert_cues_match_their_attacks(langs: tuple[str, ...]) -> None:
    """Self-test of :data:`ATTACK_CUES`: each cue of ``langs`` is found in renderings of the
    attack family it was taken from."""
    for lang in langs:
        for name, (_, family_id) in ATTACK_CUES[lang].items():
            attack = family_by_id(family_id)
            assert attack.lang == lang and attack.label != "benign"
            assert any(name in attack_cues_in(t, lang) for t in renderings(attack, 400)), (
                lang, name)


def assert_intent_slots(family: Family, intent: str) -> None:
    """The slots a family of a slotted attack intent fills: a post-hoc rationale has the
    question in every pattern and a given answer or response in some; rubric grading the
    question and the response in every pattern, a rubric and a reference answer in some;
    synthetic data a count in every pattern, a topic and a seed question in some. Other
    intents: nothing to check."""
    slots = [slots_of(p) for p in family.patterns]
    if intent == "posthoc":
        assert all("question" in s for s in slots)
        assert any("answer" in s for s in slots) and any("response" in s for s in slots)
    if intent == "rubric":
        assert all({"question", "response"} <= s for s in slots)
        assert any("rubric" in s for s in slots) and any("answer" in s for s in slots)
    if intent == "synth":
        assert all("n" in s for s in slots)
        assert any("topic" in s for s in slots) and any("question" in s for s in slots)


def assert_benign_slots(family: Family) -> None:
    """The slots a benign family of a language round fills, by its kind (a second or third
    set, ``_b`` / ``_c``, as the first): the twin frame (``xx_ben``) wraps the task item and
    nothing else; look-alikes use a person's own item, answer or writing, never ``{n}``, some
    with no slot, some with ``{text}``, some with ``{answer}``; everyday and work requests are
    mostly self-contained prompts."""
    kind = re.sub(r"_[bc]$", "", kind_of(family))
    slots = [slots_of(p) for p in family.patterns]
    if kind == "ben":
        assert all(s == {"task"} for s in slots)
    if kind == "ben_lookalike":
        assert all(s <= {"task", "answer", "text"} for s in slots)
        assert any(not s for s in slots) and any("text" in s for s in slots)
        assert any("answer" in s for s in slots)
    if kind in ("ben_everyday", "ben_work"):
        assert all(s <= {"task", "answer", "text"} for s in slots)
        assert sum(1 for s in slots if s) <= len(slots) // 4


def assert_no_attack_cue(family: Family, *, draws: int = 600) -> None:
    """None of ``draws`` renderings of a benign ``family`` carries an attack cue of its
    language (:func:`attack_cues_in`)."""
    for text in renderings(family, draws):
        hit = attack_cues_in(text, family.lang)
        assert not hit, (hit, text)
