"""``make demo``: GeoBlur's main job on bundled sample photos, headless, through ``qgis_process``.

1. Geotags copies of the sample photo shipped in tests/data (GPS position, camera heading and
   35 mm focal length in EXIF, as a phone or a mobile-mapping camera writes them) into
   demo_output/photos, two of them with the same name in different folders.
2. ``native:importphotos`` turns that folder into a point layer (demo_output/photos.gpkg).
3. ``geoblur:anonymizeimages`` anonymizes the faces and maps the detections.

It runs QGIS in a throw-away profile with this checkout installed as the plugin, and prints
where everything is.
"""
import json
import os
import shutil
import site
import sqlite3
import subprocess
import sys

import cv2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from tests.geotagged import MESSI, write_geotagged_jpeg  # noqa: E402 - needs ROOT on sys.path

OUTPUT = os.path.join(ROOT, "demo_output")
QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # Debian's qgis_process wrapper passes an option 3.22 rejects
DAM_SQUARE = (52.37310, 4.89260)


def make_photos(folder: str) -> None:
    """Three geotagged photos around Amsterdam's Dam square; the last one has no heading."""
    photo = cv2.imread(MESSI)
    lat, lon = DAM_SQUARE
    write_geotagged_jpeg(os.path.join(folder, "run1", "IMG_0001.jpg"), photo, lat, lon, heading=45, focal_35mm=28)
    write_geotagged_jpeg(os.path.join(folder, "run1", "IMG_0002.jpg"), cv2.flip(photo, 1), lat + 0.0002,
                         lon + 0.0003, heading=200, focal_35mm=28)
    write_geotagged_jpeg(os.path.join(folder, "run2", "IMG_0001.jpg"), photo[40:300, 100:460], lat - 0.0002,
                         lon - 0.0001)


def qgis_env(profile: str) -> dict:
    """A throw-away QGIS profile with this checkout enabled as the ``geoblur`` plugin, and the
    venv's onnxruntime/OpenCV/piexif visible to QGIS's Python."""
    plugins = os.path.join(profile, "plugins")
    os.makedirs(plugins)
    os.symlink(ROOT, os.path.join(plugins, "geoblur"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_PLUGINPATH=plugins,
               QGIS_CUSTOM_CONFIG_PATH=os.path.join(profile, "config"), PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=os.pathsep.join(site.getsitepackages()))
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "geoblur"], env=env, check=True, capture_output=True)
    return env


def qgis_process(env: dict, *arguments) -> dict:
    done = subprocess.run([QGIS_PROCESS, "--json", "run", *arguments], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"qgis_process {' '.join(arguments)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def image_rows(path: str):
    """(photo, status, detections, error) of the images layer (a GeoPackage is an SQLite file)."""
    with sqlite3.connect(path) as db:
        table = db.execute("SELECT table_name FROM gpkg_contents").fetchone()[0]
        return db.execute(f'SELECT photo, status, detections, error FROM "{table}" ORDER BY fid').fetchall()


def main() -> int:
    if not os.access(QGIS_PROCESS, os.X_OK):
        sys.exit(f"{QGIS_PROCESS} not found: install QGIS (make system).")
    shutil.rmtree(OUTPUT, ignore_errors=True)
    photos = os.path.join(OUTPUT, "photos")
    make_photos(photos)
    env = qgis_env(os.path.join(OUTPUT, ".qgis"))
    points = os.path.join(OUTPUT, "photos.gpkg")
    qgis_process(env, "native:importphotos", "--", f"FOLDER={photos}", "RECURSIVE=true", f"OUTPUT={points}")
    anonymized, detections, images = (os.path.join(OUTPUT, name) for name in
                                      ("anonymized", "detections.gpkg", "images.gpkg"))
    report = qgis_process(env, "geoblur:anonymizeimages", "--", f"INPUT={points}", "CLASSES=0",
                          f"OUTPUT_FOLDER={anonymized}", f"OUTPUT={detections}", f"OUTPUT_IMAGES={images}")
    results = report["results"]
    print(f"GeoBlur demo: {results['IMAGES_ANONYMIZED']} images anonymized, {results['IMAGES_FAILED']} failed, "
          f"{results['DETECTIONS']} detections (faces, recall first).")
    for photo, status, count, error in image_rows(images):
        print(f"  {os.path.relpath(photo, OUTPUT)}: {status}, {count} detections{' - ' + error if error else ''}")
    print(f"Sample photos (geotagged):  {photos}")
    print(f"Point layer of the photos:  {points}")
    print(f"Anonymized copies:          {anonymized}")
    print(f"Detections (GeoPackage):    {detections}")
    print(f"Per-image status:           {images}")
    print("Open the GeoPackages in QGIS to see each face as a wedge from the camera towards it (styled, with\n"
          "map tips of the copies); Raster > GeoBlur > Review image... checks and fixes one image.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
