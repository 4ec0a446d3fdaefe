#!/usr/bin/python3
"""Validates every JSON file given against docs/json-schema.json.
With --lines DEF, each file is JSON lines and every line is validated
against $defs/DEF instead (watch --json: DEF watch_line).
Prints one PASS/FAIL line per file (for tests/run)."""
import json
import os
import sys

import jsonschema

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
schema = json.load(open(os.path.join(top, "docs", "json-schema.json")))
args = sys.argv[1:]
lines_def = None
if args[:1] == ["--lines"]:
    lines_def, args = args[1], args[2:]
    schema = dict(schema, **{"$ref": "#/$defs/" + lines_def})
    for k in ("required", "properties", "allOf", "type"):
        schema.pop(k, None)
validator = jsonschema.Draft202012Validator(schema)
for path in args:
    name = os.path.basename(path)
    try:
        if lines_def:
            docs = [json.loads(l) for l in open(path) if l.strip()]
        else:
            docs = [json.load(open(path))]
    except ValueError as e:
        print(f"FAIL schema/{name}: not JSON: {e}")
        continue
    errors = sorted((e for doc in docs for e in validator.iter_errors(doc)),
                    key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        print(f"FAIL schema/{name}: {'/'.join(map(str, e.path))}: {e.message}")
    else:
        print(f"PASS schema/{name}")
