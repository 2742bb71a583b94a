"""ICC colour profiles: kept only when they describe the pixels actually written."""

SPACES = {1: b"GRAY", 3: b"RGB ", 4: b"RGB "}  # channels written -> profile colour space
NOT_FITTING = "ICC profile removed (it does not describe the written pixels)"


def fits(profile: bytes, channels: int) -> bool:
    """True when ``profile`` (or its first 20 bytes) is for images with ``channels`` channels.

    A grey image with alpha is decoded as BGRA, so its grey profile no longer applies; a CMYK
    profile never applies to what OpenCV writes.
    """
    return len(profile) >= 20 and profile[16:20] == SPACES.get(channels)
