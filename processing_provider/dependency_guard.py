"""Refusing to run without the engine's Python packages, for every GeoBlur algorithm.

The toolbox greys an algorithm out through ``canExecute``, but ``processing.run()`` and
``qgis_process`` ignore it, so ``prepareAlgorithm`` refuses as well, with the same message (the
pip command that installs what is missing).
"""
from qgis.core import QgsProcessingException

from ..qgis_support import dependencies


class NeedsDependencies:
    """Mixin for a QgsProcessingAlgorithm whose processing imports the engine; list it first."""

    def canExecute(self):
        message = dependencies.missing_message()
        return (message is None, message or "")

    def prepareAlgorithm(self, parameters, context, feedback):
        message = dependencies.missing_message()
        if message:
            raise QgsProcessingException(message)
        return True
