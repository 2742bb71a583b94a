"""Running ``qgis_process`` as a user would: a fresh profile, GeoBlur found through
QGIS_PLUGINPATH (a folder holding a ``geoblur`` folder) and enabled in that profile."""
import json
import os
import signal
import site
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # Debian's qgis_process wrapper passes an option 3.22 rejects


def qgis_process_env(base, plugin_folder, with_packages=True):
    """Environment of a fresh profile under ``base`` with ``plugin_folder`` installed as
    ``geoblur`` (symlinked) and enabled. ``with_packages`` makes this venv's onnxruntime, OpenCV
    and piexif visible to QGIS's Python; without it QGIS's Python has none of them."""
    plugins = base / "plugins"
    plugins.mkdir(parents=True)
    os.symlink(plugin_folder, plugins / "geoblur")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", QGIS_PLUGINPATH=str(plugins),
               QGIS_CUSTOM_CONFIG_PATH=str(base / "profile"), PYTHONDONTWRITEBYTECODE="1")
    if with_packages:
        env["PYTHONPATH"] = os.pathsep.join(site.getsitepackages())
    enabled = subprocess.run([QGIS_PROCESS, "plugins", "enable", "geoblur"], env=env, capture_output=True, text=True)
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    return env


def qgis_process(env, *arguments, timeout=300):
    """Run ``qgis_process --json ARGUMENTS``; returns (exit code, parsed JSON or None, all output)."""
    done = subprocess.run([QGIS_PROCESS, "--json", *arguments], env=env, capture_output=True, text=True,
                          timeout=timeout)
    try:
        parsed = json.loads(done.stdout) if done.stdout.strip() else None
    except ValueError as error:  # anything else on stdout (a stray print) breaks --json for scripts
        raise AssertionError(f"qgis_process --json printed something that is not JSON: {error}\n{done.stdout[-3000:]}")
    return done.returncode, parsed, done.stdout + done.stderr


def qgis_desktop(env, script_path, timeout=300):
    """Run the QGIS desktop on a virtual screen with ``--code script_path``; returns the
    CompletedProcess. QGIS, Xvfb and all run in a session of their own, killed whole when the
    time is up (a dialog left open would otherwise keep them running after the test)."""
    command = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", "/usr/bin/qgis", "--nologo", "--noversioncheck",
               "--code", str(script_path)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
