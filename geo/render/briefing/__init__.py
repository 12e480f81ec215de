"""Static briefing images, rendered offline with geopandas + matplotlib (no browser).

    briefing_view (view) -> draw_map (basemap) / draw_timeline, draw_facts (panels) -> PNG (page)

``write_briefing`` makes the one-page briefing (map, timeline, a facts box per
exercise) or, with ``map_only``, the map alone. Every image carries a title,
the date range, a legend, a scale bar, a north arrow, the attribution and a
"generated on" stamp. ``write_timeline_image`` is the dashboard's Plotly
timeline through kaleido (system Chromium) for a slide of its own.
"""

from geo.render.briefing.page import (
    briefing_png,
    render_figure,
    timeline_image,
    write_briefing,
    write_timeline_image,
)
from geo.render.briefing.panels import exercise_facts
from geo.render.briefing.view import BriefingView, briefing_view

__all__ = [
    "BriefingView",
    "briefing_png",
    "briefing_view",
    "exercise_facts",
    "render_figure",
    "timeline_image",
    "write_briefing",
    "write_timeline_image",
]
