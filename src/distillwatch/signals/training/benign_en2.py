"""English benign look-alikes written with ``families_en2`` (so its wordings cost no more
false positives): worksheet and homework prompts that say "explain your answer", evaluation
harness prompts, developers asking about chain-of-thought and LLM-as-judge prompts,
data-labelling and moderation instructions of ordinary products, code that generates test
data, study quizzes, and questions asking the assistant why it recommends something.

Each is a register of real traffic that shares words with a distillation intent but not its
purpose. None was written by looking at the held-out real benign prompts.
"""

from __future__ import annotations

from distillwatch.signals.training.families import Family

BENIGN = "benign"

BENIGN_EN2_FAMILIES: tuple[Family, ...] = (
    Family("en_ben_worksheet", BENIGN, "en", (
        "(Worksheet|Homework|Unit) (3|4.2|7|12)[ - (Fractions|Forces|Photosynthesis|Ratios)]"
        "\n(Name|Student): ________ (Date|Class): ______\n\n(1|Q1|1\\))[.] {task} "
        "\\((2|3|4) (marks|points)\\)",
        "{task}\n(Explain your answer in (complete sentences|one or two sentences)|Use "
        "evidence from the (text|passage) to support your answer|Circle the correct "
        "answer|Round to the nearest (tenth|whole number))[.]",
        "(This is from|It's from|Got this on) my (worksheet|review packet|practice test|"
        "textbook)[ and it says (show your work|explain your answer)]. (I'm not sure how to "
        "start|How do I do it|What does it want me to do)?\n{task}",
        "(Exit ticket|Warm-up|Bell ringer|Do now):[ ]{task}[ (Be ready to share|Discuss "
        "with your partner)[.]]",
    ), kind="slots"),
    Family("en_ben_eval_harness", BENIGN, "en", (
        "The following are multiple choice questions \\(with answers\\) about "
        "(high school biology|college physics|elementary mathematics|world religions|"
        "econometrics|nutrition).\n\n{task}\nAnswer:",
        "(Question|Q): {task}\n(Answer|A):",
        "{task}\n(A|Options):[ ](yes|true)\n(B|)[:] (no|false)\nAnswer:",
        "(Context|Passage): {text}\n(Question|Q): {task}\n(Answer|A):",
    ), kind="slots"),
    Family("en_ben_prompt_eng", BENIGN, "en", (
        "How do I (get|make) (my|our) (chatbot|app|RAG bot|support bot) (to|) (explain|show) "
        "(its|the) (reasoning|sources|steps) to (users|customers)[ without (being|getting) "
        "too (verbose|long)]?",
        "(What's|What is) (the|a) (best|good) way to write (an|a) (LLM-as-a-judge|grading|"
        "evaluation) prompt for (my|our) (RAG|summarization|support) (app|pipeline|system)"
        "[, and how do I (check|validate) (it|its scores) against (humans|human labels)]?",
        "(Why|How come) (o1|o3|DeepSeek-R1|Claude|the reasoning model) (doesn't|won't) "
        "(show|return) (its|the full) (chain of thought|reasoning|thinking) (in|through) "
        "the API[? Is there a (setting|parameter) for (a summary|that)]?",
        "(Does|Is) \"let's think step by step\" (still|really) (help|useful|needed) "
        "(with|for) (newer|modern|reasoning) models[ like (GPT-4o|o1|Gemini)]?",
        "How (do|can) I (parse|validate|get) (reliable|valid|consistent) JSON (output|"
        "responses) from (the OpenAI API|an LLM|GPT) in (Python|TypeScript|my backend)?",
        "(My|Our) (prompt|system prompt) (asks|tells) the model to (think step by step|"
        "explain its reasoning|cite sources), but (the answers|it) (got|gets) (slower|"
        "longer|worse). (Any|What) (tips|ideas)?",
    ), kind="slots"),
    Family("en_ben_labeling", BENIGN, "en", (
        "(Tag|Route|Categorize) this (support ticket|customer email|help-desk message) "
        "(as|into) (one of|): (billing|refund), (shipping|delivery), (technical|login "
        "issue), (other|feedback)[. Reply with the tag only].\n\n{text}",
        "(Is|Would) this (comment|post|review|message) (appropriate|OK|allowed) for "
        "(our|a) (kids'|community|school|family) (forum|app|website)? (Answer yes or no|"
        "Say why if not).\n\n{text}",
        "(Label|Tag|Mark) the (sentiment|topic|language|urgency) of (each|every) (review|"
        "tweet|message|ticket) below (as|with) (positive/negative/neutral|high/medium/low|"
        "one word)[, one per line]:\n{text}",
        "(Assign|Pick) (a|the) (category|department|product line) (for|to) (this|each) "
        "(transaction|expense|receipt|invoice line)[ from (our|this) list: (food|travel|"
        "office|software)]: {text}",
    ), kind="slots"),
    Family("en_ben_data_code", BENIGN, "en", (
        "(Write|Give me) a (Python|JavaScript|SQL) (script|function|snippet) (that|to) "
        "(generates|generate|creates|create) {n} (rows|records) of (fake|mock|dummy|random) "
        "(customer|user|order|sensor) data (for|to) (testing|load-testing|demoing) (my|our) "
        "(dashboard|API|database)[ (with|using) (Faker|numpy|pandas)].",
        "How (do|can) I (create|make|generate) a (synthetic|toy|sample) dataset (in|with) "
        "(scikit-learn|pandas|numpy|R) (for|to) (practice|test|try out) (classification|"
        "clustering|regression)[ (with|of) {n} samples]?",
        "(Generate|Write|Create) (mock|sample|example) JSON (responses|payloads|fixtures) "
        "for (my|our|this) (API|endpoint|unit tests)[ - (the|our) (schema|model) has "
        "(id, name, email|order_id, items, total)].",
    ), kind="slots"),
    Family("en_ben_study_quiz", BENIGN, "en", (
        "(Quiz|Test) me on {topic}[ (for|before) my (exam|test|interview) (tomorrow|next "
        "week)]: ask (me|) (one question at a time|{n} questions) and tell me (if|whether) "
        "(I'm|I got it) (right|wrong).",
        "(Make|Give) me (some|{n}) (flashcards|practice questions|review questions) (on|"
        "about|for) {topic} (to|so I can) (study|revise|prepare)[ for (my|the) (final|"
        "midterm|certification)].",
        "(Help me|Can you help me) (study|revise|prepare) for (my|a|the) {topic} "
        "(test|exam|quiz)[? (Start with|Begin with) the (basics|hardest part)].",
    ), kind="slots"),
    Family("en_ben_why_recommend", BENIGN, "en", (
        "(Which|What) is (better|a better choice) for (a beginner|my small team|a "
        "5-year-old|a home office): (guitar or piano|React or Vue|a laptop or a desktop|"
        "Python or JavaScript|renting or buying)? (Explain your (choice|recommendation)|"
        "Why|Give reasons)[.|?]",
        "(Why|What makes you say) (that|this)? (Can you|Could you) (explain|tell me) "
        "(your|the) reasoning (behind|for) (the|your) (recommendation|suggestion|last "
        "answer)[ about (the mortgage|the diet|the itinerary|the stock)]?",
        "(Should|Would) I (take|accept|choose) (the job offer|the cheaper flight|the "
        "medication|the offer on the house)[ in this situation]? (Talk me through|Walk me "
        "through|Help me think through) the (pros and cons|trade-offs|options).\n\n{text}",
    ), kind="slots"),
    # Everyday questions full of the words distillation wordings lean on ("think", "thoughts",
    # "internal", "hidden", "raw", "output", "steps"), in their ordinary senses.
    Family("en_ben_common_words", BENIGN, "en", (
        "What do (you|people) think (about|of) (remote work|pineapple on pizza|electric "
        "cars|the new tax rules|my plan to learn Spanish in a month)[?]",
        "(Many|Most|Some) people think (that |)(goldfish have a 3-second memory|we only use "
        "10% of our brains|cracking knuckles causes arthritis|sugar makes kids hyper). "
        "(Is that|Is it) (true|a myth)?",
        "(How|Why) (do|does|can) (antidepressants|caffeine|lack of sleep|social media|"
        "anxiety) (affect|change) (your|our|people's) (thoughts|thinking|mood|mind)?",
        "I keep having (racing|negative|intrusive|anxious) thoughts (at night|before "
        "exams|about work|when I'm alone). (Any advice|How can I (stop|calm) them)?",
        "What is the difference between (internal and external|external and internal) "
        "(fertilization|combustion engines|auditors|hard drives|validity|motivation)?",
        "(How do I|Can I) (show|view|find) hidden (files|folders|fees|apps) (on|in) "
        "(Windows 11|macOS|my Android phone|my phone bill|Linux)?",
        "(Is|Are) (raw|unpasteurized) (milk|honey|cookie dough|oysters) safe to (eat|"
        "drink)[ (during pregnancy|for kids)]?",
        "(Tell me|Decide) (if|whether) (these|the two) (sentences|words|numbers) (mean the "
        "same|are equal|rhyme|are in order). (Output|Return|Print) (yes or no|true or "
        "false|1 or 0).\n\n{text}",
        "In (the story|the novel|chapter 3|the poem), what (is|was) (the narrator|the main "
        "character|Jonas|Elizabeth) (thinking|feeling) when (she|he) (leaves home|reads the "
        "letter|sees the ocean)?",
        "(Write|Compose) a (short poem|diary entry|monologue|story) about the (inner "
        "thoughts|thoughts|daydreams) of a (cat|lighthouse keeper|retired astronaut|tree).",
        "(How|Why) does the (brain|human mind|memory) (form|process|store) (thoughts|"
        "memories|decisions)[? Explain (simply|for a teenager)]",
        "What are the (internal|hidden) (costs|risks|parts) of (owning a car|a franchise|"
        "a laptop|running a small business)?",
        "(How many|What) steps (are there|does it take) (in|to) (the scientific method|"
        "mitosis|the water cycle|filing a claim)?",
    ), kind="slots"),
    Family("en_ben_student_why", BENIGN, "en", (
        "(My teacher|The textbook|My tutor|The answer key) says the answer is {answer} "
        "but I (still|honestly) don't (get|understand) why. (I got|I keep getting) "
        "(something else|a different number). (Can you|Could you) help me see "
        "(where I went wrong|what I'm missing)?\n{task}",
        "(We|I) (went over|did) this in class (and|but) I (got lost|was confused|missed "
        "it). (Can you|Could you) explain it (again|more slowly|a different way)? "
        "(I'm a|I am in) (7th grade|high school|first year)[ btw].\n{task}",
    ), kind="slots"),
)
