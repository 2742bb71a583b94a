"""A full disk or a read-only output folder: the image fails (or the run stops before any image)
with a clear error, and no partial or temporary file is left (issue: no input that breaks the
promise). The output folder is a small tmpfs mounted for the test (root only)."""
import os
import subprocess

import pytest

from geoblur.core.errors import GeoBlurError
from geoblur.core.runner import Engine, Runner

from .test_runner import FACE_FILL, make_jobs


@pytest.fixture
def small_disk(tmp_path):
    """A 300 kB tmpfs (room for the run's ledger and a copy or two), and a way to make it
    read-only."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here (root is needed): {done.stderr.decode().strip()}")

    def read_only():
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)

    try:
        yield mount, read_only
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def _files(folder):
    return sorted(os.path.relpath(os.path.join(root, name), folder)
                  for root, _, names in os.walk(folder) for name in names)


def test_a_full_disk_fails_the_images_that_do_not_fit_and_leaves_no_partial_file(tmp_path, small_disk):
    disk, _ = small_disk
    jobs = make_jobs(tmp_path, 12)
    for job in jobs:
        job.destination = str(disk / os.path.basename(job.destination))
    results = list(Runner(FACE_FILL, Engine(workers=1), str(disk)).run(jobs))
    statuses = [r.status for r in results]
    assert "anonymized" in statuses and "failed" in statuses  # the disk filled up mid-run
    for job, result in zip(jobs, results):
        if result.status == "failed":
            assert job.destination in result.error and "No space left on device" in result.error
            assert not os.path.exists(job.destination)
        else:
            assert os.path.getsize(job.destination) > 0
    assert not [name for name in _files(disk) if name.endswith(".tmp")]


def test_a_read_only_output_folder_stops_the_run_before_any_image(tmp_path, small_disk):
    disk, read_only = small_disk
    read_only()
    with pytest.raises(GeoBlurError, match="cannot be written .*Read-only file system"):
        Runner(FACE_FILL, Engine(workers=1), str(disk / "out"))
    assert _files(disk) == []
