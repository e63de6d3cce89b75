#!/usr/bin/python3
"""Checks taizhang/_taizhang.pyi against the compiled module taizhang._taizhang.

    PYTHONPATH=build/dev/python python3 tests/scripts/check_stubs.py [STUB] [--no-stubtest]

- every public name of the module (and every public member of its classes, and the protocol
  methods such as __len__ and __enter__) has an entry in the stubs, and every public entry of the
  stubs exists in the module;
- every function, class, method and property of the module has a docstring beyond pybind11's
  signature line, and every member of an enum a description;
- the parameters of each function and method in the stubs (names, order, keyword-only, which
  have defaults) are those of the binding's signature, as pybind11 writes it into the docstring;
- mypy's stubtest agrees (attributes against properties, what is missing), except for what
  pybind11 cannot show it (metaclasses, constructors of classes that have none).

Exits 0 when everything holds; otherwise lists every problem and exits 1.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import os
import pathlib
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Any

import taizhang  # noqa: F401 - the package first: it adds to_pandas and Ledger.values
from taizhang import _taizhang as module

# Dunder methods whose presence matters to a type checker: they must be in the stubs when the
# module has them, and exist in the module when the stubs declare them.
PROTOCOL_DUNDERS = {
    "__len__", "__contains__", "__iter__", "__getitem__", "__setitem__", "__delitem__",
    "__bool__", "__enter__", "__exit__", "__lt__", "__le__", "__gt__", "__ge__", "__int__",
    "__index__", "__call__",
}

# What pybind11 gives every enum; documented once, in the stubs' _Enum.
ENUM_GENERATED = {"name", "value"}

# stubtest's findings that are pybind11's nature, not mistakes of the stubs.
STUBTEST_ALLOWLIST = """
# pybind11 classes have the metaclass pybind11_type, which the stubs do not spell out.
taizhang\\._taizhang\\.\\w+
# Classes with no constructor (a Signer is made by Signer.generate/load/from_pem): pybind11 gives
# them an __init__(*args, **kwargs) that raises.
taizhang\\._taizhang\\.(CsvReading|Ledger|Rollup|Signer|ValueTable)\\.__init__
# to_pandas is a function of taizhang.frames set on the class: its first argument is not 'self'.
taizhang\\._taizhang\\.\\w+\\.to_pandas
"""


@dataclass
class StubFunction:
    name: str
    signatures: list[ast.arguments]
    static: bool = False
    is_property: bool = False


@dataclass
class StubClass:
    name: str
    bases: list[str]
    functions: dict[str, StubFunction] = field(default_factory=dict)
    attributes: set[str] = field(default_factory=set)

    def names(self) -> set[str]:
        return set(self.functions) | self.attributes


def _decorators(node: ast.FunctionDef) -> set[str]:
    names = set()
    for d in node.decorator_list:
        if isinstance(d, ast.Name):
            names.add(d.id)
        elif isinstance(d, ast.Attribute):
            names.add(d.attr)
    return names


def _collect_functions(body: list[ast.stmt], into: dict[str, StubFunction]) -> set[str]:
    attributes: set[str] = set()
    for node in body:
        if isinstance(node, ast.FunctionDef):
            decorators = _decorators(node)
            fn = into.setdefault(node.name, StubFunction(node.name, []))
            fn.signatures.append(node.args)
            fn.static = fn.static or "staticmethod" in decorators
            fn.is_property = fn.is_property or "property" in decorators
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            attributes.add(node.target.id)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    attributes.add(target.id)
    return attributes


def parse_stub(path: pathlib.Path) -> tuple[dict[str, StubFunction], dict[str, StubClass], set[str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    functions: dict[str, StubFunction] = {}
    classes: dict[str, StubClass] = {}
    variables = _collect_functions(
        [n for n in tree.body if not isinstance(n, ast.ClassDef)], functions
    )
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            bases = [ast.unparse(b).split("[")[0] for b in node.bases]
            cls = StubClass(node.name, bases)
            cls.attributes = _collect_functions(node.body, cls.functions)
            classes[node.name] = cls
    return functions, classes, variables


def all_members(cls: StubClass, classes: dict[str, StubClass]) -> dict[str, StubFunction | None]:
    """The class's members with those of its bases in the stubs (attributes map to None)."""
    members: dict[str, StubFunction | None] = {}
    for base in cls.bases:
        if base in classes:
            members.update(all_members(classes[base], classes))
    members.update({name: None for name in cls.attributes})
    members.update(cls.functions)
    return members


# ---- pybind11 signatures ------------------------------------------------------------------------

SIGNATURE = re.compile(r"^(?:\d+\. )?(\w+)\((.*)\) -> .*$")


def pybind_signatures(obj: Any, name: str) -> list[str]:
    """The parameter lists pybind11 wrote into the docstring of `obj` (one per overload)."""
    doc = getattr(obj, "__doc__", None) or ""
    found = []
    for line in doc.splitlines():
        m = SIGNATURE.match(line)
        if m and m.group(1) == name:
            found.append(m.group(2))
    return found


def doc_text(obj: Any, name: str) -> str:
    """A docstring without pybind11's signature lines and its "Overloaded function." header."""
    doc = getattr(obj, "__doc__", None) or ""
    lines = [
        line for line in doc.splitlines()
        if not SIGNATURE.match(line.strip()) and line.strip() != "Overloaded function."
    ]
    return "\n".join(lines).strip()


def split_params(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current.strip())
    return parts


def runtime_params(text: str) -> list[tuple[str, str, bool]]:
    """(name, kind, has_default) of a pybind11 parameter list; kind is "pos" or "kw"."""
    out = []
    keyword_only = False
    for part in split_params(text):
        if part == "*":
            keyword_only = True
            continue
        if part.startswith("**"):
            out.append((part[2:].split(":")[0], "**", False))
            continue
        if part.startswith("*"):
            out.append((part[1:].split(":")[0], "*", False))
            keyword_only = True
            continue
        name = part.split(":")[0].strip()
        out.append((name, "kw" if keyword_only else "pos", " = " in part))
    return out


def stub_params(args: ast.arguments) -> list[tuple[str, str, bool]]:
    out = []
    positional = args.posonlyargs + args.args
    first_default = len(positional) - len(args.defaults)
    for i, a in enumerate(positional):
        out.append((a.arg, "pos", i >= first_default))
    if args.vararg is not None:
        out.append((args.vararg.arg, "*", False))
    for a, d in zip(args.kwonlyargs, args.kw_defaults):
        out.append((a.arg, "kw", d is not None))
    if args.kwarg is not None:
        out.append((args.kwarg.arg, "**", False))
    return out


def compare_signature(
    where: str, runtime: Any, name: str, stub: StubFunction, method: bool
) -> list[str]:
    runtime_sigs = pybind_signatures(runtime, name)
    if len(runtime_sigs) != 1 or len(stub.signatures) != 1:
        return []  # overloads: the stubs may merge them; nothing precise to compare
    expected = runtime_params(runtime_sigs[0])
    actual = stub_params(stub.signatures[0])
    if method and not stub.static:
        # pybind11 names the first parameter "self" (or "arg0" for properties and operators).
        expected = expected[1:]
        actual = actual[1:]
    if [p[:2] for p in expected] != [p[:2] for p in actual] or (
        [p[2] for p in expected] != [p[2] for p in actual]
    ):
        return [
            f"{where}: the stub's parameters {format_params(actual)} differ from the binding's "
            f"{format_params(expected)}"
        ]
    return []


def format_params(params: list[tuple[str, str, bool]]) -> str:
    shown = []
    for name, kind, default in params:
        prefix = kind if kind in ("*", "**") else ""
        suffix = ("=…" if default else "") + (" (keyword)" if kind == "kw" else "")
        shown.append(f"{prefix}{name}{suffix}")
    return "(" + ", ".join(shown) + ")"


# ---- the checks -------------------------------------------------------------------------------


def is_enum(cls: type) -> bool:
    return hasattr(cls, "__members__") and hasattr(cls, "__int__")


def enum_descriptions(cls: type) -> dict[str, str]:
    """pybind11 lists an enum's members in its docstring: "  name : description"."""
    doc = cls.__doc__ or ""
    found = {}
    if "Members:" in doc:
        for line in doc.split("Members:", 1)[1].splitlines():
            m = re.match(r"^\s+(\w+)(?: : (.*))?$", line)
            if m:
                found[m.group(1)] = (m.group(2) or "").strip()
    return found


def runtime_members(cls: type) -> dict[str, Any]:
    """The members a class defines itself, public ones and protocol dunders."""
    members = {}
    for name, value in vars(cls).items():
        if name.startswith("_") and name not in PROTOCOL_DUNDERS:
            continue
        members[name] = value
    return members


def check(stub_path: pathlib.Path) -> list[str]:
    problems: list[str] = []
    functions, classes, variables = parse_stub(stub_path)
    stub_names = set(functions) | set(classes) | variables

    if not doc_text(module, ""):
        problems.append("the module has no docstring")

    runtime_names = {n for n in vars(module) if not (n.startswith("__") and n.endswith("__"))}
    runtime_names.add("__version__")
    for name in sorted(runtime_names - stub_names):
        problems.append(f"{name}: in the module, missing from the stubs")
    for name in sorted(stub_names - runtime_names):
        if name.startswith("_"):
            continue  # the stubs' own helpers (_Enum, _List, type aliases)
        problems.append(f"{name}: in the stubs, not in the module")

    for name in sorted(runtime_names):
        obj = getattr(module, name)
        if name == "__version__":
            continue
        if inspect.isclass(obj):
            if not doc_text(obj, name):
                problems.append(f"{name}: class without a docstring")
            if name in classes:
                problems += check_class(name, obj, classes[name], classes)
        elif callable(obj):
            if not doc_text(obj, name):
                problems.append(f"{name}(): function without a docstring")
            if name in functions:
                problems += compare_signature(f"{name}()", obj, name, functions[name], False)
    return problems


def check_class(
    name: str, cls: type, stub: StubClass, classes: dict[str, StubClass]
) -> list[str]:
    problems = []
    stub_members = all_members(stub, classes)
    members = runtime_members(cls)
    enum = is_enum(cls)
    if enum:
        descriptions = enum_descriptions(cls)
        for member in cls.__members__:  # type: ignore[attr-defined]
            if not descriptions.get(member):
                problems.append(f"{name}.{member}: enum member without a description")
    for member, value in sorted(members.items()):
        if member not in stub_members:
            problems.append(f"{name}.{member}: in the module, missing from the stubs")
        if member.startswith("_") or (enum and (member in ENUM_GENERATED or member in
                                                  cls.__members__)):  # type: ignore[attr-defined]
            continue
        if isinstance(value, property):
            if not (value.__doc__ or "").strip() or SIGNATURE.match((value.__doc__ or "").strip()):
                problems.append(f"{name}.{member}: property without a docstring")
        elif isinstance(value, staticmethod):
            func = value.__func__
            if not doc_text(func, member):
                problems.append(f"{name}.{member}(): static method without a docstring")
            if isinstance(stub_members.get(member), StubFunction):
                problems += compare_signature(
                    f"{name}.{member}()", func, member, stub_members[member], False  # type: ignore[arg-type]
                )
        elif callable(value):
            if not doc_text(value, member):
                problems.append(f"{name}.{member}(): method without a docstring")
            stub_fn = stub_members.get(member)
            if isinstance(stub_fn, StubFunction) and not stub_fn.is_property:
                problems += compare_signature(f"{name}.{member}()", value, member, stub_fn, True)
    for member in sorted(stub_members):
        if member.startswith("_") and member not in PROTOCOL_DUNDERS:
            continue
        if not hasattr(cls, member):
            problems.append(f"{name}.{member}: in the stubs, not in the module")
    return problems


def run_stubtest(stub_path: pathlib.Path) -> list[str]:
    """mypy's stubtest on the module, with the stubs' directory on MYPYPATH."""
    package_parent = stub_path.resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        allowlist = pathlib.Path(tmp) / "allowlist.txt"
        allowlist.write_text(STUBTEST_ALLOWLIST, encoding="utf-8")
        config = pathlib.Path(tmp) / "mypy.ini"
        config.write_text(
            "[mypy]\n[mypy-pandas.*,matplotlib.*]\nignore_missing_imports = True\n",
            encoding="utf-8",
        )
        env = dict(os.environ)
        env["MYPYPATH"] = str(package_parent)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(package_parent), *filter(None, [env.get("PYTHONPATH")])]
        )
        done = subprocess.run(
            [sys.executable, "-m", "mypy.stubtest", "taizhang._taizhang", "--concise",
             "--allowlist", str(allowlist), "--mypy-config-file", str(config),
             "--ignore-unused-allowlist"],
            capture_output=True, text=True, env=env, cwd=tmp, check=False,
        )
    if done.returncode == 0:
        return []
    lines = (done.stdout + done.stderr).strip().splitlines()
    return [f"stubtest: {line}" for line in lines] or [f"stubtest exited {done.returncode}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("stub", nargs="?", type=pathlib.Path,
                        default=pathlib.Path(module.__file__ or "").with_name("_taizhang.pyi"),
                        help="the stub file (default: the one beside the module)")
    parser.add_argument("--no-stubtest", action="store_true", help="skip mypy's stubtest")
    args = parser.parse_args()
    if not args.stub.is_file():
        print(f"no stub file at {args.stub}", file=sys.stderr)
        return 1
    problems = check(args.stub)
    if not args.no_stubtest:
        problems += run_stubtest(args.stub)
    for problem in problems:
        print(problem)
    names = [n for n in vars(module) if not n.startswith("__")]
    print(f"{len(names)} names of taizhang._taizhang checked against {args.stub}: "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
