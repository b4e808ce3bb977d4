"""The figures rules on the many ways writers state totals, rates, shares, changes and units.

Every passage here is original, written for these tests: for each pattern, passages that must
fire and consistent ones that must stay quiet.
"""

from __future__ import annotations

import pytest

from healthlint.api import lint_string


def codes(text: str) -> set[str]:
    return {f.code for f in lint_string(text, "a.md", select=["FIG"])}


def messages(text: str) -> list[str]:
    return [f"{f.code} {f.message}" for f in lint_string(text, "a.md", select=["FIG"])]


FIRES = [
    # totals: "each" after a price, a subject far from it, word numbers, "comes to"
    ("FIG001", "Half a dozen facials at €55 each comes to €250, paid on the day."),
    (
        "FIG001",
        "Lessons with our swim coach are £25 each. A block of eight lessons therefore costs £260.",
    ),
    # totals: a frequency over a period counts the sessions
    (
        "FIG001",
        "The rehab class meets twice a week for six weeks, making 15 classes in all. Bring water.",
    ),
    (
        "FIG001",
        "Hydrotherapy is booked three times a week for four weeks. That is a total of 10 sessions.",
    ),
    # totals: minutes per session times sessions
    (
        "FIG001",
        "Tinnitus therapy sessions last 40 minutes, and the plan is 9 sessions. "
        "That adds up to about 3 hours in total.",
    ),
    # an adjective between the count and its noun; one step of a course for another
    (
        "FIG001",
        "Veneers cost $900 to $1,200 per tooth. Covering four front teeth will therefore "
        "set you back no more than $3,000.",
    ),
    (
        "FIG001",
        "Chemical peels are $150-$200 a session. Most skin needs four to five treatments, "
        "so plan for a total of $1,200 to $1,500.",
    ),
    # differences: words between the end points, a duration before the size, "a 9-point fall"
    (
        "FIG002",
        "Pulse went from 96 bpm before the course to 80 bpm after it, a decrease of 20 bpm.",
    ),
    (
        "FIG002",
        "Her LDL fell from 160 mg/dL to 131 mg/dL, a 39-point improvement in a year.",
    ),
    (
        "FIG002",
        "The child's temperature came down from 39.8°C to 38.1°C within two hours, "
        "a drop of about 3 degrees.",
    ),
    ("FIG002", "Readings fell from 9.1 mmol/L to 7.3 mmol/L, 2.8 mmol/L lower than before."),
    # units: a phrase between the measured noun and its number, verbs, readings written A/B
    ("FIG005", "The usual temperature of a healthy newborn is about 37 lb."),
    ("FIG005", "Average waist size among the women we surveyed was 34 kg."),
    ("FIG005", "At the check-up the toddler weighed 11 inches."),
    ("FIG005", "On the ward her blood pressure was 135/85 mg."),
    ("FIG005", "His pulse at rest was 64 mmHg, lower than last year."),
    # shares: the whole first, a phrase before the percentage, "N% of the M, or A"
    ("FIG003", "Of the 150 men screened, 45 (25%) had raised blood pressure."),
    ("FIG003", "Sixty of the 80 nurses on the ward, or 70%, had their flu jab."),
    ("FIG003", "Roughly 20% of the 350 callers, or 105, asked about side effects."),
    # impossible parts: whole first, a group named sentences before, overlapping-free groups
    ("FIG004", "Of the 90 runners who entered, 104 finished the race."),
    ("FIG004", "The clinic saw 40 couples in May. Of these couples, 46 came back in June."),
    ("FIG004", "Among the 50 patients on the gel, 32 got better and 25 saw no change."),
    ("FIG004", "An amazing 125% of our regular weekend visitors now book online."),
    # conflicts: a course named in a long subject, attributes of one named visit, "final" ordinals
    (
        "FIG007",
        "A typical course of chemotherapy for this lymphoma is six cycles. "
        "Most people cope well. Once the full course of eight cycles is over, you will be rescanned.",
    ),
    (
        "FIG007",
        "Your initial assessment will take 60 minutes. Bring your medicines. "
        "Please allow for the whole 90-minute initial assessment when you park.",
    ),
    (
        "FIG007",
        "The booster programme is given as three injections. "
        "You will be fully covered after your fourth and final injection.",
    ),
    (
        "FIG007",
        "Our first consultation costs $95. If you miss it, the $150 first consultation fee is "
        "still charged.",
    ),
    (
        "FIG007",
        "You will be given a 5-day course of steroids. Finish the whole 7-day course even if "
        "you feel better.",
    ),
    # a change word in the previous sentence does not make a share an increase
    ("FIG004", "Uptake has grown fast. Today 140% of eligible adults in the area are enrolled."),
    # weight loss: an article as the number, "in their first month"
    ("FIG008", "With our capsules you can shed a stone a fortnight."),
    ("FIG008", "Clients drop half a stone a week on the juice plan."),
    ("FIG008", "Our dieters lose 18 lb in their first month on the programme."),
    # chains: a price per item, items per week, weeks; minutes a day, days a week
    (
        "FIG001",
        "Each vial costs $120 and you need one vial a week, so a 12-week supply comes to $1,200.",
    ),
    ("FIG001", "Walk for 30 minutes a day, five days a week. That's 3 hours a week."),
    ("FIG001", "The programme costs $99 per month; over a full year that's $1,000."),
    ("FIG001", "Take two 500 mg tablets four times daily, that is 2 g a day."),
    ("FIG001", "The course is 8 weekly sessions of 90 minutes, 10 hours in all."),
    # before and after values; readings of a level; a programme's length
    (
        "FIG002",
        "Systolic pressure was 160 mmHg before treatment and 140 mmHg after it, "
        "a 25 mmHg reduction.",
    ),
    ("FIG005", "Blood sugar levels above 180 mmHg are considered high."),
    (
        "FIG007",
        "The programme lasts 12 weeks. You will meet your coach every week. "
        "At the end of the 10-week programme, you will get a report.",
    ),
    # shares: "Of these," after a count, "% of respondents were", a whole before a colon
    ("FIG003", "The survey reached 400 parents. Of these, 100 (40%) said their child had asthma."),
    ("FIG003", "In total, 45% of the 200 patients, that is 100 people, needed a second operation."),
    ("FIG004", "In our survey, 62% of respondents were women and 43% were men."),
    ("FIG004", "The study enrolled 120 adults: 70 completed the trial and 60 dropped out."),
    # conversions that do not hold
    ("FIG005", "On arrival her temperature was 39.5 °C (99.5 °F)."),
    ("FIG005", "At birth he weighed 4.1 kg (7 lb 3 oz)."),
    ("FIG005", "Keep your waist under 80 cm (40 inches)."),
    ("FIG005", "The usual dose is 0.5 g (50 mg) at night."),
    # differences past a scale or years; shares with the percentage before the whole
    (
        "FIG002",
        "Anxiety scores fell from 18 to 11 on a 21-point scale, an improvement of 9 points.",
    ),
    ("FIG002", "Admissions dropped from 5,000 in 2018 to 4,000 in 2023, a 30% fall."),
    ("FIG003", "Dizziness was reported by 30 women (25%) out of the 150 who took part."),
    # percentage shares of one whole, a whole before a semicolon, drug and placebo arms
    ("FIG004", "Of 250 callers, 60% said yes, 35% said no and 12% were unsure."),
    ("FIG004", "The trial randomised 80 adults; 45 received the drug and 40 received a placebo."),
    # named things without a determiner; "all N sessions"; "N lb lighter"
    (
        "FIG007",
        "Recovery after the operation takes 4 weeks. Plan for the full 6-week recovery at home.",
    ),
    (
        "FIG007",
        "The course involves six sessions over a month. People who complete all nine sessions "
        "do best.",
    ),
    ("FIG008", "Be 12 lb lighter in just 2 weeks with our tea."),
    # the size of a change before its end points; a change written high to low after "from"
    ("FIG002", "Her weight went down by 5 kg, from 80 kg to 77 kg."),
    ("FIG002", "Blood pressure dropped 12 points, from 148 to 140."),
    ("FIG002", "Triglycerides are down 40% (from 200 to 150 mg/dL)."),
    # each costing; a measure with a qualifier and no verb; a compound subject
    (
        "FIG001",
        "You'll need 4 to 6 peels, each costing about $150, so expect to pay $400 to $500.",
    ),
    ("FIG005", "A fever is a temperature above 38 mmHg."),
    (
        "FIG007",
        "Each chemotherapy cycle lasts 14 days. You will have bloods taken before each "
        "21-day cycle.",
    ),
    ("FIG006", "Prices range from $500 to $300 depending on the clinic."),
    ("FIG001", "The gym is $10 a week, or $60 a month."),
    # an average outside the range it summarises
    ("FIG006", "Massages cost $60-$90, with an average of $110."),
    ("FIG006", "The median stay was 12 days (range 3-9 days)."),
    # shares written as fractions
    ("FIG003", "A quarter of the 160 nurses (60) said they had no time for lunch."),
    ("FIG003", "Three-quarters of the 40 pupils, or 20, walked to school."),
    # rates restated per day, a few sentences apart, chained through the dose form
    ("FIG001", "Give 125 mg four times a day. That makes a daily total of 400 mg."),
    ("FIG001", "Swallow one 20 mg capsule every 8 hours, or 40 mg per day."),
    (
        "FIG001",
        "Spray once into each nostril, three sprays a day in all. Each spray delivers 50 mcg, "
        "giving a daily total of 300 mcg.",
    ),
    # round 2 (patterns from the second released blind set; passages original)
    # a total for the whole course named after the sum
    (
        "FIG001",
        "Laser hair removal is $90 per session; plan on six sessions. Set aside $380 for the whole course.",
    ),
    (
        "FIG001",
        "Each acupuncture visit costs £40 and a usual course is eight visits: £250 for the complete course.",
    ),
    # 'N <things> of $X' is a price per thing
    ("FIG001", "Hearing aids can be paid in 12 monthly payments of $95, a total of $1,500."),
    ("FIG001", "The course is 10 sessions of €60, so €450 altogether."),
    # 'N of them' counts what the price was per
    (
        "FIG001",
        "Sports massages cost $60 each, and most runners book 4 of them. Expect to pay $400 in total.",
    ),
    # a stated range must restate both ends of the implied range
    (
        "FIG001",
        "Physio costs $40-$50 a visit, and you will need 5 to 8 visits, so between $200 and $260 in total.",
    ),
    # an adjective between the count and what it counts
    ("FIG001", "The plan is 8 weeks of two guided walks a week, 20 walks in all."),
    # a conversion after an amount whose rate comes from the subject
    ("FIG005", "Each capsule holds 2.5 g (250 mg) of magnesium citrate."),
    ("FIG005", "Each scoop provides 30 g (3 oz) of protein powder."),
    # an average named with words between 'average' and its value
    (
        "FIG006",
        "Consultations ran from 10 to 25 minutes, with an average consultation time of 32 minutes.",
    ),
    ("FIG006", "Stays ranged from 2 to 5 nights, and the mean hospital stay was 7 nights."),
    # a percentage restated after 'that is' / 'i.e.' following a few words
    ("FIG003", "Of the 80 nurses asked, 20 work night shifts, that is 40% of them."),
    ("FIG003", "Among 150 smokers in the trial, 45 quit for good, i.e. 20%."),
    # '<pct> of <group>, A of the B people'
    (
        "FIG003",
        "Around 35% of parents, 90 of the 200 people who replied, said screen time worried them.",
    ),
    # 'N people ...; <pct> of them, or A'
    (
        "FIG003",
        "The helpline took 500 callers in May; 12% of them, or 80 callers, were referred on.",
    ),
    # two readings of one measure, at baseline and later, then the size of the change
    ("FIG002", "Mean HbA1c was 8.4% at baseline and 7.9% at six months, a fall of 0.8 points."),
    (
        "FIG002",
        "Patients walked 310 metres at the start and 380 metres after rehab, a gain of 90 metres.",
    ),
    # a loss with its period after the verb
    ("FIG008", "Real customers report 3 lb lost every week on the shake plan."),
    ("FIG008", "Expect 1.5 kg shed each week for the first two months."),
    # everyone in a study counted two ways
    (
        "FIG007",
        "The trial recruited 180 smokers. All 210 participants were given nicotine patches.",
    ),
    (
        "FIG007",
        "We enrolled 64 patients after surgery; the follow-up was long. All 60 patients completed it.",
    ),
    # one answer each: the shares of a one-choice question cannot pass 100%
    ("FIG004", "Asked which snack they mostly eat, 58% of pupils said fruit and 49% said crisps."),
    (
        "FIG004",
        "When asked for their main source of news, 70% said television and 45% chose radio.",
    ),
    # an amount a day times the days a week, summed without naming the week
    ("FIG001", "Stretch for 15 minutes a day, four days a week, which adds up to 90 minutes."),
    ("FIG001", "Take 500 mg a day, six days a week: that totals 4,000 mg."),
]

QUIET = [
    # what one visit costs is compared within a section: a page may compare treatments
    "## Laser\n\nA single session usually costs $200.\n\n## Peels\n\n"
    "A single session usually costs $90.",
    "A quarter of the 160 nurses (40) said they had no time for lunch.",
    "Three-quarters of the 40 pupils, or 30, walked to school.",
    "More than half of the 50 women (40) slept better.",
    "Massages cost $60-$90, with an average of $75.",
    "The median stay was 5 days (range 3-9 days).",
    "The gym is $10 a week, or $40 a month.",
    "The gym is $40 a month, about $10 a week.",
    "Her weight went down by 3 kg, from 80 kg to 77 kg.",
    "Blood pressure dropped 8 points, from 148 to 140.",
    "Triglycerides are down 25% (from 200 to 150 mg/dL).",
    "Prices range from $300 to $500 depending on the clinic.",
    "You'll need 4 to 6 peels, each costing about $150, so expect to pay $600 to $900.",
    "A fever is a temperature above 38 °C.",
    "Each chemotherapy cycle lasts 14 days. You will have bloods taken before each 14-day cycle.",
    "At $15 a pack and one pack a week, you'd spend $60 a month.",
    "Group sessions cost $25 and private sessions $75. Ten group sessions cost $250.",
    "Anxiety scores fell from 18 to 11 on a 21-point scale, an improvement of 7 points.",
    "Admissions dropped from 5,000 in 2018 to 4,000 in 2023, a 20% fall.",
    "Dizziness was reported by 30 women (20%) out of the 150 who took part.",
    "Of 250 callers, 55% said yes, 35% said no and 10% were unsure.",
    "The trial randomised 80 adults; 40 received the drug and 40 received a placebo.",
    "Recovery after the operation takes 4 weeks. Plan for the full 4-week recovery at home.",
    "The course involves six sessions over a month. People who complete all six sessions do best.",
    "Be 2 lb lighter in 2 weeks by cutting out sugary drinks.",
    "Cases rose 40% between 2019 and 2023, from 500 in 2019 to 700 in 2023.",
    "On arrival her temperature was 39.5 °C (103.1 °F).",
    "At birth he weighed 4.1 kg (9 lb 1 oz).",
    "Keep your waist under 80 cm (31.5 inches).",
    "The usual dose is 0.5 g (500 mg) at night.",
    "Aim to lose 0.5 to 1 kg (1 to 2 lb) a week.",
    "He is 180 cm (5 ft 11 in) tall and weighs 80 kg, or about 176 lb.",
    # tiers: prices that differ for the same thing leave a total open
    "The first 2 visits cost $90 each and later visits $60 each. A course of 8 visits costs $540.",
    "Each vial costs $120 and you need one vial a week, so a 12-week supply comes to $1,440.",
    "Walk for 30 minutes a day, five days a week. That's 2.5 hours a week.",
    "The programme costs $99 per month; over a full year that's $1,188.",
    "Take two 500 mg tablets four times daily, that is 4 g a day.",
    "The course is 8 weekly sessions of 90 minutes, 12 hours in all.",
    "Systolic pressure was 160 mmHg before treatment and 140 mmHg after it, a 20 mmHg reduction.",
    "Blood sugar levels above 180 mg/dL are considered high.",
    "The programme lasts 12 weeks. At the end of the 12-week programme, you will get a report.",
    "The survey reached 400 parents. Of these, 100 (25%) said their child had asthma.",
    "In total, 45% of the 200 patients, that is 90 people, needed a second operation.",
    "In our survey, 57% of respondents were women and 43% were men.",
    "The study enrolled 120 adults: 70 completed the trial and 50 dropped out.",
    "Uptake has grown fast. Enrolment rose by 140% and now covers 70% of eligible adults.",
    "With our plan you can lose a pound a week, steadily and safely.",
    "Most dieters lose 3 lb in their first week, largely water, then about 1 lb a week.",
    "Our dieters lose 6 lb in their first month on the programme.",
    "A typical course of chemotherapy for this lymphoma is six cycles. "
    "Most people cope well. Once the full course of six cycles is over, you will be rescanned.",
    "Your initial assessment will take 60 minutes. Follow-up visits take 30 minutes. "
    "Please allow for the whole 60-minute initial assessment when you park.",
    "The booster programme is given as three injections. "
    "You will be fully covered after your third and final injection.",
    "The booster programme is given as three injections. "
    "Some people are offered a fourth injection a year later.",
    "Our first consultation costs $95, and each follow-up consultation costs $60.",
    "You will be given a 5-day course of steroids. If the rash returns, your doctor may "
    "prescribe a longer 10-day course.",
    "Adults need 4 sessions for the knees and 2 sessions for the elbows.",
    "Of the 150 men screened, 45 (30%) had raised blood pressure.",
    "Sixty of the 80 nurses on the ward, or 75%, had their flu jab.",
    "Roughly 30% of the 350 callers, or 105, asked about side effects.",
    "Of the 90 runners who entered, 84 finished the race.",
    "The clinic saw 40 couples in May. Of these couples, 26 came back in June.",
    "Among the 50 patients on the gel, 32 got better and 15 saw no change.",
    "Of the 50 patients, 32 slept better and 28 had less pain; many had both.",
    "Bookings rose 125% this year, and 64% of our visitors now book online.",
    "The ward has 30 beds for 24 patients, so it runs at 80% of capacity.",
    "The usual temperature of a healthy newborn is about 37 °C.",
    "Average waist size among the women we surveyed was 34 inches.",
    "At the check-up the toddler weighed 11 kg and measured 80 cm.",
    "On the ward her blood pressure was 135/85 mmHg and her pulse 72 bpm.",
    "Her fasting glucose was 5.4 mmol/L, or about 97 mg/dL.",
    "Pulse went from 96 bpm before the course to 80 bpm after it, a decrease of 16 bpm.",
    "Her LDL fell from 160 mg/dL to 131 mg/dL, a 29-point improvement in a year.",
    "The child's temperature came down from 39.8°C to 38.1°C within two hours, "
    "a drop of about 1.7 degrees.",
    "Readings fell from 9.1 mmol/L to 7.3 mmol/L, 1.8 mmol/L lower than before.",
    "His fever went from 102.2°F to 99.5°F overnight, a fall of 1.5°C.",
    # compound weights and heights are one figure
    "He went from 14 stone 2 lb to 13 stone 5 lb in ten weeks, a loss of 11 pounds.",
    "She measured 5 ft 4 in at twelve and 5 ft 7 in at fifteen.",
    "Veneers cost $900 to $1,200 per tooth. Covering four front teeth will therefore "
    "set you back $3,600 to $4,800.",
    "Chemical peels are $150-$200 a session. Most skin needs four to five treatments, "
    "so plan for a total of $600 to $1,000.",
    # an extra charge nearby or "plus": the total may hold more than price × count
    "Fillings cost $90 each, and the first exam is a separate $60. "
    "Three fillings plus the exam therefore cost $330 altogether.",
    # counted subjects are totals, not prices each
    "Yoga classes cost $12 per class and pool sessions $8 per session. "
    "Ten yoga classes cost $120, while ten pool sessions come to $80.",
    "Half a dozen facials at €55 each comes to €330, paid on the day.",
    "Lessons with our swim coach are £25 each. A block of eight lessons therefore costs £200.",
    "The rehab class meets twice a week for six weeks, making 12 classes in all. Bring water.",
    "Hydrotherapy is booked three times a week for four weeks. That is a total of 12 sessions.",
    "Tinnitus therapy sessions last 40 minutes, and the plan is 9 sessions. "
    "That adds up to about 6 hours in total.",
    "Visits are 20 minutes long, twice a week, for five weeks. That is 10 visits in all.",
    "Give 125 mg four times a day. That makes a daily total of 500 mg.",
    "Swallow one 20 mg capsule every 8 hours, or 60 mg per day.",
    "Spray twice a day. Each spray delivers 50 mcg, giving a daily total of 100 mcg.",
    # the amount per dose changes between the regimen and the total: too ambiguous to judge
    "Each dose is three 100 mg tablets, taken twice a day. That is 600 mg daily, "
    "below the maximum daily dose of 1,000 mg.",
    "Use two drops twice a day. Each bottle holds 5 ml and lasts about 25 days.",
    # round 2
    "Laser hair removal is $90 per session; plan on six sessions. Set aside $540 for the whole course.",
    "Each acupuncture visit costs £40 and a usual course is eight visits: £320 for the complete course.",
    "Hearing aids can be paid in 12 monthly payments of $95, a total of $1,140.",
    "The course is 10 sessions of €60, so €600 altogether.",
    "Sports massages cost $60 each, and most runners book 4 of them. Expect to pay $240 in total.",
    "Physio costs $40-$50 a visit, and you will need 5 to 8 visits, so between $200 and $400 in total.",
    "The plan is 8 weeks of two guided walks a week, 16 walks in all.",
    "Each capsule holds 2.5 g (2,500 mg) of magnesium citrate.",
    "Each scoop provides 30 g (about 1 oz) of protein powder.",
    "Consultations ran from 10 to 25 minutes, with an average consultation time of 17 minutes.",
    "Stays ranged from 2 to 5 nights, and the mean hospital stay was 3 nights.",
    # a price per person, not per thing counted
    "Of the 40 patients of Dr Lee, 12 paid $30 each.",
    "Of the 80 nurses asked, 20 work night shifts, that is 25% of them.",
    "Among 150 smokers in the trial, 45 quit for good, i.e. 30%.",
    "Around 45% of parents, 90 of the 200 people who replied, said screen time worried them.",
    "The helpline took 500 callers in May; 12% of them, or 60 callers, were referred on.",
    # a share of another group is not the count restated
    "About 40% of women, 30 of the 100 men asked, said they had never had a health check.",
    "The clinic treated 300 patients; 20% of them had diabetes and 45 had asthma.",
    "Mean HbA1c was 8.4% at baseline and 7.9% at six months, a fall of 0.5 points.",
    "Patients walked 310 metres at the start and 380 metres after rehab, a gain of 70 metres.",
    "Real customers report 1 lb lost every week on the shake plan.",
    "Expect 0.5 kg shed each week for the first two months.",
    # two groups, not two readings of one
    "Men weighed 84 kg and women 68 kg, a difference of 16 kg.",
    "The trial recruited 180 smokers. All 180 participants were given nicotine patches.",
    "The trial enrolled 320 patients. All 160 patients in the treatment arm took the tablet daily.",
    "The study enrolled 200 adults. All 90 women completed the diary.",
    "Study A enrolled 120 people and study B enrolled 300 people.",
    "Asked which snack they mostly eat, 58% of pupils said fruit and 32% said crisps.",
    "When asked for their main source of news, 55% said television and 45% chose radio.",
    # several answers allowed, or the choice words come later
    "Asked about the snacks they eat, 58% of pupils said fruit and 49% said crisps.",
    "In the survey, 64% said they mainly walk and 52% said they sometimes cycle.",
    "Stretch for 15 minutes a day, four days a week, which adds up to 60 minutes.",
    "Take 500 mg a day, six days a week: that totals 3,000 mg.",
    "Walk 20 minutes a day, five days a week; a walk can last up to 40 minutes.",
]


@pytest.mark.parametrize(("code", "text"), FIRES)
def test_fires(code: str, text: str) -> None:
    assert code in codes(text), messages(text)


@pytest.mark.parametrize("text", QUIET)
def test_quiet(text: str) -> None:
    assert codes(text) == set(), messages(text)


def test_rate_message_shows_the_arithmetic() -> None:
    (msg,) = messages("Swallow one 20 mg capsule every 8 hours, or 40 mg per day.")
    assert "20 mg × 3 (every 8 hours) per day = 60 mg per day" in msg
    assert "'40 mg'" in msg


def test_range_total_message_names_the_missing_end() -> None:
    (msg,) = messages(
        "Physio costs $40-$50 a visit, and you will need 5 to 8 visits, so between $200 and $260 in total."
    )
    assert "$200–$400" in msg or "$200-$400" in msg, msg
    assert "stops short of the highest total" in msg
