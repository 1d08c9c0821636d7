#!/usr/bin/env python3
"""Derives the response shapes (field paths and JSON types, no values) of Nova's server api samples.

Usage: api-sample-shapes.py <nova api_samples dir> > tests/OrleansCompute.Tests/Views/api-sample-shapes.json

The view tests compare our views with these shapes: exactly the same field names at every level, and the same
JSON type wherever both sides are non-null. Maps whose keys are data (metadata, network labels, extra specs,
scheduler hints, image properties) are written as '*'.
"""
import json
import os
import sys

FREE_FORM = {"metadata", "addresses", "extra_specs", "scheduler_hints", "properties"}
FILES = {
    "server-get-resp.json": "show",
    "servers-details-resp.json": "detail",
    "servers-list-resp.json": "index",
    "server-update-resp.json": "update",
    "server-put-resp.json": "update",
    "server-action-rebuild-resp.json": "rebuild",
}


def kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def walk(value, path, out, free=False):
    out[path] = kind(value)
    if isinstance(value, dict):
        for key, item in value.items():
            name = "*" if free else key
            child = f"{path}.{name}" if path else name
            walk(item, child, out, free=key in FREE_FORM and not free)
    elif isinstance(value, list) and value:
        walk(value[0], path + "[]", out)


def main(root):
    shapes = []
    servers = os.path.join(root, "servers")
    folders = ["2.1"] + sorted((d[1:] for d in os.listdir(servers) if d.startswith("v2.")), key=lambda v: tuple(map(int, v.split("."))))
    for version in folders:
        folder = servers if version == "2.1" else os.path.join(servers, "v" + version)
        for name, view in FILES.items():
            path = os.path.join(folder, name)
            if not os.path.exists(path):
                continue
            with open(path) as f:
                body = json.load(f)
            if view in ("index", "detail"):
                body = {"servers": body["servers"][:1]}
            out = {}
            walk(body, "", out)
            out.pop("", None)
            shapes.append({"version": version, "view": view, "fields": dict(sorted(out.items()))})
    json.dump(shapes, sys.stdout, indent=1)
    sys.stdout.write("\n")


main(sys.argv[1])
