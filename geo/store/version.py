"""What an extraction was made with. A stored extraction of another version is stale.

Raise ``PIPELINE_REVISION`` whenever the extraction rules change what they
find; the gazetteer's index format is part of the stamp because a new index
can resolve places differently.
"""

from geo.gazetteer.index import INDEX_FORMAT

PIPELINE_REVISION = 1
PIPELINE_VERSION = f"p{PIPELINE_REVISION}.g{INDEX_FORMAT}"
