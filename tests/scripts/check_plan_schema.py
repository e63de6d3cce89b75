#!/usr/bin/python3
"""Checks docs/plan.schema.json against real plan files.

    check_plan_schema.py [--cover] SCHEMA PLAN [PLAN...]

1. The schema is a valid JSON Schema (draft 2020-12).
2. Every PLAN validates against it.
3. Mutated copies of the first PLAN fail, each for the reason intended (an unknown key inside a
   target, a decimal written as a JSON number with a fraction, a bad enum value, a missing required
   key, a bad date, ...).
4. With --cover: the PLANs together use every key the schema defines.

Plans are read as the C++ reader reads them: a key given twice in one object, NaN or Infinity are
errors, and JSON numbers with a fraction or exponent stay decimal.Decimal (never float), so that
2021.0 is not taken for the integer 2021.

Prints one line per check; exits 0 when every check gives the expected result, 1 otherwise, 2 on
wrong usage or unreadable input. Needs Debian's python3-jsonschema (4.10 in bookworm).
"""

import copy
import decimal
import json
import sys

try:
    import jsonschema
except ImportError:
    print("check_plan_schema: python3-jsonschema is not installed (apt-get install python3-jsonschema)",
          file=sys.stderr)
    sys.exit(2)


class InputError(Exception):
    pass


def _reject_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise InputError(f'the key "{key}" appears twice in one object')
        obj[key] = value
    return obj


def _reject_constant(name):
    raise InputError(f"{name} is not JSON a plan file may hold")


def load_json(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from e
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=_reject_duplicates,
                          parse_float=decimal.Decimal, parse_constant=_reject_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, InputError) as e:
        raise InputError(f"{path}: {e}") from e


def where(path):
    """A JSON path in the C++ reader's notation: initiatives[0].targets[1].value."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(document)"


def first_error(errors):
    e = jsonschema.exceptions.best_match(errors)
    if e is None:
        return ""
    message = e.message if len(e.message) <= 160 else e.message[:157] + "..."
    return f"{where(e.absolute_path)}: {message}"


# --------------------------------------------------------------------------------------------
# Mutations: each changes one thing in a copy of a plan and says where the schema must object.

def _first(plan, predicate):
    """(initiative index, target index, target) of the first target for which predicate holds."""
    for i, initiative in enumerate(plan.get("initiatives", [])):
        for t, target in enumerate(initiative.get("targets", [])):
            if predicate(target):
                return i, t, target
    raise InputError("the first plan has no target to mutate (it needs one with a value)")


def mutations(plan):
    """Yields (description, mutated plan, path where the schema must report an error)."""
    i, t, _ = _first(plan, lambda target: "value" in target)
    tpath = ["initiatives", i, "targets", t]

    def mutate(description, path, change):
        copied = copy.deepcopy(plan)
        change(copied)
        return description, copied, path

    def target(p):
        return p["initiatives"][i]["targets"][t]

    yield mutate('unknown key "valeu" inside a target', tpath,
                 lambda p: target(p).update(valeu=target(p)["value"]))
    yield mutate("unknown key at the top level", [],
                 lambda p: p.update(version=1))
    yield mutate("target value written as a JSON number with a fraction (12.5)", tpath + ["value"],
                 lambda p: target(p).update(value=decimal.Decimal("12.5")))
    yield mutate("target value written as a JSON number 18000.0", tpath + ["value"],
                 lambda p: target(p).update(value=decimal.Decimal("18000.0")))
    yield mutate("tolerance written as a JSON number 0.1", ["tolerance"],
                 lambda p: p.update(tolerance=decimal.Decimal("0.1")))
    yield mutate('bad enum: measure "amount"', tpath + ["measure"],
                 lambda p: target(p).update(measure="amount"))
    yield mutate('bad enum: role "leader"', ["initiatives", i, "assignments", 0, "role"],
                 lambda p: p["initiatives"][i]["assignments"][0].update(role="leader"))
    yield mutate('bad enum: unit kind "office"', ["units", 0, "kind"],
                 lambda p: p["units"][0].update(kind="office"))
    yield mutate("missing required key: target measure", tpath,
                 lambda p: target(p).pop("measure"))
    yield mutate("missing required key: coordinator", [],
                 lambda p: p.pop("coordinator"))
    yield mutate("missing required key: initiative assignments", ["initiatives", i],
                 lambda p: p["initiatives"][i].pop("assignments"))
    yield mutate('bad date: end "2021-13-01"', ["end"],
                 lambda p: p.update(end="2021-13-01"))
    yield mutate('bad date: start "2021/01/01"', ["start"],
                 lambda p: p.update(start="2021/01/01"))
    yield mutate('bad date: target deadline "2021-12-31 " (trailing space)', tpath + ["deadline"],
                 lambda p: target(p).update(deadline="2021-12-31 "))
    yield mutate('bad decimal string: value "1.6万"', tpath + ["value"],
                 lambda p: target(p).update(value="1.6万"))
    yield mutate("negative target value", tpath + ["value"],
                 lambda p: target(p).update(value="-1"))
    yield mutate('bad period in a trajectory: "2021Q5"', tpath + ["trajectory", 0, "period"],
                 lambda p: target(p).update(trajectory=[{"period": "2021Q5", "share": "0.5"}]))
    yield mutate('bad code: target code "第1.1项"', tpath + ["code"],
                 lambda p: target(p).update(code="第1.1项"))
    yield mutate('format 2', ["format"],
                 lambda p: p.update(format=2))
    yield mutate("count target without a unit of measure", tpath,
                 lambda p: target(p).pop("unit"))
    yield mutate("initiative without a lead unit", ["initiatives", i, "assignments"],
                 lambda p: p["initiatives"][i].update(
                     assignments=[{"unit": a["unit"], "role": "co_responsible"}
                                  for a in p["initiatives"][i]["assignments"]]))


# --------------------------------------------------------------------------------------------
# Coverage: the keys the schema defines, as generalised paths ("initiatives[].targets[].value").

def schema_keys(schema):
    defs = schema.get("$defs", {})
    keys = set()

    def walk(node, path, seen):
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref[len("#/$defs/"):]
            if name not in seen:
                walk(defs[name], path, seen | {name})
        for key, sub in node.get("properties", {}).items():
            keys.add(path + ("." if path else "") + key)
            walk(sub, path + ("." if path else "") + key, seen)
        if "items" in node:
            walk(node["items"], path + "[]", seen)

    walk(schema, "", frozenset())
    return keys


def instance_keys(value, path="", out=None):
    out = set() if out is None else out
    if isinstance(value, dict):
        for key, sub in value.items():
            p = path + ("." if path else "") + key
            out.add(p)
            instance_keys(sub, p, out)
    elif isinstance(value, list):
        for sub in value:
            instance_keys(sub, path + "[]", out)
    return out


# --------------------------------------------------------------------------------------------

def main(argv):
    args = argv[1:]
    cover = "--cover" in args
    args = [a for a in args if a != "--cover"]
    if len(args) < 2 or any(a.startswith("-") for a in args):
        print("usage: check_plan_schema.py [--cover] SCHEMA PLAN [PLAN...]", file=sys.stderr)
        return 2
    schema_path, plan_paths = args[0], args[1:]
    try:
        schema = load_json(schema_path)
        plans = [(path, load_json(path)) for path in plan_paths]
    except InputError as e:
        print(f"ERROR {e}", file=sys.stderr)
        return 2

    failures = 0

    def report(ok, text):
        nonlocal failures
        print(("PASS " if ok else "FAIL ") + text)
        if not ok:
            failures += 1

    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        report(True, f"{schema_path} is a valid draft 2020-12 schema")
    except jsonschema.exceptions.SchemaError as e:
        report(False, f"{schema_path} is not a valid draft 2020-12 schema: {e.message} "
                      f"(at {where(e.absolute_path)})")
        return 1
    validator = jsonschema.Draft202012Validator(schema)

    for path, plan in plans:
        errors = list(validator.iter_errors(plan))
        if errors:
            report(False, f"{path} should be valid, but the schema reports {len(errors)} error(s)")
            for e in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
                print(f"     {where(e.absolute_path)}: {e.message}")
        else:
            report(True, f"{path} is valid")

    first_path, first_plan = plans[0]
    try:
        cases = list(mutations(first_plan))
    except InputError as e:
        print(f"ERROR {first_path}: {e}", file=sys.stderr)
        return 2
    for description, mutated, expected in cases:
        errors = list(validator.iter_errors(mutated))
        expected_at = where(expected)
        # The error must be reported at the mutated place or inside it (a subschema's own error).
        located = [e for e in errors if list(e.absolute_path)[:len(expected)] == expected]
        if not errors:
            report(False, f"rejects {description}: the schema accepts it")
        elif not located:
            report(False, f"rejects {description}: rejected, but not at {expected_at} "
                          f"({first_error(errors)})")
        else:
            report(True, f"rejects {description} ({first_error(located)})")

    if cover:
        defined = schema_keys(schema)
        used = set()
        for _, plan in plans:
            instance_keys(plan, "", used)
        missing = sorted(defined - used)
        report(not missing, "the plans use every key the schema defines" if not missing else
               "the plans leave unused: " + ", ".join(missing))

    print(f"{'OK' if failures == 0 else 'FAILED'}: {failures} unexpected result(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
