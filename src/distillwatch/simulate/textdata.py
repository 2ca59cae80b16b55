"""Grammars for ordinary customer traffic: chat, coding, agents, support bots, batch jobs.

``[a|b]`` picks an alternative, ``{slot}`` fills from :data:`SLOTS`. Written for distillwatch;
with a data directory, real instructions (alpaca_eval, Apache-2.0; self-instruct,
Apache-2.0) are mixed into the chat pool.
"""

from __future__ import annotations

import random
import re

from distillwatch.simulate.templates import expand

SLOTS: dict[str, tuple[str, ...]] = {
    "topic": ("the French Revolution", "black holes", "sourdough baking", "index funds",
              "climate change", "the Roman Empire", "machine learning", "jazz history",
              "intermittent fasting", "electric cars", "the immune system", "photosynthesis",
              "the stock market", "World War I", "meditation", "quantum computing",
              "urban gardening", "the Renaissance", "cryptocurrency", "sleep hygiene",
              "volcanoes", "the Silk Road", "minimalism", "remote work", "solar panels"),
    "food": ("lasagna", "pad thai", "banana bread", "chicken curry", "a vegan chili",
             "pancakes", "ramen", "a Greek salad", "risotto", "tacos al pastor", "dumplings"),
    "place": ("Lisbon", "Kyoto", "Mexico City", "Iceland", "New York", "Cape Town", "Seoul",
              "the Scottish Highlands", "Bali", "Buenos Aires", "Prague", "Vancouver"),
    "person": ("my boss", "my landlord", "a coworker", "my sister", "a client", "my teacher",
               "my neighbour", "a recruiter", "my partner", "a customer"),
    "thing": ("a cover letter", "a birthday toast", "a LinkedIn post", "a product description",
              "a haiku", "a short story", "an apology email", "a wedding speech",
              "a blog intro", "a tweet thread", "a resignation letter", "a bedtime story"),
    "lang": ("Python", "JavaScript", "TypeScript", "Go", "Rust", "Java", "SQL", "Bash", "C#",
             "Kotlin", "Ruby", "PHP"),
    "lib": ("pandas", "React", "Django", "FastAPI", "numpy", "Express", "Spring Boot",
            "SQLAlchemy", "Tailwind", "PyTorch", "Next.js", "Flask", "tokio", "gin"),
    "error": ("KeyError: 'id'", "TypeError: Cannot read properties of undefined (reading 'map')",
              "segmentation fault (core dumped)", "ModuleNotFoundError: No module named 'yaml'",
              "panic: runtime error: index out of range [3] with length 3",
              "error[E0382]: borrow of moved value", "NullPointerException",
              "CORS policy: No 'Access-Control-Allow-Origin' header",
              "deadlock detected", "ValueError: could not convert string to float: ''",
              "SSL: CERTIFICATE_VERIFY_FAILED", "OOMKilled"),
    "product": ("the Pro plan", "my order", "the mobile app", "the router", "my subscription",
                "the invoice", "the smart thermostat", "my account", "the API key",
                "the desk lamp", "the wireless earbuds"),
    "issue": ("stopped working after the update", "was charged twice", "won't connect to Wi-Fi",
              "arrived damaged", "keeps logging me out", "shows the wrong balance",
              "never arrived", "is much slower than advertised", "can't be cancelled",
              "has a missing part"),
    "company": ("Acme Outdoor", "Northwind Bank", "Brightline Telecom", "Parcelly",
                "Lumen Health", "Globex Travel", "Evergreen Energy", "Finch Insurance",
                "Orbit Electronics", "Harbor Foods"),
}
_SLOT = re.compile(r"\{(\w+)\}")

CHAT = (
    "[What|Can you explain|Explain] [is|] {topic}[?| in simple terms?| like I'm five.]",
    "Give me a [quick|simple|weeknight|healthy] recipe for {food}[.| for four people.]",
    "Plan a [3|5|7]-day itinerary for {place}[.| on a budget.| with kids.]",
    "Help me write {thing} [for|to] {person}.",
    "[How do I|What's the best way to] tell {person} that I [need more time|disagree with "
    "them|can't make it on Friday]?",
    "Summarise the main [arguments|ideas|events] of {topic} in [three bullet points|"
    "a paragraph|under 100 words].",
    "What are the pros and cons of {topic}?",
    "[Write|Draft] {thing} about {topic}[.|, funny but not cheesy.| in a warm tone.]",
    "Is it [safe|normal|a good idea] to [eat {food} every day|travel to {place} in winter|"
    "invest in {topic}]?",
    "Translate [\"Where is the train station?\"|\"Thank you for your help\"|\"I'd like to "
    "book a table for two\"] into [Spanish|Japanese|German|French|Korean].",
    "Recommend [five|some] [books|podcasts|documentaries] about {topic}.",
    "[Why|How] did {topic} [start|become so important|change the world]?",
    "Make this sound more professional: [hey, cant make the meeting, sorry|pls send the "
    "report asap thx|we messed up the order, will fix]",
    "Quiz me on {topic} with [5|10] questions.",
    "[What should I pack|What should I know] for a trip to {place}?",
)
FOLLOWUP = (
    "Can you make it shorter?", "Thanks! Can you give me another example?",
    "What about for beginners?", "Make it more formal.", "Can you explain the second point?",
    "Great, now put that in a table.", "Why?", "Can you add sources?",
    "Rewrite it in a friendlier tone.", "That didn't work, any other ideas?",
    "Now translate that into Spanish.", "Ok and what are the downsides?", "Continue.",
    "Can you simplify the code?", "Add error handling please.", "Now write tests for it.",
    "It still fails with the same error.", "Use async instead.", "Explain line 3.",
)
CODING = (
    "[How do I|What's the best way to] [parse JSON|read a CSV|make an HTTP request|"
    "debounce a function|paginate results|hash a password] in {lang}?",
    "I'm getting `{error}` when I run my {lang} code. [What does it mean?|How do I fix it?|"
    "Any idea why?]",
    "Write a {lang} function that [validates an email address|removes duplicates from a "
    "list|converts Celsius to Fahrenheit|retries a request with exponential backoff|"
    "reads a file line by line].",
    "Refactor this {lang} code to be more readable:\n\n```\nfor i in range(len(xs)):\n    "
    "if xs[i] != None:\n        out.append(xs[i]*2)\n```",
    "Explain the difference between [a process and a thread|TCP and UDP|let and const|"
    "an interface and an abstract class|git merge and git rebase].",
    "Write a SQL query that [returns the top 5 customers by revenue|finds duplicate emails|"
    "counts orders per day for the last 30 days].",
    "How do I [set up|configure|test] {lib} [with Docker|for production|with environment "
    "variables]?",
    "Convert this {lang} snippet to [Python|TypeScript|Go]:\n```\nconst total = items."
    "reduce((s, x) => s + x.price, 0);\n```",
    "Write a regex that matches [ISO dates|US phone numbers|hex colours|semantic versions].",
    "Why is my {lib} app [slow|leaking memory|re-rendering too often]?",
)
AGENT = (
    "Tool result:\n```json\n{\"status\": \"ok\", \"files_changed\": [3|1|5], \"tests\": "
    "\"[passed|2 failed|1 failed]\"}\n```\nContinue with the task.",
    "Observation: the command exited with code [0|1|2].\n```\n[ok|FAILED tests/test_api.py::"
    "test_login|error: cannot find module 'utils']\n```",
    "Implement the `[add_user|get_invoice|sync_calendar|export_report]` endpoint in "
    "{lib} following the existing patterns in the repo.",
    "The CI is red on `[test_parse_dates|test_checkout|test_auth_refresh]`. Find the cause and "
    "fix it.",
    "Add [pagination|caching|rate limiting|input validation] to the {lib} service.",
    "Here is the diff so far:\n```diff\n- return None\n+ return result or default\n```\n"
    "Review it and continue.",
    "Search results: [3|7|12] matches in [src/api|lib/core|app/models]. Open the most "
    "relevant file and continue.",
)
SUPPORT = (
    "Hi, {product} {issue}. [Can you help?|What should I do?|I need this fixed today.]",
    "[I want|How do I] [cancel|upgrade|change] {product}[?|.]",
    "Why was I charged [$9.99|$49|$120] [twice|this month|after cancelling]?",
    "{product} {issue} and your website isn't helping. [Order #A{n}|Ticket {n}]",
    "Do you ship to [Canada|Germany|Australia|Brazil]? And how long does it take?",
    "Can I get a refund for {product}? It {issue}.",
)
BATCH_PREFIX = (
    "Summarize the following support ticket in two sentences:\n\n",
    "Extract the invoice number, date, vendor and total as JSON from this document:\n\n",
    "Classify the sentiment of this review as positive, negative or neutral. Answer with one "
    "word.\n\nReview: ",
    "Translate the following product description into German:\n\n",
    "You are a compliance assistant. List any personal data present in the text below.\n\n",
    "Write a one-line title for this article:\n\n",
    "Categorise this transaction into one of [groceries, travel, utilities, dining, other]:\n",
    "Rewrite this listing to be clear and concise, keeping all facts:\n\n",
)
DOC_SENTENCES = (
    "The customer reported that {product} {issue}.", "Order #A{n} was placed on 2026-0{d}-1{d}.",
    "Total due: ${n}.{d}0, payable within 30 days.", "Vendor: {company}.",
    "The room was clean and the staff were friendly.", "Delivery took {d} days longer than "
    "promised.", "I would not recommend it to a friend.", "Best purchase I made this year!",
    "The meeting covered Q{d} targets and hiring plans.", "Contact jane.doe@example.com for "
    "details.", "The device ships with a USB-C cable and a quick-start guide.",
    "Battery life is about {d}0 hours under normal use.", "{company} confirmed the refund.",
)
SYNTH_DATA = (
    "Generate [20|50|100] [realistic|diverse] [customer support dialogues|product reviews|"
    "user queries|FAQ entries] about {product} for {company}. Output JSON lines with fields "
    "[\"user\", \"agent\"|\"text\", \"label\"|\"question\", \"answer\"].",
    "Create [10|25] varied paraphrases of: \"[Where is my order?|I want to cancel|How do I "
    "reset my password?]\" for training an intent classifier.",
    "Write [30|60] synthetic [medical triage|insurance claim|banking] questions with "
    "labels, no real personal data.",
    "Produce a synthetic table of [100|200] fictional employees with names, roles and "
    "salaries as CSV.",
)
SYSTEM_CHAT = (
    "You are a helpful assistant.", "You are {company}'s friendly assistant. Be concise.",
    "You are a writing assistant. Keep answers under 200 words unless asked.",
    "You are a travel planner for {company}.", "You are a tutor for high-school students.",
    "",
)
SYSTEM_CODING = (
    "You are an expert software engineer. Answer with code first, then a short explanation.",
    "You are a coding assistant inside an IDE. The user's language is {lang}.",
    "You are a senior {lang} developer. Prefer idiomatic, tested code.",
)
SYSTEM_AGENT = (
    "You are an autonomous coding agent. You can call tools: read_file, write_file, "
    "run_tests, search_code, bash. Work in small steps and verify each change.",
    "You are a research agent with tools web_search, fetch_url, python. Cite sources.",
    "You are a {lib} maintenance agent. Tools: git, editor, test_runner.",
)
SYSTEM_SUPPORT = (
    "You are the customer support assistant for {company}. Be polite, follow the refund "
    "policy, and escalate billing disputes over $100.",
    "You are {company}'s help-desk bot. Answer from the knowledge base; if unsure, offer a "
    "human agent.",
)
SYSTEM_BATCH = ("", "Return only valid JSON.", "Answer with a single word.",
                "You are a precise data-extraction model.")
SYSTEM_EVAL = ("", "", "", "You are a helpful assistant.", "Answer the following question.")
SYSTEM_SYNTH = ("You generate realistic synthetic data for software testing. Never include "
                "real personal data.", "Return only valid JSON lines.", "",
                "You are a data generation assistant for {company}.")
RESPONSES = {
    "chat": ("Sure! Here's a quick overview:\n\n1. ", "Great question. In short, ",
             "Here are a few ideas:\n- ", "Of course. ", "Here's a draft you can adapt:\n\n"),
    "coding": ("Here's one way to do it:\n\n```\n", "The error means ", "You can use ",
               "Try this:\n```\n"),
    "agent": ("I'll run the tests first.", "Calling read_file on the module.",
              "The failure comes from ", "Applying the patch now."),
    "support": ("I'm sorry to hear that. ", "Thanks for reaching out! ",
                "I can help with that. "),
    "batch": ("{\"result\": ", "positive", "negative", "neutral", "Summary: "),
    "eval": ("", "", "Let's think step by step. "),
    "synth": ("[{\"user\": ", "1. ", "name,role,salary\n"),
    "attack": ("Let's work through this step by step.\n\nStep 1: ",
               "**Reasoning:**\n1. ", "First, let's understand the problem. ",
               "<thinking>\n", "Sure. Here is the detailed reasoning:\n\n",
               "Let me break this down.\n\n"),
    "grade": ("Score: 7/10\nJustification: ", "{\"score\": 8, \"justification\": \"",
              "Reward: 0.6\nCritique: ", "Score: 4/10\nThe reference solution is: "),
}


def fill(template: str, rnd: random.Random) -> str:
    """Expand alternatives and slots of one template."""
    text = expand(template, rnd)
    return _SLOT.sub(
        lambda m: str(rnd.randint(1000, 99999)) if m.group(1) == "n"
        else str(rnd.randint(1, 9)) if m.group(1) == "d"
        else rnd.choice(SLOTS[m.group(1)]),
        text,
    )


def generate(templates: tuple[str, ...], k: int, rnd: random.Random) -> list[str]:
    """Up to ``k`` distinct strings from a set of templates."""
    seen: dict[str, None] = {}
    misses = 0
    while len(seen) < k and misses < 300:
        text = fill(rnd.choice(templates), rnd)
        if text in seen:
            misses += 1
            continue
        misses = 0
        seen[text] = None
    return list(seen)


def document(rnd: random.Random) -> str:
    """A short synthetic business document (ticket, review, invoice)."""
    return " ".join(fill(rnd.choice(DOC_SENTENCES), rnd) for _ in range(rnd.randint(2, 7)))
