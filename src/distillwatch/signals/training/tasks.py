"""Task items that wrappers are built around, and the real benign prompts.

Real items come from ``../shared/data/prompts`` (GSM8K, ARC, AlpacaEval, Self-Instruct; see
that folder's README for sources and licences). Coding tasks and short native-language tasks
are composed here so that non-English wrappers are not only ever seen around English items.

Every item carries a split drawn from a stable hash of its text (``train``, ``calib``,
``test``), so a test prompt never appears, wrapped or plain, in training. Real benign prompts
that share a template (the same 60-character ending or 50-character opening, e.g. ten AlpacaEval
questions that all end "take the reader through your reasoning step-by-step") are split as one
group: a template cannot sit on both sides.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from distillwatch.exceptions import InputError

SPLITS = ("train", "calib", "test")


def split_of(key: str, *, calib: float = 0.15, test: float = 0.40) -> str:
    """Stable split of ``key``: hash fraction below ``1 - calib - test`` is train."""
    frac = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big") / 2**64
    if frac < 1 - calib - test:
        return "train"
    return "calib" if frac < 1 - test else "test"


@dataclass(frozen=True)
class Item:
    """A task a prompt is built around: a question, an optional reference answer."""

    question: str
    answer: str  # short final answer ("" when unknown)
    solution: str  # a worked solution or a plausible response ("" when unknown)
    source: str  # gsm8k | arc | alpaca | self_instruct | code | native
    lang: str
    split: str


@dataclass(frozen=True)
class TaskPool:
    """All task items by split, plus the real benign prompts by split."""

    items: tuple[Item, ...]
    real_benign: tuple[Item, ...]

    def of(self, split: str, *, lang: str | None = None) -> list[Item]:
        return [i for i in self.items if i.split == split and (lang is None or i.lang == lang)]

    def benign(self, split: str) -> list[Item]:
        return [i for i in self.real_benign if i.split == split]


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    if not path.is_file():
        raise InputError("shared prompt file is missing", path=str(path))
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _gsm8k(data: Path) -> list[Item]:
    out = []
    for row in _read_jsonl(data / "prompts" / "task_gsm8k.jsonl"):
        q, a = str(row["question"]), str(row["answer"])
        work, _, final = a.partition("####")
        # The dataset marks calculator calls as <<48/2=24>>: drop them from the solution.
        clean = "".join(part.split(">>")[-1] for part in work.split("<<"))
        split = "test" if row["split"] == "test" else split_of(q, calib=0.15, test=0.0)
        out.append(Item(q, final.strip(), clean.strip(), "gsm8k", "en", split))
    return out


def _arc(data: Path) -> list[Item]:
    out = []
    for row in _read_jsonl(data / "prompts" / "task_arc.jsonl"):
        choices = [str(c) for c in row["choices"]]  # type: ignore[attr-defined]
        letters = "ABCDEFGH"
        body = str(row["question"]) + "\n" + "\n".join(
            f"{letters[i]}) {c}" for i, c in enumerate(choices)
        )
        gold = int(row["gold"])  # type: ignore[call-overload]
        answer = f"{letters[gold]}) {choices[gold]}"
        out.append(Item(body, answer, choices[gold], "arc", "en", split_of(body)))
    return out


def _group_key(prompt: str, tails: Counter[str], heads: Counter[str]) -> str:
    if tails[prompt[-60:]] > 1:
        return "tail:" + prompt[-60:]
    if heads[prompt[:50]] > 1:
        return "head:" + prompt[:50]
    return prompt


def _real_benign(data: Path) -> list[Item]:
    seen: dict[str, str] = {}
    for name, source in (("benign_alpaca_eval.jsonl", "alpaca"),
                         ("benign_self_instruct.jsonl", "self_instruct")):
        for row in _read_jsonl(data / "prompts" / name):
            seen.setdefault(str(row["prompt"]), source)  # the two files share 252 prompts
    prompts = sorted(seen)
    tails = Counter(p[-60:] for p in prompts)
    heads = Counter(p[:50] for p in prompts)
    return [
        Item(p, "", "", seen[p], "en", split_of(_group_key(p, tails, heads)))
        for p in prompts
    ]


# --- composed coding tasks ------------------------------------------------------------------
_CODE_LANGS = ("Python", "JavaScript", "TypeScript", "Go", "Rust", "Java", "C++", "C#", "SQL",
               "Ruby", "Kotlin", "Bash")
_CODE_TASKS = (
    "returns the n-th Fibonacci number", "checks whether a string is a palindrome",
    "merges two sorted lists into one sorted list", "finds the longest common prefix of a list "
    "of strings", "parses a CSV file and returns the average of the 'price' column",
    "implements binary search over a sorted array", "reverses a singly linked list",
    "counts the frequency of each word in a text", "validates an e-mail address",
    "computes the edit distance between two strings", "flattens a nested list",
    "finds all prime numbers below n with a sieve", "implements an LRU cache with a fixed capacity",
    "detects a cycle in a directed graph", "converts a Roman numeral to an integer",
    "returns the k most frequent elements of an array", "serialises a binary tree to a string and "
    "back", "rotates an n x n matrix by 90 degrees", "computes the maximum subarray sum",
    "groups anagrams together", "implements a thread-safe counter",
    "retries an HTTP request with exponential backoff", "deduplicates records by e-mail address",
    "finds the shortest path in a weighted graph with Dijkstra's algorithm",
    "solves the 0/1 knapsack problem with dynamic programming", "checks if parentheses are "
    "balanced", "implements a trie with insert and prefix search", "computes a running median of "
    "a stream", "paginates results from a REST API", "rate-limits calls with a token bucket",
)
_CODE_FRAMES = (
    "Write a {lang} function that {task}.",
    "Implement a function in {lang} which {task}.",
    "Given an input, write {lang} code that {task}. Include the time complexity.",
    "Create a {lang} program that {task}, with unit tests.",
    "Write an efficient {lang} solution: a function that {task}.",
)


def _code_items() -> list[Item]:
    out = []
    for t in _CODE_TASKS:
        for lang in _CODE_LANGS:
            for f in _CODE_FRAMES:
                q = f.format(lang=lang, task=t)
                out.append(Item(q, "", "", "code", "en", split_of(q)))
    return out


# --- short native-language tasks --------------------------------------------------------------
_NATIVE = {
    "zh": ("小明有{a}个苹果，又买了{b}个，然后吃掉了{c}个。他现在有多少个苹果？",
           "一辆汽车以每小时{a}公里的速度行驶了{b}小时，它一共行驶了多少公里？",
           "一个长方形的长是{a}厘米，宽是{b}厘米，它的面积是多少？",
           "商店里一本书{a}元，小红买了{b}本，付了{c}元的优惠券后还要付多少钱？",
           "为什么天空是蓝色的？", "光合作用的产物是什么？", "水在多少摄氏度沸腾？",
           "请问地球绕太阳一圈需要多长时间？"),
    "ja": ("太郎はりんごを{a}個持っていて、さらに{b}個買い、{c}個食べました。"
           "今いくつ持っていますか？",
           "時速{a}キロで{b}時間走ると、何キロ進みますか？",
           "縦{a}センチ、横{b}センチの長方形の面積は何平方センチですか？",
           "1本{a}円の鉛筆を{b}本買うと、合計でいくらになりますか？",
           "なぜ空は青いのですか？", "光合成で植物は何を作りますか？",
           "月の満ち欠けはなぜ起こるのですか？"),
    "es": ("María tiene {a} manzanas, compra {b} más y se come {c}. ¿Cuántas manzanas le quedan?",
           "Un tren viaja a {a} km/h durante {b} horas. ¿Qué distancia recorre?",
           "Un rectángulo mide {a} cm de largo y {b} cm de ancho. ¿Cuál es su área?",
           "Si un libro cuesta {a} euros y compro {b}, ¿cuánto pago en total?",
           "¿Por qué el cielo es azul?", "¿Qué produce la fotosíntesis?",
           "¿Cuál es la capital de Australia?"),
    "fr": ("Marie a {a} pommes, elle en achète {b} et en mange {c}. Combien lui en reste-t-il ?",
           "Un train roule à {a} km/h pendant {b} heures. Quelle distance parcourt-il ?",
           "Un rectangle mesure {a} cm sur {b} cm. Quelle est son aire ?",
           "Un cahier coûte {a} euros. Combien coûtent {b} cahiers ?",
           "Pourquoi le ciel est-il bleu ?", "Quel est le rôle de la photosynthèse ?",
           "Quelle est la capitale du Canada ?"),
    "de": ("Anna hat {a} Äpfel, kauft {b} dazu und isst {c}. Wie viele Äpfel hat sie jetzt?",
           "Ein Zug fährt {b} Stunden lang mit {a} km/h. Wie weit kommt er?",
           "Ein Rechteck ist {a} cm lang und {b} cm breit. Wie groß ist seine Fläche?",
           "Ein Heft kostet {a} Euro. Was kosten {b} Hefte?",
           "Warum ist der Himmel blau?", "Was entsteht bei der Photosynthese?",
           "Was ist die Hauptstadt von Kanada?"),
    "ru": ("У Маши было {a} яблок, она купила ещё {b} и съела {c}. Сколько яблок у неё осталось?",
           "Поезд едет со скоростью {a} км/ч в течение {b} часов. Какое расстояние он проедет?",
           "Длина прямоугольника {a} см, ширина {b} см. Чему равна его площадь?",
           "Тетрадь стоит {a} рублей. Сколько стоят {b} тетрадей?",
           "Почему небо голубое?", "Что образуется при фотосинтезе?",
           "Какая столица у Канады?"),
    "pt": ("Ana tem {a} maçãs, compra mais {b} e come {c}. Quantas maçãs ela tem agora?",
           "Um trem viaja a {a} km/h durante {b} horas. Qual a distância percorrida?",
           "Um retângulo tem {a} cm de comprimento e {b} cm de largura. Qual é a sua área?",
           "Um caderno custa {a} reais. Quanto custam {b} cadernos?",
           "Por que o céu é azul?", "O que a fotossíntese produz?",
           "Qual é a capital do Canadá?"),
    # Round 16: without native items a ko/ar/hi/it wording only ever wrapped English items, and
    # its benign twin was English, so the script itself read as an attack.
    "ko": ("민수는 사과를 {a}개 가지고 있었는데 {b}개를 더 사고 {c}개를 먹었습니다. 지금 사과는 "
           "몇 개인가요?",
           "기차가 시속 {a}km로 {b}시간 동안 달리면 모두 몇 km를 가나요?",
           "가로 {a}cm, 세로 {b}cm인 직사각형의 넓이는 얼마인가요?",
           "공책 한 권이 {a}00원일 때 {b}권을 사면 모두 얼마인가요?",
           "하늘은 왜 파란가요?", "광합성을 하면 무엇이 만들어지나요?",
           "캐나다의 수도는 어디인가요?"),
    "ar": ("كان مع أحمد {a} تفاحة، واشترى {b} أخرى، ثم أكل {c}. كم تفاحة بقيت معه؟",
           "يسير قطار بسرعة {a} كم في الساعة لمدة {b} ساعات. ما المسافة التي يقطعها؟",
           "مستطيل طوله {a} سم وعرضه {b} سم. ما مساحته؟",
           "ثمن الدفتر {a} ريالًا. كم ثمن {b} من الدفاتر؟",
           "لماذا لون السماء أزرق؟", "ماذا ينتج عن عملية البناء الضوئي؟",
           "ما عاصمة كندا؟"),
    "hi": ("राम के पास {a} सेब थे, उसने {b} और खरीदे और {c} खा लिए। अब उसके पास कितने सेब हैं?",
           "एक ट्रेन {a} किमी प्रति घंटे की रफ़्तार से {b} घंटे चलती है। वह कितनी दूरी तय करती है?",
           "एक आयत की लंबाई {a} सेमी और चौड़ाई {b} सेमी है। उसका क्षेत्रफल कितना है?",
           "एक कॉपी {a} रुपये की है। {b} कॉपियों की कीमत कितनी होगी?",
           "आसमान नीला क्यों दिखता है?", "प्रकाश संश्लेषण से क्या बनता है?",
           "कनाडा की राजधानी क्या है?"),
    "it": ("Luca ha {a} mele, ne compra altre {b} e ne mangia {c}. Quante mele gli restano?",
           "Un treno viaggia a {a} km/h per {b} ore. Quanta strada percorre?",
           "Un rettangolo è lungo {a} cm e largo {b} cm. Qual è la sua area?",
           "Un quaderno costa {a} euro. Quanto costano {b} quaderni?",
           "Perché il cielo è blu?", "Che cosa produce la fotosintesi?",
           "Qual è la capitale del Canada?"),
    # Round 18 (the same reason): Turkish, Vietnamese, Indonesian, Polish
    "tr": ("Ayşe'nin {a} elması var, {b} tane daha alıyor ve {c} tanesini yiyor. Şimdi kaç "
           "elması var?",
           "Bir tren saatte {a} km hızla {b} saat gidiyor. Toplam kaç km yol alır?",
           "Bir dikdörtgenin uzunluğu {a} cm, genişliği {b} cm. Alanı kaç santimetrekaredir?",
           "Bir defter {a} lira. Mehmet {b} defter alırsa toplam kaç lira öder?",
           "Gökyüzü neden mavidir?", "Fotosentez sonucunda ne üretilir?",
           "Türkiye'nin başkenti neresidir?"),
    "vi": ("Lan có {a} quả táo, mua thêm {b} quả rồi ăn mất {c} quả. Hỏi Lan còn bao nhiêu "
           "quả táo?",
           "Một chiếc xe khách đi với vận tốc {a} km/giờ trong {b} giờ. Hỏi xe đi được bao "
           "nhiêu ki-lô-mét?",
           "Một hình chữ nhật có chiều dài {a} cm, chiều rộng {b} cm. Tính diện tích hình chữ "
           "nhật đó.",
           "Một quyển vở giá {a} nghìn đồng. Minh mua {b} quyển thì phải trả bao nhiêu tiền?",
           "Vì sao lá cây có màu xanh?", "Quang hợp tạo ra những chất gì?",
           "Thủ đô của nước Úc là thành phố nào?"),
    "id": ("Budi punya {a} apel, lalu membeli {b} lagi dan memakan {c}. Berapa apel yang "
           "tersisa?",
           "Sebuah kereta melaju {a} km per jam selama {b} jam. Berapa jarak yang ditempuh?",
           "Sebuah persegi panjang panjangnya {a} cm dan lebarnya {b} cm. Berapa luasnya?",
           "Harga satu buku tulis Rp{a}.000. Siti membeli {b} buku dan memakai voucher "
           "Rp{c}.000. Berapa yang harus dia bayar?",
           "Kenapa langit berwarna biru?", "Apa yang dihasilkan oleh fotosintesis?",
           "Apa ibu kota Kanada?"),
    "pl": ("Ania ma {a} jabłek, kupuje jeszcze {b} i zjada {c}. Ile jabłek jej zostało?",
           "Pociąg jedzie z prędkością {a} km/h przez {b} godzin. Jaką odległość pokona?",
           "Prostokąt ma {a} cm długości i {b} cm szerokości. Jakie jest jego pole?",
           "Zeszyt kosztuje {a} zł. Ile zapłaci Kasia za {b} zeszytów, jeśli ma kupon na "
           "{c} zł zniżki?",
           "Dlaczego niebo jest niebieskie?", "Co powstaje w wyniku fotosyntezy?",
           "Jaka jest stolica Kanady?"),
}


def _native_items() -> list[Item]:
    rng = random.Random(7)
    out = []
    for lang, frames in _NATIVE.items():
        for _ in range(160):
            f = rng.choice(frames)
            a, b = rng.randint(3, 90), rng.randint(2, 12)
            c = rng.randint(1, a)
            q = f.format(a=a, b=b, c=c)
            out.append(Item(q, "", "", "native", lang, split_of(lang + q)))
    return out


def load_task_pool(data: Path) -> TaskPool:
    """Every task item and real benign prompt under ``data`` (the shared data folder)."""
    items = [*_gsm8k(data), *_arc(data), *_code_items(), *_native_items()]
    # Real user prompts double as task items for wrappers, but only their train split.
    benign = _real_benign(data)
    return TaskPool(tuple(items), tuple(benign))
