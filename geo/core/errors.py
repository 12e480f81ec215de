"""Typed errors of the pipeline. Pages and the CLI turn them into messages."""


class GeoError(Exception):
    """Base class: every message says what to do next."""


class ArticleError(GeoError):
    """An article file could not be read (empty, binary, too large, undecodable)."""


class CacheError(GeoError):
    """The geocoding cache could not be opened or written."""


class GazetteerError(GeoError):
    """The offline gazetteer data is missing or unreadable."""


class ExportError(GeoError):
    """An export (PNG, HTML, GeoJSON, CSV) could not be written."""


class FilterError(GeoError, ValueError):
    """A filter value (country, date) that cannot be understood."""


class StoreError(GeoError):
    """The event store (database) could not be opened, upgraded or written."""
