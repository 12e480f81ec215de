"""The map at full size, with a time slider (drag or play through the days) and the details of the
clicked feature below it."""

from dashboard.parts import explain_empty, page, warn_unplaced
from dashboard.timeslider import map_through_time

# The title, one caption and the map fit an 800 px screen; the slider and Play sit under the map.
MAP_HEIGHT = 530

current = page("Map")
if not explain_empty(current):
    warn_unplaced(current)
    map_through_time(current, key="full-map", height=MAP_HEIGHT)
