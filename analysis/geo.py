"""Boundaries for the locator map: Natural Earth via the world-atlas TopoJSON package.

``data/geo/syria-and-neighbours.geojson`` was made once with
:func:`extract_countries` from world-atlas 2.0.2's ``countries-50m.json``
(Natural Earth 4.1.0, public domain; ``npm pack world-atlas@2.0.2``), keeping
Syria and its neighbours. See data/geo/README.md.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import paths

BOUNDARY_FILE = "syria-and-neighbours.geojson"
#: ISO 3166-1 numeric ids as world-atlas keys them
COUNTRY_IDS = {"760": "Syria", "422": "Lebanon", "400": "Jordan", "368": "Iraq", "792": "Turkey",
               "376": "Israel", "196": "Cyprus", "275": "Palestine"}


def _decode_arcs(topology: dict) -> list[list[list[float]]]:
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for point in arc:
            if transform:
                x += point[0]
                y += point[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append([round(x * sx + tx, 5), round(y * sy + ty, 5)])
            else:
                points.append([point[0], point[1]])
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs) -> list[list[float]]:
    coords: list[list[float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        coords.extend(arc if not coords else arc[1:])
    return coords


def extract_countries(topology: dict, ids: dict[str, str] = COUNTRY_IDS, obj: str = "countries") -> dict:
    """Decode the chosen countries of a TopoJSON topology into a GeoJSON FeatureCollection."""
    arcs = _decode_arcs(topology)
    features = []
    for geom in topology["objects"][obj]["geometries"]:
        gid = str(geom.get("id"))
        if gid not in ids:
            continue
        if geom["type"] == "Polygon":
            coords = [_ring(r, arcs) for r in geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            coords = [[_ring(r, arcs) for r in poly] for poly in geom["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "id": gid, "properties": {"name": ids[gid]},
                         "geometry": {"type": geom["type"], "coordinates": coords}})
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "features": features}


def load_boundaries(geo_dir: Path = paths.GEO) -> dict:
    return json.loads((Path(geo_dir) / BOUNDARY_FILE).read_text(encoding="utf-8"))
