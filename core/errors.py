"""Errors the engine raises, each meant to be shown to the user as it is."""


class GeoBlurError(Exception):
    """Base of every error whose message is written for the user."""


class ImageError(GeoBlurError):
    """An image could not be read, decoded, processed or written; that image fails closed."""


class ModelError(GeoBlurError):
    """A model file is missing, corrupt, or does not match what its manifest entry says."""


class Canceled(GeoBlurError):
    """The user canceled the run."""
