"""360° test panoramas made on the fly: a real photo projected into an equirectangular image
as a pinhole camera sees it, turned so that a chosen point of it (a face) lies at a chosen
longitude and latitude, with the GPano XMP that 360° cameras write.

The projection here is written independently of GeoBlur's panorama code (only the sphere's
conventions are shared), so the tests check GeoBlur's views and mapping against it.
"""
import math

import cv2
import numpy as np

from geoblur.core.panorama.sphere import Geometry, lonlat_to_vector, rotation, vector_to_lonlat

BACKGROUND = (90, 110, 90)  # BGR of the sphere outside the photo


def project(photo_rgb, face_box, lon_deg, lat_deg, focal, width, height):
    """The photo as a pinhole camera of ``focal`` px sees it, turned so that the centre of
    ``face_box`` looks at (lon, lat): the panorama (BGR, ``width``×``height``) and the face
    ellipse's pixels in it (bool)."""
    h, w = photo_rgb.shape[:2]
    cx, cy = (face_box[0] + face_box[2]) / 2, (face_box[1] + face_box[3]) / 2
    face_lon, face_lat = vector_to_lonlat(np.array([(cx - w / 2) / focal, (cy - h / 2) / focal, 1.0]))
    camera_to_world = rotation(math.radians(lon_deg), math.radians(lat_deg)) @ rotation(face_lon, face_lat).T
    y, x = np.mgrid[0:height, 0:width] + 0.5
    cam = lonlat_to_vector(*Geometry.full(width, height).to_lonlat(x, y)) @ camera_to_world
    ahead = cam[..., 2] > 1e-6
    z = np.where(ahead, cam[..., 2], 1.0)
    u = np.where(ahead, cam[..., 0] / z * focal + w / 2, -1e4).astype(np.float32) - 0.5
    v = np.where(ahead, cam[..., 1] / z * focal + h / 2, -1e4).astype(np.float32) - 0.5
    pano = cv2.remap(photo_rgb[:, :, ::-1], u, v, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                     borderValue=BACKGROUND)
    ellipse = np.zeros((h, w), np.uint8)
    axes = (int(round((face_box[2] - face_box[0]) / 2)), int(round((face_box[3] - face_box[1]) / 2)))
    cv2.ellipse(ellipse, (int(round(cx)), int(round(cy))), axes, 0, 0, 360, 255, -1)
    return pano, cv2.remap(ellipse, u, v, cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT) > 0


def gpano_xmp(heading) -> str:
    """The XMP packet of an equirectangular panorama whose centre looks at ``heading``."""
    return ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:GPano="http://ns.google.com/photos/1.0/panorama/" '
            f'GPano:ProjectionType="equirectangular" GPano:PoseHeadingDegrees="{heading}"/>'
            '</rdf:RDF></x:xmpmeta>')
