"""Canonical hand-written data for the dashboard tests (no article text is copied).

``DATASET`` holds one of each shape the map and timeline must handle: a short
drill at a town, a long phased drill on a border, a hostile title with markup
on an area, an undated drill, a drill with no resolved place, a context place,
and a milestone. ``GEOMETRIES`` stands in for ``geo.geometry.shapes.geometry_for``.
"""

from __future__ import annotations

from datetime import date

from shapely.geometry import LineString, Polygon

from geo.core.model import (
    Article,
    Dataset,
    EventLocation,
    Evidence,
    Exercise,
    Milestone,
    Phase,
    Place,
    PlaceMention,
    Toponym,
    TroopClaim,
)

PATH_A = "fixtures/short-drill.txt"
PATH_B = "fixtures/long-drill.txt"
TEXT_A = "Troops from two countries trained near Testograd for ten days in spring."
TEXT_B = "A long watch along the river border began in winter and ended a year later."

TOWN = Place("Testograd", "city", lon=23.7, lat=52.1, country="BLR", gazetteer_id="geonames:1",
             confidence=0.93)
BORDER = Place("Belarus–Poland border", "border", lon=23.9, lat=52.5, country="BLR",
               geometry_key="border:BLR|POL", confidence=0.8)
AREA = Place("Lithuania", "country", lon=24.0, lat=55.3, country="LTU", geometry_key="country:LTU",
             confidence=0.7)
CAPITAL = Place("Capitalia", "city", lon=27.5, lat=53.9, country="BLR", confidence=0.99)

GEOMETRIES = {
    "border:BLR|POL": LineString([(23.5, 51.5), (23.7, 52.0), (23.9, 52.5), (23.6, 53.9)]),
    "country:LTU": Polygon([(21.0, 54.0), (26.8, 54.0), (26.8, 56.4), (21.0, 56.4)]),
}


def lookup(key: str):
    return GEOMETRIES.get(key)


def evidence(path: str, sentence: str) -> Evidence:
    return Evidence(article=path, sentence=sentence, start=0, end=len(sentence))


EV_A = evidence(PATH_A, TEXT_A)
EV_B = evidence(PATH_B, TEXT_B)
HOSTILE = "<script>alert('x')</script> `${boom}` drill"

SHORT = Exercise(
    name="Shield Test", start=date(2022, 3, 1), end=date(2022, 3, 10), participants=("BLR", "RUS"),
    locations=(EventLocation(TOWN, "drill", "near Testograd", EV_A),
               EventLocation(CAPITAL, "context", "the capital", EV_A)),
    troops=(TroopClaim(5000, "some 5,000 soldiers", EV_A),), sources=(EV_A,), articles=(PATH_A,),
)
LONG = Exercise(
    name="Long Watch", start=date(2023, 1, 1), end=date(2024, 2, 1), participants=("BLR",),
    locations=(EventLocation(BORDER, "drill", "the river border", EV_B),),
    phases=(Phase("first phase", date(2023, 1, 1), date(2023, 6, 30)),
            Phase("second phase", date(2023, 7, 1), date(2024, 2, 1))),
    sources=(EV_B,), articles=(PATH_B,),
)
MARKUP = Exercise(
    name=HOSTILE, start=date(2024, 7, 8), end=date(2024, 7, 19), participants=("CHN", "BLR"),
    locations=(EventLocation(AREA, "drill", "in Lithuania", evidence(PATH_B, HOSTILE + " happened.")),
               EventLocation(TOWN, "drill", "near Testograd", EV_B)),
    sources=(EV_B,), articles=(PATH_B,),
)
UNDATED = Exercise(
    name="Quiet Drill", start=None, end=None, participants=("POL",),
    locations=(EventLocation(TOWN, "drill", "at Testograd", EV_A),), articles=(PATH_A,),
)
NOWHERE = Exercise(name="Placeless Drill", start=date(2022, 5, 1), end=date(2022, 5, 3), participants=("RUS",),
                   articles=(PATH_A,))
SUMMIT = Milestone("Summit in Capitalia", date(2024, 7, 9), EV_B)

DATASET = Dataset(
    articles=(Article(PATH_A, TEXT_A, title="A short drill", published=date(2022, 3, 1)),
              Article(PATH_B, TEXT_B, title="A long watch", published=date(2024, 7, 10))),
    exercises=(SHORT, LONG, MARKUP, UNDATED, NOWHERE),
    milestones=(SUMMIT,),
    toponyms={
        PATH_A: (Toponym(PlaceMention("Testograd", 39, 48), TOWN),
                 Toponym(PlaceMention("spring", 65, 71), None)),  # a mention nothing resolved
        PATH_B: (),
    },
    problems=("fixtures/broken.txt: binary file, not text; remove it from the articles folder",),
)
