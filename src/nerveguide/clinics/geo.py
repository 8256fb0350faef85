"""Distances on the earth's surface, and the bounding box that lets the database prefilter.

No Django here: the finder, the import and the benchmark share these functions, and the search
gives the same answer on SQLite and PostgreSQL because the exact distance is computed in Python.
"""

import math

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)

# Denmark with its islands (Bornholm, Ertholmene, Skagen); coordinates outside are typos.
BOX_MARGIN_DEGREES = 1e-6

DENMARK_LAT = (54.4, 57.9)
DENMARK_LON = (7.9, 15.3)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) that contains every point within radius_km.

    The longitude span uses the latitude nearest the pole inside the box, where a degree of
    longitude is shortest, so the box never cuts off a point the circle contains.
    """
    # The margin (about 10 cm) keeps a point exactly on the circle inside despite rounding.
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM) + BOX_MARGIN_DEGREES
    widest_lat = min(89.9, abs(lat) + dlat)
    dlon = (
        math.degrees(radius_km / (EARTH_RADIUS_KM * math.cos(math.radians(widest_lat))))
        + BOX_MARGIN_DEGREES
    )
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def in_denmark(lat: float, lon: float) -> bool:
    """True if (lat, lon) in degrees lies inside the rough bounding box of Denmark (DENMARK_LAT,
    DENMARK_LON).
    """
    return DENMARK_LAT[0] <= lat <= DENMARK_LAT[1] and DENMARK_LON[0] <= lon <= DENMARK_LON[1]


def format_km(distance_km: float) -> str:
    """Danish style: "800 m", "2,4 km", "17 km"."""
    if distance_km < 1:
        return f"{max(100, round(distance_km * 1000, -2)):.0f} m"
    if distance_km < 10:
        return f"{distance_km:.1f} km".replace(".", ",")
    return f"{distance_km:.0f} km"
