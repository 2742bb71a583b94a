"""GeoBlur's benchmark (``python -m bench``, ``make bench``): quality as coverage on the real sets
in ``../shared/bench`` and speed, beside deface. Not part of the plugin and never a test."""
