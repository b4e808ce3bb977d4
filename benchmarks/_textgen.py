"""Template-and-slot text generator for the benchmark corpus.

Original health-article prose built from sentence templates whose slots are filled from small
vocabularies with a seeded ``random.Random``: the text varies from page to page like a real site
(claims, hedged sentences, price and session figures, jargon, side effects), yet the same seed
always gives the same bytes. Fast on purpose: ``str.format_map`` over a dict whose missing keys are
drawn lazily, so a 10,000-page site costs a few seconds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# --------------------------------------------------------------------------------------------
# Topics: what a page is about. Figures are chosen per page from these ranges.


@dataclass(frozen=True)
class Topic:
    name: str  # lower-case, as used mid-sentence
    condition: str  # what it is sold for
    area: str  # body part or system
    unit: str  # what the price is per
    price: tuple[int, int]  # plausible price per unit, in dollars
    sessions: tuple[int, int]  # plausible number of units in a course
    category: str  # site section
    kind: str  # procedure | supplement | therapy | diet | device


# fmt: off
TOPICS: tuple[Topic, ...] = (
    Topic("cryolipolysis", "stubborn belly fat", "abdomen", "per session", (600, 1500), (1, 3), "body", "procedure"),
    Topic("microneedling", "acne scars", "face", "per session", (150, 450), (3, 6), "skin", "procedure"),
    Topic("laser skin resurfacing", "fine wrinkles", "face", "per treatment", (900, 2500), (1, 3), "skin", "procedure"),
    Topic("platelet-rich plasma injections", "thinning hair", "scalp", "per session", (400, 1200), (3, 4), "hair", "procedure"),
    Topic("radiofrequency skin tightening", "loose skin", "jawline", "per session", (250, 800), (3, 6), "skin", "procedure"),
    Topic("chemical peels", "uneven skin tone", "face", "per peel", (100, 400), (3, 6), "skin", "procedure"),
    Topic("dermal fillers", "volume loss", "cheeks", "per syringe", (500, 900), (1, 2), "skin", "procedure"),
    Topic("acupuncture", "chronic low back pain", "lower back", "per visit", (60, 150), (6, 12), "pain", "therapy"),
    Topic("chiropractic adjustment", "neck stiffness", "neck", "per visit", (40, 120), (6, 12), "pain", "therapy"),
    Topic("cupping therapy", "muscle soreness", "shoulders", "per session", (40, 90), (4, 8), "pain", "therapy"),
    Topic("IV vitamin drips", "fatigue", "immune system", "per drip", (150, 400), (4, 10), "wellness", "procedure"),
    Topic("colon hydrotherapy", "bloating", "digestive tract", "per session", (75, 150), (3, 6), "gut", "procedure"),
    Topic("infrared sauna sessions", "stiff joints", "joints", "per session", (25, 60), (8, 20), "wellness", "device"),
    Topic("whole-body cryotherapy", "inflammation", "whole body", "per session", (45, 100), (10, 20), "wellness", "device"),
    Topic("hyperbaric oxygen therapy", "slow-healing wounds", "skin", "per dive", (200, 350), (20, 40), "wellness", "therapy"),
    Topic("intermittent fasting", "weight gain", "metabolism", "per month of coaching", (30, 120), (3, 6), "nutrition", "diet"),
    Topic("the ketogenic diet", "blood sugar swings", "metabolism", "per week of meal plans", (40, 110), (8, 12), "nutrition", "diet"),
    Topic("collagen supplements", "joint pain", "knees", "per tub", (25, 60), (2, 6), "nutrition", "supplement"),
    Topic("vitamin D supplements", "low mood in winter", "bones", "per bottle", (8, 25), (3, 12), "nutrition", "supplement"),
    Topic("omega-3 fish oil", "high triglycerides", "heart", "per bottle", (12, 40), (3, 12), "heart", "supplement"),
    Topic("probiotics", "irritable bowel syndrome", "gut", "per month", (20, 60), (2, 6), "gut", "supplement"),
    Topic("melatonin", "trouble falling asleep", "sleep cycle", "per bottle", (6, 20), (1, 4), "sleep", "supplement"),
    Topic("cognitive behavioural therapy for insomnia", "insomnia", "sleep cycle", "per session", (90, 200), (6, 8), "sleep", "therapy"),
    Topic("physiotherapy", "knee osteoarthritis", "knee", "per session", (70, 160), (6, 12), "pain", "therapy"),
    Topic("sclerotherapy", "spider veins", "legs", "per session", (300, 600), (2, 4), "veins", "procedure"),
    Topic("compression stockings", "varicose veins", "legs", "per pair", (30, 90), (2, 4), "veins", "device"),
    Topic("teeth whitening", "stained teeth", "teeth", "per treatment", (300, 800), (1, 3), "dental", "procedure"),
    Topic("LASIK surgery", "short-sightedness", "eyes", "per eye", (1500, 3000), (1, 2), "eyes", "procedure"),
    Topic("red light therapy", "skin ageing", "face", "per session", (50, 120), (8, 16), "skin", "device"),
    Topic("lymphatic drainage massage", "swelling", "legs", "per session", (80, 150), (5, 10), "body", "therapy"),
    Topic("laser tattoo removal", "unwanted tattoos", "skin", "per session", (200, 500), (6, 10), "skin", "procedure"),
    Topic("follicular unit hair transplants", "male pattern baldness", "scalp", "per graft", (3, 8), (1500, 3000), "hair", "procedure"),
    Topic("dry needling", "trigger points", "upper back", "per session", (60, 120), (4, 8), "pain", "therapy"),
    Topic("mindfulness-based stress reduction", "stress", "nervous system", "per course", (300, 650), (1, 1), "mind", "therapy"),
    Topic("low-dose naltrexone", "fibromyalgia", "nervous system", "per month", (40, 90), (3, 6), "pain", "supplement"),
    Topic("ultrasound cavitation", "cellulite", "thighs", "per session", (100, 250), (6, 10), "body", "procedure"),
)
# fmt: on

CATEGORIES = sorted({t.category for t in TOPICS})

# --------------------------------------------------------------------------------------------
# Slot vocabularies.

VOCAB: dict[str, tuple[str, ...]] = {
    "SE": (
        "redness",
        "mild swelling",
        "bruising",
        "tenderness",
        "itching",
        "a dull ache",
        "headaches",
        "nausea",
        "temporary numbness",
        "dry skin",
        "light-headedness",
        "tingling",
        "small blisters",
        "a metallic taste",
        "fatigue for a day or two",
        "skin darkening",
        "pinpoint bleeding",
        "muscle cramps",
    ),
    "RARE": (
        "infection",
        "scarring",
        "nerve damage",
        "an allergic reaction",
        "blood clots",
        "permanent changes in skin colour",
        "fainting",
        "kidney strain",
        "a burn",
        "paradoxical fat growth",
        "irregular heartbeat",
    ),
    "JARGON": (
        "adipocyte apoptosis",
        "neocollagenesis",
        "lipolysis",
        "mitochondrial biogenesis",
        "the extracellular matrix",
        "fibroblast activation",
        "microcirculation",
        "thermogenesis",
        "the dermal–epidermal junction",
        "oxidative stress",
        "autophagy",
        "cytokine signalling",
        "angiogenesis",
        "the HPA axis",
        "insulin sensitivity",
        "myofascial release",
        "lymphatic flow",
        "the gut microbiome",
        "glycation end products",
        "transepidermal water loss",
        "photobiomodulation",
        "proprioception",
    ),
    "EXPERT": (
        "dermatologist",
        "general practitioner",
        "physiotherapist",
        "registered dietitian",
        "pharmacist",
        "plastic surgeon",
        "sleep specialist",
        "cardiologist",
        "vascular surgeon",
        "nurse practitioner",
        "rheumatologist",
    ),
    "PEOPLE": (
        "adults",
        "women",
        "men",
        "older adults",
        "office workers",
        "athletes",
        "postmenopausal women",
        "people with type 2 diabetes",
        "volunteers",
        "patients",
    ),
    "OUTCOME": (
        "a modest improvement",
        "no meaningful difference",
        "a small but measurable change",
        "better scores on a symptom questionnaire",
        "a short-lived benefit",
        "results similar to placebo",
        "a clear improvement in about half of the group",
    ),
    "HEDGE": (
        "may",
        "might",
        "could",
        "appears to",
        "seems to",
        "can sometimes",
    ),
    "SOURCE": (
        "a small pilot study",
        "a randomised controlled trial",
        "an observational study",
        "a systematic review",
        "a case series",
        "a meta-analysis",
        "a survey of clinics",
    ),
    "CLAIM": (
        "melts away fat",
        "guarantees results",
        "cures {C} for good",
        "works for everyone",
        "is 100% safe",
        "has no side effects",
        "eliminates {C} permanently",
        "is clinically proven to reverse ageing",
        "detoxes your whole body",
        "boosts your immune system overnight",
        "is a miracle cure",
        "gives instant, permanent results",
        "is the only treatment that really works",
        "never fails",
    ),
    "SELL": (
        "Book today and see the difference",
        "Don't miss our seasonal offer",
        "Thousands of happy clients can't be wrong",
        "Results you can see from day one",
        "Ask about our money-back guarantee",
        "Limited spots available this month",
    ),
    "CONNECT": (
        "However,",
        "In addition,",
        "That said,",
        "On the other hand,",
        "For this reason,",
        "Because of this,",
        "In practice,",
        "Still,",
        "Meanwhile,",
        "Overall,",
    ),
    "TIME": (
        "within a few days",
        "after two or three weeks",
        "over several months",
        "by the end of the course",
        "almost immediately",
        "after the first session",
    ),
    "FEEL": (
        "a warm, prickling sensation",
        "a mild pinching feeling",
        "slight pressure",
        "intense cold followed by numbness",
        "almost nothing",
        "a brief sting",
    ),
    "PLACE": (
        "clinics in large cities",
        "medical spas",
        "hospital outpatient departments",
        "high-street salons",
        "specialist centres",
        "private practices",
    ),
    "NAME": (
        "Dr. Amara Okafor",
        "Dr. Jonas Lindqvist",
        "Priya Raman, RD",
        "Dr. Lucia Ferreira",
        "Tom Whitaker, PT",
        "Dr. Mei Tanaka",
        "Sara Haddad, PharmD",
        "Dr. Noah Brennan",
        "Elena Petrova, RN",
        "Dr. Kwame Mensah",
    ),
}

# Sentence templates by purpose. Slots: {T} topic, {Tc} topic capitalised, {C} condition,
# {A} area, {P} "$a-b", {U} unit, {N} "x-y" sessions, {MAX} "up to $n", other keys from VOCAB
# or computed in Slots.__missing__.
SENTENCES: dict[str, tuple[str, ...]] = {
    "intro": (
        "{Tc} has become one of the most talked-about options for {C} in recent years.",
        "If you have been struggling with {C}, you have probably come across {T}.",
        "Interest in {T} has grown quickly, helped along by social media and before-and-after photos.",
        "Many readers write to us asking whether {T} is worth the money.",
        "{Tc} is often marketed as a quick fix for {C}, but the full picture is more complicated.",
        "In this guide we look at what {T} involves, what it costs and what the evidence says.",
        "People turn to {T} for many reasons, but {C} tops the list.",
        "Clinics offering {T} have opened in most large towns over the past decade.",
    ),
    "mechanism": (
        "The treatment is said to work by triggering {JARGON} in the {A}.",
        "Practitioners describe the process in terms of {JARGON} and {JARGON}.",
        "In simple terms, {T} aims to change how the {A} responds to {JARGON}.",
        "The theory is that targeted stimulation encourages {JARGON}, which in turn supports {JARGON}.",
        "Proponents point to {JARGON} as the key mechanism, although this has mostly been studied in the lab.",
        "Each session lasts between {MIN} and {MIN2} minutes, and most people describe {FEEL}.",
        "During a typical appointment, the practitioner treats the {A} in small sections.",
        "Some providers combine {T} with other treatments to speed up {JARGON}.",
    ),
    "cost": (
        "A single session usually costs {P} {U}, depending on the provider.",
        "Most clinics recommend {N} sessions for visible results.",
        "With several sessions, the total bill can reach {MAX} or more.",
        "Expect to pay {P} {U} at {PLACE}.",
        "Prices are higher at {PLACE}, where a course of {N} sessions is common.",
        "Because you will probably need {N} sessions, the full course often costs {MAX}.",
        "Health insurance rarely covers {T} when it is done for cosmetic reasons.",
        "Some clinics offer package deals, but read the small print before paying {MAX} up front.",
        "Maintenance sessions every {MONTHS} months add to the long-term cost.",
    ),
    "claim": (
        "{Tc} {CLAIM}.",
        "Our clients love it because it {CLAIM}.",
        "Unlike other options, {T} {CLAIM}.",
        "Simply put, this treatment {CLAIM}.",
        "{SELL}!",
        "You will see guaranteed results after just one visit.",
        "It is completely natural, so there are absolutely no risks.",
        "Doctors are amazed at how quickly it {CLAIM}.",
        "This revolutionary method {CLAIM} and restores your confidence.",
    ),
    "hedged": (
        "Some people {HEDGE} notice an improvement in {C} {TIME}, although results vary.",
        "The evidence so far is limited, and {T} {HEDGE} help only some people.",
        "It is not yet clear whether the benefits last once treatment stops.",
        "Results depend on age, skin type, general health and how closely aftercare advice is followed.",
        "Most of the published studies are small, short and paid for by device makers.",
        "{Tc} {HEDGE} be useful alongside other measures, rather than as a replacement for them.",
        "There is no guarantee that {C} will not return, especially if your weight or habits change.",
        "Experts remain divided on how much of the effect is due to {T} itself.",
    ),
    "evidence": (
        "{SOURCE} of {NPEOPLE} {PEOPLE} published in {YEAR} reported {OUTCOME}.",
        "In {SOURCE} from {YEAR}, {PCT}% of participants said their {C} had improved.",
        "{SOURCE} covering {NSTUDIES} trials found {OUTCOME}, but the quality of the studies was low.",
        "When researchers followed {NPEOPLE} {PEOPLE} for {MONTHS} months, they saw {OUTCOME}.",
        "A {YEAR} review concluded that more rigorous research is needed before {T} can be recommended.",
        "Only {PCT}% of the people in {SOURCE} kept their results after one year.",
    ),
    "safety": (
        "Common side effects include {SE}, {SE} and {SE}, which usually settle within {DAYS} days.",
        "Rarely, people experience {RARE} or {RARE}.",
        "You may notice {SE} for a short time after each session.",
        "Serious complications such as {RARE} are uncommon but have been reported.",
        "People who are pregnant, breastfeeding or taking blood thinners should avoid {T} unless their doctor agrees.",
        "Stop treatment and seek medical advice if you develop {RARE}.",
        "Choose a licensed practitioner and ask how many times they have performed {T}.",
    ),
    "advice": (
        "Talk to a {EXPERT} before starting {T}, especially if you have a long-term condition.",
        "A {EXPERT} can help you decide whether {T} is suitable for you.",
        "Ask your {EXPERT} about cheaper or better-studied alternatives first.",
        "Keep a simple diary of your symptoms so you can judge whether anything is changing.",
        "Eating well, staying active and sleeping enough remain the foundations for managing {C}.",
        "If something feels wrong after a session, contact the clinic or your {EXPERT} straight away.",
    ),
    "long": (
        "Although {T} is widely promoted for {C}, and although many clinics publish glowing testimonials alongside carefully lit before-and-after photographs, the number of independent studies that have measured outcomes over more than a few months remains small, which means that anyone considering the treatment should weigh the cost, which can reach {MAX}, against the uncertain and often temporary benefit.",
        "Because the effect of {T} on {JARGON} depends on so many factors, including the depth of treatment, the number of sessions, the interval between them, the skill of the practitioner and the individual's own metabolism, it is difficult to predict who will benefit, and that uncertainty is rarely mentioned in advertising.",
    ),
}

HEADINGS: dict[str, tuple[str, ...]] = {
    "intro": ("What is {T}?", "{Tc} at a glance", "An introduction to {T}", "Why people try {T}"),
    "mechanism": (
        "How does {T} work?",
        "What happens during a session",
        "The science behind {T}",
        "What to expect",
    ),
    "cost": (
        "How much does {T} cost?",
        "Prices and number of sessions",
        "Is {T} worth the money?",
        "Cost breakdown",
    ),
    "claim": (
        "Why our clients love it",
        "The benefits of {T}",
        "Amazing results",
        "What makes it different",
    ),
    "hedged": (
        "Does {T} actually work?",
        "How effective is it really?",
        "What results can you expect?",
        "Setting realistic expectations",
    ),
    "evidence": (
        "What the research says",
        "The evidence so far",
        "Clinical studies",
        "What do the studies show?",
    ),
    "safety": (
        "Side effects and risks",
        "Is {T} safe?",
        "Who should avoid {T}?",
        "Possible complications",
    ),
    "advice": (
        "The bottom line",
        "Should you try {T}?",
        "Our verdict",
        "Questions to ask before you book",
    ),
}

SUBHEADINGS: tuple[str, ...] = (
    "Before your appointment",
    "During the session",
    "After the treatment",
    "Cost by region",
    "Short-term effects",
    "Long-term results",
    "Who is a good candidate?",
    "Alternatives to consider",
    "Recovery time",
    "Frequently asked questions",
    "Home care tips",
    "Red flags to watch for",
)

TITLES: tuple[str, ...] = (
    "{Tc} for {C}: does it really work?",
    "How much does {T} cost in {YEAR}?",
    "{Tc}: benefits, risks and costs",
    "Is {T} safe? Side effects and recovery",
    "{Tc} vs {T2}: which is better for {C}?",
    "Everything you need to know about {T}",
    "{NTIPS} things to know before trying {T}",
    "Can {T} help with {C}?",
    "The truth about {T}",
    "{Tc} explained: what the evidence says",
)

DISCLAIMERS: tuple[str, ...] = (
    "This article is for general information only and is not a substitute for professional medical advice, diagnosis or treatment.",
    "The content on this site is provided for informational purposes and does not replace a consultation with a qualified health professional.",
    "Always seek the advice of your doctor or another qualified health provider with any questions you may have about a medical condition.",
)

LINK_TEXTS: tuple[str, ...] = (
    "our guide to {T}",
    "side effects of {T}",
    "what {T} costs",
    "this comparison",
    "the research on {T}",
    "how to choose a clinic",
    "{T}",
    "recovery tips",
)
VAGUE_LINK_TEXTS: tuple[str, ...] = ("click here", "here", "read more", "this link", "more")

WORDS_FOR_ALT: tuple[str, ...] = (
    "Practitioner treating a client's {A}",
    "Close-up of the {A} before treatment",
    "Chart comparing the cost of {T} at different clinics",
    "Equipment used for {T}",
    "Client resting after a session of {T}",
)
BAD_ALTS: tuple[str, ...] = ("image", "photo", "IMG_2041.jpg", "picture of treatment", "banner")


def capitalise(s: str) -> str:
    return s[:1].upper() + s[1:]


def money(n: int) -> str:
    return f"${n:,}"


def round_price(n: int) -> int:
    """Round prices the way clinics quote them."""
    if n < 20:
        return n
    if n < 200:
        return int(round(n / 5.0) * 5)
    if n < 1000:
        return int(round(n / 50.0) * 50)
    return int(round(n / 100.0) * 100)


class Slots(dict):
    """Page facts as real keys; anything else drawn fresh on each lookup (``__missing__``)."""

    def __init__(self, rng: random.Random, topic: Topic, other: Topic) -> None:
        super().__init__()
        self.rng = rng
        lo, hi = topic.price
        p1 = round_price(rng.randint(lo, (lo + hi) // 2))
        p2 = round_price(rng.randint(max(p1 + 1, (lo + hi) // 2), hi + 1))
        if p2 <= p1:
            p2 = p1 + max(5, p1 // 4)
        s_lo, s_hi = topic.sessions
        n1 = rng.randint(s_lo, max(s_lo, s_hi - 1))
        n2 = max(n1 + 1, rng.randint(n1 + 1, s_hi + 1))
        total = round_price(p2 * n2 + rng.choice((0, 0, 100, 250, 500)))
        self.update(
            T=topic.name,
            Tc=capitalise(topic.name),
            T2=other.name,
            C=topic.condition,
            A=topic.area,
            U=topic.unit,
            P=f"{money(p1)}-{p2:,}" if rng.random() < 0.5 else f"{money(p1)}–{money(p2)}",
            N=f"{n1}-{n2}" if rng.random() < 0.7 else f"{n1} to {n2}",
            MAX=f"up to {money(total)}",
            YEAR=str(rng.randint(2015, 2025)),
        )
        self.facts = (p1, p2, n1, n2, total)

    def drift(self) -> None:
        """Restate the figures inconsistently, as real pages do after piecemeal edits."""
        p1, p2, n1, n2, total = self.facts
        r = self.rng
        self["P"] = (
            f"{money(round_price(int(p1 * r.choice((1.2, 1.5, 0.8)))))}-{round_price(int(p2 * 1.3)):,}"
        )
        self["N"] = f"{n1 + 2}-{n2 + r.randint(2, 4)}"
        self["MAX"] = f"up to {money(round_price(int(total * r.choice((0.6, 1.5, 2)))))}"

    def __missing__(self, key: str) -> str:
        r = self.rng
        vocab = VOCAB.get(key)
        if vocab is not None:
            v = vocab[int(r.random() * len(vocab))]
            return v.format_map(self) if "{" in v else v
        if key == "PCT":
            return str(r.randint(12, 92))
        if key == "NPEOPLE":
            return str(r.choice((18, 24, 30, 42, 60, 86, 120, 150, 240, 410)))
        if key == "NSTUDIES":
            return str(r.randint(4, 31))
        if key == "DAYS":
            return str(r.randint(2, 14))
        if key == "MONTHS":
            return str(r.choice((3, 6, 9, 12, 18, 24)))
        if key == "MIN":
            return str(r.choice((10, 15, 20, 30)))
        if key == "MIN2":
            return str(r.choice((45, 60, 75, 90)))
        if key == "NTIPS":
            return str(r.randint(5, 12))
        raise KeyError(key)


class TextGen:
    """Sentences, paragraphs and headings for one page."""

    def __init__(self, rng: random.Random, topic: Topic, other: Topic) -> None:
        self.rng = rng
        self.topic = topic
        self.slots = Slots(rng, topic, other)
        self.words = 0  # words of prose generated so far (headings and paragraphs)

    def fill(self, template: str) -> str:
        return template.format_map(self.slots)

    def sentence(self, purpose: str) -> str:
        pool = SENTENCES[purpose]
        s = pool[int(self.rng.random() * len(pool))].format_map(self.slots)
        if self.rng.random() < 0.08 and purpose not in ("claim", "long"):
            c = VOCAB["CONNECT"][int(self.rng.random() * len(VOCAB["CONNECT"]))]
            keep = s[1:2].isupper() or s.startswith(("I ", "Dr"))  # acronyms, "I", names
            s = f"{c} {s}" if keep else f"{c} {s[0].lower()}{s[1:]}"
        return s

    def sentences(self, purpose: str, n: int) -> list[str]:
        """``n`` sentences mostly on ``purpose``, with the mix a real paragraph has."""
        r = self.rng
        out: list[str] = []
        for _ in range(n):
            x = r.random()
            if x < 0.07:
                p = "claim"
            elif x < 0.12:
                p = "hedged"
            elif x < 0.14:
                p = "long"
            else:
                p = purpose
            s = self.sentence(p)
            if s in out:  # one retry: real writers rarely repeat a sentence verbatim
                s = self.sentence(p)
            out.append(s)
        self.words += sum(s.count(" ") + 1 for s in out)
        return out

    def heading(self, purpose: str) -> str:
        pool = HEADINGS[purpose]
        h = pool[int(self.rng.random() * len(pool))].format_map(self.slots)
        self.words += h.count(" ") + 1
        return h

    def subheading(self) -> str:
        h = SUBHEADINGS[int(self.rng.random() * len(SUBHEADINGS))]
        self.words += h.count(" ") + 1
        return h

    def title(self) -> str:
        return TITLES[int(self.rng.random() * len(TITLES))].format_map(self.slots)

    def pick(self, pool: tuple[str, ...]) -> str:
        v = pool[int(self.rng.random() * len(pool))]
        return v.format_map(self.slots) if "{" in v else v

    def list_items(self, n: int) -> list[str]:
        r = self.rng
        kinds = (
            lambda: capitalise(self.slots["SE"]),
            lambda: f"Ask whether the clinic is licensed to perform {self.topic.name}",
            lambda: f"Budget {self.slots['P']} {self.topic.unit}",
            lambda: f"Plan for {self.slots['N']} sessions",
            lambda: f"Avoid sun exposure for {self.slots['DAYS']} days",
            lambda: f"Tell your {self.slots['EXPERT']} about any medicines you take",
            lambda: capitalise(self.slots["JARGON"]) + " may play a part",
        )
        items = [kinds[int(r.random() * len(kinds))]() for _ in range(n)]
        self.words += sum(i.count(" ") + 1 for i in items)
        return items

    def table_rows(self, n: int) -> tuple[list[str], list[list[str]]]:
        r = self.rng
        p1, _, n1, n2, _ = self.slots.facts
        head = ["Setting", f"Price {self.topic.unit}", "Typical sessions", "Course total"]
        rows = []
        for _ in range(n):
            lo = round_price(int(p1 * r.uniform(0.8, 1.3)))
            sess = r.randint(n1, n2)
            rows.append(
                [capitalise(self.slots["PLACE"]), money(lo), str(sess), f"about {money(lo * sess)}"]
            )
        self.words += 12 * n
        return head, rows


def slugify(text: str) -> str:
    """URL slug: lower-case ASCII letters and digits joined by single dashes."""
    out = []
    dash = False
    for ch in text.lower():
        if ch.isalnum() and ch.isascii():
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")[:60].strip("-")


def slug_of(topic: Topic) -> str:
    return slugify(topic.name)
