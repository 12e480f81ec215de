"""The dashboard: ``streamlit run app.py``.

app.py is the frame: page config, the data, the sidebar filters mirrored in the
URL (``dashboard/frame.py``) and the navigation over ``pages/``
(``dashboard/navigation.py``). Every page reads the run's ``View`` through
``dashboard.frame.page(title)``: the dataset, the ``Filters``, the palette and
the filtered exercises.
"""

from __future__ import annotations

import streamlit as st

from dashboard.frame import frame, framed
from dashboard.navigation import app_pages

with framed(frame()):
    st.navigation(app_pages()).run()
