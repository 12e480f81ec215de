"""Command line: ``python -m geo {events,toponyms,ingest,add,edits,backup,brief,export,cache}``.

stdout carries only data (JSON Lines or the written file's path); progress and
one line per bad file go to stderr. Exit status is 1 only when nothing at all
could be read, so one bad article never costs the others.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo.core.errors import ArticleError, GeoError
from geo.pipeline import build_dataset, exercises_for_article
from geo.places.cache import SEED_CACHE
from geo.places.toponyms import find_toponyms
from geo.render.filters import Filters
from geo.render.jsonout import exercise_json, toponym_json
from geo.text.articles import article_paths, load_article, read_text


def _progress(done: int, total: int, path: str) -> None:
    if total >= 20 and (done % 20 == 0 or done == total):
        print(f"[geo] {done}/{total} articles ({path})", file=sys.stderr)


def _expand(inputs: list[str]) -> list[Path]:
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        paths.extend(article_paths(path) if path.is_dir() else [path])
    return paths


def _json_lines(files: list[str], key: str, read) -> int:
    """One JSON line per file, ``{"file": name, key: read(name)}``; a bad file prints
    one line on stderr and an empty list. 1 only when no file could be read."""
    ok = 0
    for done, name in enumerate(files, 1):
        try:
            found = read(name)
            ok += 1
        except ArticleError as exc:
            print(f"geo: {exc}", file=sys.stderr)
            found = []
        print(json.dumps({"file": name, key: found}, ensure_ascii=False), flush=True)
        _progress(done, len(files), name)
    return 0 if ok or not files else 1


def cmd_events(args: argparse.Namespace) -> int:
    return _json_lines(
        args.files, "events", lambda name: [exercise_json(e) for e in exercises_for_article(load_article(name))]
    )


def cmd_toponyms(args: argparse.Namespace) -> int:
    return _json_lines(
        args.files, "toponyms", lambda name: [toponym_json(t) for t in find_toponyms(read_text(Path(name)))]
    )


def _add_filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--country", action="append", default=[], help="ISO alpha-3 or name; repeatable")
    parser.add_argument("--from", dest="date_from", help="YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", help="YYYY-MM-DD")
    parser.add_argument("--exercise", action="append", default=[], help="exercise name; repeatable")
    parser.add_argument("--context", action="store_true", help="include context (mentioned-only) places")
    parser.add_argument("--no-edits", action="store_true",
                        help="the pipeline's output only, without the analyst's edits kept in the event store")


def _dataset_and_filters(args: argparse.Namespace):
    dataset = build_dataset(_expand(args.articles), progress=_progress)
    for problem in dataset.problems:
        print(f"geo: {problem}", file=sys.stderr)
    if not args.no_edits and dataset.articles:
        from geo.store.cli import with_store_edits  # lazy: a subcommand's module (SQLAlchemy)

        dataset = with_store_edits(dataset)
    filters = Filters.from_cli(
        countries=args.country,
        date_from=args.date_from,
        date_to=args.date_to,
        exercises=args.exercise,
        show_context=args.context,
    )
    return dataset, filters


def cmd_ingest(args: argparse.Namespace) -> int:
    from geo.render.exports import write_geojson  # lazy: a subcommand's module; `events` never loads it
    from geo.store.cli import ingest_into_store  # lazy: a subcommand's module (SQLAlchemy)

    dataset = ingest_into_store(args.articles, workers=args.workers)
    if not dataset.articles:
        print("geo: no article could be read; nothing written", file=sys.stderr)
        return 1
    write_geojson(dataset, Filters(show_context=True), Path(args.output))
    print(args.output)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from geo.store.cli import cmd_add as add  # lazy: a subcommand's module (SQLAlchemy)

    return add(args)


def cmd_backup(args: argparse.Namespace) -> int:
    from geo.store.cli import cmd_backup as backup  # lazy: a subcommand's module (SQLAlchemy)

    return backup(args)


def cmd_edits(args: argparse.Namespace) -> int:
    from geo.store.cli import cmd_edits as edits  # lazy: a subcommand's module (SQLAlchemy)

    return edits(args)


def cmd_export(args: argparse.Namespace) -> int:
    from geo.render.outputs import write_export  # lazy: a subcommand's module; `events` never loads it

    dataset, filters = _dataset_and_filters(args)
    if not dataset.articles:
        print("geo: no article could be read; nothing written", file=sys.stderr)
        return 1
    write_export(dataset, filters, Path(args.output))
    print(args.output)
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from geo.render.briefing import write_briefing  # lazy: a subcommand's module; `events` never loads it

    dataset, filters = _dataset_and_filters(args)
    if not dataset.articles:
        print("geo: no article could be read; nothing written", file=sys.stderr)
        return 1
    write_briefing(
        dataset,
        filters,
        Path(args.output),
        title=args.title,
        size=(args.width, args.height),
        map_only=args.map_only,
    )
    print(args.output)
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    from geo.seedcache import write_seed_cache  # lazy: a subcommand's module; `events` never loads it

    output = Path(args.output) if args.output else SEED_CACHE
    count = write_seed_cache(args.seed_from, output)
    print(f"geo: {count} cached lookups", file=sys.stderr)
    print(output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    events = sub.add_parser("events", help="exercise events per article (JSON Lines)")
    events.add_argument("files", nargs="*")
    events.set_defaults(func=cmd_events)

    toponyms = sub.add_parser("toponyms", help="place mentions per file (JSON Lines)")
    toponyms.add_argument("files", nargs="*")
    toponyms.set_defaults(func=cmd_toponyms)

    ingest = sub.add_parser("ingest", help="articles folder -> GeoJSON of event locations")
    ingest.add_argument("articles", nargs="+")
    ingest.add_argument("-o", "--output", default="events.geojson")
    ingest.add_argument("--workers", type=int, default=None, help="extraction processes (default: all cores)")
    ingest.set_defaults(func=cmd_ingest)

    add = sub.add_parser("add", help="add article files to the event store; one line per exercise found")
    add.add_argument("files", nargs="+")
    add.set_defaults(func=cmd_add)

    backup = sub.add_parser("backup", help="a consistent copy of the event store (SQLite), taken live")
    backup.add_argument("-o", "--output", required=True)
    backup.set_defaults(func=cmd_backup)
    edits = sub.add_parser("edits", help="the analyst's edits in the event store: export or import (JSON)")
    edits_sub = edits.add_subparsers(dest="edits_command", required=True)
    edits_export = edits_sub.add_parser("export", help="every stored edit as a JSON file")
    edits_export.add_argument("-o", "--output", default="edits.json")
    edits_import = edits_sub.add_parser("import", help="add the edits of a JSON file; one line per edit")
    edits_import.add_argument("file")
    edits_import.add_argument("--author", default=None, help="for edits without one (default: the OS user)")
    edits.set_defaults(func=cmd_edits)

    export = sub.add_parser("export", help="filtered events as .geojson, .csv or .html")
    export.add_argument("-o", "--output", required=True)
    export.add_argument("--articles", nargs="+", default=["articles"])
    _add_filter_options(export)
    export.set_defaults(func=cmd_export)

    brief = sub.add_parser("brief", help="one-page briefing PNG (or the map alone)")
    brief.add_argument("-o", "--output", required=True)
    brief.add_argument("--articles", nargs="+", default=["articles"])
    brief.add_argument("--title", default=None, help="defaults to the filter's sentence")
    brief.add_argument("--width", type=int, default=1600)
    brief.add_argument("--height", type=int, default=1000)
    brief.add_argument("--map-only", action="store_true")
    _add_filter_options(brief)
    brief.set_defaults(func=cmd_brief)

    cache = sub.add_parser("cache", help="write the shipped geocoding cache (seed_cache.jsonl) from articles")
    cache.add_argument("--seed-from", nargs="+", required=True, metavar="PATH", help="article files or folders")
    cache.add_argument("-o", "--output", default=None, help="defaults to geo/data/seed_cache.jsonl")
    cache.set_defaults(func=cmd_cache)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GeoError as exc:
        print(f"geo: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
