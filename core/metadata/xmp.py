"""XMP packets: kept with the anonymized copy (GPano, captions, ratings), minus any picture.

XMP can embed images: Adobe's ``xmp:Thumbnails`` (base64 JPEG) and, in Google's depth and
portrait photos, ``GImage:Data`` (the original, unblurred photo) and ``GDepth:Data``. Those
properties are cut out; a packet that still holds something that looks like a base64 JPEG or PNG
afterwards is refused (ValueError) so that the caller drops it rather than leak a copy.
"""
import re

_ELEMENTS = re.compile(
    r"<((?:[\w.-]+:)?Thumbnails|GImage:Data|GDepth:Data|GDepth:Confidence)\b[^>]*?(?:/>|>.*?</\1\s*>)",
    re.DOTALL)
_ATTRIBUTES = re.compile(r"\s(?:GImage:Data|GDepth:Data|GDepth:Confidence)\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_EXTENDED_NOTE = re.compile(r"\s[\w.-]+:HasExtendedXMP\s*=\s*(?:\"[^\"]*\"|'[^']*')")
#: base64 of a JPEG (FF D8 FF) or PNG signature, followed by enough base64 to be a picture
_BASE64_PICTURE = re.compile(r"(?:/9j/|iVBORw0KGgo)[A-Za-z0-9+/=\s&#;x]{200,}")


def text(packet: bytes) -> str:
    """An XMP packet as text (XMP is UTF-8; a bad byte must not make the image unreadable)."""
    return packet.decode("utf-8", errors="replace").strip("\0")


def without_pictures(packet: str) -> str:
    """``packet`` without embedded pictures; ValueError if one remains that was not recognised."""
    cleaned = _ATTRIBUTES.sub("", _ELEMENTS.sub("", packet))
    if _BASE64_PICTURE.search(cleaned):
        raise ValueError("XMP holds an embedded picture")
    return cleaned


def has_pictures(packet: str) -> bool:
    """True when ``packet`` embeds a picture (recognised property or base64 JPEG/PNG)."""
    return bool(_ELEMENTS.search(packet) or _ATTRIBUTES.search(packet) or _BASE64_PICTURE.search(packet))


def without_extended_note(packet: str) -> str:
    """``packet`` no longer announcing an extended XMP part (used when that part is dropped)."""
    return _EXTENDED_NOTE.sub("", packet)
