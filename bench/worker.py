"""One measurement in a process of its own, so that its peak memory is its own:
``python -m bench.worker {geoblur|deface|synthetic|stages} NAME OUTPUT_FOLDER LIMIT BUDGET_S RESULT_JSON``.

Whatever goes wrong is written into the result as an error row: one broken set does not stop
the benchmark.
"""
import sys
import traceback

from .measure import write_result


def main(kind: str, name: str, output: str, limit: str, budget_s: str, result_path: str) -> None:
    limit_value = int(limit) or None
    try:
        if kind == "geoblur":
            from . import geoblur_worker

            result = geoblur_worker.run(name, output, limit_value, float(budget_s))
        elif kind == "deface":
            from . import deface_worker

            result = deface_worker.run(name, output, limit_value)
        elif kind == "stages":
            from . import stages

            result = stages.run(name, output)
        else:
            from . import synthetic

            result = synthetic.run(name, output)
    except Exception as error:  # reported as the set's error row, with where it happened
        result = {"tool": kind, "set": name, "error": f"{type(error).__name__}: {error}"}
        traceback.print_exc()
    write_result(result_path, result)


if __name__ == "__main__":
    main(*sys.argv[1:7])
