"""A small hand-made Dataset for the export and briefing tests.

The sentences are written for these tests; coordinates are the real towns'.
"""

from datetime import date

from geo.core.model import (
    Article,
    Dataset,
    EventLocation,
    Evidence,
    Exercise,
    Milestone,
    Phase,
    Place,
    TroopClaim,
)

ARTICLE_A = Article(path="articles/sample-a.txt", text="", title="Drills begin near the western frontier")
ARTICLE_B = Article(path="articles/sample-b.txt", text="", title="Joint exercise ends with live firing")


def evidence(article: Article, sentence: str) -> Evidence:
    return Evidence(article=article.path, sentence=sentence, start=0, end=len(sentence))


BREST = Place(
    name="Brest", kind="city", lon=23.7341, lat=52.0976, country="BLR", gazetteer_id="geonames:629634"
)
HRODNA = Place(
    name="Hrodna", kind="city", lon=23.8258, lat=53.6884, country="BLR", gazetteer_id="geonames:627904"
)
MINSK = Place(name="Minsk", kind="city", lon=27.5667, lat=53.9, country="BLR", gazetteer_id="geonames:625144")
BORDER = Place(
    name="Belarus–Poland border",
    kind="border",
    lon=23.6,
    lat=52.6,
    country="BLR",
    geometry_key="border:BLR|POL",
)
BALTICS = Place(name="the Baltic states", kind="group", lon=24.5, lat=56.5, geometry_key="group:EST|LTU|LVA")
MOSCOW = Place(name="Moscow", kind="city", lon=37.6173, lat=55.7558, country="RUS")

_S1 = "Troops moved to a range outside Brest on Monday, the ministry said."
_S2 = "Units also trained near Hrodna and along the border with Poland."
_S3 = "Officials in Moscow said the drills were purely defensive."
_S4 = "The joint drill near Minsk involved about 1,500 soldiers and attack helicopters."
_S5 = "Neighbours in the Baltic states watched the exercise closely."

WINTER = Exercise(
    name="Winter Shield 2022",
    start=date(2022, 2, 10),
    end=date(2022, 2, 20),
    participants=("BLR", "RUS"),
    locations=(
        EventLocation(
            place=BREST, role="drill", mention="a range outside Brest", evidence=evidence(ARTICLE_A, _S1)
        ),
        EventLocation(place=HRODNA, role="drill", mention="Hrodna", evidence=evidence(ARTICLE_A, _S2)),
        EventLocation(
            place=BORDER, role="drill", mention="the border with Poland", evidence=evidence(ARTICLE_A, _S2)
        ),
        EventLocation(place=MOSCOW, role="context", mention="Moscow", evidence=evidence(ARTICLE_A, _S3)),
    ),
    phases=(Phase(name="live firing", start=date(2022, 2, 16), end=date(2022, 2, 20)),),
    troops=(TroopClaim(count=30000, text="some 30,000 troops", evidence=evidence(ARTICLE_A, _S1)),),
    equipment=("fighter jets", "air defence systems"),
    sources=(evidence(ARTICLE_A, _S1),),
    articles=(ARTICLE_A.path,),
)
SUMMER = Exercise(
    name="Summer Hawk",
    start=date(2024, 7, 8),
    end=date(2024, 7, 19),
    participants=("BLR", "CHN"),
    locations=(
        EventLocation(place=MINSK, role="drill", mention="Minsk", evidence=evidence(ARTICLE_B, _S4)),
        EventLocation(
            place=BALTICS, role="drill", mention="the Baltic states", evidence=evidence(ARTICLE_B, _S5)
        ),
    ),
    troops=(TroopClaim(count=1500, text="about 1,500 soldiers", evidence=evidence(ARTICLE_B, _S4)),),
    equipment=("attack helicopters",),
    sources=(evidence(ARTICLE_B, _S4),),
    articles=(ARTICLE_B.path,),
)
SUMMIT = Milestone(label="Alliance summit", day=date(2023, 7, 11), evidence=evidence(ARTICLE_B, _S5))

DATASET = Dataset(articles=(ARTICLE_A, ARTICLE_B), exercises=(WINTER, SUMMER), milestones=(SUMMIT,))
EMPTY = Dataset(articles=(ARTICLE_A,))
