#!/usr/bin/env python3
"""Extracts Pants' target-type tables from a local Pants checkout, statically.

Reads `src/python/pants/**.py` with Python's `ast` (nothing is imported or executed) and
writes one JSON table per backend package into core/workspace/backends/:

  - which target types each backend's register.py `target_types()` returns (following
    `*other.target_types()` and `wrap_source_rule_and_target(...)`),
  - each type's alias, fields (alias, kind, default, required), generator semantics
    (generated type, moved/copied fields) and `deprecated_alias`,
  - plugin fields the backend's `rules()` adds to types with `register_plugin_field`,
  - with --history, for every `release_2.N.0` tag, the aliases and fields that tag had but
    the newest one lost (`removed.json`: accepted with a deprecation warning).

  tools/gen_backend_tables.py --repo ~/src/pants [--rev HEAD] [--history] \
      --out core/workspace/backends

--repo may be a git directory (a bare mirror): files are then read with `git show REV:path`.
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

# Base field classes of pants.engine.target (and friends) -> Trellis FieldKind names.
FIELD_KINDS = {
    "BoolField": "Bool",
    "TriBoolField": "Bool",
    "StringField": "String",
    "IntField": "Int",
    "FloatField": "Any",
    "StringSequenceField": "StringList",
    "Dependencies": "Dependencies",
    "SpecialCasedDependencies": "SpecialDependencies",
    "SingleSourceField": "Source",
    "OptionalSingleSourceField": "Source",
    "MultipleSourcesField": "Sources",
    "OptionalMultipleSourcesField": "Sources",
    "SourcesField": "Sources",
    "OverridesField": "Dict",
    "DictStringToStringField": "Dict",
    "DictStringToStringSequenceField": "Dict",
    "NestedDictStringToStringField": "Dict",
    "ListOfDictStringToStringField": "Any",
    "TupleSequenceField": "Any",
    "SequenceField": "Any",
    "ScalarField": "Any",
    "Field": "Any",
}
TARGET_ROOTS = {"Target", "TargetGenerator", "TargetFilesGenerator"}


class Source:
    """Files of a Pants checkout (work tree or git directory at a revision)."""

    def __init__(self, repo: str, rev: str | None):
        self.repo = repo
        self.rev = rev
        self.git = rev is not None
        self._cache: dict[str, str | None] = {}
        if self.git:
            out = subprocess.run(["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", rev, "src/python/pants"],
                                 check=True, capture_output=True, text=True).stdout
            self.files = set(out.split())
            self._batch = subprocess.Popen(["git", "--git-dir", repo, "cat-file", "--batch"], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE)
        else:
            self.files = set()
            for d, _, fs in os.walk(os.path.join(repo, "src/python/pants")):
                for f in fs:
                    self.files.add(os.path.relpath(os.path.join(d, f), repo))

    def read(self, path: str) -> str | None:
        if path in self._cache:
            return self._cache[path]
        text = None
        if path in self.files:
            if self.git:
                self._batch.stdin.write(f"{self.rev}:{path}\n".encode())
                self._batch.stdin.flush()
                header = self._batch.stdout.readline().split()
                if len(header) == 3:
                    data = self._batch.stdout.read(int(header[2]))
                    self._batch.stdout.read(1)
                    text = data.decode("utf-8", "replace")
            else:
                with open(os.path.join(self.repo, path), encoding="utf-8", errors="replace") as f:
                    text = f.read()
        self._cache[path] = text
        return text


@dataclass
class Module:
    name: str
    tree: ast.Module
    defs: dict[str, ast.AST] = field(default_factory=dict)        # classes and functions
    assigns: dict[str, ast.expr] = field(default_factory=dict)    # top-level NAME = expr
    imports: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # name -> (module, attr)


@dataclass(frozen=True)
class Ref:
    kind: str  # "class", "func", "mod"
    module: str
    name: str = ""


class Unknown:
    pass


UNKNOWN = Unknown()


class Extractor:
    def __init__(self, src: Source):
        self.src = src
        self.mods: dict[str, Module | None] = {}
        self.plugin_fields: list[tuple[Ref, Ref, bool]] = []

    # --- modules -----------------------------------------------------------------
    def module(self, name: str) -> Module | None:
        if name in self.mods:
            return self.mods[name]
        self.mods[name] = None
        base = "src/python/" + name.replace(".", "/")
        text = self.src.read(base + ".py")
        if text is None:
            text = self.src.read(base + "/__init__.py")
        if text is None:
            text = self.src.read(base + ".pyi")  # native_engine: Field and Target classes
        if text is None:
            return None
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return None
        m = Module(name, tree)
        pkg = name if (base + "/__init__.py") in self.src.files else name.rpartition(".")[0]
        for stmt in tree.body:
            self._scan_stmt(m, stmt, pkg)
        self.mods[name] = m
        return m

    def _scan_stmt(self, m: Module, stmt: ast.stmt, pkg: str) -> None:
        if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            m.defs[stmt.name] = stmt
        elif isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                if isinstance(t, ast.Name):
                    m.assigns[t.id] = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            m.assigns[stmt.target.id] = stmt.value
        elif isinstance(stmt, ast.ImportFrom):
            mod = stmt.module or ""
            if stmt.level:
                parts = pkg.split(".")
                parts = parts[: len(parts) - (stmt.level - 1)]
                mod = ".".join(parts + ([mod] if mod else []))
            for a in stmt.names:
                m.imports[a.asname or a.name] = (mod, a.name)
        elif isinstance(stmt, ast.Import):
            for a in stmt.names:
                if a.asname:
                    m.imports[a.asname] = (a.name, None)
        elif isinstance(stmt, ast.If):  # TYPE_CHECKING blocks and the like
            for s in stmt.body + stmt.orelse:
                self._scan_stmt(m, s, pkg)
        elif isinstance(stmt, ast.Try):
            for s in stmt.body:
                self._scan_stmt(m, s, pkg)

    def resolve(self, modname: str, name: str, depth: int = 0) -> Any:
        if depth > 20:
            return UNKNOWN
        m = self.module(modname)
        if m is None:
            # Native (Rust) or third-party module: an opaque class, e.g. native_engine.Target.
            return Ref("class", modname, name) if name[:1].isupper() else UNKNOWN
        if name in m.defs:
            d = m.defs[name]
            return Ref("class" if isinstance(d, ast.ClassDef) else "func", modname, name)
        if name in m.assigns:
            return ("assign", modname, m.assigns[name])
        if name in m.imports:
            mod, attr = m.imports[name]
            if attr is None:
                return Ref("mod", mod)
            if self.module(mod + "." + attr) is not None:
                return Ref("mod", mod + "." + attr)
            return self.resolve(mod, attr, depth + 1)
        return UNKNOWN

    # --- evaluation ----------------------------------------------------------------
    def ev(self, expr: ast.expr, modname: str, env: dict[str, Any] | None = None, cls: Ref | None = None,
           depth: int = 0) -> Any:
        env = env or {}
        if depth > 40:
            return UNKNOWN
        if isinstance(expr, ast.Constant):
            return expr.value
        if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
            out: list[Any] = []
            for e in expr.elts:
                if isinstance(e, ast.Starred):
                    v = self.ev(e.value, modname, env, cls, depth + 1)
                    if isinstance(v, (list, tuple)):
                        out.extend(v)
                    else:
                        out.append(UNKNOWN)
                else:
                    out.append(self.ev(e, modname, env, cls, depth + 1))
            return tuple(out) if isinstance(expr, ast.Tuple) else list(out)
        if isinstance(expr, ast.Dict):
            d = {}
            for k, v in zip(expr.keys, expr.values):
                if k is None:
                    return UNKNOWN
                kv = self.ev(k, modname, env, cls, depth + 1)
                if isinstance(kv, (str, int, float, bool)) or kv is None:
                    d[kv] = self.ev(v, modname, env, cls, depth + 1)
                else:
                    return UNKNOWN
            return d
        if isinstance(expr, ast.Name):
            if expr.id in env:
                return env[expr.id]
            if cls is not None:  # a name of the class body: `alias = nfpm_alias`
                local = self.own_attr(cls, expr.id)
                if local is not None and local is not expr:
                    return self.ev(local, cls.module, env, cls, depth + 1)
            if expr.id in ("True", "False", "None"):
                return {"True": True, "False": False, "None": None}[expr.id]
            r = self.resolve(modname, expr.id)
            return self._deref(r, depth)
        if isinstance(expr, ast.Attribute):
            base = self.ev(expr.value, modname, env, cls, depth + 1)
            if isinstance(base, Ref) and base.kind == "mod":
                return self._deref(self.resolve(base.module, expr.attr), depth)
            if isinstance(base, Ref) and base.kind == "class":
                return self.class_attr(base, expr.attr, depth + 1)
            if isinstance(base, dict) and expr.attr in base:  # wrap_source result
                return base[expr.attr]
            return UNKNOWN
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            a = self.ev(expr.left, modname, env, cls, depth + 1)
            b = self.ev(expr.right, modname, env, cls, depth + 1)
            if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
                return tuple(a) + tuple(b)
            if isinstance(a, str) and isinstance(b, str):
                return a + b
            return UNKNOWN
        if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub):
            v = self.ev(expr.operand, modname, env, cls, depth + 1)
            return -v if isinstance(v, (int, float)) else UNKNOWN
        if isinstance(expr, ast.Call):
            return self.ev_call(expr, modname, env, cls, depth + 1)
        if isinstance(expr, ast.JoinedStr):
            out_s = ""
            for part in expr.values:
                if isinstance(part, ast.Constant):
                    out_s += str(part.value)
                elif isinstance(part, ast.FormattedValue) and part.format_spec is None and part.conversion == -1:
                    v = self.ev(part.value, modname, env, cls, depth + 1)
                    if not isinstance(v, (str, int)):
                        return UNKNOWN
                    out_s += str(v)
                else:
                    return UNKNOWN
            return out_s
        if isinstance(expr, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            out = []
            for bound in self._comprehension(expr.generators, modname, env, depth):
                v = self.ev(expr.elt, modname, bound, cls, depth + 1)
                out.append(v)
            return out
        return UNKNOWN

    def _comprehension(self, gens: list[ast.comprehension], modname: str, env: dict[str, Any], depth: int):
        if not gens:
            yield env
            return
        g = gens[0]
        it = self.ev(g.iter, modname, env, None, depth + 1)
        if not isinstance(it, (list, tuple)):
            return
        for item in it:
            e = dict(env)
            if isinstance(g.target, ast.Name):
                e[g.target.id] = item
            elif isinstance(g.target, ast.Tuple) and isinstance(item, (list, tuple)) and len(item) == len(g.target.elts):
                for t, v in zip(g.target.elts, item):
                    if isinstance(t, ast.Name):
                        e[t.id] = v
            else:
                continue
            yield from self._comprehension(gens[1:], modname, e, depth)

    def _deref(self, r: Any, depth: int) -> Any:
        if isinstance(r, tuple) and len(r) == 3 and r[0] == "assign":
            return self.ev(r[2], r[1], None, None, depth + 1)
        return r

    def ev_call(self, call: ast.Call, modname: str, env: dict[str, Any], cls: Ref | None, depth: int) -> Any:
        f = call.func
        if isinstance(f, ast.Attribute) and f.attr == "register_plugin_field" and call.args:
            tgt = self.ev(f.value, modname, env, cls, depth)
            fld = self.ev(call.args[0], modname, env, cls, depth)
            moved = any(k.arg == "as_moved_field" and isinstance(k.value, ast.Constant) and k.value.value
                        for k in call.keywords)
            if isinstance(tgt, Ref) and isinstance(fld, Ref):
                self.plugin_fields.append((tgt, fld, moved))
            return UNKNOWN
        callee = self.ev(f, modname, env, cls, depth)
        if isinstance(f, ast.Name) and f.id in ("tuple", "list", "frozenset", "FrozenOrderedSet") and call.args:
            v = self.ev(call.args[0], modname, env, cls, depth)
            return tuple(v) if isinstance(v, (list, tuple)) else UNKNOWN
        if isinstance(callee, Ref) and callee.kind == "func":
            if callee.name == "wrap_source_rule_and_target" and len(call.args) >= 2:
                suffix = self.ev(call.args[1], modname, env, cls, depth)
                if isinstance(suffix, str):
                    return {"target_types": [("wrap_source", suffix)], "rules": []}
            if callee.name in ("rules", "target_types") or callee.name.endswith("_rules") or "rules" in callee.name:
                return self.run_function(callee, depth)
        return UNKNOWN

    def run_function(self, ref: Ref, depth: int = 0) -> Any:
        """Evaluates a no-argument function's `return` (target_types(), rules())."""
        key = ("run", ref)
        if key in self.mods:  # recursion guard / memo (stored in the module cache dict)
            return self.mods[key]
        self.mods[key] = UNKNOWN
        m = self.module(ref.module)
        node = m.defs.get(ref.name) if m else None
        result: Any = UNKNOWN
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for stmt in ast.walk(node):
                if isinstance(stmt, ast.Return) and stmt.value is not None:
                    result = self.ev(stmt.value, ref.module, {}, None, depth + 1)
                    break
            # register_plugin_field calls outside the returned expression
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) \
                        and sub.func.attr == "register_plugin_field":
                    pass  # handled when the expression containing it is evaluated
        self.mods[key] = result
        return result

    # --- classes -------------------------------------------------------------------
    def class_node(self, ref: Ref) -> ast.ClassDef | None:
        m = self.module(ref.module)
        n = m.defs.get(ref.name) if m else None
        return n if isinstance(n, ast.ClassDef) else None

    def bases(self, ref: Ref) -> list[Ref]:
        n = self.class_node(ref)
        out = []
        if n is None:
            return out
        for b in n.bases:
            if isinstance(b, ast.Subscript):  # Generic[...]
                b = b.value
            v = self.ev(b, ref.module)
            if isinstance(v, Ref) and v.kind == "class":
                out.append(v)
        return out

    def mro(self, ref: Ref) -> list[Ref]:
        out, todo, seen = [], [ref], set()
        while todo:
            r = todo.pop(0)
            if r in seen:
                continue
            seen.add(r)
            out.append(r)
            todo.extend(self.bases(r))
        return out

    def own_attr(self, ref: Ref, name: str) -> ast.expr | None:
        n = self.class_node(ref)
        if n is None:
            return None
        for stmt in n.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
                return stmt.value
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == name \
                    and stmt.value is not None:
                return stmt.value
        return None

    def class_attr(self, ref: Ref, name: str, depth: int = 0) -> Any:
        for r in self.mro(ref):
            e = self.own_attr(r, name)
            if e is not None:
                return self.ev(e, r.module, None, r, depth + 1)
        return UNKNOWN

    def is_target(self, ref: Ref) -> bool:
        return any(r.name in TARGET_ROOTS and r.module.startswith("pants.engine") for r in self.mro(ref))

    def is_generator(self, ref: Ref) -> str:
        names = {r.name for r in self.mro(ref) if r.module.startswith("pants.engine")}
        if "TargetFilesGenerator" in names:
            return "files"
        if "TargetGenerator" in names:
            return "other"
        return ""

    def field_info(self, ref: Ref) -> dict | None:
        alias = self.class_attr(ref, "alias")
        chain = {r.name for r in self.mro(ref) if r.module.startswith("pants.engine")}
        if not isinstance(alias, str):
            # Set in Rust (native_engine) for the two source field bases.
            if "MultipleSourcesField" in chain:
                alias = "sources"
            elif "OptionalSingleSourceField" in chain or "SingleSourceField" in chain:
                alias = "source"
            else:
                return None
        kind = "Any"
        for r in self.mro(ref)[1:] if ref.module.startswith("pants.engine") else self.mro(ref):
            if r.name in FIELD_KINDS and r.module.startswith("pants.engine"):
                kind = FIELD_KINDS[r.name]
                break
        if ref.name in FIELD_KINDS and ref.module.startswith("pants.engine"):
            kind = FIELD_KINDS[ref.name]
        # A field whose value is computed from more than its base type accepts: keep it lenient.
        for r in self.mro(ref):
            n = self.class_node(r)
            if n is None or r.module.startswith("pants.engine"):
                continue
            if any(isinstance(s, ast.FunctionDef) and s.name == "compute_value" for s in n.body):
                if kind in ("String", "StringList", "Int", "Dict", "Source"):
                    kind = "Any"
                break
        info: dict[str, Any] = {"alias": alias, "kind": kind}
        d = self.class_attr(ref, "default")
        if d is not UNKNOWN and d is not None and _jsonable(d):
            info["default"] = _to_json(d)
        req = UNKNOWN
        for r in self.mro(ref):
            e = self.own_attr(r, "required")
            if e is not None and not r.module.startswith("pants.engine"):
                req = self.ev(e, r.module)
                break
        if req is True or ("SingleSourceField" in chain and "default" not in info and req is not False):
            info["required"] = True
        dep = self.class_attr(ref, "deprecated_alias")
        if isinstance(dep, str):
            info["deprecated_alias"] = dep
        if kind == "Dependencies" and self.class_attr(ref, "supports_transitive_excludes") is True:
            info["transitive_excludes"] = True
        if alias == "resolve":
            names = {r.name for r in self.mro(ref)}
            info["resolve_kind"] = "python" if "PythonResolveField" in names else \
                "jvm" if "JvmResolveField" in names else "other"
        if kind == "Sources" or kind == "Source":
            exp = self.class_attr(ref, "expected_file_extensions")
            if isinstance(exp, (list, tuple)) and all(isinstance(x, str) for x in exp):
                info["extensions"] = list(exp)
        return info

    def fields_of(self, v: Any) -> list[dict]:
        out = []
        if not isinstance(v, (list, tuple)):
            return out
        for item in v:
            if isinstance(item, Ref) and item.kind == "class":
                fi = self.field_info(item)
                if fi:
                    out.append(fi)
        return out

    def target_info(self, ref: Ref) -> dict | None:
        alias = self.class_attr(ref, "alias")
        if not isinstance(alias, str):
            return None
        info: dict[str, Any] = {"alias": alias, "fields": self.fields_of(self.class_attr(ref, "core_fields"))}
        gen = self.is_generator(ref)
        if gen:
            info["generator"] = gen
            g = self.class_attr(ref, "generated_target_cls")
            if isinstance(g, Ref):
                ga = self.class_attr(g, "alias")
                if isinstance(ga, str):
                    info["generated"] = ga
            moved = self.fields_of(self.class_attr(ref, "moved_fields"))
            copied = self.fields_of(self.class_attr(ref, "copied_fields"))
            kept = {f["alias"] for f in info["fields"]}
            info["fields"] += [f for f in moved if f["alias"] not in kept]
            info["moved"] = sorted({f["alias"] for f in moved})
            info["copied"] = sorted({f["alias"] for f in copied})
        dep = self.class_attr(ref, "deprecated_alias")
        if isinstance(dep, str):
            info["deprecated_alias"] = dep
        for f in info["fields"]:
            if f.pop("transitive_excludes", False):
                info["transitive_excludes"] = True
            if "resolve_kind" in f:
                info["resolve_kind"] = f.pop("resolve_kind")
        info["fields"] = sorted({f["alias"]: f for f in info["fields"]}.values(), key=lambda f: f["alias"])
        return info

    # --- backends ------------------------------------------------------------------
    def backend_types(self, regmod: str) -> list[Any]:
        v = self.run_function(Ref("func", regmod, "target_types"))
        return list(v) if isinstance(v, (list, tuple)) else []

    def backend_objects(self, regmod: str) -> list[str]:
        """Names a backend's build_file_aliases() gives BUILD files (objects, factories)."""
        names: set[str] = set()
        seen: set[Ref] = set()

        def visit(ref: Ref) -> None:
            if ref in seen:
                return
            seen.add(ref)
            m = self.module(ref.module)
            node = m.defs.get(ref.name) if m else None
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return
            for sub in ast.walk(node):
                if not isinstance(sub, ast.Call):
                    continue
                callee = self.ev(sub.func, ref.module)
                if isinstance(callee, Ref) and callee.kind == "func" and callee.name == "build_file_aliases":
                    visit(callee)
                if isinstance(sub.func, ast.Name) and sub.func.id == "BuildFileAliases" or \
                        isinstance(callee, Ref) and callee.name == "BuildFileAliases":
                    for kw in sub.keywords:
                        if kw.arg in ("objects", "context_aware_object_factories"):
                            v = self.ev(kw.value, ref.module)
                            if isinstance(v, dict):
                                names.update(k for k in v if isinstance(k, str))
                            elif isinstance(kw.value, ast.Dict):
                                for k in kw.value.keys:
                                    if isinstance(k, ast.Constant) and isinstance(k.value, str):
                                        names.add(k.value)
                                    elif k is not None:
                                        kv = self.ev(k, ref.module)
                                        if isinstance(kv, str):
                                            names.add(kv)

        visit(Ref("func", regmod, "build_file_aliases"))
        return sorted(names)

    def backend_plugin_fields(self, regmod: str) -> list[tuple[Ref, Ref, bool]]:
        self.plugin_fields = []
        self.run_function_fresh(Ref("func", regmod, "rules"))
        return list(self.plugin_fields)

    def run_function_fresh(self, ref: Ref) -> None:
        # Re-evaluates rules() transitively, collecting register_plugin_field calls.
        for k in [k for k in self.mods if isinstance(k, tuple) and k[0] == "run"]:
            del self.mods[k]
        self.run_function(ref)


def _jsonable(v: Any) -> bool:
    if isinstance(v, (str, int, float, bool)) or v is None:
        return True
    if isinstance(v, (list, tuple)):
        return all(_jsonable(x) for x in v)
    if isinstance(v, dict):
        return all(isinstance(k, str) and _jsonable(x) for k, x in v.items())
    return False


def _to_json(v: Any) -> Any:
    if isinstance(v, tuple):
        return [_to_json(x) for x in v]
    if isinstance(v, list):
        return [_to_json(x) for x in v]
    if isinstance(v, dict):
        return {k: _to_json(x) for k, x in v.items()}
    return v


def wrap_source_type(suffix: str) -> dict:
    return {"alias": f"experimental_wrap_as_{suffix}", "fields": [
        {"alias": "dependencies", "kind": "Dependencies"},
        {"alias": "description", "kind": "String"},
        {"alias": "inputs", "kind": "SpecialDependencies"},
        {"alias": "outputs", "kind": "StringList"},
        {"alias": "tags", "kind": "StringList"},
    ]}


ENVIRONMENT_TYPES = ("local_environment", "experimental_workspace_environment", "docker_environment",
                     "remote_environment")


def environment_option_fields(src: Source) -> list[dict]:
    """Fields Pants adds to environment targets for each option of a subsystem's
    `EnvironmentAware` class (`add_option_fields_for`): `<scope>_<option>`."""
    ex = Extractor(src)
    out: dict[str, dict] = {}
    for f in sorted(src.files):
        if not f.endswith(".py") or f.endswith("_test.py") or "/testutil" in f:
            continue
        text = src.read(f)
        if not text or "EnvironmentAware" not in text:
            continue
        mod = f[len("src/python/"):-3].replace("/", ".")
        m = ex.module(mod)
        if m is None:
            continue
        for cls in [d for d in m.defs.values() if isinstance(d, ast.ClassDef)]:
            inner = next((s for s in cls.body if isinstance(s, ast.ClassDef) and s.name == "EnvironmentAware"), None)
            if inner is None:
                continue
            scope = ex.class_attr(Ref("class", mod, cls.name), "options_scope")
            if not isinstance(scope, str):
                continue
            for stmt in inner.body:
                if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                        and isinstance(stmt.value, ast.Call)):
                    continue
                fn = stmt.value.func
                fname = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
                if not fname.endswith("Option"):
                    continue
                flag = stmt.targets[0].id.lstrip("_").replace("_", "-")
                if stmt.value.args and isinstance(stmt.value.args[0], ast.Constant) \
                        and isinstance(stmt.value.args[0].value, str) and stmt.value.args[0].value.startswith("--"):
                    flag = stmt.value.args[0].value[2:]
                alias = f"{scope}_{flag}".replace("-", "_")
                kind = "StringList" if "List" in fname else "String"
                for t in ENVIRONMENT_TYPES:
                    out[(t, alias)] = {"alias": alias, "kind": kind, "target": t}
    return sorted(out.values(), key=lambda p: (p["target"], p["alias"]))


def backend_modules(src: Source) -> list[str]:
    mods = []
    for f in sorted(src.files):
        if f.endswith("/register.py") and (f.startswith("src/python/pants/backend/") or f == "src/python/pants/core/register.py"):
            mods.append(f[len("src/python/"):-len("/register.py")].replace("/", "."))
    return mods


def extract(src: Source) -> dict[str, dict]:
    ex = Extractor(src)
    tables: dict[str, dict] = {}
    for backend in backend_modules(src):
        regmod = backend + ".register"
        if ex.module(regmod) is None:
            continue
        types = []
        for t in ex.backend_types(regmod):
            if isinstance(t, tuple) and len(t) == 2 and t[0] == "wrap_source":
                types.append(wrap_source_type(t[1]))
            elif isinstance(t, Ref) and t.kind == "class" and ex.is_target(t):
                info = ex.target_info(t)
                if info:
                    types.append(info)
        plugin = []
        for tgt, fld, moved in ex.backend_plugin_fields(regmod):
            ta = ex.class_attr(tgt, "alias")
            fi = ex.field_info(fld)
            if isinstance(ta, str) and fi:
                fi = dict(fi)
                fi["target"] = ta
                if moved:
                    fi["moved"] = True
                plugin.append(fi)
        plugin = sorted({(p["target"], p["alias"]): p for p in plugin}.values(), key=lambda p: (p["target"], p["alias"]))
        types = sorted({t["alias"]: t for t in types}.values(), key=lambda t: t["alias"])
        objects = ex.backend_objects(regmod)
        if types or plugin or objects:
            tables[backend] = {"backend": backend, "types": types, "plugin_fields": plugin, "objects": objects}
    return tables


def class_index(src: Source) -> dict:
    """Field and target classes by class name, for resolving in-repo plugins' imports."""
    ex = Extractor(src)
    for backend in backend_modules(src):
        ex.backend_types(backend + ".register")
        ex.run_function(Ref("func", backend + ".register", "rules"))
    fields: dict[str, dict] = {}
    targets: dict[str, dict] = {}
    for name, m in list(ex.mods.items()):
        if not isinstance(name, str) or m is None:
            continue
        for cname, node in m.defs.items():
            if not isinstance(node, ast.ClassDef):
                continue
            ref = Ref("class", name, cname)
            chain = [r.name for r in ex.mro(ref)]
            if ex.is_target(ref):
                alias = ex.class_attr(ref, "alias")
                if isinstance(alias, str):
                    targets.setdefault(cname, {"module": name, "alias": alias})
            elif any(c in FIELD_KINDS for c in chain):
                fi = ex.field_info(ref)
                if fi is None:
                    kind = next((FIELD_KINDS[c] for c in chain if c in FIELD_KINDS), "Any")
                    fi = {"kind": kind}  # abstract base: kind only, the plugin sets the alias
                fields.setdefault(cname, {"module": name, **fi})
    return {"fields": dict(sorted(fields.items())), "targets": dict(sorted(targets.items()))}


def release_tags(repo: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", repo, "tag", "--list", "release_2.*.0"], check=True, capture_output=True,
                         text=True).stdout.split()
    tags = [t for t in out if re.fullmatch(r"release_2\.\d+\.0", t)]
    return sorted(tags, key=lambda t: int(t.split(".")[1]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", required=True, help="Pants work tree, or git directory (with --rev)")
    ap.add_argument("--rev", help="revision to read from the git directory (default: work tree)")
    ap.add_argument("--history", action="store_true", help="also scan release_2.N.0 tags for removed aliases")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    rev = args.rev
    if rev is None and not os.path.isdir(os.path.join(args.repo, "src/python/pants")):
        rev = "HEAD"
    src = Source(args.repo, rev)
    tables = extract(src)
    version = (src.read("src/python/pants/VERSION") or "").strip()
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):
        if (old.startswith("pants.") or old == "classes.json") and old.endswith(".json"):
            os.remove(os.path.join(args.out, old))
    if "pants.core" in tables:
        known = {(p["target"], p["alias"]) for p in tables["pants.core"]["plugin_fields"]}
        tables["pants.core"]["plugin_fields"] += [p for p in environment_option_fields(src)
                                                  if (p["target"], p["alias"]) not in known]
    for backend, table in tables.items():
        table = {"pants_version": version, **table}
        with open(os.path.join(args.out, backend + ".json"), "w") as f:
            json.dump(table, f, indent=1, sort_keys=False)
            f.write("\n")

    with open(os.path.join(args.out, "classes.json"), "w") as f:
        json.dump({"pants_version": version, **class_index(src)}, f, indent=0, sort_keys=False)
        f.write("\n")

    if args.history:
        current_types = {t["alias"]: (b, t) for b, tb in tables.items() for t in tb["types"]}
        current_fields = {(t["alias"], fl["alias"]) for tb in tables.values() for t in tb["types"] for fl in t["fields"]}
        current_fields |= {(p["target"], p["alias"]) for tb in tables.values() for p in tb["plugin_fields"]}
        removed_types: dict[str, dict] = {}
        old_backends: dict[str, dict] = {}
        removed_fields: dict[tuple[str, str], dict] = {}
        for tag in release_tags(args.repo):
            ver = tag[len("release_"):]
            try:
                old = extract(Source(args.repo, tag))
            except subprocess.CalledProcessError:
                continue
            for b, tb in old.items():
                if b not in tables:  # a backend package later versions renamed or dropped
                    e = old_backends.setdefault(b, {"backend": b, "first": ver})
                    e["last"] = ver
                    e["types"] = [t["alias"] for t in tb["types"]]
                    e["plugin_fields"] = tb["plugin_fields"]
                    e["objects"] = tb.get("objects", [])
            renames = {}
            for b, tb in old.items():
                for t in tb["types"]:
                    if "deprecated_alias" in t:
                        renames[t["deprecated_alias"]] = t["alias"]
                    for fl in t["fields"]:
                        if "deprecated_alias" in fl:
                            key = (t["alias"], fl["deprecated_alias"])
                            if key not in current_fields:
                                e = removed_fields.setdefault(key, {"target": key[0], "alias": key[1],
                                                                    "first": ver, "replacement": fl["alias"]})
                                e["last"] = ver
            for old_alias, new_alias in renames.items():
                if old_alias not in current_types:
                    e = removed_types.setdefault(old_alias, {"alias": old_alias, "first": ver})
                    e["last"] = ver
                    e["replacement"] = new_alias
            for b, tb in old.items():
                for t in tb["types"]:
                    if t["alias"] not in current_types:
                        e = removed_types.setdefault(t["alias"], {"alias": t["alias"], "first": ver})
                        e["last"] = ver
                        e["backend"] = b
                        e["fields"] = t["fields"]
                        for k in ("generator", "generated", "moved", "copied"):
                            if k in t:
                                e[k] = t[k]
                    else:
                        for fl in t["fields"]:
                            key = (t["alias"], fl["alias"])
                            if key not in current_fields:
                                e = removed_fields.setdefault(key, {"target": key[0], "alias": key[1], "first": ver})
                                e["last"] = ver
                                e["kind"] = fl["kind"]
            print(f"{tag}: {len(removed_types)} removed types, {len(removed_fields)} removed fields", file=sys.stderr)
        with open(os.path.join(args.out, "removed.json"), "w") as f:
            json.dump({"pants_version": version,
                       "backends": sorted(old_backends.values(), key=lambda e: e["backend"]),
                       "types": sorted(removed_types.values(), key=lambda e: e["alias"]),
                       "fields": sorted(removed_fields.values(), key=lambda e: (e["target"], e["alias"]))},
                      f, indent=1)
            f.write("\n")
    print(f"{len(tables)} backend tables, {sum(len(t['types']) for t in tables.values())} target types",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
