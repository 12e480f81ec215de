"""What an extraction was made with. A stored extraction of another version is stale.

The version is a fingerprint of everything that decides what an article yields:
the reading, recognition, resolution and event code and the data tables (the
gazetteer index format included), so changing a rule re-extracts every stored
article without anyone remembering to bump a number.
"""

import hashlib

from geo.core.paths import DATA_DIR, PACKAGE_DIR
from geo.gazetteer.index import INDEX_FORMAT

# The stages whose code decides the extraction, and the data they read.
_DECIDING = ("core/*.py", "text/*.py", "gazetteer/*.py", "geometry/shapes.py", "places/*.py", "events/*.py",
             "pipeline.py")


def pipeline_version() -> str:
    digest = hashlib.sha256()
    files = sorted(p for pattern in _DECIDING for p in PACKAGE_DIR.glob(pattern))
    files += sorted(p for p in DATA_DIR.glob("*.json") if p.is_file())
    for path in files:
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return f"g{INDEX_FORMAT}.{digest.hexdigest()[:12]}"


PIPELINE_VERSION = pipeline_version()
