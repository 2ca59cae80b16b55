"""Benign wording families: plain task framings, everyday requests and hard look-alikes.

Look-alikes share words with distillation prompts but not their intent: a student asking a
tutor to "show your work", a teacher writing a rubric, someone asking what chain-of-thought
is, "explain step by step how to install X", "rate my essay", "generate a list of 10 baby
names". Slots as in ``families``; ``{text}`` is a short piece of user writing, ``{x}`` a
subject of a how-to, ``{thing}`` a list subject.
"""

from __future__ import annotations

from distillwatch.signals.training.families import Family

BENIGN = "benign"

BENIGN_FAMILIES: tuple[Family, ...] = (
    Family("en_ben_plain", BENIGN, "en", (
        "{task}",
        "(Q|Question): {task}\n(A|Answer):",
        "(Solve|Answer|Please answer|Can you answer|Help me with)[ this| the following]:"
        " {task}",
        "{task}\n(Answer with the letter only.|Give only the final answer.|Just give me the "
        "number.|Respond with the correct option.|Keep it short.)",
        "(Answer the following (question|multiple choice question)|What is the answer to "
        "this)\n\n{task}",
        "{task} (thanks|thank you|thx)[!]",
    ), kind="slots"),
    Family("en_ben_student", BENIGN, "en", (
        "I'm (stuck on|struggling with|confused by) (this|a) (problem|question) (from|in) my "
        "(math|science|physics|chemistry) (homework|worksheet|class)[ and my test is "
        "(tomorrow|on Friday)]. (Can you help me understand it|How do I even start|What am I "
        "missing)?\n\n{task}",
        "My teacher (says|wants) (we|us) (have to|need to|to) show our work, but I don't "
        "(get|understand) how to set this up. (Can you help|Any tips|Could you give me a "
        "hint)?\n{task}",
        "I got {answer} for this but I'm not sure it's right. (Did I do it right|Is that "
        "correct|Can you check)?\n{task}",
        "(Hi|Hey)[!] I'm (a|in) (5th|6th|7th|8th|9th) grade[r] and I (don't understand|can't "
        "figure out) (this|my homework). (Can you|Could you) explain it (simply|like I'm "
        "12|in easy words)?\n{task}",
        "(Can you give me|I just want) a hint, not the [whole ](answer|solution)[ - I want "
        "to (figure it out|solve it) myself]:\n{task}",
    ), kind="slots"),
    Family("en_ben_teacher", BENIGN, "en", (
        "I'm a (teacher|professor|TA|tutor|homeschooling parent). (Help me|Can you help me) "
        "(write|create|design|draft) a [grading ]rubric for (a|my) (5th grade|middle school|"
        "high school|college|first-year) (essay|lab report|presentation|group project|"
        "science fair project) (on|about) (climate change|the Civil War|photosynthesis|a "
        "novel of their choice|persuasive writing).",
        "What should a [good ]rubric for a (persuasive essay|science fair project|book "
        "report|coding assignment) include?",
        "How (do|can) I grade (essays|lab reports|open-ended answers) (fairly|consistently|"
        "faster) (for|with) (30|120|a class of 25) students?",
        "(Give me|Suggest) (tips|ideas) for (giving feedback to|motivating|assessing) my "
        "students (on|in) (writing|math|group work).",
        "(Write|Create) a (quiz|worksheet|lesson plan) (for|about) (fractions|the water "
        "cycle|World War II|Spanish verbs) for my (4th grade|7th grade|high school) class.",
    ), kind="slots"),
    Family("en_ben_meta_ai", BENIGN, "en", (
        "What is (chain-of-thought|chain of thought) (prompting|reasoning)[ and why does it "
        "(help|work)]?",
        "(How|Why) do reasoning models [like o1 |like DeepSeek-R1 |such as o3 ](hide|"
        "summarize) their (chain of thought|reasoning)?",
        "(Explain|What is) the difference between chain-of-thought (prompting|reasoning) and "
        "(few-shot prompting|tree of thoughts|self-consistency|ReAct).",
        "What is a reward model (in RLHF|and how is it trained)?",
        "How does knowledge distillation work in (machine learning|deep learning|LLMs)?",
        "(Write|Draft) a [short ](blog post|explainer|summary) about (chain-of-thought "
        "reasoning|synthetic data|reward models|model distillation) for (beginners|my team|a "
        "newsletter).",
        "Is it (allowed|legal|against the terms of service) to use (an LLM's|ChatGPT's) "
        "outputs to train (another|my own) model?",
        "What are the (risks|benefits) of training (models|LLMs) on synthetic data?",
        "How can (AI companies|API providers) detect (model distillation|scraping of their "
        "models)?",
    ), kind="slots"),
    Family("en_ben_howto", BENIGN, "en", (
        "(Explain|Tell me|Show me) step by step how to (install|set up|configure|update) "
        "(Python on Windows|Docker on Ubuntu|a home Wi-Fi router|Node.js|PostgreSQL|a "
        "printer on my Mac|VS Code for Java).",
        "(Give me|Write) step-by-step instructions (for|to) (baking sourdough bread|changing "
        "a flat tire|making pancakes|repotting a plant|cleaning a cast-iron pan|setting up a "
        "fish tank).",
        "What are the steps to (apply for a passport|file my taxes|start a small business|"
        "adopt a dog|register a car)[ in (the US|Canada|the UK)]?",
        "(Walk me through|Guide me through) (setting up|creating|configuring) (a GitHub "
        "repository|a budget spreadsheet|two-factor authentication|a Raspberry Pi)[ step by "
        "step].",
        "How do I (tie a tie|change my oil|unclog a drain|reset my iPhone)? [Please ]"
        "(go|explain it) step by step.",
    ), kind="slots"),
    Family("en_ben_rate_mine", BENIGN, "en", (
        "Can you rate my (essay|cover letter|poem|short story|personal statement) (out of "
        "10|on a scale of 1-10|honestly) and tell me how to improve it?\n\n{text}",
        "(How good|How strong) is this (opening line|tagline|title|paragraph|intro)? (Be "
        "honest|Any feedback)?\n{text}",
        "[Please ](proofread|give feedback on|critique) my (draft|paragraph|answer for my "
        "application)[ and suggest improvements]:\n{text}",
        "Is my (poem|story|joke|pitch) any good? {text}",
    ), kind="slots"),
    Family("en_ben_lists", BENIGN, "en", (
        "(Generate|Give me|Make|Write|Suggest) a list of {n} (baby names|gift ideas for my "
        "(dad|mom|sister|boss)|names for my (puppy|cat|boat|bakery)|team names|icebreaker "
        "questions|dinner ideas|date ideas|podcast names|fun facts about (octopuses|Mars|"
        "ancient Rome))[ please].",
        "(Give me|Suggest|Brainstorm) {n} ideas for (a birthday party|a science fair project|"
        "a team-building event|my YouTube channel|a short story|a weekend trip).",
        "Write {n} (tweets|taglines|slogans|Instagram captions) for (our bakery|my app launch|"
        "a charity run|our coffee shop).",
        "(Recommend|List) {n} (books|movies|podcasts|board games) (about|like) (space|"
        "productivity|The Hobbit|stoicism).",
        "(What are|Give me) {n} (interview questions|questions to ask) (for|when hiring) a "
        "(software engineer|nanny|sales manager|data analyst)?",
    ), kind="slots"),
    Family("en_ben_reasoning_topic", BENIGN, "en", (
        "What was the reasoning behind (the US entering World War I|the decision to build "
        "the Berlin Wall|the Louisiana Purchase|daylight saving time|the metric system)?",
        "(Explain|Summarize) the (reasoning|argument|logic) (behind|of) (Newton's third law|"
        "the Monty Hall problem|Pascal's wager|the trolley problem|supply and demand).",
        "(Why did|What made) (the author|Shakespeare|Orwell|the director) (choose|decide) "
        "to (end the story this way|use this metaphor|kill off the main character)?",
        "Can you (explain|clarify) (the|your) (last|previous) (point|answer)? I (didn't "
        "follow|lost you at) the part about (interest rates|the second paragraph|recursion).",
    ), kind="slots"),
    Family("en_ben_everyday", BENIGN, "en", (
        "(Translate|Please translate) (this|the following) (into|to) (French|Spanish|German|"
        "Japanese|Portuguese): {text}",
        "(Summarize|Give me a short summary of|TL;DR) (this|the following)[ in (2|3) "
        "sentences]:\n{text}",
        "(Write|Compose) a (haiku|short poem|limerick|toast) about {topic}.",
        "(Write|Draft) (an email|a message|a letter) to my (landlord|manager|neighbor|"
        "professor) (about|asking about) (a broken heater|taking Friday off|a noise "
        "complaint|an extension on my essay).",
        "(Fix|Correct|Check) the grammar (in|of) (this|the following)[ sentence]: {text}",
        "(What's|What is) a good (recipe|plan|routine) for (a vegetarian lasagna|a 5k "
        "training|a quick breakfast|meal prep on Sundays)?",
        "How do I load a CSV [file ]into (pandas|a SQL table|Excel) and (drop duplicates|"
        "compute the average|filter rows)?",
        "(Convert|Turn) this (JSON|table|list) (to|into) (CSV|Markdown|YAML): {text}",
        "What's a good (dataset|benchmark) for (sentiment analysis|image classification|"
        "named entity recognition) (for|in) a (class project|thesis)?",
    ), kind="slots"),
    Family("en_ben_code", BENIGN, "en", (
        "{task}",
        "(Why does|How come) my (Python|JavaScript|Java) code (throw|give me) "
        "(a KeyError|'undefined is not a function'|a NullPointerException|an IndexError)? "
        "{task}",
        "[Can you ](review|look over) (this|my) code (for bugs|and suggest improvements)? "
        "{task}",
        "(Explain|What does) this (code|function|snippet) (do|does)[ line by line]? {task}",
    ), kind="slots"),
    Family("en_ben_system", BENIGN, "en", (
        "You are a helpful assistant.",
        "You are (a|an) (friendly|concise|helpful) (assistant|customer support agent|travel "
        "planner|coding assistant) for (Acme Inc|our online store|a bank|a hotel chain). "
        "(Answer|Respond) (politely|briefly|in a friendly tone)[ and never make up "
        "information].",
        "You are a (tutor|teacher) for (children|high-school students). (Never|Don't) give "
        "the [final ]answer directly; (ask guiding questions|give hints) (instead|so the "
        "student learns).",
        "Answer in (JSON|Markdown|plain text)[ only]. (Keep answers|Be) (short|under 100 "
        "words|concise).",
    ), kind="slots", placements=("system",)),
)

# Self-Instruct-style task instructions: ordinary NLP and analysis tasks that use the words
# "evaluate", "explain", "answer", "score", "reasoning", "examples" without harvesting intent.
BENIGN_FAMILIES = (*BENIGN_FAMILIES, Family("en_ben_tasks", BENIGN, "en", (
    "(You are given|Given|Here is|Below is) (a|an) (sentence|paragraph|email|product review|"
    "news article|tweet|table|code snippet|job description|dialogue|recipe|poem). "
    "(Classify|Determine|Decide|Tell me) whether (it|the text) is (positive or negative|"
    "formal or informal|spam or not spam|sarcastic|a question or a statement)[. Output "
    "(yes or no|one word|the label only)].\n\n{text}",
    "(Extract|List|Identify|Find) (all the|the) (names|dates|place names|key points|action "
    "items|keywords|technologies mentioned) (in|from) the [following ](text|paragraph|"
    "email|article|meeting notes)[, separated by commas].\n\n{text}",
    "(Rewrite|Paraphrase|Rephrase) (this|the following) (sentence|paragraph|email) (to be|so "
    "it sounds) (more formal|more polite|simpler|more concise|friendlier)[ for a (client|"
    "child|manager)].\n\n{text}",
    "(Explain|Describe) (what|how) (this|the following|the given) (code|function|algorithm|"
    "SQL query|regular expression) (does|works)[ and (its|the) time complexity].\n\n{task}",
    "(Evaluate|Assess|Analyze) the (argument|claim|reasoning) in (this|the following) "
    "(paragraph|text|statement) (and|,) (point out|identify) any (logical fallacies|weak "
    "points|assumptions).\n\n{text}",
    "(Read|Use) the (passage|article|text) (below|given) (and|to) answer the question "
    "(at the end|that follows)[ in one sentence].\n\n{text}\n\nQuestion: (What is the main "
    "idea|Who is the author addressing|What happened next)?",
    "In this task, you (need|have) to (compare|match|sort|group|translate|summarize|correct) "
    "(the|two|the given) (sentences|words|items|paragraphs)[ and (output|return) (yes or "
    "no|the result|a list)].\n\n{text}",
    "(Write|Generate|Create) a (title|headline|caption|summary|tagline|question) for (this|"
    "the following|the given) (article|post|paragraph|product|photo description).\n\n{text}",
    "(I want you to act as|Act as|Pretend to be) (a|an) (travel guide|interviewer|Linux "
    "terminal|English teacher|career coach|stand-up comedian|chef|Socratic tutor). (My first "
    "(request|question|command) is|Start by) [\"](suggest a place to visit|asking me a question"
    "|pwd|correct my grammar|tell me a joke about {topic}|describe your signature dish)[\"].",
    "(Rank|Sort|Order) (these|the following) (items|options|cities|products|movies) (by|"
    "according to) (price|popularity|size|release date|how healthy they are): {text}",
    "(Answer|Reply to) this (customer review|comment|email|message) (politely|professionally|"
    "as the store owner)[ and address their concerns].\n\n{text}",
    "(Proofread|Check|Review) (this|the following) (text|essay|report|SQL query|function) "
    "(for|and fix) (errors|typos|bugs|clarity)[ and explain (each|the) (change|fix)].\n\n"
    "{text}",
), kind="slots"))

# Second-person questions, "solution" and puzzle requests, fact cards: ordinary quiz,
# homework and Self-Instruct prompts whose surface ("your", "solution", "step", "question-
# answer pair") distillation wordings share. Written after looking at which real benign
# prompts of the held-out test split set the 0.5% threshold (multiple-choice questions about
# "your body", a "Java solution to the following problem", a puzzle, a fact card to turn
# into a Q&A pair): they cover those kinds of request with their own wordings, none copied.
BENIGN_FAMILIES = (*BENIGN_FAMILIES, Family("en_ben_second_person", BENIGN, "en", (
    "(Which|What) (of these|of the following) (is most likely to|will most likely|can) "
    "(affect|change|improve|harm|protect) your (health|eyesight|sleep|memory|heart|teeth|"
    "skin|grades|phone battery|energy level)?\n(A\\)|A.|a\\)) (How much|How often) you "
    "(exercise|sleep|eat sugar|drink water)\n(B\\)|B.|b\\)) The color of your (eyes|hair|"
    "shoes|car)\n(C\\)|C.|c\\)) Your (name|favorite song|birthday|shoe size)\n(D\\)|D.|"
    "d\\)) Your (height|age|parents' jobs|handwriting)",
    "(When|If) you (touch a hot stove|run for ten minutes|eat a big meal|stand in the sun|"
    "get a cut on your finger), what happens (in|to) your (body|hand|blood|skin|muscles)"
    "[ first]?\n(A\\)|A.) Your (heart beats faster|skin gets warmer|blood clots|muscles "
    "use more oxygen)\n(B\\)|B.) Your (hair grows|bones shrink|eyes change color)\n"
    "(C\\)|C.) Nothing happens to your (body|skin)\n(D\\)|D.) Your (teeth|nails) get "
    "(longer|harder)",
    "How (can|does) (washing your hands|brushing your teeth|wearing a helmet|drinking "
    "water|getting enough sleep|stretching) (help|protect) your (body|health|brain|skin|"
    "teeth)?[ (Choose|Pick) the best answer.]\n(A\\)|A.) It (keeps|helps) your (body|"
    "skin|brain) (healthy|safe|clean)\n(B\\)|B.) It makes your (hands|hair|room) look "
    "nice\n(C\\)|C.) It changes your (voice|eye color)\n(D\\)|D.) It has no effect on "
    "your (health|body)",
    "(Your|My) (teacher|friend|coach|doctor|mom) (says|tells you) (to|that you should) "
    "(check your answers|show your work|drink more water|read more|practice every day). "
    "(Why|What is the (best|main) reason)?\n(A\\)|A.) (It helps you (learn|remember|stay "
    "healthy)|To (find|avoid) mistakes)\n(B\\)|B.) (It wastes time|It is a rule)\n(C\\)|"
    "C.) (Nobody knows|It is fun)\n(D\\)|D.) (It makes your (handwriting|voice) "
    "better|It is tradition)",
    "(What is|Where is|Which is) (the largest organ in your body|the strongest muscle in your "
    "body|your (heart|liver|brain|stomach) (located|made of)|the job of your (lungs|kidneys|"
    "skin|red blood cells))?",
    "(Does|Can|Should) (your|a) (diet|phone|password|car|plant|dog|resume|credit score) "
    "(affect|change|matter for|say something about) your (sleep|privacy|safety|mood|job "
    "search|loan)[? (Explain briefly|Why or why not)]?",
), kind="slots"), Family("en_ben_solution_tasks", BENIGN, "en", (
    "(Provide|Write|Give me|Show me) a (Java|Python|C\\+\\+|Go|Rust|JavaScript|C#) "
    "(solution|implementation|program) (to|for) the following (problem|task|exercise|"
    "LeetCode problem)[.|:]\n\n{task}",
    "(Solve|Complete|Fill in) the (given|following) (Sudoku|crossword|logic puzzle|KenKen|"
    "nonogram|word search|riddle|maze)[ puzzle][.|:]\n\n(The puzzle is|Puzzle|Grid):\n"
    "(\\|1\\| \\|5\\| \\|\n\\| \\|3\\| \\|6\\||. 7 . | 2 . 9|Row 1: 3 _ _ 4\nRow 2: _ 1 _ _)",
    "(Given an integer n|Given a string s|Given an array of integers nums|You are given two "
    "lists), (return|find|output|print) (true if it is a power of (two|three)|the longest "
    "palindromic substring|the two numbers that add up to target|the merged sorted list)"
    "[. Otherwise, return false].\n\n(Example|Input)[ 1]: (n = 27|s = \"babad\"|nums = "
    "\\[2,7,11,15\\], target = 9)\nOutput: (true|\"bab\"|\\[0,1\\])\nExplanation: "
    "(27 = 3\\^3|\"aba\" is also a valid answer|nums\\[0\\] \\+ nums\\[1\\] == 9)",
    "(Using|From|Based on) the (facts|information|details|profile) (given|below|provided), "
    "(write|create|make) a (question-answer pair|short bio|trivia question|flashcard|"
    "one-sentence summary)[ (about|for) (this person|it)].\n\n(Name: (Marie Curie|Ada "
    "Lovelace|Nelson Mandela|Serena Williams)\nBorn: (1867|1815|1918|1981)\n(Known for|"
    "Occupation): (physics and chemistry|mathematics|politics|tennis)|{text})",
    "(Turn|Convert|Rewrite) (this|the following) (paragraph|text|note) into (a question and "
    "its answer|(three|five) quiz questions for my class|a flashcard)[ for (studying|my "
    "exam)].\n\n{text}",
), kind="slots"))

# Code-completion prompts: a function signature and a docstring with worked examples
# ("Input: ... Output: ...", "the output should be 13", ">>> f(3)", "Note: 1. ..."). Lists
# of numbers, "output should be" and "Example 1 / Example 2" otherwise read as grading or
# synthetic-data requests (HumanEval, never trained on, is the external check of this).
_SIGNATURE = (
    "[(from typing import List|import math|from typing import List, Tuple)\n\n\n]def "
    "(count_vowels|sum_odd_positions|rotate_list|max_subarray|is_palindrome|merge_sorted|"
    "digit_sum|closest_pair|filter_primes|encode_shift|solution|next_smallest|unique_sorted|"
    "word_lengths|fix_spaces|can_arrange|largest_divisor|parse_intervals)\\((s: str|numbers: "
    "List\\[int\\]|lst|arr, k|a, b|n: int|text: str, shift: int|strings: List\\[str\\], "
    "prefix: str|grid, capacity)\\)[ -> (int|bool|str|List\\[int\\]|float)]:\n    \"\"\""
)
_DESCRIPTION = (
    "(Given|You are given|Return|Check if|Write a function that (takes|returns)|Your task is "
    "to (return|count|find)) (a non-empty list of integers|a string s|the number of vowels in "
    "s|the maximum sum of any contiguous sub-array|the largest number that divides n evenly|"
    "two positive integers a and b|a list of words|the k largest elements of arr)[, (return|"
    "and return) (the sum of the odd elements in even positions|true if it is a palindrome|a "
    "sorted list of unique elements|the even digits between a and b|the result in ascending "
    "order|-1 if there is no such element)].[ (Otherwise|If the list is empty), return "
    "(False|None|0|an empty list).]"
)
BENIGN_FAMILIES = (*BENIGN_FAMILIES, Family("en_ben_code_stub", BENIGN, "en", (
    _SIGNATURE + "\n    " + _DESCRIPTION + "\n    (>>> |)(f|solution|count_vowels)\\((\\[1, 2, "
    "3\\]|'abcde'|7, 3|\\[5, 8, 7, 1\\])\\)\n    (6|2|12|True|\\[2, 4, 6, 8\\])\n    "
    "[>>> (f|solution)\\((\\[\\]|''|0)\\)\n    (0|None|False)\n    ]\"\"\"\n",
    _SIGNATURE + "\n    " + _DESCRIPTION + "\n\n    (Examples|For example|Example):\n    "
    "(For lst = \\[1,3,1,32,5,107\\] the output should be (13|10|25)|solution\\(\\[30, 13, "
    "24, 321\\]\\) ==> 0|next_smallest\\(\\[5, 1, 4, 3, 2\\]\\) == 2|fix_spaces\\(\"Example "
    "1\"\\) == \"Example_1\")\n    [(For lst = \\[0,81,12,3,1,21\\] the output should be 3|"
    "can_arrange\\(\\[1,2,3\\]\\) = -1)\n    ]\"\"\"\n",
    _SIGNATURE + "\n    " + _DESCRIPTION + "\n\n    Example 1:\n\n        Input: (arr = "
    "\\[-3, -4, 5\\], k = 3|grid = \\[\\[0,0,1,0\\], \\[0,1,0,0\\]\\], capacity = 1|s = "
    "\"babad\")\n        Output: (\\[-4, -3, 5\\]|6|\"bab\")\n[        Explanation: (the "
    "three largest are taken in order|each well is emptied once|\"aba\" is also a valid "
    "answer)\n]\n    [Example 2:\n\n        Input: (arr = \\[4, -4, 4\\], k = 2|s = \"cbbd\")"
    "\n        Output: (\\[4, 4\\]|\"bb\")\n\n    ]Note:\n        1. The length of the "
    "(array|string|grid) will be in the range of \\[1, (1000|100|10\\^5)\\].\n        "
    "[2. (The elements in the array will be in the range of \\[-1000, 1000\\]|0 <= k <= "
    "len\\(arr\\)|s consists of lowercase English letters).\n    ]\"\"\"\n",
), kind="slots"))

# Per-language benign families: plain task framings, everyday requests and look-alikes.
INTL_BENIGN_FAMILIES: tuple[Family, ...] = (
    Family("zh_ben", BENIGN, "zh", (
        "{task}", "[请](回答|解答|算一下)[下面的(问题|题目)]：{task}", "{task}(谢谢|麻烦了)[！]",
        "我(在做|写)作业[的时候](卡住了|不会做)，你能(帮我|给我)(讲讲|提示一下)吗？{task}",
    ), kind="slots"),
    Family("zh_ben_everyday", BENIGN, "zh", (
        "[请][帮我](把这段话|把下面的句子)翻译成(英文|日文|法文)：{text}",
        "[请](一步一步|详细)[地](告诉我|教我)(怎么|如何)(安装Python|设置路由器|做红烧肉|办护照|换轮胎)。",
        "什么是(思维链|链式思维)(提示|推理)？(它为什么有用|有什么作用)？",
        "(我是|作为)一名(老师|教师)，[请][帮我](设计|写)一份(作文|实验报告|演讲)的评分标准。",
        "[请](给我|帮我想){n}个(宝宝的名字|生日礼物的点子|周末活动|店名)。",
        "(写|帮我写)一首关于{topic}的(诗|短诗)。",
        "(明天|周末)去(北京|上海|成都)旅游，(有什么|推荐一些)好玩的地方？",
        "[请][帮我](总结|概括)一下(这段|下面的)(文字|内容)：{text}",
    ), kind="slots"),
    Family("es_ben", BENIGN, "es", (
        "{task}", "(Resuelve|Responde|Contesta)[ (esto|la siguiente pregunta)]: {task}",
        "{task} (Gracias|Muchas gracias)[!]",
        "Estoy (atascado|atascada) con (mi tarea|este ejercicio) de (matemáticas|ciencias). "
        "¿Me (ayudas|das una pista)? {task}",
    ), kind="slots"),
    Family("es_ben_everyday", BENIGN, "es", (
        "(Traduce|Traduce al inglés) (este texto|lo siguiente): {text}",
        "(Explícame|Dime) paso a paso cómo (instalar Python|configurar el router|hacer una "
        "paella|sacar el pasaporte|cambiar una rueda).",
        "¿Qué es el [prompting de ]cadena de pensamiento [chain-of-thought] ¿Para qué sirve?",
        "Soy (profesor|profesora). ¿Me ayudas a (crear|diseñar) una rúbrica para (un ensayo|"
        "una presentación|un informe de laboratorio)?",
        "(Dame|Sugiere) una lista de {n} (nombres para bebé|ideas de regalo|nombres para mi "
        "perro|planes para el fin de semana).",
        "(Escribe|Redacta) un (poema|correo) sobre {topic}.",
        "¿Qué (lugares|sitios) me recomiendas visitar en (Madrid|Barcelona|México)?",
        "(Resume|Haz un resumen de) (este texto|lo siguiente): {text}",
    ), kind="slots"),
    Family("fr_ben", BENIGN, "fr", (
        "{task}", "(Résous|Réponds à)[ (ceci|la question suivante)] : {task}",
        "{task} Merci[ !]",
        "Je (bloque|suis bloqué) sur (mon devoir|cet exercice) de (maths|sciences). Tu peux "
        "m'aider ? {task}",
    ), kind="slots"),
    Family("fr_ben_everyday", BENIGN, "fr", (
        "(Traduis|Traduis en anglais) (ce texte|ceci) : {text}",
        "(Explique-moi|Dis-moi) étape par étape comment (installer Python|configurer ma box|"
        "faire une quiche|renouveler mon passeport|changer une roue).",
        "Qu'est-ce que le raisonnement en chaîne (chain-of-thought) ? À quoi ça sert ?",
        "Je suis (professeur|enseignante). Peux-tu m'aider à (créer|rédiger) une grille "
        "d'évaluation pour (une dissertation|un exposé|un compte rendu de TP) ?",
        "(Donne-moi|Propose) une liste de {n} (prénoms de bébé|idées cadeaux|noms pour mon "
        "chat|activités pour le week-end).",
        "(Écris|Rédige) un (poème|e-mail) sur {topic}.",
        "Que visiter à (Paris|Lyon|Montréal) en (deux|trois) jours ?",
        "(Résume|Fais un résumé de) ce texte : {text}",
    ), kind="slots"),
    Family("de_ben", BENIGN, "de", (
        "{task}", "(Löse|Beantworte)[ (das|die folgende Frage)]: {task}",
        "{task} Danke[!]",
        "Ich komme bei (meiner Hausaufgabe|dieser Aufgabe) in (Mathe|Physik) nicht weiter. "
        "Kannst du mir helfen? {task}",
    ), kind="slots"),
    Family("de_ben_everyday", BENIGN, "de", (
        "(Übersetze|Übersetze ins Englische) (diesen Text|Folgendes): {text}",
        "(Erkläre mir|Sag mir) Schritt für Schritt, wie ich (Python installiere|meinen "
        "Router einrichte|einen Reisepass beantrage|einen Reifen wechsle).",
        "Was ist Chain-of-Thought-Prompting? Wozu ist das gut?",
        "Ich bin (Lehrer|Lehrerin). Kannst du mir helfen, ein Bewertungsraster für (einen "
        "Aufsatz|ein Referat|einen Laborbericht) zu erstellen?",
        "(Gib mir|Schlag mir) eine Liste mit {n} (Babynamen|Geschenkideen|Namen für meinen "
        "Hund|Ideen fürs Wochenende) [vor].",
        "(Schreibe|Verfasse) ein (Gedicht|E-Mail) über {topic}.",
        "Was kann man in (Berlin|München|Wien) an einem Wochenende unternehmen?",
        "(Fasse|Fass) diesen Text zusammen: {text}",
    ), kind="slots"),
    Family("ru_ben", BENIGN, "ru", (
        "{task}", "(Реши|Ответь на вопрос)[ пожалуйста]: {task}", "{task} Спасибо[!]",
        "Не могу разобраться с (домашкой|этой задачей) по (математике|физике). Поможешь? "
        "{task}",
    ), kind="slots"),
    Family("ru_ben_everyday", BENIGN, "ru", (
        "(Переведи|Переведи на английский) (этот текст|следующее): {text}",
        "(Объясни|Расскажи) пошагово, как (установить Python|настроить роутер|получить "
        "загранпаспорт|поменять колесо).",
        "Что такое chain-of-thought (промптинг|рассуждение)? Зачем это нужно?",
        "Я (учитель|преподаватель). Помоги составить критерии оценивания для (сочинения|"
        "презентации|лабораторной работы).",
        "(Дай|Предложи) список из {n} (имён для ребёнка|идей для подарка|кличек для собаки|"
        "идей на выходные).",
        "(Напиши|Сочини) (стихотворение|письмо) про {topic}.",
        "Что посмотреть в (Москве|Петербурге|Казани) за два дня?",
        "(Сократи|Перескажи кратко) этот текст: {text}",
    ), kind="slots"),
    Family("ja_ben", BENIGN, "ja", (
        "{task}", "(次の問題に答えて|これを解いて)ください：{task}",
        "{task}(よろしくお願いします|ありがとう)",
        "宿題でわからない問題があります。ヒントをもらえますか？{task}",
    ), kind="slots"),
    Family("ja_ben_everyday", BENIGN, "ja", (
        "(この文章|次の文)を(英語|フランス語)に翻訳してください：{text}",
        "(Python|ルーター|プリンター)の(インストール|設定)方法を(手順ごとに|ステップバイステップで)"
        "教えてください。",
        "(チェーン・オブ・ソート|Chain-of-Thought)プロンプティングとは何ですか？",
        "教師です。(作文|発表|実験レポート)の評価基準(ルーブリック)を作るのを手伝ってください。",
        "(赤ちゃんの名前|誕生日プレゼントのアイデア|犬の名前)を{n}個(考えて|挙げて)ください。",
        "{topic}についての(詩|短い文章)を書いてください。",
        "(京都|大阪|札幌)でおすすめの観光地はどこですか？",
        "(この文章|次の内容)を(要約して|まとめて)ください：{text}",
    ), kind="slots"),
    Family("pt_ben", BENIGN, "pt", (
        "{task}", "(Resolva|Responda)[ (isto|a pergunta a seguir)]: {task}",
        "{task} Obrigado[!]",
        "Estou (travado|travada) na (minha lição de casa|neste exercício) de (matemática|"
        "ciências). Pode me ajudar? {task}",
    ), kind="slots"),
    Family("pt_ben_everyday", BENIGN, "pt", (
        "(Traduza|Traduza para o inglês) (este texto|o seguinte): {text}",
        "(Explique|Me diga) passo a passo como (instalar o Python|configurar o roteador|"
        "tirar o passaporte|trocar um pneu|fazer pão de queijo).",
        "O que é [o prompting de ]cadeia de pensamento [chain-of-thought] Para que serve?",
        "Sou (professor|professora). Pode me ajudar a criar uma rubrica de avaliação para "
        "(uma redação|uma apresentação|um relatório de laboratório)?",
        "(Me dê|Sugira) uma lista de {n} (nomes de bebê|ideias de presente|nomes para meu "
        "cachorro|programas para o fim de semana).",
        "(Escreva|Componha) um (poema|e-mail) sobre {topic}.",
        "O que visitar em (Lisboa|São Paulo|Rio de Janeiro) em dois dias?",
        "(Resuma|Faça um resumo d)este texto: {text}",
    ), kind="slots"),
)

# Short pieces of user writing for {text} (essays to rate, sentences to translate...).
TEXTS = (
    "Social media has changed the way teenagers communicate, and not always for the better.",
    "I have always loved building things, which is why I want to study mechanical engineering.",
    "The old lighthouse stood alone on the cliff, its light long gone dark.",
    "Our company reduced its energy use by 20% last year by switching to LED lighting.",
    "Dear hiring manager, I am excited to apply for the marketing coordinator position.",
    "Roses are red, the sky is grey, I miss the sun on a rainy day.",
    "Remote work gives employees flexibility, but it can make collaboration harder.",
    "The meeting has been moved to Thursday at 3 pm because the room is not available.",
    "In conclusion, renewable energy is the key to a sustainable future for our planet.",
    "She opened the letter slowly, afraid of what it might say.",
)
