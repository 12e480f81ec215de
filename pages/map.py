"""The map at full size, with a time slider (drag or play through the days) and the details of the
clicked feature below it."""

from dashboard.parts import explain_empty, page, warn_unplaced
from dashboard.timeslider import map_through_time

current = page("Map")
if not explain_empty(current):
    warn_unplaced(current)
    map_through_time(current, key="full-map", height=720)
