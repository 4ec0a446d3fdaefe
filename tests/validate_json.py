#!/usr/bin/python3
"""Validates every JSON file given against docs/json-schema.json.
Prints one PASS/FAIL line per file (for tests/run)."""
import json
import os
import sys

import jsonschema

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
schema = json.load(open(os.path.join(top, "docs", "json-schema.json")))
validator = jsonschema.Draft202012Validator(schema)
for path in sys.argv[1:]:
    name = os.path.basename(path)
    try:
        doc = json.load(open(path))
    except ValueError as e:
        print(f"FAIL schema/{name}: not JSON: {e}")
        continue
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        print(f"FAIL schema/{name}: {'/'.join(map(str, e.path))}: {e.message}")
    else:
        print(f"PASS schema/{name}")
