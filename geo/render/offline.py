"""Leaflet served from this machine instead of a CDN.

folium's defaults load Leaflet, jQuery, Bootstrap and Font Awesome from CDNs;
with no network the streamlit-folium frame then stays 0 px high. Streamlit
serves ``./static/`` at ``/app/static/`` when ``enableStaticServing`` is on, so
at start-up we copy Leaflet's files from the installed ``django-js-lib-leaflet``
wheel into ``static/leaflet/`` (gitignored: Leaflet is not committed) and point
folium at them. Only Leaflet itself is kept: we use no folium element that
needs jQuery, Bootstrap or font icons.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from geo.core.errors import GeoError

URL_PREFIX = "/app/static/leaflet"
LEAFLET_JS = f"{URL_PREFIX}/leaflet.js"
LEAFLET_CSS = f"{URL_PREFIX}/leaflet.css"
IMAGE_PATH = f"{URL_PREFIX}/images/"
_FILES = ("leaflet.js", "leaflet.css")


def leaflet_source() -> Path:
    """The folder of Leaflet's files inside the installed wheel."""
    try:
        import js_lib_leaflet
    except ImportError as exc:
        raise GeoError(
            "Leaflet is not installed; run `pip install django-js-lib-leaflet` "
            "(it ships Leaflet 1.9.4 for the offline map)"
        ) from exc
    return Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"


def install_leaflet(static_dir: str | Path = "static") -> Path:
    """Copy Leaflet into ``static_dir/leaflet`` if it is not there yet; return that folder."""
    source = leaflet_source()
    target = Path(static_dir) / "leaflet"
    if all((target / name).is_file() for name in _FILES) and (target / "images").is_dir():
        return target
    target.mkdir(parents=True, exist_ok=True)
    for name in _FILES:
        shutil.copyfile(source / name, target / name)
    shutil.copytree(source / "images", target / "images", dirs_exist_ok=True)
    return target


def leaflet_inline() -> tuple[str, str]:
    """Leaflet's (JS, CSS) text, for self-contained HTML exports."""
    source = leaflet_source()
    return (source / "leaflet.js").read_text("utf-8"), (source / "leaflet.css").read_text("utf-8")


def use_local_leaflet() -> None:
    """Point every folium Map at the locally served Leaflet, and nothing else.

    Class attributes, because streamlit-folium collects ``default_js`` /
    ``default_css`` from each element of the map it is given.
    """
    import folium  # lazy: heavy

    folium.Map.default_js = [("leaflet", LEAFLET_JS)]
    folium.Map.default_css = [("leaflet_css", LEAFLET_CSS)]
