"""GeoBlur ▸ Review image: check one image's detections against its original, fix them, and
render the copy again (:mod:`.session` holds the layers and the saving, :mod:`.dock` the window)."""
