"""The words of news language the recogniser reads: titles, organisations, names, unit and
facility nouns, directions, and the patterns built from them."""

from __future__ import annotations

import re

MAX_WORDS = 6

# Words that may sit inside a multi-word name but never start or end one.
CONNECTORS = frozenset(
    "of the and de del della di da das dos do du des la le les los el al am an im upon on sur y en van von".split()
)
# Words that turn a preceding capitalised name into a person or title.
# A capitalised name right after these is a ship's ("the frigate Linyi", "HMS Montrose"), never a place.
SHIP_NOUNS = frozenset("""destroyer destroyers frigate frigates corvette corvettes cruiser submarine warship flagship
    carrier icebreaker minesweeper tanker""".split())
SHIP_PREFIXES = frozenset("USS HMS INS HMAS HMCS HMNZS RFS CNS BNS PNS TCG ROKS KRI BRP JS HNLMS FGS ITS".split())
TITLES = frozenset(
    """mr mrs ms miss dr prof president presidents gen general lt col colonel maj major capt captain sgt
    sergeant adm admiral minister secretary senator sen rep representative gov governor mayor judge justice
    king queen prince princess pope saint sir lord lady chancellor premier ambassador spokesman spokeswoman
    spokesperson commander chief coach officer detective deputy sheriff councilman councilwoman pastor
    rev reverend father brother sister uncle aunt st""".split()
)
# Capitalised words that name something else when they follow a place name
# ("Washington Post", "Texas Rangers", "Paris Club"): the place is embedded in an
# organisation. We still tag the place (news annotators usually do), except for
# the person/brand cases listed in FIRST_NAMES below.
ORG_WORDS = frozenset(
    """post times herald tribune journal gazette daily news press star sun chronicle telegraph record
    university college school schools academy institute hospital clinic club fc united city town rangers
    league council airlines airways bank group company corp inc ltd museum library church cathedral chapel
    stadium airport hall centre center community police pd department dept fire sheriff court courthouse
    district board authority energy sustainable society association foundation trust partnership
    chamber commerce festival market mall park zoo station port harbour harbor bridge street road
    avenue high middle elementary primary county borough municipal public regional national memorial
    medical health care services service water electric gas power transit metro railway railroad
    woman's women's men's children's woman women men children veterans""".split()
)
# Place names that are far more often people's first names or common words when
# they start a capitalised run followed by another capitalised word.
FIRST_NAMES = frozenset(
    """austin jordan jackson charlotte florence chelsea paris victoria eugene orlando troy lincoln madison
    tyler aurora regina beatrice marion clinton warren sydney kent logan dallas houston phoenix savannah
    denver brooklyn camden chester cleveland douglas franklin hamilton harrison hudson jefferson lafayette
    lawrence milton monroe nelson preston raleigh salem shelby sherman stanley washington wellington
    winston york adelaide alexandria augusta caroline elizabeth helena kingston lorraine mesa nancy
    orange pierre sofia valencia vladimir
    john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony
    mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey
    ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory
    alexander frank patrick raymond jack dennis jerry jose adam henry nathan douglas zachary peter kyle
    walter ethan jeremy harold keith christian roger noah gerald carl terry sean arthur lawrence
    dylan jesse bryan joe jordan billy bruce albert willie gabriel alan juan wayne roy ralph randy eugene
    vincent russell louis bobby philip johnny mary patricia jennifer linda barbara susan jessica sarah
    karen lisa nancy betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy
    melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela
    emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather
    diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan
    andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean
    abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana
    natalie brittany charlotte marie kayla alexis lori ben sam tom bill jim bob mike dave steve tony
    ahmed mohammed muhammad ali hassan hussein omar ibrahim mustafa abdullah sergei sergey dmitry dmitri
    alexei alexey ivan igor oleg yuri andrei viktor nikolai boris mikhail xi li wang zhang chen liu
    manuel carlos luis jorge pedro miguel francisco antonio""".split()
)
# Capitalised common words that GeoNames also knows as towns somewhere. A hand
# list: there is no trustworthy English word list in the wheels.
STOP_WORDS = frozenset(
    """of the a an in on at by to for from with and or but as if it its is was be he she we they i you
    this that these those there here then than when where what who why how all any some no not one two
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    nice reading mobile police mission hope union liberty independence commerce industry enterprise
    friendship temple young long best man page bay center centre college university school church
    city town village county state province region district street road avenue park lake river
    north south east west northern southern eastern western central president minister government army
    navy naval marine marines airborne tactical joint combat air force military defense defence ministry
    office house senate congress parliament court
    news times post press report reports reporter sources source video photo image images
    said says told according also however meanwhile after before during since while under over about
    more most many much other such only just very well even still new old first last next early late
    home mass sale sales price prices market markets energy power health life love faith grace joy
    victory freedom justice unity progress concord harmony paradise eden goshen bethel canaan zion
    sharon shiloh olive palm pine oak cedar maple
    ash elm laurel rose lily iris violet daisy hazel ivy holly jasmine
    god jesus christ allah lord bible gospel islam muslim christian jewish catholic
    internet online web email twitter facebook google apple amazon windows
    eagle falcon hawk bear wolf fox deer elk moose lion tiger
    gold silver iron steel copper diamond pearl ruby crystal
    deal trade war peace talks summit election elections vote campaign
    tv radio cnn bbc reuters ap afp
    dear welcome thanks please yes okay ok
    chief general major admiral colonel captain sergeant officer officers
    border borders capital capitals coast island islands mountain mountains valley desert forest
    republic kingdom empire federation union commonwealth
    black white green red blue brown gray grey
    man men woman women boy girl child children people family
    time day week month year today tomorrow yesterday morning evening night
    world earth global international national local regional
    live living life death dead
    more most less least
    ex via per vs
    mount mt fort ft port saint st san santa
    ministry department agency committee commission council board bureau service services
    opposition coalition alliance forces troops soldiers units
    spring summer autumn fall winter
    valentine christmas easter
    kill killed strike strikes attack attacks
    marine marines guard guards
    regular federal
    orange lemon apple cherry
    ocean sea gulf strait
    olympic olympics lakes xinhua eta real liberal liberals cup act rex nine ten king queen sen mart abo
    her his him our their them my your fleet fleets army armies corps command brigade division battalion
    regiment squadron rim ballon barca el nino star research bank chamber inc media supreme shell villa conservative labour democrat democrats republican republicans premier champions""".split()
)
# Common surnames that GeoNames also knows as small towns; alone, they are people.
SURNAMES = frozenset(
    """smith johnson williams brown jones miller davis wilson anderson taylor moore martin white harris
    clark lewis robinson walker allen wright green baker adams hill campbell mitchell roberts carter
    phillips evans turner parker collins edwards stewart morris murphy cook rogers morgan cooper peterson
    bailey reed kelly howard cox ward richardson watson brooks wood bennett gray hughes price sanders myers
    ross foster powell jenkins perry sullivan bell coleman butler henderson barnes fisher simmons graham
    marshall owens gibson wallace burns ellis stevens murray ford wells porter hunter hicks crawford boyd
    mason kennedy dixon burke sutton bryant spencer floyd barry meredith warner dunbar nash bush obama
    trump clinton biden rubio castro
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo lin he gao luo kim lee park choi
    jung kang cho yoon jang lim garcia rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez
    torres flores rivera gomez diaz reyes cruz morales ortiz gutierrez chavez ramos ruiz alvarez castillo
    jimenez moreno romero herrera medina aguilar vargas suarez villanueva miranda""".split()
)
# Multi-word phrases that look like names of places but are not.
NOT_PLACES = frozenset({"el nino", "la nina", "notre dame", "real madrid", "atletico madrid"})
# Lower-case nouns after a name that make it a product or a type, not a place.
THING_NOUNS = frozenset(
    """missile missiles drone drones system systems jet jets tank tanks launcher launchers rifle rifles
    helicopter helicopters aircraft fighter fighters bomber bombers vehicle vehicles rocket rockets
    howitzer howitzers gun guns engine engines brand model models class complex complexes""".split()
)
REGION_WORDS = {
    "oblast": "region", "oblasts": "region", "voblast": "region", "region": "region", "regions": "region",
    "province": "region", "governorate": "region", "district": "region", "krai": "region", "county": "region",
    "prefecture": "region", "state": "region", "raion": "region", "rayon": "region", "canton": "region",
    "counties": "region", "provinces": "region", "prefectures": "region", "districts": "region",
}
FACILITY_WORDS = ("training ground", "training grounds", "training range", "firing range", "proving ground",
                  "training area", "range", "polygon", "air base", "airbase", "naval base", "base", "airfield")
DIRECTIONS = frozenset("north south east west northern southern eastern western central northeastern "
                       "northwestern southeastern southwestern north-eastern north-western south-eastern "
                       "south-western".split())

# Tokens: dotted abbreviations (U.S., U.K.), then words with inner apostrophes.
TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
FACILITY_NOUNS = (
    r"(?i:training grounds?|training ranges?|firing ranges?|proving grounds?|training areas?|test ranges?|"
    r"test sites?|ranges?|polygons?|air ?bases?|air force bases?|naval bases?|military bases?)"
)
FACILITY = re.compile(r"(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?) " + FACILITY_NOUNS + r"\b")
# "the Totsky and Donguz ranges": two facilities sharing one plural noun.
FACILITY_PAIR = re.compile(
    r"(?P<a>[A-Z][\w’'-]+)(?:,? and |,? or |, )(?P<b>[A-Z][\w’'-]+) "
    r"(?i:training grounds|training ranges|firing ranges|proving grounds|training areas|ranges|polygons)\b"
)
# "Metcalfe County", "Orleans Parish": a named local unit, known to the gazetteer or not.
LOCAL_UNIT = re.compile(r"(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?) (?:County|Parish|Township|Borough|counties)\b")
NOT_FACILITY_NAMES = frozenset("mountain mountains hill hills missile price age".split())
# After a country-like name: "'s border", "' western and southern borders", "–Belarus border",
# "'s border with Ukraine".
BORDER_AFTER = re.compile(
    r"(?:['’]s?)?(?:\s*[-–—/]\s*(?P<other>[A-Z][\w’']+))?"
    r"(?:\s+(?:(?:north|south|east|west)(?:ern)?|north-?(?:east|west)(?:ern)?|south-?(?:east|west)(?:ern)?"
    r"|and|,|common|shared|state|national|frontier))*"
    r"\s+borders?\b(?:\s+with\s+(?:the\s+)?(?P<with>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?))?"
)
GENERIC_TAILS = frozenset(
    "states countries nations republics sea ocean strait straits gulf peninsula region oblast islands "
    "heights plain gap".split()
)
