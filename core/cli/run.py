"""A run from the command line: options → points → image jobs → the engine → GeoPackages.

The flow and the messages are those of ``geoblur:anonymizeimages`` (read the algorithm beside
this): a bad row fails that row only, naming the feature and its file; a problem that concerns
the whole run (a bad option, an unreadable input, an output folder among the originals, a model
that does not load) stops it before any image, with exit code 2.

Ctrl-C asks the engine to stop: the images no worker has started are marked skipped, both
GeoPackages keep every row written, and the exit code is 130. A second Ctrl-C stops at once.

Progress and messages go to stderr (through tqdm, so they do not break the bar), the one-line
summary to stdout.
"""
import os
import signal
import sys
from importlib.util import find_spec

from ..errors import GeoBlurError
from . import options

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CANCELED = 0, 1, 2, 130


class Interrupt:
    """Ctrl-C while the engine runs: the first one asks it to stop cleanly (:meth:`requested`
    is its cancel callback), the second one interrupts."""

    def __init__(self):
        self.stopping = False
        self.previous = None

    def __enter__(self):
        self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc):
        signal.signal(signal.SIGINT, self.previous)

    def _handle(self, signum, frame):
        if self.stopping:
            raise KeyboardInterrupt
        self.stopping = True
        sys.stderr.write("\nStopping after the images being processed (Ctrl-C again to stop at once)…\n")

    def requested(self) -> bool:
        return self.stopping


def main(argv=None) -> int:
    args = options.parse(argv)  # exits with 2 on bad usage
    try:
        return run(args)
    except GeoBlurError as error:
        print(f"geoblur: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("geoblur: interrupted.", file=sys.stderr)
        return EXIT_CANCELED


def _check_dependencies() -> None:
    """GeoBlurError saying how to install what the run needs and this Python cannot import."""
    if find_spec("osgeo") is None:
        raise GeoBlurError("The command line needs GDAL's Python bindings (osgeo): on Debian/Ubuntu "
                           "`apt install python3-gdal` (QGIS brings them), elsewhere your distribution's or "
                           "conda's GDAL package.")
    missing = [name for name in ("cv2", "onnxruntime", "piexif", "tqdm") if find_spec(name) is None]
    if missing:
        raise GeoBlurError(f"The command line needs the Python modules {', '.join(missing)}: install GeoBlur's "
                           "packages with `python3 -m pip install -r requirements.txt` (in the plugin folder).")


def run(args) -> int:
    _check_dependencies()
    from tqdm import tqdm

    from ..callbacks import Callbacks
    from ..runner import Engine, Runner
    from . import gpkg, jobs, points

    def say(message: str) -> None:
        tqdm.write(message, file=sys.stderr)

    def note(message: str) -> None:
        if not args.quiet:
            say(message)

    _check_paths(args)
    settings = options.settings(args)
    layer = points.read(args.input, args.layer, args.photo_field, args.heading_field, args.crs)
    for message in layer.notes:
        note(message)
    base_folder = args.base_folder or (args.input if os.path.isdir(args.input)
                                       else os.path.dirname(os.path.abspath(args.input)))
    planned = jobs.plan_jobs(layer, os.path.abspath(base_folder), args.output_folder, note)
    # the process ends with its run: no pool is kept warm for a next one
    engine = Engine(workers=args.workers, cluster=args.cluster.strip(), overwrite=args.overwrite, keep_warm=False)
    interrupt = Interrupt()
    with interrupt:  # from here a Ctrl-C cancels: every point still gets its row
        runner = Runner(settings, engine, args.output_folder, Callbacks(is_canceled=interrupt.requested, log=note))
        note(f"Anonymizing {', '.join(settings.classes)} in {len(planned)} images on {runner.device}, in "
             f"{engine.describe()}.")
        written = gpkg.GeoPackages(args.detections, args.images, layer, runner.record)
        try:
            with tqdm(total=len(planned), unit="image", file=sys.stderr, disable=True if args.quiet else None) as bar:
                interrupted = not _write_results(planned, runner, written, bar, say, note)
        finally:
            written.close()
    counts = written.counts
    canceled = runner.canceled or interrupted
    print(f"{'Canceled: ' if canceled else ''}{counts['anonymized']} images anonymized, {counts['failed']} failed, "
          f"{counts['skipped']} skipped; {counts['detections']} detections. Copies in {args.output_folder}, "
          f"detections in {args.detections}, images in {args.images}.")
    if canceled:
        return EXIT_CANCELED
    return EXIT_FAILED if counts["failed"] else EXIT_OK


def _write_results(planned, runner, written, bar, say, note) -> bool:
    """Run the engine and write each point's row as its result comes, in input order. Returns
    False when a KeyboardInterrupt cut the run short (a second Ctrl-C, or one that reached a
    worker process): the points without a row then get one, skipped, so the images layer still
    lists every point."""
    from ..runner import CANCELED

    written_rows = 0
    results = runner.run([entry.job for entry in planned if entry.job])
    try:
        for entry in planned:
            if entry.job is None:
                say(entry.error)
                written.not_processed(entry.point, "failed", entry.error)
            else:
                result = next(results)
                error = result.error
                if result.status == "failed":
                    error = f"Feature {entry.point.fid}: {result.error}"
                    say(error)
                if result.notes:
                    note(f"Feature {entry.point.fid} ({result.source}): {'; '.join(result.notes)}")
                written.processed(entry.point, result, error)
            written_rows += 1
            bar.update()
            bar.set_postfix(failed=written.counts["failed"], refresh=False)
    except KeyboardInterrupt:
        results.close()
        for entry in planned[written_rows:]:
            written.not_processed(entry.point, "skipped", CANCELED)
        return False
    return True


def _check_paths(args) -> None:
    """Refuse outputs that would overwrite the input or each other, before anything is loaded."""
    from ..paths import same_file

    if args.detections == args.images:
        raise GeoBlurError(f"--detections and --images are both {args.images}: give them different paths.")
    for option, path in (("--detections", args.detections), ("--images", args.images)):
        if not os.path.isdir(args.input) and same_file(path, args.input):
            raise GeoBlurError(f"{option} {path} is the input layer: choose another path.")
        if not path.lower().endswith(".gpkg"):
            raise GeoBlurError(f"{option} {path} must be a GeoPackage (.gpkg).")
