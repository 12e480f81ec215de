"""geo.render.mapview: the folium map, tested on its generated Leaflet script and HTML."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from html import escape as html_escape
from pathlib import Path

import pytest
from streamlit_folium import _get_map_string

sys.path.insert(0, str(Path(__file__).parent))
from dashboard_data import BORDER, CAPITAL, DATASET, HOSTILE, LONG, SHORT, TOWN, lookup  # noqa: E402

from geo.core.model import Article  # noqa: E402
from geo.render.filters import Filters  # noqa: E402
from geo.render.mapview import (  # noqa: E402
    ATTRIBUTION,
    DEFAULT_BOUNDS,
    OSM_TILES,
    Site,
    bounds_of,
    build_map,
    group_features,
    js_string,
    legend_entries,
    site_at,
    site_popup,
    title_box_html,
)
from geo.render.offline import LEAFLET_CSS, LEAFLET_JS  # noqa: E402
from geo.render.palette import CONTEXT_COLOUR, exercise_palette  # noqa: E402

PALETTE = exercise_palette(e.label for e in DATASET.exercises)
ALL = Filters(show_context=True).apply(DATASET.exercises)
DRILL_ONLY = Filters().apply(DATASET.exercises)


def script_of(exercises, **options) -> str:
    """The Leaflet script as streamlit-folium sends it to the browser (no basemap: fast)."""
    return _get_map_string(build_map(exercises, PALETTE, geometry_lookup=lookup, basemap_scale=None, **options))


def html_of(exercises, **options) -> str:
    fmap = build_map(exercises, PALETTE, geometry_lookup=lookup, basemap_scale=None, **options)
    return fmap.get_root().render()


@pytest.mark.parametrize(
    ("exercises", "max_features", "expected"),
    [
        # town (2 exercises -> 2 rings) + capital (context) + border line + area + undated at town
        (ALL, 400, {"point": 4, "line": 1, "area": 1}),
        (DRILL_ONLY, 400, {"point": 3, "line": 1, "area": 1}),
        # over the cap: one feature per place, whatever the number of exercises there
        (DRILL_ONLY, 2, {"point": 1, "line": 1, "area": 1}),
        ([], 400, {}),
    ],
)
def test_group_features_counts_shapes(exercises, max_features, expected):
    features = group_features(exercises, PALETTE, lookup, max_features)
    counts: dict[str, int] = {}
    for feature in features:
        counts[feature.shape] = counts.get(feature.shape, 0) + 1
    assert counts == expected


def test_context_places_are_grey_and_drill_sites_take_the_exercise_colour():
    features = group_features([SHORT], PALETTE, lookup)
    colours = {f.sites[0].location.place.name: (f.colour, f.context) for f in features}
    assert colours == {"Testograd": (PALETTE["Shield Test"], False), "Capitalia": (CONTEXT_COLOUR, True)}


def test_place_without_known_geometry_falls_back_to_its_point():
    features = group_features([LONG], PALETTE, lambda key: None)
    assert [(f.shape, f.key) for f in features] == [("point", f"pt:{BORDER.lat:.3f},{BORDER.lon:.3f}")]


@pytest.mark.parametrize(
    ("exercises", "expected"),
    [
        ([], DEFAULT_BOUNDS),
        # one town: widened to 4 x 6 degrees so its region shows around it
        ([SHORT], ((50.1, 20.7), (54.1, 26.7))),
    ],
)
def test_bounds(exercises, expected):
    features = group_features(Filters().apply(exercises), PALETTE, lookup)
    got = bounds_of(features, lookup)
    assert [[round(v, 3) for v in corner] for corner in got] == [list(corner) for corner in expected]


def test_bounds_cover_the_whole_border_line():
    (south, west), (north, east) = bounds_of(group_features([LONG], PALETTE, lookup), lookup)
    assert south <= 51.5 and north >= 53.9 and west <= 23.5 and east >= 23.9


def test_map_uses_only_local_leaflet_and_no_cdn():
    fmap = build_map(DRILL_ONLY, PALETTE, geometry_lookup=lookup, basemap_scale=None)
    assert fmap.default_js == [("leaflet", LEAFLET_JS)]
    assert fmap.default_css == [("leaflet_css", LEAFLET_CSS)]
    page = fmap.get_root().render()
    assert re.findall(r"https?://[^\s\"'<>]+", page) == []
    assert "jquery" not in page.lower() and "font-awesome" not in page.lower()


def test_online_tiles_only_when_asked():
    assert OSM_TILES not in script_of(DRILL_ONLY)
    assert OSM_TILES in script_of(DRILL_ONLY, online_tiles=True)


def test_map_has_scale_bar_attribution_legend_and_fit_bounds():
    script = script_of(DRILL_ONLY)
    assert "L.control.scale()" in script
    assert js_string(ATTRIBUTION) in script
    assert "exercise-legend" in script
    assert '<details open class=\\"legend-fold\\">' in script  # open, and the analyst can fold it
    assert "L.DomEvent.disableClickPropagation(div)" in script  # folding it is no click on the map
    assert "fitBounds" in script
    assert script.count("drill-site") == 3 and script.count("drill-border") == 1


def test_hostile_strings_stay_escaped_in_popups_tooltips_and_legend():
    script = script_of(ALL)
    assert "<script>alert" not in script and "</script" not in script
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in script
    # the backtick and ${ only ever sit inside double-quoted JSON strings
    assert "`${boom}`" in script
    assert not re.search(r"`[^`\n]*\$\{boom", script.replace("`${boom}`", ""))


def test_popup_carries_exercise_dates_participants_precision_confidence_sentence_and_link():
    popup = site_popup(Site(SHORT, SHORT.locations[0]))
    for part in ("Shield Test", "2022-03-01 – 2022-03-10", "Belarus, Russia", "Testograd — city",
                 "drill site", "Confidence 0.93 (gazetteer)", "trained near Testograd",
                 'href="/articles?article=fixtures%2Fshort-drill.txt&amp;cite=0-72"', 'target="_blank"'):
        assert part in popup


def test_focus_dims_other_exercises():
    plain = html_of([SHORT, LONG])
    focused = html_of([SHORT, LONG], focus="Long Watch")
    assert '"fillOpacity": 0.9' in plain and '"fillOpacity": 0.225' in focused


def test_legend_lists_drawn_exercises_and_caps_length():
    features = group_features(DRILL_ONLY, PALETTE, lookup)
    labels = [label for label, _, _ in legend_entries(features)]
    assert sorted(labels) == sorted(["Shield Test", "Long Watch", HOSTILE, "Quiet Drill"])
    assert legend_entries(features, limit=1)[-1][0] == "… 3 more exercises"


@pytest.mark.parametrize(
    ("clicked", "tooltip", "expected"),
    [
        ({"lat": 52.1, "lng": 23.7}, None, ("Shield Test", "Testograd")),
        ({"lat": 52.45, "lng": 23.95}, None, ("Long Watch", "Belarus–Poland border")),
        ({"lat": 0, "lng": 0}, "Long Watch · Belarus–Poland border (border)", ("Long Watch", "Belarus–Poland border")),
        (None, None, None),
    ],
)
def test_site_at(clicked, tooltip, expected):
    site = site_at([SHORT, LONG], clicked, tooltip)
    assert (site.exercise.label, site.location.place.name) == expected if expected else site is None


def test_empty_map_still_renders_a_frame_on_europe():
    script = script_of([])
    assert "fitBounds" in script and "[[35.0, -10.0], [62.0, 45.0]]" in script


def test_basemap_is_drawn_by_default_and_keeps_payload_small():
    fmap = build_map([SHORT], PALETTE, geometry_lookup=lookup)
    script = _get_map_string(fmap)
    assert '"type":"FeatureCollection"' in script.replace(" ", "")
    assert len(script) < 1_500_000
    assert TOWN.name in script


@pytest.mark.parametrize(
    ("path", "cite", "keep", "url"),
    [
        ("articles/a b.txt", None, None, "/articles?article=articles%2Fa%20b.txt"),
        ("a.txt", None, {"country": "BLR,POL", "from": "2024-01-01"},
         "/articles?country=BLR%2CPOL&from=2024-01-01&article=a.txt"),
        ("a&b.txt", None, {"article": "stale.txt", "cite": "1-2"}, "/articles?article=a%26b.txt"),
        ("a.txt", (120, 245), {"country": "BLR"}, "/articles?country=BLR&article=a.txt&cite=120-245"),
    ],
)
def test_article_link_keeps_the_filters_and_cites_the_sentence(path, cite, keep, url):
    from geo.render.mapview import article_link

    assert article_link(path, cite, keep) == url


@pytest.mark.parametrize(
    ("exercises", "lines"),
    [
        ((SHORT,), ["01 Mar 2022 – 10 Mar 2022 · 1 exercise", "Sources: A short drill"]),
        ((SHORT, LONG), ["01 Mar 2022 – 01 Feb 2024 · 2 exercises", "Sources: A short drill; A long watch"]),
        ((LONG, SHORT), ["Sources: A long watch; A short drill"]),  # in the order drawn
        ((), ["dates not reported · 0 exercises", "Sources: none"]),
    ],
)
def test_title_box_says_what_the_map_shows(exercises, lines):
    from datetime import date

    from geo.render.mapview import title_box_html

    titles = {a.path: a.label for a in DATASET.articles}
    box = title_box_html("Exercises with Belarus", exercises, titles, date(2026, 11, 27))
    assert "Exercises with Belarus" in box and "Drawn 27 Nov 2026" in box
    for line in lines:
        assert line in box


def test_title_box_escapes_and_shortens_article_titles():
    from datetime import date

    from geo.render.mapview import title_box_html

    titles = {SHORT.articles[0]: "<img src=x onerror=alert(1)>" + "x" * 80}
    box = title_box_html(HOSTILE, (SHORT,), titles, date(2026, 11, 27))
    assert "<img" not in box and "<script>" not in box and "&lt;img" in box
    assert "x" * 60 not in box and "…" in box


def test_map_carries_its_title_box():
    from datetime import date

    from geo.render.mapview import title_box_html

    box = title_box_html("Exercises with Belarus", (SHORT,), {}, date(2026, 11, 27))
    script = script_of((SHORT,), title_html=box)
    assert "exercise-map-title" in script and "Exercises with Belarus" in script


@pytest.mark.parametrize(
    ("location_index", "distance"),
    [
        (0, re.compile(r"NATO border: Testograd: (\d+) km from Poland")),  # a drill site at Brest's position
        (1, None),  # a place only mentioned gets no distance
    ],
)
def test_popup_gives_a_drill_sites_distance_to_nato(location_index, distance):
    from geo.render.mapview import Site, site_popup

    popup = site_popup(Site(SHORT, SHORT.locations[location_index]))
    if distance is None:
        assert "NATO border" not in popup
    else:
        found = distance.search(popup)
        assert found and 0 < int(found.group(1)) < 15, popup


def test_dashboard_map_fetches_the_basemap_instead_of_carrying_it(tmp_path):
    from geo.render.mapview import BASEMAP_URL, install_basemap

    inline = _get_map_string(build_map([SHORT], PALETTE, geometry_lookup=lookup))
    fetched = _get_map_string(build_map([SHORT], PALETTE, geometry_lookup=lookup, basemap_url=BASEMAP_URL))
    assert f'fetch("{BASEMAP_URL}")' in fetched and '"FeatureCollection"' not in fetched
    assert '"FeatureCollection"' in inline
    assert len(inline) - len(fetched) > 300_000  # the countries no longer ride along with every rerun

    written = install_basemap(tmp_path)
    assert written == tmp_path / "basemap" / "ne-110m.geojson"
    collection = json.loads(written.read_text("utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) > 150
    stamp = written.stat().st_mtime_ns
    assert install_basemap(tmp_path) == written and written.stat().st_mtime_ns == stamp  # unchanged: not rewritten


def test_exercises_sharing_a_colour_are_told_apart_by_shape_on_map_and_legend():
    from geo.render.palette import shape_of, shapes_needed

    assert shapes_needed(PALETTE)  # the fixture's five labels share colours
    features = group_features(DRILL_ONLY, PALETTE, lookup)
    points = {f.sites[0].exercise.label: f.marker for f in features if f.shape == "point" and not f.context}
    assert points == {label: shape_of(PALETTE, label) for label in points}
    legend = {label: (colour, shape) for label, colour, shape in legend_entries(features)}
    assert legend["Shield Test"] == (PALETTE["Shield Test"], shape_of(PALETTE, "Shield Test"))
    script = script_of(DRILL_ONLY)
    drawn = [f for f in features if f.shape == "point" and f.marker != "circle"]
    assert script.count("L.divIcon(") == len(drawn)
    for feature in drawn:
        assert 'class=\\"drill-shape\\" d=\\"M' in script and f'fill=\\"{feature.colour}\\"' in script


def test_only_distinct_colours_means_plain_circles():
    exercises = [e for e in DRILL_ONLY if e.label == "Shield Test"]
    palette = {"Shield Test": "#4e79a7", "Long Watch": "#e15759"}
    features = group_features(exercises, palette, lookup)
    assert {f.marker for f in features} == {"circle"}
    script = _get_map_string(build_map(exercises, palette, geometry_lookup=lookup, basemap_scale=None))
    assert "L.divIcon(" not in script and "drill-site" in script


@pytest.mark.parametrize(
    ("article", "cited"),
    [
        (Article("articles/2024/drill.txt", "x", title="Drills near Brest", source="Reuters",
                 published=date(2024, 7, 8)), "“Drills near Brest”, Reuters, 08 Jul 2024"),
        (Article("articles/drill.txt", "x", title="Drills <b>near</b> Brest"), "“Drills <b>near</b> Brest”"),
        (Article("/home/analyst/articles/short-drill.txt", "x", source="TASS"), "“short-drill.txt”, TASS"),
        (None, "short-drill.txt"),  # not among the articles: the file's name, never its folder
    ],
)
def test_popup_cites_title_outlet_and_date_not_a_file_path(article, cited):
    articles = {SHORT.locations[0].evidence.article: article} if article else {}
    popup = site_popup(Site(SHORT, SHORT.locations[0]), articles=articles)
    link_text = popup.rsplit("Source article ↗ ", 1)[1]
    assert link_text == html_escape(cited) + "</a>"
    assert "fixtures/" not in link_text and "/home/" not in link_text


def test_popups_pan_clear_of_the_title_box():
    box = title_box_html("Exercises with Belarus", (SHORT,), {}, date(2026, 11, 27))
    script = script_of((SHORT,), title_html=box)
    assert "autoPanPaddingTopLeft" in script
    assert "titleBox.offsetTop + titleBox.offsetHeight" in script


@pytest.mark.parametrize("count", [2, 3, 6, 12])
def test_coincident_sites_are_spread_to_distinct_positions_and_keep_their_true_point(count):
    from dataclasses import replace

    from geo.render.mapfeatures import spread_points

    drills = [replace(SHORT, name=f"Drill {i}", locations=SHORT.locations[:1]) for i in range(count)]
    palette = exercise_palette(e.label for e in drills)
    features = group_features(drills, palette, lookup)
    assert len(features) == count  # one feature, so one click, per exercise
    bounds = bounds_of(features, lookup)
    positions = spread_points(features, bounds)
    assert len(set(positions)) == count
    span = bounds[1][0] - bounds[0][0]
    for lat, lon in positions:  # close to the true point, on the map's scale
        assert 0 < ((lat - TOWN.lat) ** 2 + ((lon - TOWN.lon) * 0.61) ** 2) ** 0.5 < 0.1 * span
    assert all(f.sites[0].location.place == TOWN for f in features)
    script = script_of(drills)
    assert script.count("leader-line") == count
    assert script.count(f"[{TOWN.lat}, {TOWN.lon}]") == count  # each leader starts at the true point
    for feature in features:
        assert "Position: 52.100° N, 23.700° E" in feature_popup_of(feature)


def feature_popup_of(feature):
    from geo.render.mapfeatures import feature_popup

    return feature_popup(feature)


def test_a_lone_site_is_drawn_at_its_true_point_without_a_leader():
    from geo.render.mapfeatures import spread_points

    features = group_features([LONG, SHORT], PALETTE, lookup)
    positions = spread_points(features, bounds_of(features, lookup))
    for feature, position in zip(features, positions):
        place = feature.sites[0].location.place
        assert position == (place.lat, place.lon)
    assert "leader-line" not in script_of([LONG])


def test_label_layer_names_countries_capitals_and_the_exercises_towns_offline():
    from geo.render.maplabels import map_labels

    features = group_features([SHORT], PALETTE, lookup)
    bounds = bounds_of(features, lookup)
    labels = {(label.kind, label.text) for label in map_labels(bounds, [TOWN, CAPITAL])}
    assert {("country", "Belarus"), ("country", "Poland"), ("capital", "Vilnius"), ("capital", "Minsk"),
            ("town", "Testograd"), ("town", "Capitalia")} <= labels
    assert ("capital", "Paris") not in labels and ("country", "France") not in labels  # far from the view
    script = script_of([SHORT])
    assert "map-label-country" in script and "text-shadow" in script  # the halo
    for name in ('"Belarus"', '"Minsk"', '"Testograd"'):
        assert name in script
    assert "createPane('labels')" in script and "interactive: false" in script
    assert "map.on('zoomend moveend', declutter)" in script  # a name that would overprint another is hidden
    assert re.findall(r"https?://[^\s\"'<>]+", script) == []
    assert "map-label" not in script_of([SHORT], labels=False)


def test_country_labels_come_largest_first_with_the_area_that_decides_their_zoom():
    from geo.render.maplabels import labels_json, map_labels

    world = map_labels(((-60.0, -170.0), (75.0, 170.0)))
    countries = [label for label in world if label.kind == "country"]
    areas = [label.area for label in countries]
    assert areas == sorted(areas, reverse=True)  # the map keeps the first of two overprinting names
    by_name = {label.text: label for label in countries}
    assert by_name["Russia"].area > 1000 > by_name["Belgium"].area > 1 > by_name["Malta"].area
    minsk = next(label for label in world if label.kind == "capital" and label.text == "Minsk")
    assert minsk.area == pytest.approx(by_name["Belarus"].area)  # a capital goes with its country
    rows = json.loads(labels_json(countries[:1]))
    assert rows[0][2:] == ["country", countries[0].text, round(countries[0].area, 3)]
    # the script hides a name while its country covers too few pixels at the zoom shown
    assert "minPixels" in script_of([SHORT]) and "tooSmall(marker.row)" in script_of([SHORT])


def test_label_names_are_escaped():
    from geo.render.maplabels import MapLabel, labels_json

    text = labels_json([MapLabel("<img src=x onerror=alert(1)></script>", 52.0, 23.0, "town")])
    assert "<img" not in text and "</script" not in text and "&lt;img" in text
    assert json.loads(text)[0][:3] == [52.0, 23.0, "town"]


def test_fit_frames_other_exercises_than_those_drawn():
    both = bounds_of(group_features([SHORT, LONG], PALETTE, lookup), lookup)
    script = script_of([SHORT], fit=[SHORT, LONG])
    assert json.dumps([list(corner) for corner in both]) in script
    assert "Long Watch" not in script  # framed, not drawn


def test_each_spread_marker_opens_its_own_exercise_in_the_details():
    from dataclasses import replace

    drills = [replace(SHORT, name=f"Drill {i}", locations=SHORT.locations[:1]) for i in range(4)]
    features = group_features(drills, exercise_palette(e.label for e in drills), lookup)
    for feature in features:  # streamlit-folium returns the clicked marker's tooltip
        site = site_at(drills, {"lat": 0, "lng": 0}, feature.tooltip)
        assert site.exercise.label == feature.sites[0].exercise.label
        assert len({s.exercise.label for s in feature.sites}) == 1  # one exercise per click


@pytest.mark.parametrize(
    ("role", "confidence", "verified", "uncertain"),
    [
        ("drill", 0.9, False, False),
        ("drill", 0.4, False, True),   # a country drawn only because it holds the drill
        ("drill", 0.4, True, False),   # an analyst checked it: no longer doubtful
        ("context", 0.3, False, False),  # context places are never drill sites, doubtful or not
    ],
)
def test_role_confidence_in_the_popup_and_weak_drill_sites_drawn_uncertain(role, confidence, verified, uncertain):
    from dataclasses import replace

    from geo.render.mapfeatures import uncertain_role

    location = replace(SHORT.locations[0], role=role, confidence=confidence, verified=verified)
    exercise = replace(SHORT, locations=(location,))
    assert uncertain_role(location) is uncertain
    popup = site_popup(Site(exercise, location))
    assert f"confidence {confidence:.2f})" in popup
    assert ("role uncertain" in popup) is uncertain
    if role == "drill":
        script = script_of([exercise])
        assert ("drill site on weak evidence" in script) is uncertain  # the legend explains the style
        assert ('"dashArray": "3 3"' in script) is uncertain


def test_the_review_map_draws_the_place_its_candidates_and_the_exercises_other_sites():
    from geo.core.model import Place
    from geo.render.mapview import MapPoint, build_point_map

    now = Place("Brest <b>", "city", 23.69, 52.1, "BLR")
    points = [MapPoint(now, "current"), MapPoint(Place("Brest", "city", -4.49, 48.39, "FRA"), "candidate"),
              MapPoint(Place("Grodno", "city", 23.83, 53.68, "BLR"), "site", "Grodno `${x}`")]
    script = _get_map_string(build_point_map(points, basemap_scale=None))
    assert re.findall(r"https?://", script) == []
    markers = re.findall(r"L\.circleMarker\(\s*\[([-\d.]+), ([-\d.]+)\]", script)
    assert [(float(a), float(b)) for a, b in markers] == [(53.68, 23.83), (48.39, -4.49), (52.1, 23.69)]  # lat, lon
    for kind in ("review-site", "review-candidate", "review-current"):
        assert f'"className": "{kind}"' in script
    assert "Brest &lt;b&gt;: drawn here now (52.1000, 23.6900)" in script and "Brest <b>" not in script
    assert "Grodno `${x}`: another site of the exercise" in script  # inside a JSON string: no template literal
    bounds = json.loads(re.search(r"fitBounds\(\s*(\[\[.*?\]\])", script, re.S).group(1))
    assert bounds[0][0] < 48.39 and bounds[1][0] > 53.68 and bounds[0][1] < -4.49 and bounds[1][1] > 23.83


@pytest.mark.parametrize(("value", "point"), [
    ({"lat": 52.1, "lng": 23.7}, (23.7, 52.1)),
    ({"lat": 52.1, "lng": 383.7}, (23.7, 52.1)),  # clicked on the world's copy to the east
    ({"lat": 95.0, "lng": 23.7}, None),
    ({"lat": "x", "lng": 1}, None),
    (None, None),
    ({}, None),
])
def test_a_click_on_the_map_becomes_lon_lat(value, point):
    from geo.render.mapview import clicked_point

    assert clicked_point(value) == (pytest.approx(point) if point else None)
