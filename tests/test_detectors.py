"""Table-driven tests per detector, end to end through ``divergence.compare`` with the real
model: each row is two one-sentence "outlets" and what must (or must not) be reported.

The rows hold the hard cases of the issue: quote wording, cut quotes whose dropped part
carries a qualifier, misattribution, quoted words given as paraphrase; ranges and hedged
figures; relative dates; stance classes of reporting verbs; labels, hedges and
intensifiers; negation and the rewordings that must stay at ``info``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

import divergence
from divergence.types import Article, Divergence

SEVERITIES = ["info", "low", "medium", "high"]
PUBLISHED = "2025-04-08"  # a Tuesday


@dataclass(frozen=True)
class Row:
    name: str
    left: str
    right: str
    code: str | None  # the code that must be reported at `floor` or above; None: nothing is
    floor: str = "low"
    evidence: tuple[str, ...] = ()  # texts the finding's evidence must include


def _findings(left: str, right: str) -> list[Divergence]:
    report = divergence.compare(
        [Article("a", left, published=PUBLISHED), Article("b", right, published=PUBLISHED)]
    )
    return list(report.divergences)


def _none_high(found: list[Divergence], kind: str) -> None:
    """Findings of ``kind`` (a kind or a code) are reported, and none of them is high."""
    chosen = [d for d in found if kind in (d.kind, d.code)]
    assert chosen, [(d.code, d.message) for d in found]
    assert all(d.severity != "high" for d in chosen), [(d.severity, d.message) for d in chosen]


def _no_conflict(found: list[Divergence]) -> None:
    """No number.conflict is reported at low or above."""
    assert not [d for d in found if d.code == "number.conflict" and d.severity != "info"], [
        (d.code, [e.text for e in d.evidence]) for d in found
    ]


def _check(row: Row) -> None:
    found = _findings(row.left, row.right)
    loud = [d for d in found if SEVERITIES.index(d.severity) >= SEVERITIES.index("low")]
    if row.code is None:
        assert not loud, [(d.code, d.severity, d.message) for d in loud]
        return
    hits = [
        d
        for d in found
        if d.code == row.code and SEVERITIES.index(d.severity) >= SEVERITIES.index(row.floor)
    ]
    assert hits, [(d.code, d.severity, d.message) for d in found]
    texts = {e.text for d in hits for e in d.evidence}
    for want in row.evidence:
        assert want in texts, (want, texts)


QUOTES = [
    Row(
        "a statement given to a speaker the other article names for something else",
        "The council approved the ferry terminal. Councillor Piet Rask voted for it.\n\n"
        '"The terminal will cost the town far too much," Vanek said after the vote.',
        "The council backed the ferry terminal. Councillor Piet Rask voted in favour.\n\n"
        '"The terminal will cost the town far too much," said Rask after the vote.',
        "quote.misattribution",
        floor="high",
    ),
    Row(
        "a speaker after a possessive determiner is the speaker",
        '"The terminal will cost the town far too much," Mayor Lena Vanek said on Monday.',
        '"The terminal will cost the town far too much," her deputy Piet Rask said on Monday.',
        "quote.misattribution",
        floor="high",
    ),
    Row(
        "a contraction written out is the same words",
        "\"It's a great honour and I'm proud of the team,\" the coach said after the final.",
        '"It is a great honour and I am proud of the team," the coach said after the final.',
        None,
    ),
    Row(
        "a negative contraction written out is the same words",
        '"We can\'t say when the bridge will reopen," the mayor told reporters on Monday.',
        '"We cannot say when the bridge will reopen," the mayor told reporters on Monday.',
        None,
    ),
    Row(
        "an apostrophe set apart is the same word",
        '"I’ m proud of the team," the coach said after the final on Sunday.',
        '"I\'m proud of the team," the coach said after the final on Sunday.',
        None,
    ),
    Row(
        "a surname particle written glued or apart is one speaker",
        '"The witness is an emotional wreck," Judge Maria DelValle said on Thursday.',
        '"The witness is an emotional wreck," Supreme Court Judge Maria Del Valle said on '
        "Thursday.",
        None,
    ),
    Row(
        "a term in quotation marks is nobody's statement",
        'Norland will allow a "safe passage" into the valley, premier Ivo Hartmann\'s office '
        "said last night.",
        'The Norland army said it would pause its shelling so a "safe passage" could be opened.',
        None,
    ),
    Row(
        "three words given to another speaker are misattributed",
        '"Honestly we\'re devastated," club president K.L. Ortiz said in a statement.',
        '"Honestly we\'re devastated," club president K.L. Romero said in a statement.',
        "quote.misattribution",
        "high",
    ),
    Row(
        "a possessive is not a contraction",
        '"The club\'s future is safe," the owner said after the meeting on Friday.',
        '"The club is safe," the owner said after the meeting on Friday.',
        "quote.wording",
    ),
    Row(
        "wording",
        'Zelensky said: "Many more Chinese citizens are fighting for Russia in our territory."',
        '"Significantly more Chinese citizens are fighting for Russia in our territory," '
        "Zelensky said.",
        "quote.wording",
        "medium",
        ("Many", "Significantly"),
    ),
    Row(
        "truncation drops a qualifier",
        '"Russia is directly drawing China, along with other countries, into this war," '
        "Zelensky said on Tuesday.",
        '"Russia is directly drawing China into this war," Zelensky said on Tuesday.',
        "quote.truncation",
        "medium",
        ("along with other countries",),
    ),
    Row(
        "full quote cut short",
        'Peskov said: "We will respond to every strike on our territory with all the means we '
        'have."',
        'Peskov said: "We will respond to every strike on our territory."',
        "quote.truncation",
        "medium",
    ),
    Row(
        "misattribution",
        'Defence minister Rustem Umerov said: "We will respond to every strike on our cities, '
        'without exception."',
        'Foreign minister Andrii Sybiha said: "We will respond to every strike on our cities, '
        'without exception."',
        "quote.misattribution",
        "high",
    ),
    Row(
        "a body and its spokesman named by the body's initials are one voice",
        'NRWA spokesman Tom Velde said: "The reservoir will stay closed to boats until May."',
        '"The reservoir will stay closed to boats until May," the National River Water '
        "Authority said.",
        None,
    ),
    Row(
        "the words a partial quote leaves out stand just before it, in reported speech",
        'Inspector Ruth Ames said there was "evidence of a forced entry at the back door".',
        'Inspector Ruth Ames said: "There is evidence of a forced entry at the back door."',
        None,
    ),
    Row(
        "a partial quote that drops words the sentence does not carry elsewhere is a cut",
        'Inspector Ruth Ames said there was "evidence of a forced entry at the back door".',
        'Inspector Ruth Ames said: "There is no evidence of a forced entry at the back door."',
        "quote.truncation",
        "high",
    ),
    Row(
        "a fragment quoted without the negation just before its words",
        'Inspector Ruth Ames said there was "evidence of a forced entry".',
        'Inspector Ruth Ames said: "There is no evidence of a forced entry."',
        "quote.truncation",
        "high",
        ("no",),
    ),
    Row(
        "a fragment whose lead-in keeps the negation",
        'Inspector Ruth Ames said there was no "evidence of a forced entry".',
        'Inspector Ruth Ames said: "There is no evidence of a forced entry."',
        None,
    ),
    Row(
        "quoted words given as paraphrase, changed",
        'Peskov said: "The claims of the Ukrainian side are completely unfounded and false."',
        "Peskov said the claims of the Ukrainian side were entirely baseless and false.",
        "quote.paraphrase",
    ),
    Row(
        "the same words with and without quotation marks are info",
        'Peskov said: "The claims of the Ukrainian side are unfounded and false."',
        "Peskov said the claims of the Ukrainian side were unfounded and false.",
        "quote.paraphrase",
        "info",
    ),
    Row(
        "a paraphrase of quoted words that swaps a synonym is info",
        'The minister said the decree "freezes the movement\'s assets" across the whole country.',
        "The minister said the decree freezes the movement's funds across the whole country.",
        None,
    ),
    Row(
        "a paraphrase of quoted words that drops their negation",
        'Peskov said: "Moscow will not send more troops to the northern border this year."',
        "Peskov said Moscow would send more troops to the northern border this year.",
        "quote.paraphrase",
        "medium",
    ),
    Row(
        "a first name that completes a name in a quote is info",
        'The paper says the governor "likens Brandt to Napoleon" in a new campaign video.',
        'The paper says the governor "likens Otto Brandt to Emperor Napoleon" in a new campaign '
        "video.",
        None,
    ),
    Row(
        "another name in a quote is not a completed name",
        '"President Putin will answer for this," Peskov said on Tuesday.',
        '"President Zelensky will answer for this," Peskov said on Tuesday.',
        "quote.wording",
    ),
    Row(
        "words in brackets inside a quote are the outlet's, not the speaker's",
        '"We will raise the matter with Chancellor Varga (news - photos) and Prime Minister '
        'Lindahl," he said.',
        '"We will raise the matter with Chancellor Varga and Prime Minister Lindahl," he said.',
        None,
    ),
    Row(
        "'it' and 'this' in a quote move nothing",
        'Officials said: "It is a serious blow to the talks, but it is not the end."',
        'Officials said: "This is a serious blow to the talks, but it is not the end."',
        None,
    ),
    Row(
        "a negation added to a quote is still high",
        'The agency said: "We did receive intelligence material about the plot."',
        'The agency said: "At no stage did we receive intelligence material about the plot."',
        "quote.wording",
        "high",
    ),
    Row(
        "newswire double apostrophes are quotation marks",
        "The department said the FBI had conducted ''more than 10'' investigations at mosques.",
        'The department said the FBI had conducted "more than 10" investigations at mosques.',
        None,
    ),
    Row(
        "a quote in two pieces around its attribution is not cut",
        '"If you approve this plan, Wall Street will be laughing at you," said Rep. Dana Whitlock.',
        '"If you approve this plan," Rep. Dana Whitlock told colleagues, "Wall Street will be '
        'laughing at you."',
        None,
    ),
    Row(
        "a quote cut short with no second piece is still cut",
        '"If you approve this plan, Wall Street will be laughing at you," said Rep. Dana Whitlock.',
        '"If you approve this plan," Rep. Dana Whitlock told colleagues on the floor of the house.',
        "quote.truncation",
    ),
    Row(
        "articles, relative pronouns and tense in a quote are info",
        '"This has been a stubborn leak that has not been fixed," Garner said.',
        '"This was a stubborn leak which has not been fixed," Garner said.',
        None,
    ),
    Row(
        "a modal changed in a quote is not grammar alone",
        '"This problem will be solved by the engineers next year," Wallace said on Monday.',
        '"This problem would be solved by the engineers next year," Wallace said on Monday.',
        "quote.wording",
    ),
    Row(
        "a shorter quote whose rest follows unquoted is not cut",
        "Agents 'use lighting tricks to make rooms look larger than they really are'",
        "Agents use lighting 'tricks' to make rooms look larger than they really are",
        None,
    ),
]

NUMBERS = [
    Row(
        "'over' a span of weeks that opens a clause says when, not how long",
        "The inquiry lasted nine weeks and heard evidence from 31 witnesses, the chair said.",
        "Over nine weeks, the inquiry heard evidence from 31 witnesses, the chair said.",
        None,
    ),
    Row(
        "'over' the years of a change just stated says when, not how long",
        "The levy will climb from 3 to 5 percent over the next four years, the treasury said.",
        "The levy will climb from 3 to 5 percent over four years, the treasury said.",
        None,
    ),
    Row(
        "'over' a span after a noun says when, not how long",
        "The pullback of the border units will take place over the next six months, aides said.",
        "The pullback of the border units over six months will begin in May, aides said.",
        None,
    ),
    Row(
        "'younger than' bounds an age as 'under' does",
        "Most of the new cases are in pupils under 12, the district's health office said.",
        "Most of the new cases are in pupils younger than 12, the district's health office said.",
        None,
    ),
    Row(
        "'for over' a span is still more than it",
        "The harbour crane has stood idle for nine years, the port authority said on Monday.",
        "The harbour crane has stood idle for over nine years, the port authority said on Monday.",
        "number.precision",
    ),
    Row(
        "a market's opening and close on two days are two reports",
        "Gold futures open higher on Monday in Singapore.",
        "Gold futures close lower on Friday in Singapore.",
        None,
    ),
    Row(
        "two times of day do not reconcile two dates of one event",
        "The quake struck the coast on Monday morning, officials said.",
        "The quake struck the coast on Tuesday evening, officials said.",
        "date.conflict",
    ),
    Row(
        "one market moment on two days is a date conflict",
        "Gold futures closed higher on Monday in Singapore.",
        "Gold futures closed higher on Friday in Singapore.",
        "date.conflict",
    ),
    Row(
        "a score behind is no count of points",
        "The Hawks, trailing 10-0 at halftime, scored 21 straight points late in the game to win.",
        "The Hawks overcame a 10-0 halftime deficit and a 27-17 deficit late in the game to win.",
        None,
    ),
    Row(
        "how often is not how many",
        "Dozens riot in the city after police shoot a teenager.",
        "Riot breaks out in the city after police shoot a teenager 11 times.",
        None,
    ),
    Row(
        "two counts of how often conflict",
        "Police shot the teenager seven times outside the shop.",
        "Police shot the teenager 11 times outside the shop.",
        "number.conflict",
    ),
    Row(
        "both sides of one threshold, each passage naming one side by its figure",
        "An index reading below 40 signals a slowdown in building, while a reading above that "
        "points to growth.",
        "A reading above 40 signals growth in building, while one below that level points to a "
        "slowdown.",
        None,
    ),
    Row(
        "opposite bounds on one figure still conflict when no threshold is described",
        "The quake killed more than 50 people, fewer than last year.",
        "The quake killed fewer than 50 people, more than expected.",
        "number.conflict",
        evidence=("more than 50 people", "fewer than 50 people"),
    ),
    Row(
        "made out of attempted glued by dashes reads as with spaces",
        "But he was no match for Ortega, who completed 31 of 38 for 312 yards and two touchdowns.",
        "Ortega finished with 31-of-38 after completing his first 14 passes and threw for 312 "
        "yards, including two touchdowns.",
        None,
    ),
    Row(
        "a rate is no total: per season against a whole contract",
        "The Tigers have made a six-year offer to Alvarez in excess of $120 million, sources "
        "say, less than the $150 million reported by a local station.",
        "The Tigers offered Alvarez a six-year deal worth $150 million or $25 million per "
        "season, the station reported.",
        None,
    ),
    Row(
        "two rates still conflict",
        "The Tigers offered Alvarez a six-year deal worth $25 million per season, the station "
        "reported.",
        "The Tigers offered Alvarez a six-year deal worth $20 million per season, the station "
        "reported.",
        "number.conflict",
        evidence=("$25 million", "$20 million"),
    ),
    Row(
        "two rates said two ways agree",
        "The Ravens had two backs run for over 100 yards each in the defeat.",
        "The Ravens had two backs run for over 100 yards apiece in the defeat.",
        None,
    ),
    Row(
        "a time after is no rate",
        "The flood killed 12 people a day after the storm in the valley.",
        "The flood killed 15 people a day after the storm in the valley.",
        "number.conflict",
        evidence=("12 people", "15 people"),
    ),
    Row(
        "a time ago is no rate",
        "The flood killed 12 people a week ago in the valley.",
        "The flood killed 15 people a week ago in the valley.",
        "number.conflict",
        evidence=("12 people", "15 people"),
    ),
    Row(
        "two ordinals rank two kinds of thing: a down and a quarter",
        "Her 12-yard scoring pass to Lena Park on third - and - goal midway through the fourth "
        "quarter lifted the Hawks to a 20-17 victory.",
        "Her scoring pass to Lena Park midway through the fourth quarter on Saturday lifted the "
        "Hawks to a 20-17 win.",
        None,
    ),
    Row(
        "two ordinals of one ranking still conflict",
        "Jensen finished third in the downhill race on Saturday.",
        "Jensen finished fourth in the downhill race on Saturday.",
        "number.conflict",
        evidence=("third", "fourth"),
    ),
    Row(
        "a telephone number with and without its area code is no figure",
        "Witnesses to the crash should phone the county police tip line at 503-555-0187.",
        "Witnesses to the crash should phone the county police tip line at 555-0187.",
        None,
    ),
    Row(
        "restated figures are compared with each other",
        "The paper is based in Santa Clara, 45 miles (72 km) south of the city.",
        "The paper is based in Santa Clara, 45 miles (92 km) south of the city.",
        "number.conflict",
        evidence=("72 km", "92 km"),
    ),
    Row(
        "a figure restated in brackets in another unit pairs with nothing of its own",
        "The tremor struck at a depth of 20 kilometres (12.4 miles) under the hill district, "
        "the agency said.",
        "The tremor hit at a depth of 20 kilometres, 40 kilometres east of the port, the "
        "agency said.",
        None,
    ),
    Row(
        "an ordinal before a figure ranks the thing, it measures no time",
        "The conductor got a second one-year renewal of her deal in less than a year this fall.",
        "The orchestra gave the conductor two renewals of her deal in eight months.",
        None,
    ),
    Row(
        "one depth written to two precisions is rounding, not a conflict",
        "The quake struck at a depth of 10 kilometres (6.2 miles), the survey said.",
        "The quake struck at a depth of six miles, the survey said.",
        None,
    ),
    Row(
        "a figure rounded to a tenth of itself still conflicts when the digits differ",
        "The tunnel runs for 1.2 miles under the river, engineers said.",
        "The tunnel runs for 12 miles under the river, engineers said.",
        "number.conflict",
        "high",
        ("1.2 miles", "12 miles"),
    ),
    Row(
        "clock times are no figures written to two precisions",
        "The cable was cut between Alexandria and Suez this morning from 06:31GMT.",
        "The cable was cut between Alexandria and Suez this morning from 06:48GMT.",
        "number.conflict",
        evidence=("06:31GMT", "06:48GMT"),
    ),
    Row(
        "one kickoff told in two US time zones is one time",
        "Denver opens its playoff run Sunday at 8:15 p.m. ET in Oakland.",
        "Denver opens its playoff run Sunday at 5:15 p.m. PST in Oakland.",
        None,
    ),
    Row(
        "a time in one zone against a time of no stated zone is not weighed",
        "Denver visits Oakland on Sunday at 7:15 p.m. in the divisional round.",
        "Denver visits Oakland on Sunday at 8:15 p.m. ET in the divisional round.",
        None,
    ),
    Row(
        "a changed time in two US zones still conflicts",
        "Denver opens its playoff run Sunday at 8:15 p.m. ET in Oakland.",
        "Denver opens its playoff run Sunday at 6:15 p.m. PST in Oakland.",
        "number.conflict",
    ),
    Row(
        "a round figure far from the precise one is no rounding",
        "The insurer put the loss at $1.4 million after the flood, it said.",
        "The insurer put the loss at $1 million after the flood, it said.",
        "number.conflict",
        evidence=("$1.4 million", "$1 million"),
    ),
    Row(
        "people counted under two nouns are one count: 11 smugglers are 11 nationals",
        "Marines stormed the trawler and took five rifles from the 12 Eritrean and 11 Sudanese "
        "smugglers on deck.",
        "Marines stormed the trawler, detaining 12 Eritrean and 11 Sudanese nationals and weapons.",
        None,
    ),
    Row(
        "a route number is a name, yet a changed one is still a changed figure",
        "Jackson was arrested early on state Route 52 near the interstate, police said.",
        "Jackson was arrested early on state Route 25 near the interstate, police said.",
        "number.conflict",
        evidence=("52", "25"),
    ),
    Row(
        "a figure inside the other's hedge agrees: 101 yards are more than a hundred",
        "Marcus Bell rushed for 188 yards while Devin Okoye added 101.",
        "Marcus Bell rushed for 188 yards and Devin Okoye for more than a hundred yards.",
        None,
    ),
    Row(
        "a number word the reader refused is no figure: one of the largest",
        "Norvia Telecom and Kestrel Net, one of Chile's largest phone carriers, were hit by the "
        "outage.",
        "Norvia Telecom and Kestrel Net, two of Chile's largest phone carriers, were hit by the "
        "outage.",
        None,
    ),
    Row(
        "a day of the month is not weighed against a count",
        "The charge of polygamy against Blackmore dates from May 1, according to court files.",
        "The charge of polygamy against Blackmore involves 20 women, according to court files.",
        None,
    ),
    Row(
        "a week of the season named is no score",
        "The Colts beat the Jaguars in Week 16 to lock up the fifth seed.",
        "The Colts beat the Jaguars 31-24 to lock up the fifth seed.",
        None,
    ),
    Row(
        "a changed storm category is still a changed figure",
        "The storm hit the coast as a Category 4 hurricane on Monday, forecasters said.",
        "The storm hit the coast as a Category 3 hurricane on Monday, forecasters said.",
        "number.conflict",
        evidence=("4", "3"),
    ),
    Row(
        "a batting average is no count of home runs",
        "Varela hit .341 with 17 homers and 52 RBIs in 61 games with the Mariners.",
        "Varela hit 17 home runs and 52 RBIs in 61 games with the Mariners.",
        None,
    ),
    Row(
        "two attributive measures of one kind conflict whatever nouns follow",
        "A 7.4-magnitude earthquake also hit off the town of Puerto Lira in June 2009.",
        "A 7.3-magnitude quake struck 215 kilometres off Puerto Lira in June 2009.",
        "number.conflict",
        evidence=("7.4-magnitude", "7.3-magnitude"),
    ),
    Row(
        "two lengths of one stretch of road conflict, the one attributive",
        "Police closed 10 miles of the highway after the crash on Friday.",
        "Police closed a 12-mile stretch of the highway after the crash on Friday.",
        "number.conflict",
        evidence=("10 miles", "12-mile"),
    ),
    Row(
        "a team's record is not the score of the game",
        "Okoro had 24 points on Friday to set the school's career scoring mark and help the "
        "Falcons (9-0) stay perfect with an 84-66 win over visiting Marion (6-3).",
        "Okoro had 24 points on Friday, setting the school's career scoring mark, and the "
        "Falcons beat visiting Marion, 84-66.",
        None,
    ),
    Row(
        "a changed score",
        "The Hornets beat visiting Denton 91-73 on Thursday night.",
        "The Hornets beat visiting Denton 91-75 on Thursday night.",
        "number.conflict",
        "high",
        ("73", "75"),
    ),
    Row(
        "a figure with a character lost in decoding is not read",
        "The clerk spent 3\ufffd months in county jail for her role in the scheme.",
        "The clerk spent 312 months in county jail for her role in the scheme.",
        None,
    ),
    Row(
        "a clock time against a count in its place is no misread time",
        "Firefighters were called to the barn about 11:25 p.m. and found flames coming from the "
        "hayloft doors.",
        "Flames were coming from the barn when as many as 20 to 25 volunteer firefighters "
        "arrived at the hayloft doors.",
        None,
    ),
    Row(
        "ranks in two named sets can both hold",
        "Paul Kessler became the fifth NHL head coach to be dismissed this season, after an "
        "eight-game skid.",
        "Kessler is the third Western Conference head coach to be dismissed this season, after "
        "an eight-game skid.",
        None,
    ),
    Row(
        "ranks in one named set conflict",
        "Dunne became the fifth NBA coach to be fired this season.",
        "Dunne became the third NBA coach to be fired this season.",
        "number.conflict",
        evidence=("fifth NBA coach", "third NBA coach"),
    ),
    Row(
        "two shared exact figures make loosely worded sentences one fact: the third conflicts",
        "Orvell's shares fell $1.25, or 2.4 percent, to $50.75 on Tuesday.",
        "The maker of garden tools lost $1.25, or 2.4 percent, finishing at $48.30 in New York.",
        "number.conflict",
        "high",
        ("$50.75", "$48.30"),
    ),
    Row(
        "one shared exact figure is a coincidence: two indexes each lost 0.87 percent",
        "The index shed 15 points, or 0.87 percent, to 1,650.",
        "A broader gauge of blue chips slipped 8 points, or 0.87 percent, to 915.",
        None,
    ),
    Row(
        "a count out of a whole is compared as the count, not the whole",
        "The striker missed 11 of the Rangers' 38 games last season with a knee injury.",
        "The striker missed ten games last season because of a knee injury.",
        "number.conflict",
        evidence=("11 of the Rangers'", "ten games"),
    ),
    Row(
        "a quake's magnitude is not a death toll",
        "A magnitude 6.1 earthquake hit the province, killing five people.",
        "A strong earthquake hit the province, killing one person.",
        "number.conflict",
        evidence=("five people", "one person"),
    ),
    Row(
        "an age set off by commas is not a count of seasons",
        "Moreau, 48, was fired by the club in the middle of his fourth season.",
        "Moreau was fired by the club after nearly four seasons.",
        None,
    ),
    Row(
        "a team named with a figure is a name, not a count",
        "Ramos will coach the club for three seasons, officials said on Friday.",
        "Ramos will coach the 76ers, officials said on Friday.",
        None,
    ),
    Row(
        "a figure changed inside a name is still reported",
        "The Giants beat the Pittsburgh 76ers in three games to reach the final.",
        "The Giants beat the Pittsburgh 49ers in three games to reach the final.",
        "number.conflict",
    ),
    Row(
        "a year against a code with a letter before its digits is no changed figure",
        "The chip maker will ship the new 2012 servers to data centres, the company said.",
        "The chip maker will ship the new x86 servers to data centres, the company said.",
        None,
    ),
    Row(
        "a year that starts a span of years agrees with it",
        "Okafor played for the Lakers from 1981 and won two titles with the team.",
        "Okafor played for the Lakers from 1981-88 and won two titles with the team.",
        None,
    ),
    Row(
        "an age is not a span of days",
        "The poet died at the age of 79 after suffering a fall at her cottage.",
        "The poet died six days after suffering a fall at her cottage.",
        None,
    ),
    Row(
        "a one-sided win counts nothing",
        "The champion, 33, won the bout against the Welshman in Cardiff.",
        "The champion won a one-sided bout against the Welshman in Cardiff.",
        None,
    ),
    Row(
        "conflicting counts",
        "The strike killed 19 people in the city centre on Friday, officials said.",
        "The strike killed 20 people in the city centre on Friday, officials said.",
        "number.conflict",
        "high",
        ("19 people", "20 people"),
    ),
    Row(
        "a time said to be about one hour and exactly that hour",
        "The ferry left the harbour at about 7 p.m. with 40 passengers on board.",
        "The ferry left the harbour at exactly 7 p.m. with 40 passengers on board.",
        "number.precision",
        "low",
        ("about 7 p.m.", "exactly 7 p.m."),
    ),
    Row(
        "a time about one hour and a time two hours later conflict",
        "The ferry left the harbour at about 7 p.m. with 40 passengers on board.",
        "The ferry left the harbour at 9 p.m. with 40 passengers on board.",
        "number.conflict",
    ),
    Row(
        "about 7 p.m. and 7:20 p.m. agree within the hedge",
        "The ferry left the harbour at about 7 p.m. with 40 passengers on board.",
        "The ferry left the harbour at 7:20 p.m. with 40 passengers on board.",
        None,
    ),
    Row(
        "nearly vs more than",
        "The war, now nearly three years old, has displaced millions of people in the region.",
        "The war, now more than three years old, has displaced millions of people in the region.",
        "number.conflict",
    ),
    Row(
        "vague quantities",
        "Hundreds of protesters gathered outside the parliament building on Sunday evening.",
        "Dozens of protesters gathered outside the parliament building on Sunday evening.",
        "number.conflict",
    ),
    Row(
        "a range against a figure outside it",
        "Between 5 and 10 fishing boats were seized by the coast guard near the island.",
        "12 fishing boats were seized by the coast guard near the island.",
        "number.conflict",
    ),
    Row(
        "a hedge that stops short of the figure",
        "Turnout reached 80% in the capital, the electoral commission said on Monday.",
        "Turnout reached almost 80% in the capital, the electoral commission said on Monday.",
        "number.precision",
    ),
    Row(
        "two hedges",
        "At least 40 people were injured when the bridge collapsed, the fire service said.",
        "Up to 40 people were injured when the bridge collapsed, the fire service said.",
        "number.precision",
    ),
    Row(
        "glued units",
        "The laptops run at 2.7GHz and carry up to 8GB of memory, the company said.",
        "The laptops run at 3.1GHz and carry up to 8GB of memory, the company said.",
        "number.conflict",
    ),
    Row(
        "a plural modifier before the counted noun",
        "More than 100 police officers took part in the raids across the city on Tuesday.",
        "Fewer than 100 officers took part in the raids across the city on Tuesday.",
        "number.conflict",
    ),
    Row(
        "a hyphenated scale suffix",
        "Shipping heir Nils Aaberg agreed to buy the Harbour Gazette for $180 million.",
        "Shipping heir Nils Aaberg agreed to buy the Harbour Gazette for $180-M.",
        None,
    ),
    Row(
        "digits and number words are equal",
        "Two soldiers were captured near the village of Bilohorivka in the Donetsk region.",
        "2 soldiers were captured near the village of Bilohorivka in the Donetsk region.",
        None,
    ),
    Row(
        "two counts that add up to the other outlet's",
        "A drone struck a truck near Qarvan, killing three militia chiefs and at least four other "
        "people.",
        "A drone struck a truck near Qarvan, killing seven people, local officials said.",
        None,
    ),
    Row(
        "two counts that do not add up",
        "A drone struck a truck near Qarvan, killing two militia chiefs and three other people.",
        "A drone struck a truck near Qarvan, killing nine people, local officials said.",
        "number.conflict",
    ),
    Row(
        "a game clock changed to an impossible time",
        "Moreno tied Clarke on a layup from the right baseline with 16:20 left in the first half.",
        "Moreno tied Clarke on a layup from the right baseline with 46:20 left in the first half.",
        "number.conflict",
    ),
    Row(
        "two figures said in the same words pair wherever each passage puts them",
        "Video of Chicago mother of 9 Dana Whitby shot and killed in a gang shooting was shown "
        "Thursday, according to the Tribune.",
        "This grainy surveillance video was shown at the Cook County court on Thursday during "
        "the trial of two men accused in killing Dana Whitby, 31, a mother of 8, in 2012 and "
        "wounding two others.",
        "number.conflict",
        "medium",
        ("9", "8"),
    ),
    Row(
        "a negation written into the bound is read with it",
        "The club offered no more than three years to any of its players, a director said.",
        "The club offered five years to some of its players, a director said.",
        "number.conflict",
    ),
    Row(
        "a threshold changed where another figure has the same value",
        "The last tremor measuring 3.0 or above was recorded on Feb. 11, three miles north of "
        "Pine Hollow at a depth of 2.4 miles.",
        "The last tremor measuring 3.2 or above was recorded on Feb. 11, three miles north of "
        "Pine Hollow at a depth of 2.4 miles.",
        "number.conflict",
        "medium",
        evidence=("3.0 or above", "3.2 or above"),
    ),
    Row(
        "two floors at different figures are two counts",
        "At least 112 people died when the dam gave way above Kerrow, the governor said.",
        "At least 121 people died when the dam gave way above Kerrow, the governor said.",
        "number.conflict",
        "medium",
        ("At least 112 people", "At least 121 people"),
    ),
    Row(
        "two ceilings at different figures are two counts",
        "Up to 20 fishing boats were lost in the gale off Harrow Point, the coastguard said.",
        "Up to 30 fishing boats were lost in the gale off Harrow Point, the coastguard said.",
        "number.conflict",
        "medium",
    ),
    Row(
        "a rounder floor below the other's figure says the same count loosely",
        "More than 100 people died when the dam gave way above Kerrow, the governor said.",
        "At least 112 people died when the dam gave way above Kerrow, the governor said.",
        "number.precision",
        "low",
    ),
    Row(
        "a rounder floor far below the other's figure is another count",
        "More than 1,000 people were moved out of Orsay on Sunday, the prefect said.",
        "At least 1,900 people were moved out of Orsay on Sunday, the prefect said.",
        "number.conflict",
        "medium",
    ),
    Row(
        "the whole a part is counted from is a count too",
        "Vidal was one of five engineers who designed the Korsa bridge, the firm said.",
        "Vidal was one of eight engineers who designed the Korsa bridge, the firm said.",
        "number.conflict",
        "high",
        ("five engineers", "eight engineers"),
    ),
    Row(
        "a whole after an owner is a whole too",
        "Transfers from just four of Velmar Bank's 40 accounts topped $2 billion, the "
        "prosecutor said.",
        "Transfers from four of the 122 accounts at Velmar Bank topped $2 billion, the "
        "prosecutor said.",
        "number.conflict",
        "high",
    ),
    Row(
        "a floor far below a bare figure is another count",
        "More than 1,000 people were moved out of Orsay on Sunday, the prefect said.",
        "A total of 1,900 people were moved out of Orsay on Sunday, the prefect said.",
        "number.conflict",
        "medium",
        ("More than 1,000 people", "A total of 1,900 people"),
    ),
    Row(
        "a ceiling far above a bare figure is another count",
        "Up to 30 fishing boats were lost in the gale off Harrow Point, the coastguard said.",
        "Twelve fishing boats were lost in the gale off Harrow Point, the coastguard said.",
        "number.conflict",
        "medium",
    ),
    Row(
        "a floor just below a bare figure says it loosely",
        "More than 100 people died when the dam gave way above Kerrow, the governor said.",
        "In all 112 people died when the dam gave way above Kerrow, the governor said.",
        None,
    ),
    Row(
        "a bound that marks out a group, against a bare figure, is a threshold",
        "Residents over 60 will be offered the booster first, the Halden health board said.",
        "Residents aged 75 will be offered the booster first, the Halden health board said.",
        None,
    ),
    Row(
        "bounds that mark out a group are thresholds, never rounded",
        "Residents over 60 will be offered the booster first, the Halden health board said.",
        "Residents over 65 will be offered the booster first, the Halden health board said.",
        "number.conflict",
        "medium",
    ),
    Row(
        "a rounder ceiling above the other's figure says the same count loosely",
        "Fewer than 100 fishing boats were lost in the gale off Harrow Point, the coastguard said.",
        "Fewer than 92 fishing boats were lost in the gale off Harrow Point, the coastguard said.",
        "number.precision",
        "low",
    ),
    Row(
        "a bare figure does not take another unit's equal",
        "The quake measured 3.0 on the scale, three miles east of the town.",
        "The quake measured 3.2 on the scale, three miles east of the town.",
        "number.conflict",
        evidence=("3.0", "3.2"),
    ),
    Row(
        "a score changed",
        "Brazil were held 2-2 by England as the Maracana re-opened on Sunday.",
        "Brazil were held 2-9 by England as the Maracana re-opened on Sunday.",
        "number.conflict",
        evidence=("2", "9"),
    ),
    Row(
        "one figure written two ways",
        "The government pledged 1.2 million dollars to rebuild the bridge over the river.",
        "The government pledged 1,200,000 dollars to rebuild the bridge over the river.",
        None,
    ),
    Row(
        "a firm count against a ceiling at it",
        "The carmaker said it would cut 18,000 jobs across Europe over the next three years.",
        "The carmaker said it would cut up to 18,000 jobs across Europe over the next three years.",
        "number.precision",
        evidence=("18,000 jobs", "up to 18,000 jobs"),
    ),
    Row(
        "figures pair with the same figure, not with the same noun in another place",
        "At least 14 more cases in Ohio and four in Kentucky are suspected, officials said.",
        "There are also four suspected cases in Kentucky and 14 in Ohio, officials said.",
        "number.precision",
        evidence=("At least 14", "14"),
    ),
    Row(
        "figures of two times of day are two reports, not a conflict",
        "By late afternoon, the main index was up 23.40 points, or 0.2 percent, at 11,204.55.",
        "In morning trading, the main index was down 6.15 points, or 0.2 percent, at 11,175.00.",
        None,
    ),
    Row(
        "a figure changed within one time of day is still a conflict",
        "In morning trading, the main index was up 23.40 points, or 0.2 percent, at 11,204.55.",
        "In morning trading, the main index was up 23.40 points, or 0.2 percent, at 11,175.00.",
        "number.conflict",
    ),
    Row(
        "a figure inside a hedge around it is routine rounding",
        "About 300 workers joined the strike at the port on Monday morning, the union said.",
        "300 workers joined the strike at the port on Monday morning, the union said.",
        None,
    ),
    Row(
        "a glued 'm' before 'from' is metres: 200ft is about 60m",
        "The walker was hurt on Sunday when she tripped and tumbled 200ft from a cliff path above "
        "the bay.",
        "The walker was hurt on Sunday when she tripped and tumbled about 60m from a cliff path "
        "above the bay.",
        None,
    ),
    Row(
        "metres still conflict",
        "The climber fell 600m while walking to a hut on the mountain with two friends.",
        "The climber fell 900m while walking to a hut on the mountain with two friends.",
        "number.conflict",
        evidence=("600m", "900m"),
    ),
    Row(
        "a glued 'm' before a noun is millions",
        "The final was watched by 6.1m people, the broadcaster said on Sunday morning.",
        "The final was watched by 6.1 million people, the broadcaster said on Sunday morning.",
        None,
    ),
]

DATES = [
    Row(
        "a weekday that a year-less date contradicts is read with that date",
        "The governor declared a heat emergency on Monday, after the mercury passed 44C.",
        "The governor declared a heat emergency on Tuesday, April 6, after the mercury passed 44C.",
        "date.conflict",
        evidence=("Tuesday, April 6",),
    ),
    Row(
        "the day a statement was made is not the day of the event it reports",
        "The minister resigned on Friday, her office told reporters.",
        "The minister resigned, her office told reporters on Saturday.",
        None,
    ),
    Row(
        "an event's date against a report's: nor are its day and year figures of a count",
        "Regional elections in Veloria which are scheduled for March 9, 2031, will be contested "
        "on a three-bloc basis, a notice from the National Board for Ballots and Polling said.",
        "For the first time since Veloria's independence, its regional elections will feature "
        "three blocs, the Norpress agency reported October 14, citing the country's National "
        "Ballot and Polling Board.",
        None,
    ),
    Row(
        "two statements' days conflict",
        "The minister resigned, her office said on Friday.",
        "The minister resigned, her office said on Saturday.",
        "date.conflict",
        evidence=("Friday", "Saturday"),
    ),
    Row(
        "the date of another event, owned by its noun, is not this event's date",
        "The winger was detained on Tuesday evening, five days before an important cup final.",
        "The detention leaves the winger's place in Sunday's cup final unchanged.",
        None,
    ),
    Row(
        "two events owned by their dates still conflict",
        "The arrest will not affect the striker's place in Sunday's cup final.",
        "The arrest will not affect the striker's place in Saturday's cup final.",
        "date.conflict",
    ),
    Row(
        "weekdays",
        "The two men were captured on Saturday near the front line, the ministry said.",
        "The two men were captured on Sunday near the front line, the ministry said.",
        "date.conflict",
    ),
    Row(
        "a weekday against the date it resolves to",
        "The two men were captured on Saturday near the front line, the ministry said.",
        "The two men were captured on April 5 near the front line, the ministry said.",
        None,
    ),
    Row(
        "a weekday against another date",
        "The two men were captured on Saturday near the front line, the ministry said.",
        "The two men were captured on April 3 near the front line, the ministry said.",
        "date.conflict",
    ),
]

FRAMING = [
    Row(
        "a guess reported for a statement is a change of stance",
        "Port director Ilse Varga said that a jammed valve was the most likely cause of the leak.",
        "Port director Ilse Varga suggested that a jammed valve was the most likely cause of the "
        "leak.",
        "framing.attribution_verb",
        evidence=("said", "suggested"),
    ),
    Row(
        "told in a perfect passive and assured in one differ in stance",
        "The owner says he has been told the blaze is being treated as arson by detectives.",
        "The owner says he has been assured the blaze is being treated as arson by detectives.",
        "framing.attribution_verb",
        evidence=("told", "assured"),
    ),
    Row(
        "a partial quote whose first words stand just outside its marks is the same quote",
        'Judge Vera Holm ruled on Friday. "The settlement gave Mr. Dunmore a share of ticket sales," '
        "Holm wrote in her ruling.",
        'Judge Vera Holm ruled on Friday, writing that the settlement "gave Mr. Dunmore a share of '
        'ticket sales."',
        None,
    ),
    Row(
        "admitting the hospital erred is still a concession",
        "The health board said the hospital had failed the patient, the inquiry found.",
        "The health board admitted the hospital had failed the patient, the inquiry found.",
        "framing.attribution_verb",
        evidence=("said", "admitted"),
    ),
    Row(
        "admitted to hospital is checking in, not a concession",
        "The mill said 31 workers fell ill on Tuesday. Six of them have been admitted to hospital.",
        "The mill said 31 workers fell ill on Tuesday. Six of them are in hospital.",
        None,
    ),
    Row(
        "suggesting a thing is proposing it, not reporting words",
        "The harbour master suggested a second pier to the town council on Monday evening.",
        "The harbour master proposed a second pier to the town council on Monday evening.",
        None,
    ),
    Row(
        "admitting oneself to a clinic is checking in, not a concession",
        "The actress admitted herself to a rehab clinic in Malibu on Thursday, her lawyer said.",
        "The actress checked into a rehab clinic in Malibu on Thursday, her lawyer said.",
        None,
    ),
    Row(
        "a verb that reports is not also a hedge",
        "The filing alleged four aggravating factors that make her liable for damages.",
        "The filing listed four aggravating factors that make her liable for damages.",
        "framing.attribution_verb",
    ),
    Row(
        "an adjective that hedges is a hedge",
        "The alleged gunman was arrested at his home on Friday, police said.",
        "The gunman was arrested at his home on Friday, police said.",
        "framing.hedge",
    ),
    Row(
        "says vs claims",
        "Zelensky says Beijing knew about its citizens fighting for Russia in Ukraine.",
        "Zelensky claims Beijing knew about its citizens fighting for Russia in Ukraine.",
        "framing.attribution_verb",
        "medium",
        ("says", "claims"),
    ),
    Row(
        "confirmed vs admitted",
        "The ministry confirmed that two of its officials had been detained in the raid.",
        "The ministry admitted that two of its officials had been detained in the raid.",
        "framing.attribution_verb",
    ),
    Row(
        "confirmed vs said is the mildest shift: info",
        "The ministry confirmed that two of its officials had been detained in the raid.",
        "The ministry said that two of its officials had been detained in the raid.",
        None,
    ),
    Row(
        "a loaded verb the other outlet quotes the speaker using",
        "In a statement, the coach acknowledged that he had spoken too harshly.",
        '"I have acknowledged that I spoke too harshly," the coach said.',
        None,
    ),
    Row(
        "a loaded verb one side adds beside verbs both share",
        "Iran says it captured a U.S. drone over the Gulf; Washington denies losing one.",
        "Iran claims it captured a U.S. drone over the Gulf; Washington says that is untrue.",
        "framing.attribution_verb",
        evidence=("claims",),
    ),
    Row(
        "an assertive verb against no attribution",
        "None of the casualties were Americans, according to a spokesman for the regiment.",
        "None of the casualties were Americans, insisted a spokesman for the regiment.",
        "framing.attribution_verb",
        evidence=("insisted",),
    ),
    Row(
        "a headline's closing attribution",
        "Jurors find Marek Dunlow fit to stand trial in Tulsa arson case",
        "Marek Dunlow fit to stand trial in Tulsa arson case, jury claims",
        "framing.attribution_verb",
        evidence=("claims",),
    ),
    Row(
        "a closing attribution with the speaker named after the verb",
        "Harbour bridge to shut for repairs through the whole summer",
        "Harbour bridge to shut for repairs through the whole summer, admits Mayor Ellen Ward",
        "framing.attribution_verb",
        evidence=("admits",),
    ),
    Row(
        "a name after the comma's verb that does not close the sentence is no attribution",
        "The insurer settled the storm damage within a week, Ann Jones said.",
        "The insurer settled the storm damage within a week, claims Director Ann Jones said.",
        None,
    ),
    Row(
        "'jobless claims' is no attribution",
        "The number of Americans filing new claims for jobless benefits rose last week.",
        "The number of Americans filing new jobless claims rose last week, the report said.",
        None,
    ),
    Row(
        "'claims victory' is no attribution",
        "Putin claims victory in the disputed Russian presidential election, officials say.",
        "Putin wins the disputed Russian presidential election, officials say.",
        None,
    ),
    Row(
        "'claimed the lives of' is no attribution",
        "The flood claimed the lives of 40 people in the valley, officials said on Monday.",
        "The flood killed 40 people in the valley, officials said on Monday.",
        None,
    ),
    Row(
        "soldiers vs citizens",
        "Ukraine captured two Chinese soldiers who were fighting for the Russian army.",
        "Ukraine captured two Chinese citizens who were fighting for the Russian army.",
        "framing.label",
        "medium",
        ("soldiers", "citizens"),
    ),
    Row(
        "migrants vs illegal immigrants",
        "Police detained forty migrants at the border crossing near the town early on Monday.",
        "Police detained forty illegal immigrants at the border crossing near the town early on "
        "Monday.",
        "framing.label",
    ),
    Row(
        "a loaded label of another class for the same people",
        "Police said 200 people were arrested after the march through the city on Sunday.",
        "Police said 200 rioters were arrested after the march through the city on Sunday.",
        "framing.label",
        "medium",
        ("people", "rioters"),
    ),
    Row(
        "two neutral labels of different classes are rewording",
        "Police said 200 protesters were arrested after the march through the city on Sunday.",
        "Police said 200 people were arrested after the march through the city on Sunday.",
        None,
    ),
    Row(
        "immigrants vs civilians",
        "Ministry eases visa rules for young immigrants, Lindqvist says",
        "Government eases visa rules for young civilians, Lindqvist says",
        "framing.label",
        "medium",
        ("immigrants", "civilians"),
    ),
    Row(
        "a label swapped in place, though each side also uses the other's for someone else",
        "Several people were hurt in the crush at the gate, and one person died on the way to "
        "hospital.",
        "Several civilians were hurt in the crush at the gate, and one person died on the way to "
        "hospital.",
        "framing.label",
        "medium",
        ("people", "civilians"),
    ),
    Row(
        "labels that trade places are no swap: each names its own group",
        "Soldiers guarded the bridge while people crossed it with their carts on Friday.",
        "People guarded the bridge while soldiers crossed it with their carts on Friday.",
        None,
    ),
    Row(
        "evidential hedge",
        "The two men were captured in the Donetsk region during fighting with Ukrainian forces.",
        "The two men were reportedly captured in the Donetsk region during fighting with "
        "Ukrainian forces.",
        "framing.hedge",
        evidence=("reportedly",),
    ),
    Row(
        "a hedge added inside a quote is a hedge, at a misquote's weight",
        '"The bridge was unsafe for years before it fell," the inspector told reporters.',
        '"The bridge was apparently unsafe for years before it fell," the inspector told '
        "reporters.",
        "framing.hedge",
        "medium",
        ("apparently",),
    ),
    Row(
        "a hedge added to a quote that is also cut is still a hedge",
        '"In many small ways, the old mill has shaped the life of the valley for a century," '
        "the mayor said.",
        'The mayor said: "The old mill has apparently shaped the life of the valley for a '
        'century."',
        "framing.hedge",
        "medium",
        ("apparently",),
    ),
    Row(
        "an intensifier dropped from a quote",
        '"We are deeply worried about the harvest," the farmers\' union said on Friday.',
        '"We are worried about the harvest," the farmers\' union said on Friday.',
        "framing.intensifier",
        "medium",
        ("deeply",),
    ),
    Row(
        "a relative of a hedge that both passages use does not stand for the hedge one adds",
        "Officials say the allegations were examined by the board and found to be baseless.",
        "Officials say the allegations were allegedly examined by the board and found to be "
        "baseless.",
        "framing.hedge",
        evidence=("allegedly",),
    ),
    Row(
        "a hedge the other says with a relative of the word is no hedge added",
        "There were allegations that the depot stored fuel illegally, the inspector said.",
        "The depot allegedly stored fuel illegally, the inspector said.",
        None,
    ),
    Row(
        "a negation added inside a quote is a negation, at a misquote's weight",
        '"Right now, the talks are stuck," the union\'s negotiator Ellen Varga said.',
        '"Right now, the talks are not stuck," the union\'s negotiator Ellen Varga said.',
        "content.negation",
        "high",
        ("not",),
    ),
    Row(
        "a verb negated by its contraction in one quote is a negation",
        '"The bridge isn\'t safe for lorries," the engineer Tove Lind said on Monday.',
        '"The bridge is safe for lorries," the engineer Tove Lind said on Monday.',
        "content.negation",
        "high",
        ("isn't", "is"),
    ),
    Row(
        "a contracted negation added to a quote is high",
        '"We don\'t accept the offer from the board," the union leader Ivo Marsh said.',
        '"We accept the offer from the board," the union leader Ivo Marsh said.',
        "content.negation",
        "high",
    ),
    Row(
        "a contraction typed without its apostrophe is the same negation",
        '"I cant say what went wrong after the break, but on the whole we were ready," the coach '
        "Mara Velt said.",
        "I can't say what went wrong after the break, but on the whole we were ready, the coach "
        "Mara Velt said.",
        None,
    ),
    Row(
        "a hedge the other says as a verb is no hedge added",
        "Two of the pirates are reported to have drowned when their boat sank near the coast.",
        "Two of the pirates reportedly drowned when their boat sank near the coast.",
        None,
    ),
    Row(
        "a report named as the source is no 'reportedly'",
        "There were 640 cadets enrolled at the college, the report said.",
        "There were reportedly 640 cadets enrolled at the college at the time of the report.",
        "framing.hedge",
        evidence=("reportedly",),
    ),
    Row(
        "'appear' in court is no 'apparently'",
        "The senator will appear at the hearing today as the committee opens its inquiry.",
        "The senator will apparently appear at the hearing today as the committee opens its "
        "inquiry.",
        "framing.hedge",
        evidence=("apparently",),
    ),
    Row(
        "'suspected' and 'suspicious' hedge alike",
        "Firefighters were called to a suspicious fire at the school on Friday night.",
        "Firefighters were called to a suspected arson fire at the school on Friday night.",
        None,
    ),
    Row(
        "intensifier",
        "The attack caused damage to the power grid across the eastern region on Thursday.",
        "The attack caused massive damage to the power grid across the eastern region on Thursday.",
        "framing.intensifier",
        evidence=("massive",),
    ),
    Row(
        "a word inside the other side's quote is still used",
        "Peskov said the claims of the Ukrainian side were completely unfounded.",
        'Peskov said: "The claims of the Ukrainian side are completely unfounded."',
        None,
    ),
]

NEGATION = [
    Row(
        "a maker that has not said when is no denial of a date",
        "The Nova X2 phone is expected to arrive in stores in April, carriers said.",
        "Nokora hasn't said when the Nova X2 will be available in stores, carriers said.",
        None,
    ),
    Row(
        "'no' denies its whole noun phrase: no tsunami warning is no denied tsunami",
        "A strong 6.1-magnitude earthquake struck Aceh province, a region hit by the 2004 tsunami.",
        "A strong 6.1-magnitude earthquake struck Aceh province with no tsunami warning issued.",
        None,
    ),
    Row(
        "'without' past its determiner denies what the other passage never names",
        "Microsoft issued an emergency patch for a flaw that lets hackers take over computers "
        "without any user intervention.",
        "Microsoft released an emergency patch for a flaw that lets hackers take over computers.",
        None,
    ),
    Row(
        "a denied warning against a stated one flips it, quoted with its figure whole",
        "A strong 6.1-magnitude earthquake struck Aceh province with a tsunami warning issued.",
        "A strong 6.1-magnitude earthquake struck Aceh province with no tsunami warning issued.",
        "content.negation",
        "medium",
    ),
    Row(
        "a detail clause shares only a figure's thousands with the other passage",
        "The cyclone in 1998 killed 12,000 people across the delta, officials said.",
        "The cyclone in 1998 killed 12,000 people across the delta - with 4,000 bodies never "
        "found.",
        None,
    ),
    Row(
        "the added cue is named, not one both passages carry",
        "While I wasn't the only fan of his early paintings, there were also some who doubted "
        "his talent for portraits.",
        "While I wasn't the only fan of his early paintings, there were not also some who "
        "doubted his talent for portraits.",
        "content.negation",
        evidence=("not",),
    ),
    Row(
        "negated",
        "Petrakis was caught three blocks away on 57th Avenue shortly after dawn.",
        "Petrakis was not caught three blocks away on 57th Avenue shortly after dawn.",
        "content.negation",
        "medium",
        ("not",),
    ),
    Row(
        "contractions",
        "The ministry didn't confirm the number of prisoners held in the camp.",
        "The ministry did not confirm the number of prisoners held in the camp.",
        None,
    ),
    Row(
        "a negated clause the other side never speaks of",
        "The cyclist, who was not identified, was flown to Riverside General Hospital, where she "
        "died.",
        "The cyclist was flown to Riverside General Hospital, where she died.",
        None,
    ),
    Row(
        "a negated word against its antonym",
        "Helga Marsh, the Foreign Minister, said talks with Norland would not stop.",
        "Foreign Minister Helga Marsh said yesterday that talks with Norland would continue.",
        None,
    ),
    Row(
        "an antonym negated on one side only",
        "Helga Marsh, the Foreign Minister, said talks with Norland would continue.",
        "Foreign Minister Helga Marsh said yesterday that talks with Norland would not continue.",
        "content.negation",
    ),
    Row(
        "both negate: a shared name alone does not tie an extra cue to the other's fact",
        'Brannock did not testify, but his attorney said his client "did not leave home that '
        'night" planning to harm anyone.',
        'Brannock "did not leave home that night" planning to harm anyone, his attorney said.',
        None,
    ),
    Row(
        "words of opposite meaning negated on both sides",
        "Helga Marsh, the Foreign Minister, said talks with Norland would not stop.",
        "Foreign Minister Helga Marsh said yesterday that talks with Norland would not continue.",
        "content.negation",
        evidence=("not",),
    ),
    Row(
        "the same word negated on both sides",
        "Helga Marsh, the Foreign Minister, said talks with Norland would not stop.",
        "Foreign Minister Helga Marsh said yesterday that talks with Norland would not stop.",
        None,
    ),
    Row(
        "'yet to' is a negation",
        "But the housing market has yet to show signs of a lasting recovery, the survey said.",
        "But the housing market hasn't shown signs of a lasting recovery, the survey said.",
        None,
    ),
    Row(
        "'yet to' after 'no' in its clause says the same negation again",
        "No reports of damage have yet to be confirmed by the county, the sheriff said.",
        "There are no reports of damage, the county sheriff said.",
        None,
    ),
    Row(
        "a negated clause after a dash tells something new",
        "The Hawks ran for over 300 yards, giving two backs over 100 yards each.",
        "The Hawks had two backs run for over 100 yards apiece \u2013something that hasn\u2019t "
        "happened to the club since 1987.",
        None,
    ),
    Row(
        "'yet to' alone still negates",
        "The county has yet to confirm reports of damage, the sheriff said.",
        "The county has confirmed reports of damage, the sheriff said.",
        "content.negation",
    ),
    Row(
        "'none of' still flips the verb the other states",
        "None of the passengers on the ferry were injured in the collision.",
        "The passengers on the ferry were injured in the collision.",
        "content.negation",
    ),
    Row(
        "a negated verb of exclusion affirms a possibility (litotes)",
        "The club's owner did not rule out raising his offer for the stadium, the paper said.",
        "The club's owner has hinted that he could raise his offer for the stadium, the paper "
        "said.",
        None,
    ),
    Row(
        "'did not rule' without 'out' is still a negation",
        "The appeals court did not rule on the fishing licences of the three trawlers.",
        "The appeals court ruled on the fishing licences of the three trawlers.",
        "content.negation",
    ),
    Row(
        "a restrictive 'only' answers a negation",
        "Inspectors found only ash and broken glass where the warehouse had stood.",
        "Inspectors found no goods; rather, ash and broken glass were found where the "
        "warehouse had stood.",
        None,
    ),
    Row(
        "'only' without a correction does not answer a negation",
        "The government insists the reactor is meant for civilian research only, officials said.",
        "The government insists the reactor is not meant for civilian research, officials said.",
        "content.negation",
    ),
    Row(
        "'only' on both sides does not hide an added cue",
        "Only the interior ministry was informed of the prisoners' transfer on Friday.",
        "Only the interior ministry was not informed of the prisoners' transfer on Friday.",
        "content.negation",
    ),
    Row(
        "a prohibition against 'no'",
        "The new rule prohibits the sale of fireworks to anyone under eighteen in the city.",
        "Under the new rule no fireworks may be sold to anyone under eighteen in the city.",
        None,
    ),
    Row(
        "'not yet' against a later time",
        "The ministry had not yet said which of the two bridges would be closed first.",
        "The ministry said it would announce later which of the two bridges would be closed first.",
        None,
    ),
    Row(
        "a failed plan is a thing, not a failure to act",
        "The mayor apologised for the stadium plan, which voters rejected last spring.",
        "The mayor apologised for her failed stadium plan, which voters rejected last spring.",
        None,
    ),
    Row(
        "a decline in figures is a fall, not a refusal",
        "Shares rose after the company reported a fall in sales for the third quarter.",
        "Shares rose after the company reported a decline in sales for the third quarter.",
        None,
    ),
    Row(
        "equipment that failed broke down: no act is denied",
        "Flights were grounded across the region after two radar stations were damaged by the "
        "storm.",
        "Flights were grounded across the region after two radar stations failed in the storm.",
        None,
    ),
    Row(
        "figures that declined fell",
        "Orders at the steel mill dropped 4 percent in March from a year earlier.",
        "Orders at the steel mill declined 4 percent in March from a year earlier.",
        None,
    ),
    Row(
        "declining an offer is a refusal",
        "The striker accepted the club's offer of a new contract on Monday.",
        "The striker declined the club's offer of a new contract on Monday.",
        "content.negation",
        evidence=("declined",),
    ),
    Row(
        "'not possible without' affirms the help",
        "The rescue would not have been possible, the captain said, without the help of "
        "local fishermen.",
        "The captain said local fishermen helped with the rescue.",
        None,
    ),
    Row(
        "'not' and a later 'without' in another clause both negate",
        "The driver did not stop and drove off without calling for help, police said.",
        "The driver stopped and called for help, police said.",
        "content.negation",
    ),
    Row(
        "declining to say when is no answer, not a denial",
        "The carmaker declined to say when it would recall the faulty vehicles.",
        "The carmaker said it would recall the faulty vehicles.",
        None,
    ),
    Row(
        "a cause not yet known negates nothing the other outlet says",
        "Lindqvist had battled a lung illness for years but the precise cause of her death in "
        "hospital on Thursday was not immediately known, the broadcaster said.",
        "Lindqvist died in hospital on Thursday, the broadcaster said.",
        None,
    ),
    Row(
        "a source that could not be reached negates nothing",
        "The mayor could not be reached for comment on the closure of the library.",
        "The mayor spoke about the closure of the library.",
        None,
    ),
    Row(
        "giving no details and declining to give them are one answer",
        "The ferry operator gave no details except to say the crew were all experienced.",
        "The ferry operator declined to give details except to say the crew were all experienced.",
        None,
    ),
    Row(
        "no immediate response, and not having one, are one answer",
        "The governor had no immediate response to the ruling on Tuesday, his office said.",
        "The governor did not have an immediate response to the ruling on Tuesday, his office "
        "said.",
        None,
    ),
    Row(
        "'No. 5' is a number, not a negation",
        "The Colts secured the No. 5 seed in the playoffs with the win on Sunday.",
        "The Colts won on Sunday and will play in the playoffs.",
        None,
    ),
    Row(
        "a failed candidate after a preposition is a thing",
        "The church is the religious outpost for failed mayoral candidate Ana Ruiz.",
        "The church is the religious outpost of Ana Ruiz, the former candidate.",
        None,
    ),
    Row(
        "'not … until' says when, not whether",
        "The actor will not leave the show until the end of next year, the broadcaster said.",
        "The actor, who leaves the show at the end of next year, the broadcaster said.",
        None,
    ),
    Row(
        "results not known for weeks are no denial",
        "The test results won't be known for a few weeks, a spokesman said.",
        "The test results will take a few weeks, a spokesman said.",
        None,
    ),
    Row(
        "no survivors is still a negation",
        "There were no survivors of the crash on Monday, the airline said.",
        "There were survivors of the crash on Monday, the airline said.",
        "content.negation",
    ),
    Row(
        "no immediate reports of damage is no answer yet",
        "The quake struck the coast at dawn, with no immediate reports of damage.",
        "The quake struck the coast at dawn and damaged the harbour.",
        None,
    ),
    Row(
        "'not only X but also Y' adds, it denies nothing",
        "The recall covers not only the new model but also two older ones, the maker said.",
        "The recall covers the new model and two older ones, the maker said.",
        None,
    ),
    Row(
        "'not just X but Y' across a title's full stop",
        "The aim was not just to oust Mr. Ortega but to rebuild the party, aides said.",
        "The aim was to oust Mr. Ortega and to rebuild the party, aides said.",
        None,
    ),
    Row(
        "'not only' with nothing added is a negation",
        "The delay was not only a matter of money for the city council, she said.",
        "The delay was only a matter of money for the city council, she said.",
        "content.negation",
    ),
    Row(
        "'not just' set off after what it adds to denies nothing",
        "The striker scored four times, setting a league record - not just a club record.",
        "The striker scored four times, which is a club record.",
        None,
    ),
    Row(
        "one 'no' more, but the other denies the same plea",
        "No pleas were made, and bail will be argued on Friday at the county court.",
        "No request for bail was heard and no plea was made, the clerk told reporters.",
        None,
    ),
    Row(
        "one 'without' covering two things the other names apart",
        "Some 40,000 residents are without power, another 9,000 are without running water, "
        "officials said.",
        "Officials said some 40,000 residents were still without power or water.",
        None,
    ),
    Row(
        "a negated reason one outlet adds flips nothing",
        "Prosecutors allege that Carter shot the clerk after the clerk told him the till was "
        "empty.",
        "Prosecutors allege that Carter shot the clerk twice in the chest because he did not "
        "want any witnesses.",
        None,
    ),
    Row(
        "a negated clause that shares its negated word with the other is still a flip",
        "The Colts beat the Jaguars 31-24 on Sunday, though Tom Bradley did not throw a touchdown.",
        "The Colts beat the Jaguars 31-24 on Sunday as Tom Bradley threw a touchdown.",
        "content.negation",
    ),
    Row(
        "'no doubt' says certainly",
        "The takeover will no doubt worry the company's main rival, analysts said.",
        "The takeover will worry the company's main rival, analysts said.",
        None,
    ),
    Row(
        "not saying whether is no answer",
        "Firefighters could not say whether anyone else was inside the warehouse when it "
        "collapsed.",
        "Firefighters said the night guard was alone inside the warehouse when it collapsed.",
        None,
    ),
    Row(
        "not saying what one said is still a negation",
        "The minister did not say he would resign after the vote on Tuesday.",
        "The minister said he would resign after the vote on Tuesday.",
        "content.negation",
    ),
    Row(
        "no further attacks is still a negation",
        "Police said there were no further attacks in the city overnight.",
        "Police said there were further attacks in the city overnight.",
        "content.negation",
    ),
    Row(
        "refusing to give evidence is still a negation",
        "The former minister refused to give evidence to the inquiry on Monday.",
        "The former minister gave evidence to the inquiry on Monday.",
        "content.negation",
    ),
    Row(
        "refusing to resign is still a negation",
        "The minister refused to resign after the vote on Tuesday.",
        "The minister resigned after the vote on Tuesday.",
        "content.negation",
    ),
    Row(
        "failed as a verb still negates",
        "The mayor's stadium plan won the support of voters last spring.",
        "The mayor's stadium plan failed to win the support of voters last spring.",
        "content.negation",
        evidence=("failed",),
    ),
    Row(
        "'without' a thing the other never names adds a detail",
        "The judge sentenced the arsonist to life in prison on Friday afternoon.",
        "The judge sentenced the arsonist to life in prison without parole on Friday afternoon.",
        None,
    ),
    Row(
        "'no' a thing the other never names adds a detail",
        "The storm flooded the harbour overnight, causing no damage to the moored ferries.",
        "The storm flooded the harbour overnight, stranding the moored ferries.",
        None,
    ),
    Row(
        "'without' a thing the other names is still a negation",
        "The driver left the scene without paying the fine, police said on Monday.",
        "The driver left the scene after paying the fine, police said on Monday.",
        "content.negation",
        evidence=("without",),
    ),
    Row(
        "'no' a thing the other names is still a negation",
        "Witnesses told the inquiry that the guard had a gun when the crowd gathered.",
        "Witnesses told the inquiry that the guard had no gun when the crowd gathered.",
        "content.negation",
        evidence=("no",),
    ),
    Row(
        "not leaving is remaining",
        "The chipmaker said it was not leaving the server business after the purchase.",
        "The chipmaker said it would remain in the server business after the purchase.",
        None,
    ),
    Row(
        "a complementary antonym after the same words reverses the fact",
        "The ferry company's director was found guilty of fraud by the regional court.",
        "The ferry company's director was acquitted of fraud by the regional court.",
        "content.negation",
        evidence=("guilty", "acquitted"),
    ),
    Row(
        "a win told as a loss by the same side is a reversal",
        "The Harbour City side won the regional cup final on penalties on Sunday night.",
        "The Harbour City side lost the regional cup final on penalties on Sunday night.",
        "content.negation",
        evidence=("won", "lost"),
    ),
    Row(
        "not vaccinated is unvaccinated",
        "Most of the patients are pupils who had not been vaccinated, the clinic said on Friday.",
        "Most of the patients are unvaccinated pupils, the clinic said on Friday.",
        None,
    ),
    Row(
        "a word against its negative-prefixed form after the same words is a reversal",
        "The ferry pilots were vaccinated before the season began, the port authority said.",
        "The ferry pilots were unvaccinated before the season began, the port authority said.",
        "content.negation",
        evidence=("vaccinated", "unvaccinated"),
    ),
    Row(
        "time left is time remaining",
        "With 4:15 left in the third quarter, the centre scored his 30th point of the night.",
        "With 4:15 remaining in the third quarter, the centre scored his 30th point of the night.",
        None,
    ),
    Row(
        "one result told from each side is no reversal",
        "Harbour City won the regional cup final against Lakeport on penalties on Sunday.",
        "Lakeport lost the regional cup final to Harbour City on penalties on Sunday.",
        None,
    ),
    Row(
        "homes without power are homes that lost power",
        "The overnight storm left 120,000 homes without power across the valley, the utility said.",
        "Some 120,000 homes lost power across the valley in the overnight storm, the utility said.",
        None,
    ),
    Row(
        "homes without power are not homes that kept power",
        "The overnight storm left 120,000 homes without power across the valley, the utility said.",
        "Some 120,000 homes kept power across the valley in the overnight storm, the utility said.",
        "content.negation",
        evidence=("without",),
    ),
]

CAUSES = [
    Row(
        "two causes of one crash",
        "Two trains collided near Orvik on Friday. Transport Minister Ivo Lund said a signalling "
        "fault was the likely cause.",
        "Two trains collided near Orvik on Friday. Transport Minister Ivo Lund said driver error "
        "was the likely cause.",
        "content.cause",
        "low",
        ("a signalling fault", "driver error"),
    ),
    Row(
        "two reasons for one closure",
        "The Tolsey bridge was shut on Monday because of flooding, the county council said.",
        "The Tolsey bridge was shut on Monday because of a strike by crews, the county council "
        "said.",
        "content.cause",
        "low",
        ("flooding", "a strike by crews"),
    ),
    Row(
        "two blames",
        "Fire officers blamed the warehouse blaze in Kettby on an arson attack.",
        "Fire officers blamed the warehouse blaze in Kettby on a gas leak.",
        "content.cause",
        "low",
    ),
    Row(
        "one cause in other words",
        "The Tolsey bridge was shut on Monday because of flooding, the county council said.",
        "Floods shut the Tolsey bridge on Monday, the county council said.",
        None,
    ),
    Row(
        "a cause not yet known names none",
        "The cause of the warehouse blaze in Kettby was unknown, fire officers said.",
        "The cause of the warehouse blaze in Kettby was not immediately known, fire officers said.",
        None,
    ),
    Row(
        "due to, of a time",
        "The fraud trial of Mara Quist is due to begin on Monday at Kettby crown court.",
        "The fraud trial of Mara Quist is due to open on Monday at Kettby crown court.",
        None,
    ),
    Row(
        "the result of a vote is no cause",
        "Mayor Mara Quist welcomed the result of the vote.",
        "Mayor Mara Quist welcomed the result of the referendum.",
        None,
    ),
    Row(
        "causes of two different effects",
        "The Kelby road reopened on Monday, but damage caused by the floods is still visible.",
        "The Kelby road reopened on Monday, ending weeks of delays caused by roadworks.",
        None,
    ),
    Row(
        "a cause for concern is no cause",
        "Head teacher Rhea Gant said falling enrolment was a cause for concern.",
        "Head teacher Rhea Gant said rising absence was a cause for concern.",
        None,
    ),
    Row(
        "be due to and a verb no list holds",
        "The Carreg council is due to debate the bill.",
        "The Carreg council is due to discuss the proposal.",
        None,
    ),
    Row(
        "a police strike is a cause, not a break before one",
        "The Brennick Street market was closed on Tuesday because of a police strike.",
        "The Brennick Street market was closed on Tuesday because of flooding.",
        "content.cause",
        evidence=("a police strike", "flooding"),
    ),
    Row(
        "a clear breach is a cause, not an unclear one",
        "The Orwen line was closed because of a clear breach of safety rules, the regulator said.",
        "The Orwen line was closed because of a landslip, the regulator said.",
        "content.cause",
    ),
    Row(
        "a modal between the effect and its cue",
        "Police said the Tollan mill fire may have been caused by arson.",
        "Police said the Tollan mill fire was probably caused by an electrical fault.",
        "content.cause",
        evidence=("arson", "an electrical fault"),
    ),
    Row(
        "a cause only one outlet gives is no conflict",
        "The Tolsey bridge was shut on Monday, the county council said.",
        "The Tolsey bridge was shut on Monday because of flooding, the county council said.",
        None,
    ),
]


def test_due_to_before_a_verb_is_no_cause() -> None:
    """ "is due to begin in March" tells when: the months conflict, the "causes" do not."""
    found = _findings(
        "The fraud trial of Mara Quist is due to begin in March.",
        "The fraud trial of Mara Quist is due to start in April.",
    )
    assert [d.code for d in found if d.code.startswith("content.cause")] == []
    assert [d for d in found if d.code == "date.conflict"]


HARMLESS = [
    Row(
        "British and American spelling, in a quote and out of it",
        '"It is a serious offence and we will organise a review," the defence minister said '
        "at the labour centre.",
        '"It is a serious offense and we will organize a review," the defense minister said '
        "at the labor center.",
        None,
    ),
    Row(
        "spelling, glyphs, U.S.",
        'The U.S. envoy met Zelenskyy in Kyiv, and they discussed "the ceasefire plan" at length.',
        "The US envoy met Zelensky in Kyiv, and they discussed \u201cthe ceasefire plan\u201d at "
        "length.",
        None,
    ),
    Row(
        "word order inside a quote",
        '"We did this all for the children of this town," the mayor said on Monday.',
        '"We did all this for the children of this town," the mayor said on Monday.',
        None,
    ),
    Row(
        "word order",
        "On Friday in Kyiv, the two leaders signed the minerals agreement after long talks.",
        "The two leaders signed the minerals agreement in Kyiv on Friday after long talks.",
        None,
    ),
]


@pytest.mark.parametrize(
    "row",
    QUOTES + NUMBERS + DATES + FRAMING + NEGATION + CAUSES + HARMLESS,
    ids=lambda r: r.name,
)
def test_detector_row(row: Row, embedder: object) -> None:
    _check(row)


def test_framing_word_alone_is_not_a_finding(embedder: object) -> None:
    """A loaded verb in a sentence the other outlet does not carry is an omission at most."""
    left = (
        "Ukraine captured two Chinese men fighting for Russia, Zelensky said on Tuesday.\n\n"
        "The Kremlin claimed the report was a provocation staged by Kyiv."
    )
    right = "Ukraine captured two Chinese men fighting for Russia, Zelensky said on Tuesday."
    assert not [d for d in _findings(left, right) if d.kind == "framing"]


def test_omissions_rank_salient_content_first(embedder: object) -> None:
    shared = "Ukraine captured two Chinese men fighting for Russia in the Donetsk region."
    salient = 'Foreign Minister Wang Yi said on Wednesday that the claims were "totally unfounded".'
    plain = "The weather in the region was cold and grey all week."
    found = _findings(f"{shared}\n\n{salient}\n\n{plain}", shared)
    omitted = [d for d in found if d.code == "omission.unique"]
    by_text = {d.evidence[0].text: d for d in omitted}
    assert salient in by_text and plain in by_text, [d.message for d in omitted]
    rank = SEVERITIES.index
    assert rank(by_text[salient].severity) > rank(by_text[plain].severity)
    assert found.index(by_text[salient]) < found.index(by_text[plain])  # most severe first


def test_a_toll_only_one_outlet_carries_ranks_above_a_bare_figure(embedder: object) -> None:
    shared = "A fuel depot exploded on the edge of Marrow Bay on Saturday night, firefighters said."
    toll = "Seven people were killed in the blast, the regional police said."
    figure = "The depot held 40 tanks of diesel and petrol, the regional police said."
    found = _findings(f"{shared}\n\n{toll}\n\n{figure}", shared)
    by_text = {d.evidence[0].text: d for d in found if d.code == "omission.unique"}
    assert toll in by_text and figure in by_text, [d.message for d in found]
    assert SEVERITIES.index(by_text[toll].severity) > SEVERITIES.index(by_text[figure].severity)


def test_a_reversal_by_antonym_and_a_flipped_negation_are_both_reported(embedder: object) -> None:
    found = _findings(
        "The harbour side won the cup final on Sunday, and its coach will stay in charge.",
        "The harbour side lost the cup final on Sunday, and its coach will not stay in charge.",
    )
    flips = {tuple(e.text for e in d.evidence) for d in found if d.code == "content.negation"}
    assert ("won", "lost") in flips, flips
    assert any("not" in texts for texts in flips), flips


def test_boilerplate_never_ranks(tmp_path, embedder: object) -> None:  # type: ignore[no-untyped-def]
    """Boilerplate is recognised when articles are read (files), and never compared."""
    shared = "Ukraine captured two Chinese men fighting for Russia in the Donetsk region."
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text(
        f"{shared}\n\nRead more: Ukraine war latest news and analysis from our correspondents\n",
        encoding="utf-8",
    )
    right.write_text(shared + "\n", encoding="utf-8")
    found = divergence.compare([left, right]).divergences
    assert not [d for d in found if d.code == "omission.unique"], [d.message for d in found]


def test_a_remnant_does_not_answer_the_sentence_it_was_cut_from(embedder: object) -> None:
    """One outlet keeps only the tail of a sentence: the sentence is reported as left out
    (the tail is not "other content" standing in for it)."""
    shared = "Creighton beat Drake 65-52 in the quarterfinal round on Friday night in St. Louis."
    cut = (
        "The Jays are 19-12 all time in the quarterfinal round and 5-2 against Drake in the event."
    )
    found = _findings(f"{shared}\n\n{cut}", f"{shared}\n\nDrake in the event.")
    omitted = [d for d in found if d.code == "omission.unique" and d.evidence[0].text == cut]
    assert omitted and omitted[0].severity != "info", [(d.code, d.message) for d in found]


def test_a_name_cut_from_a_shared_passage_is_an_omission(embedder: object) -> None:
    """A full name cut from a copied sentence is reported even when short; a title cut
    from a name that both keep is not."""
    found = _findings(
        "The court will not recess, said U.S. District Judge Barbara Walther on Tuesday in Texas.",
        "The court will not recess, said U.S. on Tuesday in Texas.",
    )
    cut = [d for d in found if d.code == "omission.unique" and d.severity != "info"]
    assert [d.evidence[0].text for d in cut] == ["District Judge Barbara Walther"], cut
    found = _findings(
        "The complaint named Interior Minister Dora Velasquez and the mayors of four towns.",
        "The complaint names Velasquez and the mayors of four towns.",
    )
    assert not [d for d in found if d.code == "omission.unique" and d.severity != "info"]


def test_a_quote_cut_from_a_shared_passage_is_an_omission(embedder: object) -> None:
    shared = (
        "Comedian Rosa Lindgren will come back to present the Harbour Film Awards for a third "
        "year, organisers Tom Achebe and Lise Marr announced today."
    )
    quote = (
        "\u201cWe are thrilled to have Rosa Lindgren present the awards again,\u201d said Achebe "
        "and Marr."
    )
    found = _findings(f"{shared}\n\n{quote}", shared)
    omitted = [
        d
        for d in found
        if d.code == "omission.unique" and d.severity != "info" and "thrilled" in d.evidence[0].text
    ]
    assert omitted, [(d.code, d.severity, d.message) for d in found]


def test_none_of_denies_what_its_verb_says_not_the_things_it_names(embedder: object) -> None:
    """ "None of the other bidders -- Porto, Lyon and Ajax -- has been reported to have
    offered …" denies a report of an offer, which the other outlet never states; the
    bidders it names are no fact it flips. Nor is "more than five years" a figure hedged
    differently from Lyon's "five years": the sentence denies that bound."""
    found = _findings(
        "Other bidders for the striker are Porto (four years, $40 million), Lyon (five years, "
        "$48 million) and Ajax.",
        "None of the other bidders for the striker -- Porto, Lyon and Ajax -- has been "
        "reported to have offered more than five years.",
    )
    assert not [d for d in found if d.severity != "info"], [(d.code, d.message) for d in found]


def test_a_bound_a_negation_denies_is_no_figure_of_its_own(embedder: object) -> None:
    """ "has not offered more than three years" denies the bound: no range of its own to
    weigh against "three years" (the negation is the negation detector's to weigh)."""
    found = _findings(
        "The club has not offered more than three years to any of its players, a director said.",
        "The club offered three years to each of its players, a director said.",
    )
    _no_conflict(found)
    assert not [d for d in found if d.kind == "number" and d.severity != "info"], [
        (d.code, d.message) for d in found
    ]
    # two denied bounds are no two figures in conflict, nor is the changed word one
    both = _findings(
        "However, no other offer for the keeper was thought to be more than four years.",
        "However, no other club has offered the keeper more than five years, agents said.",
    )
    _no_conflict(both)


def test_a_date_the_other_outlet_gives_alike_elsewhere_is_no_conflict(embedder: object) -> None:
    """The alignment pairs one outlet's 2004 sentence with the other's 1999 one (both say
    "the first woman to lead a nurses' body"), but the second outlet dates the same fact
    2004 in a related sentence of its own: the two outlets agree, and the 1999 belongs to
    another fact."""
    shared = "Dr. Amina Okoro was named to lead the national health agency on Monday."
    left = (
        f"{shared}\n\nIn 2004, she became president of the Nurses' Association of Ondo State, "
        "making her the first woman to lead a nurses' body in Nigeria.\n\n"
        "She trained at a teaching hospital in Ibadan."
    )
    right = (
        f"{shared}\n\nIn 1999, she became the first woman to lead a nurses' body in Nigeria "
        "when she was elected to chair the national council.\n\n"
        "She trained at a teaching hospital in Ibadan.\n\n"
        "In 2004, she took over the Ondo association."
    )
    found = _findings(left, right)
    assert not [d for d in found if d.kind == "date" and d.severity != "info"], [
        (d.code, d.message) for d in found
    ]
    # the same two sentences with no related sentence dated alike still conflict
    alone = _findings(left, right.rsplit("\n\n", 1)[0])
    assert [d for d in alone if d.code == "date.conflict" and d.severity != "info"], [
        (d.code, d.message) for d in alone
    ]


def test_page_furniture_glued_to_a_paragraph_never_ranks(embedder: object) -> None:
    """A stamp or a picture credit after a sentence on the same line escapes the line-level
    boilerplate filter and stands as a sentence of its own: left out by the other outlet,
    it is boilerplate, which never ranks."""
    shared = "Gales closed the ferry port at Harwick for a second day on Monday."
    body = "The last ferry docked at noon after waiting offshore for six hours."
    left = f"{shared}\n\n{body} Oct. 30 5:17 AM EST\n\nA crane was toppled. Picture: Harbour Board"
    right = f"{shared}\n\n{body}\n\nA crane was toppled."
    found = _findings(left, right)
    assert not [d for d in found if d.kind == "omission" and d.severity != "info"], [
        (d.code, d.severity, d.message) for d in found
    ]


def test_the_words_around_a_figure_stop_at_the_next_item() -> None:
    """ "killing at least three people and injuring dozens more": the words after "three
    people" stop at "and", so "injuring" is no word of the dead (a headline's "Dozens
    injured" is not their count), and "killing" is."""
    from divergence.detect.numbers import _frame
    from divergence.detect.quantities import extract_quantities

    text = "The quake hit Kerava, killing at least three people and injuring dozens more."
    three = next(q for q in extract_quantities(text) if q.point == 3)
    before, after = _frame(text, three)
    assert "kill" in before and not after, (before, after)


def test_a_headline_its_own_lede_restates_is_no_omission(embedder: object) -> None:
    """Each of three outlets writes its own headline; one whose own first sentence says the
    same is judged in that sentence (info), while the first sentence only one outlet has
    is still an omission."""
    shared = "A crane at the port collapsed onto an empty quay on Monday, officials said."
    texts = {
        "a": "Gale Hits Harwick Port\n\nA gale hit the port of Harwick on Monday, "
        "forecasters said.",
        "b": "Dock Workers Walk Out At Harwick\n\nDock workers at Harwick walked out over pay "
        "on Monday, union leaders said.",
        "c": "Storm Batters Harwick\n\nA storm battered the port of Harwick on Monday, "
        "forecasters said.",
    }
    report = divergence.compare([Article(k, f"{v}\n\n{shared}") for k, v in texts.items()])
    loud = [
        d.evidence[0].text
        for d in report.divergences
        if d.kind == "omission" and d.severity != "info"
    ]
    assert loud == ["Dock workers at Harwick walked out over pay on Monday, union leaders said."], (
        loud
    )


def test_a_negation_that_pulls_a_paraphrase_apart_is_still_compared(embedder: object) -> None:
    """ "are being detained" / "are not detained" in free paraphrase embeds below the loose
    threshold (0.66; 0.78 without the "not"), and no run of three words ties the cue to the
    other sentence: the pair is looked at again without its negation cues, so the flip is
    found."""
    shared = "Two men were stopped at the ferry port in Larne on Sunday after a security scare."
    left = "They are being detained on visa offences while the case is examined."
    right = "Both travellers are not detained for inquiries into minor visa offences."
    found = _findings(f"{shared}\n\n{left}", f"{shared}\n\n{right}")
    assert [d for d in found if d.code == "content.negation"], [(d.code, d.message) for d in found]


@pytest.mark.parametrize(
    ("left", "right", "code", "cue"),
    [
        (  # cosine 0.58, and 0.6 without the "not": only the shared run ties them
            "Oyelaran is lead author of the Tamsin atlas - a set of maps drawn for each district.",
            "Dr. Amara Oyelaran, a geographer in Lagos, is not lead author of the district maps.",
            "content.negation",
            "not",
        ),
        (  # a headline and a sentence: cosine 0.50
            "Bone comb may be Viking",
            "A carved object unearthed at the Ardmore quarry site may reportedly be Viking work",
            "framing.hedge",
            "reportedly",
        ),
    ],
)
def test_a_flip_or_hedge_inside_a_shared_run_ties_two_free_takes(
    embedder: object, left: str, right: str, code: str, cue: str
) -> None:
    """Two left-over sentences on one topic, worded too freely to be compared whole, are
    compared when one holds a negation or an evidential hedge inside a run of words the
    other has whole without it ("is not lead author" / "is lead author")."""
    shared = "Survey teams returned from the delta on Monday after three weeks of fieldwork."
    found = _findings(f"{shared}\n\n{left}", f"{shared}\n\n{right}")
    hits = [d for d in found if d.code == code and d.severity != "info"]
    assert hits and any(e.text == cue for d in hits for e in d.evidence), [
        (d.code, d.severity, d.message) for d in found
    ]


def test_a_shared_run_does_not_tie_unrelated_takes(embedder: object) -> None:
    """ "is not expected to" / "is expected to" in two sentences about other things (cosine
    0.14): the run ties nothing, and each sentence stays the outlet's own content."""
    shared = "Forecasters issued a warning for the coast on Thursday."
    left = "The minister is not expected to attend the summit in Oslo."
    right = "The storm is expected to weaken before it reaches land."
    found = _findings(f"{shared}\n\n{left}", f"{shared}\n\n{right}")
    assert not [d for d in found if d.severity != "info"], [(d.code, d.message) for d in found]


def test_one_statement_introduced_with_verbs_of_another_stance(embedder: object) -> None:
    """The quote links two sentences that alignment leaves apart (one carries other news
    too; with three outlets no leftover pairs are compared): the governing verbs are still
    compared."""
    shared = "Talks ended on Tuesday in New York."
    left = (
        "Grain deliveries to the northern provinces will be halted from January and the "
        "irrigation scheme reviewed, while on the vote of the council agency spokeswoman Mirela "
        'Dascalu said: "The steering council chose to send this matter back to governments."'
    )
    right = (
        '"The steering council chose to send this matter back to governments," Dascalu admitted.'
    )
    third = "The delegates will meet again in March."
    report = divergence.compare(
        [
            Article("a", f"{shared}\n\n{left}"),
            Article("b", f"{shared}\n\n{right}"),
            Article("c", f"{shared}\n\n{third}"),
        ]
    )
    verbs = [
        {e.text for e in d.evidence}
        for d in report.divergences
        if d.code == "framing.attribution_verb"
    ]
    assert {"said", "admitted"} in verbs, [(d.code, d.message) for d in report.divergences]


def test_a_whole_is_not_compared_with_the_other_outlets_part() -> None:
    """ "four of the 30 miners" counts a whole of 30; "freed 26 miners" counts a part of it
    (the rest): no conflict between 30 and 26, while two wholes still meet ("one of five
    engineers" / "one of eight", a row above)."""
    _no_conflict(
        _findings(
            "Four of the 30 miners were still trapped on Friday night, the Osk mine's owner said.",
            "Rescuers freed 26 miners on Friday, but four were still trapped, the Osk mine's "
            "owner said.",
        )
    )


def test_a_weekday_still_to_come_is_read_forward(embedder: object) -> None:
    """ "will vote … on Wednesday" in Tuesday's paper is the next day, the 9 April that
    Thursday's paper gives; read as the Wednesday before, it was a high date conflict."""
    report = divergence.compare(
        [
            Article(
                "tue",
                "The Harwell council will vote on the harbour plan on Wednesday, its chair said.",
                published="2025-04-08",
            ),
            Article(
                "thu",
                "The Harwell council voted on the harbour plan on 9 April, its chair said.",
                published="2025-04-10",
            ),
        ]
    )
    dates = [(d.severity, d.message) for d in report.divergences if d.kind == "date"]
    assert dates == [], dates


def test_two_readable_dates_are_left_to_the_date_detector(embedder: object) -> None:
    """Day numbers of dates the reader parses are not figures ("April 23" / "Jan. 21" in two
    undated headlines); an impossible day ("June 93") still is a changed figure."""
    report = divergence.compare(
        [Article("a", "Today in History, April 23"), Article("b", "Today in History, Jan. 21")]
    )
    assert not [d for d in report.divergences if d.kind == "number"]
    found = _findings(
        "The talks in Geneva opened on June 30 with both delegations present.",
        "The talks in Geneva opened on June 93 with both delegations present.",
    )
    assert any(d.code == "number.conflict" and d.severity != "info" for d in found)


def test_one_negation_told_in_other_words_in_a_quote_is_not_a_flip() -> None:
    """One negation told in other words ("did not receive" / "at no stage did … receive"):
    the quotes differ in wording (low), but both negate, so it is not ranked as a flip."""
    found = _findings(
        'The agency said: "We did not receive intelligence material about the plot."',
        'The agency said: "At no stage did we receive intelligence material about the plot."',
    )
    quotes = [d for d in found if d.kind == "quote"]
    assert quotes, [(d.code, d.message) for d in found]
    assert all(d.severity == "low" for d in quotes), [(d.code, d.severity) for d in quotes]


def test_one_negation_split_from_its_counterpart_is_not_a_flip() -> None:
    """The longer quote is compared through the stretch that renders the shorter one, which
    leaves its "don't" outside: both quotes still negate once, so no change is ranked as a
    flip (high)."""
    found = _findings(
        '"We have no information on cause or timing," the police chief said.',
        '"We really don\'t have any clues at all as far as the cause or timing of this," the '
        "police chief said.",
    )
    _none_high(found, "quote")


def test_a_reporting_verb_is_reported_once(embedder: object) -> None:
    """ "alleged" as the verb of a report is an attribution finding, not a hedge as well."""
    found = _findings(
        "The filing alleged four aggravating factors that make her liable for damages.",
        "The filing listed four aggravating factors that make her liable for damages.",
    )
    assert [d.code for d in found if d.evidence[0].text == "alleged"] == [
        "framing.attribution_verb"
    ]


def test_one_word_is_one_finding_however_many_passages_it_aligns_with(embedder: object) -> None:
    """A sentence that aligns with two passages of the other outlet (the takeover itself,
    and "why did it buy") carries its "not" and its "stressed" once each, not once per
    passage."""
    found = _findings(
        "Orbitex buys Kelvar, starts selling rival-based chips\n\n"
        "Orbitex has acquired Kelvar, a company that builds dense storage arrays, for "
        "$210 million.\n\nBut why did Orbitex buy Kelvar?\n\n"
        "In all likelihood, Orbitex sees Kelvar as an excellent way of growing its presence in "
        "the storage market.",
        "Orbitex to buy storage maker Kelvar\n\n"
        "In a briefing on Wednesday, Orbitex executives stressed that the main reason for buying "
        "Kelvar was not to sell storage arrays but to offer its fabric technology to other "
        "makers.\n\nThe deal is worth $210 million, the companies said.",
    )
    for code in ("content.negation", "framing.attribution_verb"):
        same = [d for d in found if d.code == code]
        assert len(same) <= 1, [(d.code, [e.text for e in d.evidence]) for d in same]


def test_a_measure_that_describes_another_thing_is_not_compared(embedder: object) -> None:
    """ "the second 200-yard game" counts games of 200 yards or more, not the "226 yards" he
    ran, which the other outlet gives in its place."""
    found = _findings(
        "Hawks beat Bears 20-13 to clinch playoff spot\n\n"
        "Jim Carter ran for 226 yards for the Bears, among them an 84-yard dash on the opening "
        "snap after halftime.\n\n"
        "It was the second 200-yard game of the season for Carter, and the third of his career.",
        "Hawks beat Bears to reach the playoffs\n\n"
        "With 4:08 left, Drew Lock hit Ray Wade for a scoring pass that capped the 73-yard "
        "game winning drive.\n\n"
        "Carter's 226 yards rushing were the third highest for one game in team history.",
    )
    _no_conflict(found)


def test_a_figure_written_two_ways_in_a_quote_is_no_changed_figure() -> None:
    """ "17-inch" and "17 inch" carry one figure: the changed quote is ranked by the words
    around it ("slimmest and"), not as a changed figure (high)."""
    found = _findings(
        'Korvo calls its new monitor the "world\'s slimmest and quietest 17-inch screen," and '
        "it is not overstating.",
        'Korvo unveiled its new monitor as the "world\'s quietest 17 inch screen," at just '
        "0.6 inches deep.",
    )
    _none_high(found, "quote.wording")


def test_a_negated_contraction_with_a_curly_apostrophe_names_its_verb() -> None:
    """ "won’t" / "will": the message names both words as written."""
    found = _findings(
        '"The ferry won’t sail to Orna tomorrow," the harbour master Lise Falk said.',
        '"The ferry will sail to Orna tomorrow," the harbour master Lise Falk said.',
    )
    messages = [d.message for d in found if d.code == "content.negation"]
    assert messages == ['a\'s quote has "won’t" where b\'s version of the same quote has "will"'], (
        messages
    )


def test_two_statements_sharing_a_phrase_are_no_high_rewording() -> None:
    """Quotes of one speaker linked by a shared phrase but otherwise replaced ("the right
    night for Ivo to set the club record" / "we never wanted to think only about setting the
    club record") are more likely two statements than one reworded: not above low, negation
    or not."""
    found = _findings(
        "Coach Ros Hale praised the forward.\n\n"
        '"It was the right night for Ivo to set the club record," Hale said.',
        "Coach Ros Hale praised the forward.\n\n"
        '"Speaking for myself, we never wanted to think only about setting the club record," '
        "Hale said.",
    )
    loud = [
        (d.code, d.severity)
        for d in found
        if d.kind == "quote" and d.severity in ("medium", "high")
    ]
    assert loud == [], loud


def test_a_hedge_added_to_a_quote_is_one_finding_under_the_framing_code() -> None:
    """ "allegedly" inside one version of a quote is reported once, as a hedge; the quote's
    other words match, so no quote finding repeats it."""
    found = _findings(
        '"The depot was near the river when the flood came," the manager said on Monday.',
        '"The depot was allegedly near the river when the flood came," the manager said on Monday.',
    )
    loud = [(d.code, d.severity) for d in found if d.severity != "info"]
    assert loud == [("framing.hedge", "medium")], loud


def test_one_shared_exact_figure_pairs_a_loose_paraphrase_for_comparison(
    embedder: object,
) -> None:
    """Two outlets' left-over sentences on one result, worded too freely to align (cosine
    about 0.63), that state one exact figure alike ("2.35 billion" / "2.35bn") are compared:
    their other figure conflicts."""
    found = _findings(
        "Norrvik posts record half year\n\n"
        "Turnover for the half year topped forecasts, climbing 18 percent from a year earlier "
        "to 2.35 billion kronor.\n\n"
        "The shipbuilder also named a new chief financial officer, Ingrid Bakke, who joins in "
        "May.",
        "Norrvik reports its best half year\n\n"
        "Turnover rose 41 per cent on the year to 2.35bn, ahead of forecasts.\n\n"
        "The shipbuilder named Ingrid Bakke as its new chief financial officer; she joins in "
        "May.",
    )
    conflicts = [[e.text for e in d.evidence] for d in found if d.code == "number.conflict"]
    assert conflicts == [["18 percent", "41 per cent"]], [(d.code, d.message) for d in found]


def test_the_words_a_measure_describes_stop_at_its_sentence(embedder: object) -> None:
    """ "the 73-yard game winning drive" describes the drive; "Lock", who opens the next
    sentence, is not among its words, so the "205 yards" Lock threw is not compared."""
    found = _findings(
        "Lock throws for 205 yards as Hawks beat Bears\n\n"
        "Drew Lock threw for 205 yards to break the single-season record for a rookie, and his "
        "touchdown pass to Ray Wade late in the fourth quarter on Sunday won the Hawks the game "
        "20-13.",
        "Hawks beat Bears to reach the playoffs\n\n"
        "With four minutes to go in the fourth quarter, rookie quarterback Drew Lock found his "
        "receiver Ray Wade for a touchdown pass, finishing the 73-yard game winning drive."
        "\n\nLock also set a new record for the most single-season passing yards by a rookie.",
    )
    _no_conflict(found)


def test_a_negation_in_a_cross_link_flips_only_what_the_other_passage_names(
    embedder: object,
) -> None:
    """A sentence linked to a passage outside its own group ("has not revealed a release
    date" / "is expected to launch in mid-February") adds a detail: nothing the other
    passage states is denied."""
    found = _findings(
        "Telmax announced it will carry the Nova 8900 smartphone this February, although it "
        "will not offer 4G data service.\n\n"
        "Telmax has officially announced that it will sell the Nova 8900 smartphone from this "
        "February.\n\n"
        "The maker says the handset gives as much as 5.5 hours of calls on one charge.\n\n"
        "Telmax has not revealed a firm release date or any pricing details for the Nova "
        "8900, though the handset will support its Wi-Fi calling service.",
        "Vexa today announced that Telmax will start selling the new Nova 8900 smartphone to "
        "its customers.\n\n"
        "The Nova 8900 will feature built-in GPS, Wi-Fi and a 3.2 megapixel camera.\n\n"
        "Telmax is expected to launch the Nova 8900 smartphone in mid-February.\n\n"
        "Price has not been revealed.",
    )
    assert not [d for d in found if d.code == "content.negation"], [
        (d.code, d.message) for d in found
    ]


def test_one_figure_rounded_in_two_units_is_info() -> None:
    """ "about 85 miles" and "about 135 kilometers" are one distance rounded in each unit (85
    miles is 136.8 km); "about 235 kilometers" is another."""
    same = _findings(
        "The quake struck about 85 miles south of the capital, the survey said.",
        "The quake struck about 135 kilometers south of the capital, the survey said.",
    )
    assert all(d.severity == "info" for d in same if d.kind == "number"), [
        (d.code, d.severity, d.message) for d in same
    ]
    other = _findings(
        "The quake struck about 85 miles south of the capital, the survey said.",
        "The quake struck about 235 kilometers south of the capital, the survey said.",
    )
    assert any(d.code == "number.conflict" for d in other), [(d.code, d.message) for d in other]


def test_a_word_hyphenated_or_spaced_in_a_quote_is_info() -> None:
    """ "cyber-criminals" / "cyber criminals" is a transcription's style, never above info."""
    found = _findings(
        '"We will not let cyber-criminals win this fight," the company\'s security chief said.',
        '"We will not let cyber criminals win this fight," the company\'s security chief said.',
    )
    assert all(d.severity == "info" for d in found), [(d.code, d.severity) for d in found]


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("over the whole neighbourhood by noon", "over the whole neighborhood by noon"),
        ("the new fibre cable to the town centre", "the new fiber cable to the town center"),
        ("we have organised the travelled routes", "we have organized the traveled routes"),
    ],
)
def test_a_word_spelled_the_british_or_the_american_way_in_a_quote_is_info(
    british: str, american: str
) -> None:
    """ "neighbourhood" / "neighborhood" is a house style, never above info."""
    found = _findings(
        f'"We saw {british}," the fire chief said on Monday.',
        f'"We saw {american}," the fire chief said on Monday.',
    )
    assert all(d.severity == "info" for d in found), [(d.code, d.severity) for d in found]


def test_british_and_american_spellings_meet_only_in_long_words() -> None:
    from divergence.lexicon import us_spelling

    assert [us_spelling(w) for w in ("colours", "analysed", "catalogue", "defence")] == [
        "colors", "analyzed", "catalog", "defense",
    ]  # fmt: skip
    assert [us_spelling(w) for w in ("four", "your", "more", "filled", "acre")] == [
        "four", "your", "more", "filled", "acre",
    ]  # fmt: skip


_FLOOD_A = (
    "Flooding closed the coastal road near the harbour on Monday.\n\n"
    "Engineers said repairs would take weeks.\n\n"
)
_FLOOD_B = (
    "Engineers said repairs of the coastal road would take weeks.\n\n"
    "The harbour road was shut by floods on Monday.\n\n"
)


def test_prison_terms_of_two_named_people_are_no_conflict(embedder: object) -> None:
    """Terms that only share a referent ("sentence") are compared across the story, but not
    when each sentence names someone the other does not: two people's sentences. A war is
    one event whoever the sentences name."""
    found = _findings(
        _FLOOD_A + "Separately, Kowalczyk was sentenced to 35 years in prison for leaking files.",
        _FLOOD_B + "In other news, Delia Fenwick was sentenced to 12 years in prison for fraud.",
    )
    _no_conflict(found)
    same = _findings(
        _FLOOD_A + "Separately, Kowalczyk was sentenced to 35 years in prison for leaking files.",
        _FLOOD_B + "In other news, Kowalczyk got a 12-year prison term.",
    )
    assert [d for d in same if d.code == "number.conflict" and d.severity == "high"]
    war = _findings(
        _FLOOD_A + "Separately, Kowalczyk recalled the invasion of nearly three years ago.",
        _FLOOD_B + "In other news, Delia Fenwick spoke of the more than three-year war.",
    )
    assert [d for d in war if d.code == "number.conflict" and "both about the war" in d.message]


def test_each_figure_pairs_with_its_own_before_another() -> None:
    """Figures pair best first across the passage, not in reading order: "seven years" must
    not take "more than eight years" from this side's own "eight years"."""
    found = _findings(
        "The Orioles offered Teixeira seven years and the Nationals offered him eight years, "
        "reports said.",
        "The Orioles made a bid and the Nationals offered Teixeira more than eight years, "
        "reports said.",
    )
    _no_conflict(found)
    assert [d for d in found if d.code == "number.precision"], [d.message for d in found]


def test_a_tie_broken_on_the_way_to_a_win_is_no_other_score() -> None:
    """A level score named a tie and an unlevel one named a win are two moments of a game."""
    win = (
        "His seven-yard touchdown pass to Diaz late in the fourth quarter gave the Hawks a "
        "20-13 victory over the Bears."
    )
    tie = (
        "Luck hit Diaz for a seven-yard touchdown with three minutes left to break a 13-13 "
        "tie and send the Hawks to the playoffs."
    )
    _no_conflict(_findings(win, tie))
    _no_conflict(_findings(tie, win))


def test_figures_pair_by_place_whichever_passage_comes_first() -> None:
    """The figure standing where the other's words map to, both ways, pairs first: a screen's
    width with a width, its height with a height, and the same pairs in either order."""
    left = (
        "The 13-inch model has a fast 1.6GHz processor, starts at $1,299 and includes the same "
        "bright 1366 x 768 display."
    )
    right = "The 13-inch model has a fast 2.2GHz processor and a 1,600 x 900 display."

    def pairs(found: list[Divergence]) -> set[frozenset[str]]:
        return {frozenset(e.text for e in d.evidence) for d in found if d.code == "number.conflict"}

    forward, backward = pairs(_findings(left, right)), pairs(_findings(right, left))
    assert forward == backward
    assert frozenset({"768", "900"}) in forward
    assert not {frozenset({"1366", "900"}), frozenset({"768", "1,600"})} & forward


def test_a_negation_message_keeps_a_decimal_figure_whole() -> None:
    """The clause quoted around a cue does not break at a decimal point ("6.1-magnitude")."""
    found = _findings(
        "A strong 6.1-magnitude earthquake struck Aceh province with a tsunami warning issued.",
        "A strong 6.1-magnitude earthquake struck Aceh province with no tsunami warning issued.",
    )
    negations = [d for d in found if d.code == "content.negation"]
    assert negations and "6.1-magnitude" in negations[0].message, [d.message for d in found]


def test_a_spaced_compound_measure_describes_its_noun() -> None:
    """A text dump's "seven - yard touchdown" measures the touchdown, as "7-yard" does: it
    is not the "205 yards" a quarterback threw for."""
    from divergence.detect.numbers import _measured
    from divergence.detect.quantities import extract_quantities

    text = "Ortiz found Diaz for a seven - yard touchdown pass."
    (q,) = extract_quantities(text)
    assert "touchdown" in (_measured(text, q) or ())


def test_words_a_quote_moves_are_a_rewording_not_a_cut(embedder: object) -> None:
    """A stretch one quote lacks whose words the other quote says in another place ("If
    there were any more years I could hand you" / "If I could hand you more years") is one
    statement reworded: one quote.wording finding with every change, and no truncation."""
    found = _findings(
        '"If there were any more years I could hand you, I would," the judge told him.',
        '"If I could hand you more years, I would," the judge told him.',
    )
    quotes = [d for d in found if d.kind == "quote"]
    assert [d.code for d in quotes] == ["quote.wording"], [(d.code, d.message) for d in quotes]
    assert "2 changes" in quotes[0].message
    assert {"there were any more years", "more years"} <= {e.text for e in quotes[0].evidence}


def test_one_speaker_named_for_another_is_one_finding(embedder: object) -> None:
    """A statement of three paragraphs given to another speaker is one misattribution with
    every quote as evidence, not one finding per paragraph."""
    a = (
        "The club confirmed the winger's arrest on Tuesday.\n\n"
        "\u201cWe know about the incident involving our player,\u201d club chairman Dan "
        "Morley said in a statement.\n\n"
        "\u201cWe are very disappointed.\n\nWe will say nothing more until the police have "
        "finished.\u201d"
    )
    b = (
        "The club confirmed the winger's arrest on Tuesday.\n\n"
        "\u201cWe know about the incident involving our player,\u201d club chairman Dan "
        "Hurley said in a statement.\n\n"
        "\u201cWe are very disappointed.\n\nWe will say nothing more until the police have "
        "finished.\u201d"
    )
    found = [d for d in _findings(a, b) if d.code == "quote.misattribution"]
    assert len(found) == 1, [(d.message, [e.text for e in d.evidence]) for d in found]
    assert "Morley" in found[0].message and "Hurley" in found[0].message
    # three paragraphs, each its own quote: every one is evidence, in both articles
    assert len(found[0].evidence) == 6 and "(and 2 more quotes)" in found[0].message
