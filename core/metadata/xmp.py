"""XMP packets: kept with the anonymized copy (GPano, captions, ratings), minus any picture.

XMP can embed images: Adobe's ``xmp:Thumbnails`` (base64 JPEG) and, in Google's depth and
portrait photos, ``GImage:Data`` (the original, unblurred photo) and ``GDepth:Data``. Those
properties are cut out; a packet that still holds something that looks like a base64 JPEG or PNG
afterwards is dropped whole rather than leak a copy.

The copy's pixels are written upright, so its ``tiff:Orientation`` becomes 1 (a viewer that
trusts XMP over EXIF would otherwise turn the upright copy again) and its stated sizes become
the written ones.
"""
import re
from typing import List, Optional

_ELEMENTS = re.compile(
    r"<((?:[\w.-]+:)?Thumbnails|GImage:Data|GDepth:Data|GDepth:Confidence)\b[^>]*?(?:/>|>.*?</\1\s*>)",
    re.DOTALL)
_ATTRIBUTES = re.compile(r"\s(GImage:Data|GDepth:Data|GDepth:Confidence)\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_EXTENDED_NOTE = re.compile(r"\s[\w.-]+:HasExtendedXMP\s*=\s*(?:\"[^\"]*\"|'[^']*')")
#: base64 of a JPEG (FF D8 FF) or PNG signature, followed by enough base64 to be a picture
_BASE64_PICTURE = re.compile(r"(?:/9j/|iVBORw0KGgo)[A-Za-z0-9+/=\s&#;x]{200,}")
#: what each picture property is, for the note saying it was removed
_PICTURES = {"Thumbnails": "XMP thumbnail", "GImage:Data": "XMP GImage original",
             "GDepth:Data": "XMP depth map", "GDepth:Confidence": "XMP depth confidence map"}
#: properties stating the pixels' orientation and size: namespace, usual prefix, names
_LAYOUT = (("http://ns.adobe.com/tiff/1.0/", "tiff", ("Orientation", "ImageWidth", "ImageLength")),
           ("http://ns.adobe.com/exif/1.0/", "exif", ("PixelXDimension", "PixelYDimension")))


def text(packet: bytes) -> str:
    """An XMP packet as text (XMP is UTF-8; a bad byte must not make the image unreadable)."""
    return packet.decode("utf-8", errors="replace").strip("\0")


def for_copy(packet: str, width: int, height: int, dropped: List[str]) -> Optional[str]:
    """``packet`` as it goes with upright pixels of ``width`` x ``height``: without embedded
    pictures (each noted in ``dropped``), orientation 1 and the written size. None (and a note)
    when a picture remains that was not recognised."""
    found = [match.group(1) for pattern in (_ELEMENTS, _ATTRIBUTES) for match in pattern.finditer(packet)]
    cleaned = _ATTRIBUTES.sub("", _ELEMENTS.sub("", packet))
    if _BASE64_PICTURE.search(cleaned):
        dropped.append("XMP removed (it holds a picture)")
        return None
    dropped.extend(dict.fromkeys(_note(name) for name in found))
    return _upright(cleaned, width, height)


def has_pictures(packet: str) -> bool:
    """True when ``packet`` embeds a picture (recognised property or base64 JPEG/PNG)."""
    return bool(_ELEMENTS.search(packet) or _ATTRIBUTES.search(packet) or _BASE64_PICTURE.search(packet))


def without_extended_note(packet: str) -> str:
    """``packet`` no longer announcing an extended XMP part (used when that part is dropped)."""
    return _EXTENDED_NOTE.sub("", packet)


def _note(name: str) -> str:
    """The note saying picture property ``name`` was removed (thumbnails under any prefix)."""
    return _PICTURES["Thumbnails" if name.endswith("Thumbnails") else name] + " removed"


def _upright(packet: str, width: int, height: int) -> str:
    """``packet`` saying orientation 1 and a size of ``width`` x ``height`` where it states them."""
    values = {"Orientation": 1, "ImageWidth": width, "ImageLength": height,
              "PixelXDimension": width, "PixelYDimension": height}
    for namespace, usual, names in _LAYOUT:
        bound = re.findall(r"xmlns:([\w.-]+)\s*=\s*[\"']" + re.escape(namespace) + "[\"']", packet)
        for prefix in set(bound) | {usual}:
            for name in names:
                packet = _set(packet, f"{prefix}:{name}", values[name])
    return packet


def _set(packet: str, name: str, value: int) -> str:
    """``packet`` with property ``name`` (a qualified name) set to ``value`` wherever it is
    given, as an attribute (name="6") or as an element (<name>6</name>)."""
    quoted = re.escape(name)
    attribute = re.compile(rf"(\s{quoted}\s*=\s*)([\"'])[^\"']*\2")
    element = re.compile(rf"(<{quoted}(?:\s[^>]*)?(?<!/)>)[^<]*(</{quoted}\s*>)")
    packet = attribute.sub(lambda match: f"{match.group(1)}{match.group(2)}{value}{match.group(2)}", packet)
    return element.sub(lambda match: f"{match.group(1)}{value}{match.group(2)}", packet)
