"""app.py as AppTest should run it: from a folder that has no ``pages/``.

Streamlit treats a main script with a ``pages/`` folder beside it as a v1
multipage app whenever its page registry is fresh, which AppTest makes it on
every run: a rerun then executes ``pages/<name>.py`` alone, with widget state
scoped to that page. A real server leaves that mode after app.py's first
``st.navigation`` call, so the tests run app.py from here to see what a user
sees after the first page load. ``test_page_opened_directly_builds_its_frame``
covers the first load itself.
"""

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
