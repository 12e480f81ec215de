"""Word lists and compiled patterns of news language shared by the extraction rules."""

from __future__ import annotations

import re

# Nouns that denote an exercise. "operations" and "training" only help to
# recognise a drill sentence; they never head a name ("Special Operations").
EXERCISE_NOUN = (
    r"exercises?|drills?|war[- ]?games?|manoeuvres?|maneuvers?|manoeuvers?|"
    r"snap (?:inspection|check)s?|(?:joint|air|aerial|naval|strategic) patrols?"
)
NAME_HEAD = r"exercises?|drills?|war[- ]?games?|manoeuvres|maneuvers|manoeuvers"
EXERCISE_WORDS = re.compile(rf"\b(?:{EXERCISE_NOUN}|patrols?|inspection)\b", re.IGNORECASE)
DRILL_CUE = re.compile(
    r"\b(?:exercises?|exercising|drills?|drilling|drilled|war[- ]?games?|manoeuvres?|maneuvers?|"
    r"manoeuvering|maneuvering|maneuvered|patrols?|patrolled|patrolling|inspection|training|trained|train|"
    r"operations|operated|operate|flights?|sorties|landings?|landed|"
    r"take place|takes place|took place|taking place|taken place|held|hold|holds|holding|conduct|conducts|"
    r"conducted|conducting|stage|staged|staging|carried out|carry out|carrying out|run|runs|ran|running|"
    r"execute|executed|practi[cs]e|practi[cs]ed|practi[cs]ing|begin|began|begun|beginning|start|started|"
    r"starts|starting|kicked off|kick off|kicks off|launched|launch|launches|underway|under way|"
    r"deployed|deploy|gather|gathered|gathering|arrive|arrived|arriving|moved|shifted|"
    r"participate|participated|participating|take part|took part|taking part|"
    r"involve|involves|spread|based|stretching|stretched|extended|spanning|crossings?|advance|"
    r"firing|fire|strikes?|bridging|landing|simulat\w+|rehears\w+|sail\w*|fly|flying|flew|flown)\b",
    re.IGNORECASE,
)
# Verbs whose subject takes part in the exercise.
PARTICIPANT_VERB = re.compile(
    r"\b(?:hold|holds|held|holding|conduct|conducts|conducted|conducting|begin|begins|began|begun|"
    r"start|starts|started|launch|launches|launched|kick(?:ed|s)? off|stage|stages|staged|carr(?:y|ied|ies) out|"
    r"host|hosts|hosted|hosting|co-?host(?:s|ed|ing)?|lead|leads|led|participate|participates|participated|"
    r"participating|take part|takes part|took part|taking part|join|joins|joined|drill|"
    r"will see|sent|send|deployed|perform(?:s|ed)?|practi[cs]e[sd]?)\b",
    re.IGNORECASE,
)
FORCE_NOUN = (
    r"troops|forces|soldiers|servicemen|service members|"
    r"military(?!\s+(?:security|cooperation|hardware|aid|spending|budget|alliance|ties|exercises?|drills?|"
    r"manoeuvres?|maneuvers?|war ?games?|patrols?|"
    r"operations?|threats?|presence|build-?up|deployments?|activit\w+|escalation|conflict|power|capabilit\w+|"
    r"infrastructure|bases?|equipment|doctrine|strategy|officials?|leaders?|analysts?|experts?|sources?))|militaries|army|armies|navy|navies|"
    r"air force|marines?|paratroopers|personnel|units|jets|aircraft|warships|ships|vessels|bombers|"
    r"fighters|sailors|armed forces|self-defen[cs]e forces|defen[cs]e force|side|contingent|servicemembers|airmen|"
    r"special forces|counterparts? troops|assets"
)
# Single words of force nouns, for word-by-word checks.
FORCE_WORDS = (
    r"troops|forces|force|soldiers|servicemen|service|members|military|militaries|army|armies|navy|navies|air|"
    r"marines?|paratroopers|personnel|units|jets|aircraft|warships|ships|vessels|bombers|fighters|sailors|armed|"
    r"self-defen[cs]e|side|contingent|servicemembers|airmen|special"
)
PARTICIPATION = re.compile(
    r"\b(?:participat\w*|take part|takes part|took part|taking part|join\w*|involv\w*|forces|troops|"
    r"servicemen|service members|militaries|soldiers|countries|nations|participants|personnel|contingents?|"
    r"navies|armies|partners?)\b",
    re.IGNORECASE,
)
NOT_PARTICIPANT = re.compile(
    r"\b(?:observers?|observing|observe|invited to attend|yet to commit|not (?:take|taking) part|"
    r"declined|refused|not participat\w+|monitor\w*|watch\w*|condemn\w*|criticis\w+|criticiz\w+)\b",
    re.IGNORECASE,
)
SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|announced|announces|reported|reports|stated|states|added|noted|"
    r"warned|denied|denies|accused|accuses|claimed|claims|believes|believed|insisted|tweeted|posted|"
    r"wrote|according)\b",
    re.IGNORECASE,
)
START_VERB = re.compile(
    r"\b(?:begin|begins|began|begun|beginning|start|starts|started|starting|kick(?:ed|s|ing)? off|"
    r"launch|launches|launched|launching|open|opens|opened|commence[sd]?|commencing|get(?:s|ting)? underway|"
    r"got underway|gets under way|got under way|underway|from|since|embark(?:s|ed|ing)?\s+(?:on|upon))\b",
    re.IGNORECASE,
)
SINGLE_DAY_VERB = re.compile(
    r"\b(?:conducted|carried out|held|staged|performed|flew|took place|was held|were held)\b", re.IGNORECASE
)
END_VERB = re.compile(
    r"\b(?:end|ends|ended|ending|conclude|concludes|concluded|concluding|until|till|through|thru|"
    r"wrap(?:s|ped)? up|finish|finishes|finished|close|closes|closed|last until|lasts until|to run until)\b",
    re.IGNORECASE,
)
PRESENT_PERFECT_START = re.compile(
    r"\b(?:has|have|had) (?:\w+ )?(?:begun|started|kicked off|been launched|commenced|got underway)\b|"
    r"\b(?:is|are) (?:now )?underway\b",
    re.IGNORECASE,
)

LOCATIVE = (
    r"in and around|in the vicinity of|in|at|near|around|across|over|off|on|along|throughout|within|"
    r"inside|into|onto|outside|between|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?(?: part)? of"
)
DIRECTION_OF = re.compile(
    r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)? of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Words that may sit inside a place phrase between its place names.
PHRASE_GLUE = {
    "the", "a", "an", "and", "or", "of", "its", "their", "his", "her", "as", "well", "including", "includes",
    "include", "which", "both", "also", "parts", "part", "areas", "area", "region", "regions", "waters",
    "airspace", "coast", "coasts", "islands", "island", "vicinity", "surrounding", "designated", "several",
    "other", "locations", "location", "bases", "base", "ranges", "range", "grounds", "ground", "training",
    "military", "firing", "sites", "site", "zones", "zone", "sea", "seas", "skies", "territory", "northern",
    "southern", "eastern", "western", "central", "north", "south", "east", "west", "northwestern",
    "northeastern", "southwestern", "southeastern", "vast", "near", "in", "at", "around", "on", "off", "over",
    "across", "along", "throughout", "between", "within", "polygon", "polygons", "towns", "town", "villages",
    "cities", "city", "countries", "country", "states", "state", "provinces", "province", "districts",
    "district", "border", "borders", "border", "air", "naval", "station", "field", "fields", "beach",
    "beaches", "shore", "mountains", "river", "rivers", "lake", "bay", "gulf", "strait", "straits",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "two", "different", "simultaneously",
    "mostly", "mainly", "largely", "partly", "respectively", "etc", "far", "down", "up",
}
STOP_PHRASE = re.compile(
    r"\b(?:from|to(?!\s+the\s+(?:north|south|east|west))|towards?|for|against|with|by|ahead|after|before|during|"
    r"since|until|said|says|told|"
    r"according|which|who|whom|where|when|while|but|because|although|though|that|than|like|amid|via|under|"
    r"despite|without|about)\b",
    re.IGNORECASE,
)
CONTEXT_BEFORE = re.compile(
    r"(?:head-?quarter(?:s|ed)|based|stationed|home base|home port|homeported|capital|embassy|"
    r"ministry|visit(?:ed|ing|s)?|summit|meeting|talks|conference|traveling|travelling|"
    r"carrier|destroyer|frigate|cruiser|corvette|submarine|ship|vessel|warship|uss|hms|ins|js|"
    r"type \d+\w*|flagship)\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
SHIP_BEFORE = re.compile(
    r"\b(?:carrier|destroyer|frigates?|cruiser|corvettes?|submarine|ship|vessel|warship|flagship|"
    r"USS|HMS|INS|JS|HMAS|HMCS|RFS|PLANS|Type \d+\w*)\s*(?:[A-Z][\w\-]*\s+){0,2}$"
)
FACILITY_WORD = re.compile(
    r"\b(?:training grounds?|training areas?|training range|firing range|range|ranges|polygon|proving ground|"
    r"air ?base|air force base|base|bases|airfield|air force station|naval base|test site|"
    r"sand dunes)\b",
    re.IGNORECASE,
)
HOME_BASE_AFTER = re.compile(r"^\W*(?:\w+\W+){0,4}(?:serving as|as)\s+(?:a\s+|the\s+|its\s+)?home\s+(?:base|port)", re.IGNORECASE)

PERSON_TITLE = re.compile(
    r"^(?:['’]s)?\s+(?:President|Prime|Premier|Minister|Foreign|Defen[cs]e Minister|leader|Chancellor|King|Queen|"
    r"ambassador|Ambassador|officials?|spokes(?:man|woman|person)|counterparts?|diplomats?|envoy|Secretary)\b"
)
OTHER_EVENT = re.compile(
    r"\b(?:meetings?|talks|summits?|conferences?|visits?|protests?|elections?|ceremon(?:y|ies)|negotiations|"
    r"consultations|forum|session|standoff|crisis|(?<!Cold )(?<!World )war|conflict|invasion|attack|assault|"
    r"build-?up|deployments?)\b",  # "since the Cold War" names an era, not an event under way
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(
    r";|—|–\s|\s-\s|\(|\)|(?-i::\s(?=[A-Z\"“]))|[\"“”]|"
    r",\s+(?=(?:which|who|whom|where|while|when|but|although|though|as|after|before|because|and\b|"
    r"saying|adding|according|said|a\s+\w+\s+(?:of|that))\b)|"
    r"\s(?:while|whereas|because|although|though|as|when|where|who|whom|given)\s",
    re.IGNORECASE,
)

NAME_WORD = r"(?:[A-Z][A-Za-z'’]*[a-z][A-Za-z'’]*|[A-Z]{2,}[a-z]?|[A-Z]\.?)"
# An edition: a year (any calendar's: "Velayat-1403"), two digits, or a Roman numeral.
# One digit or one Roman numeral too ("Medusa 9", "Shaheen X"), when no unit, month or more digits follow.
EDITION = (r"(?:[\s\-–]+(?:\d{4}[A-Z]?|\d{2}[A-Z]?|[IVXLC]{2,6}|(?:\d|[IVX])(?![\w.,:/])"
           r"(?!\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|"
           r"days?|weeks?|months?|years?|km|miles|per|percent|%|and\s+\d))))")
NAME = rf"{NAME_WORD}(?:[\s\-]+(?:of\s+the\s+|of\s+|de\s+|del\s+)?{NAME_WORD}){{0,4}}{EDITION}?"
OPEN_Q = "\"“‘'«"
CLOSE_Q = "\"”’'»"

# Capitalised words that begin sentences or name institutions, never exercises.
NOT_NAME_WORDS = {
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "joint",
    "military", "annual", "large", "large-scale", "massive", "major", "naval", "air", "land", "combined",
    "strategic", "tactical", "nuclear", "live", "live-fire", "snap", "new", "first", "second", "third",
    "last", "next", "final", "main", "big", "biggest", "largest", "recent", "latest", "previous", "such",
    "other", "both", "all", "some", "several", "many", "multinational", "international", "bilateral",
    "trilateral", "regular", "routine", "planned", "scheduled", "upcoming", "ongoing", "current", "separate",
    "similar", "parallel", "simultaneous", "in", "on", "at", "during", "after", "before", "for", "with",
    "as", "by", "from", "of", "and", "or", "but", "while", "when", "since", "amid", "ahead", "army", "navy",
    "force", "forces", "ministry", "defense", "defence", "command", "corps", "marine", "marines", "guard",
    "fleet", "armed", "staff", "headquarters", "department", "office", "council", "government", "president",
    "minister", "general", "admiral", "colonel", "officials", "official", "spokesman", "spokeswoman",
    "nato", "eu", "un", "csto", "sco", "otan", "indo", "sino", "russo", "franco", "anglo", "euro", "afro",
    "austro", "greco", "italo", "turco", "pan", "what", "why", "who", "where", "how", "when", "which",
    "exercise", "exercises", "drill", "drills", "war", "cold", "world", "games", "latest", "news",
    "breaking", "update", "updates", "photo", "video", "watch", "read", "more", "related", "stories",
    "russia", "china", "us", "u.s.", "usa", "uk", "u.k.", "summer", "winter", "spring", "autumn", "fall",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "covid", "timing",
    "participation", "troops", "ties", "relations", "provocation", "concerned", "continues", "diplomacy",
    "special", "operations", "operation", "state", "people's", "liberation", "near", "across", "over",
    "off", "along", "around", "into", "inside", "within", "outside", "between", "against", "under",
    "self-defense", "self-defence", "coast", "rocket", "ground", "space", "cyber", "pacific", "atlantic",
    "east", "west", "north", "south", "western", "eastern", "northern", "southern", "central",
    "will", "would", "can", "could", "has", "have", "had", "is", "are", "was", "were", "it", "they",
}
INSTITUTION_WORDS = {
    "ministry", "army", "navy", "force", "forces", "command", "corps", "guard", "fleet", "department",
    "office", "council", "government", "agency", "university", "institute", "press", "news", "times",
    "post", "journal", "telegraph", "reuters", "tass", "cnn", "bbc", "house", "kremlin", "pentagon",
    "war", "summit", "conference", "organization", "organisation", "alliance", "union", "state",
    "republic",
}
SECTION_HEADING_MAX = 60
# Capitalised words after a place name that make it part of an organisation's or a
# newspaper's name ("Shanghai Cooperation Organization", "South China Morning Post").
_ORGANISATION_WORDS = {
    "organization", "organisation", "cooperation", "co-operation", "post", "times", "journal", "telegraph",
    "herald", "tribune", "gazette", "morning", "daily", "news", "press", "university", "institute",
    "club", "bank", "company", "group", "foundation", "airlines", "stock", "fleet", "flotilla",
}
_CAPITALISED_WORD = re.compile(r"\s+([A-Z][\w'’-]*)")


def names_an_organisation(text: str, end: int) -> bool:
    """The capitalised words right after a place name (up to three) name an organisation:
    the place is part of a name and is not where anything happens."""
    for _ in range(3):
        match = _CAPITALISED_WORD.match(text, end)
        if match is None:
            return False
        if match.group(1).lower() in _ORGANISATION_WORDS:
            return True
        end = match.end()
    return False


REFERS = re.compile(
    rf"\b(?:{EXERCISE_NOUN}|patrols?|inspection|training|manoeuvres?|maneuvers?|take part|taking part|took part|phase|"
    rf"will join|joining|"
    rf"participat\w+)\b|^\s*(?:It|They|The event)\b",
    re.IGNORECASE,
)
EQUIPMENT_CODE = re.compile(
    r"\b(?P<code>(?:S|Su|SU|MiG|F|Tu|TU|Il|IL|J|JH|H|B|KJ|Y|Z|CV|MV|KC|C|A|E|P|AH|UH|CH|MH|T|BMP|BTR|"
    r"Tor|Buk|Mi|Ka|Yak|An|HQ|DF|K|M|RS)-\d{1,3}[A-Z]{0,3}(?:/[A-Z]{1,2})?)(?:s\b)?"
)
EQUIPMENT_NAMES = re.compile(
    r"\b(?:Iskander(?:-M)?|Bayraktar(?: TB2)?|Javelin|NLAW|HIMARS|Patriot|Pantsir(?:-S1)?|Kinzhal|Kalibr|"
    r"Osprey|Eurofighter Typhoon|Typhoon|Rafale|Gripen|Leopard(?: 2)?|Abrams|Bradley|Stryker|Apache|"
    r"Black Hawk|Chinook|Tornado|Harrier|Tomahawk|Harpoon|Aegis|THAAD|Avangard|Sarmat|Yars|Topol(?:-M)?|"
    r"Bulava|Zircon|Tsirkon|Onyx|Kh-\d+\w*|Shahed|ATMOS|Caesar|Krab|K9 Thunder|Reaper|Global Hawk|"
    r"Poseidon|Hawkeye|Super Hornet|Hornet|Lightning II|Tu-\d+\w*)\b"
)

# "five joint drills will be held in the country", "a series of exercises will take place in X":
# a count of drills held somewhere, the component exercises named next.
COUNTED_DRILLS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|several|a\s+series\s+of|a\s+number\s+of)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:exercises|drills|manoeuvres|maneuvers|war\s?games)\s+"
    r"(?:will\s+be\s+|are\s+(?:being\s+)?|were\s+|have\s+been\s+)?(?:held|conducted|staged|take\s+place|taking\s+place|"
    r"took\s+place)\s+(?:[\w,-]+\s+){0,3}?(?:in|on\s+the\s+territory\s+of|across)\s+(?P<where>the\s+(?:country|republic)\b)?",
    re.IGNORECASE,
)

# "36 warships are on their way out to the Barents Sea", "rocket systems are deployed along the coast",
# "aircraft will be more active in the skies above X": the exercise's forces at work, named without
# an exercise word.
FORCES_AT_WORK = re.compile(
    r"\b(?:warships|ships|vessels|submarines|aircraft|jets|bombers|fighters|helicopters|troops|units|convoys|"
    r"(?:weapon|missile|rocket)\s+systems|artillery)\b[^.;]{0,80}?\b(?:on\s+(?:their|its)\s+way|heading\s+(?:out\s+)?(?:to|for)|"
    r"(?:are|is|were|was|will\s+be|have\s+been|has\s+been)\s+(?:now\s+|currently\s+|also\s+)?deployed|"
    r"(?:more\s+)?active\s+(?:in|over|above))\b",
    re.IGNORECASE,
)
# The same movement as the verb of a place phrase: "on their way out to X", "active in the skies above X".
FORCE_MOTION_CUE = re.compile(r"\b(?:on\s+(?:their|its)\s+way(?:\s+out)?|heading(?:\s+out)?|active)\s*$", re.IGNORECASE)

