"""The house rules, checked from the source: which way imports run, packages used through their
public face, no cycles between packages, SQL only in storage/, one composition root, and small
modules (README
"Layout")."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ("bot", "handlers", "storage", "prompts")
# The edge: the only code that may import python-telegram-bot (and handlers).
EDGE = ("handlers", "bot.runtime", "bot.cli")
# Shared layers below the capabilities: they import none of them.
BELOW_CAPABILITIES = {
    "bot.language": {"prompts"},
    "bot.core": {"bot.language", "prompts", "storage"},
}
# Outside storage/, SQLAlchemy appears only as the type of the unit of work a caller hands in.
SQLALCHEMY_ALLOWED = {("sqlalchemy.ext.asyncio", "AsyncSession")}
# What runs a statement or reaches past the unit of work to a connection: storage's business.
# Not plain "stream": web requests and files have one too (a webhook body is read by it).
SQL_ATTRIBUTES = frozenset(
    {"execute", "scalar", "scalars", "stream_scalars", "connection", "engine"}
    | {"exec_driver_sql", "get_raw_connection", "run_sync"}
)
MAX_LINES = 250
# The one place that builds the database and the domain's dependencies (STYLE.md: "One
# composition root, nothing built at import"); tests and benchmarks build their own.
COMPOSITION_ROOT = "bot.runtime.root"
BUILT_ONLY_AT_THE_ROOT = ("Database", "Deps")
MAX_TOP_LEVEL_BOT_MODULES = 3


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, e.g. bot.care.screening
    target: str  # the imported module, e.g. bot.core or bot.core.people
    name: str | None  # for `from X import name`
    line: int


@dataclass(frozen=True)
class Attribute:
    source: str  # the module using it
    name: str  # e.g. execute, in session.execute(...)
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def app_files() -> list[Path]:
    files = [p for top in APP for p in (ROOT / top).rglob("*.py")]
    return sorted(p for p in files if "migrations" not in p.parts)


def imports(path: Path) -> Iterator[Import]:
    source = module_name(path)
    package = source if path.name == "__init__.py" else source.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(source, alias.name, None, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this package
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:
                yield Import(source, base, alias.name, node.lineno)


def attributes(path: Path) -> Iterator[Attribute]:
    source = module_name(path)
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute):
            yield Attribute(source, node.attr, node.lineno)


def package_of(module: str) -> str:
    """The unit the rules speak of: bot.<capability>, or a top-level package."""
    parts = module.split(".")
    if parts[0] == "bot" and len(parts) > 2:
        return ".".join(parts[:2])
    if parts[0] == "bot" and len(parts) == 2 and (ROOT / "bot" / parts[1]).is_dir():
        return module
    return parts[0] if parts[0] != "bot" else module


def in_package(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


ALL_IMPORTS = [imp for path in app_files() for imp in imports(path)]
ALL_ATTRIBUTES = [a for path in app_files() for a in attributes(path)]


@dataclass(frozen=True)
class Built:
    module: str  # where it is built, e.g. bot.cli.status
    name: str  # Database or Deps
    line: int


def builds(module: str, tree: ast.AST) -> Iterator[Built]:
    """Every call that builds a Database or Deps (`Database(...)`, `core.Deps(...)`)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in BUILT_ONLY_AT_THE_ROOT:
            yield Built(module, name, node.lineno)


ALL_BUILDS = [b for p in app_files() for b in builds(module_name(p), ast.parse(p.read_text()))]


def built_outside_the_root(built: list[Built]) -> list[Built]:
    return [b for b in built if b.module != COMPOSITION_ROOT]


def upward(imps: list[Import], layer: str, banned: tuple[str, ...]) -> list[Import]:
    return [i for i in imps if in_package(i.source, layer) and i.target.split(".")[0] in banned]


def telegram_outside_edge(imps: list[Import]) -> list[Import]:
    return [
        i
        for i in imps
        if i.target.split(".")[0] in ("telegram", "handlers")
        and not any(in_package(i.source, edge) for edge in EDGE)
    ]


def reaching_back(imps: list[Import]) -> list[Import]:
    """Handlers importing the runtime or the CLI, which wire handlers in."""
    return [
        i
        for i in imps
        if in_package(i.source, "handlers")
        and (in_package(i.target, "bot.runtime") or in_package(i.target, "bot.cli"))
    ]


def sqlalchemy_outside_storage(imps: list[Import]) -> list[Import]:
    """SQLAlchemy imported outside storage/ for anything but the session's type."""
    return [
        i
        for i in imps
        if i.target.split(".")[0] == "sqlalchemy"
        and not in_package(i.source, "storage")
        and (i.target, i.name) not in SQLALCHEMY_ALLOWED
    ]


def statements_outside_storage(attrs: list[Attribute]) -> list[Attribute]:
    """A statement run, or a connection or engine reached, outside storage/ (such as a
    repository's query object executed by the caller)."""
    return [a for a in attrs if a.name in SQL_ATTRIBUTES and not in_package(a.source, "storage")]


def shared_layer_breaches(imps: list[Import]) -> list[Import]:
    return [
        i
        for i in imps
        for layer, allowed in BELOW_CAPABILITIES.items()
        if in_package(i.source, layer)
        and i.target.split(".")[0] in APP
        and package_of(i.target) not in {layer, *allowed}
    ]


def _face(package: str) -> set[str]:
    """What a package's __init__ lists in __all__."""
    init = ROOT.joinpath(*package.split("."), "__init__.py")
    for node in ast.parse(init.read_text()).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return set(ast.literal_eval(node.value))
    return set()


def behind_the_face(imps: list[Import]) -> list[Import]:
    """Imports from outside bot.<capability> of anything its __init__ does not list."""
    bad = []
    for imp in imps:
        target = package_of(imp.target)
        if not target.startswith("bot.") or in_package(imp.source, target):
            continue
        if imp.target != target or (imp.name is not None and imp.name not in _face(target)):
            bad.append(imp)
    return bad


def cycle(imps: list[Import]) -> list[str]:
    """A circle of packages, or [] when the graph of packages is acyclic."""
    graph: dict[str, set[str]] = {}
    for imp in imps:
        source, target = package_of(imp.source), package_of(imp.target)
        if source != target and target.split(".")[0] in APP:
            graph.setdefault(source, set()).add(target)
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str]:
        for nxt in sorted(graph.get(node, ())):
            if nxt in path:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in done:
                found = visit(nxt, [*path, nxt])
                if found:
                    return found
        done.add(node)
        return []

    for node in sorted(graph):
        found = visit(node, [node])
        if found:
            return found
    return []


def test_storage_and_prompts_know_nothing_above_them() -> None:
    assert not upward(ALL_IMPORTS, "storage", ("bot", "handlers", "telegram"))
    assert not upward(ALL_IMPORTS, "prompts", ("bot", "handlers", "storage", "telegram"))


def test_only_the_edge_knows_telegram() -> None:
    """The domain takes plain data and returns plain data (bot/runtime and bot/cli are the edge)."""
    assert not telegram_outside_edge(ALL_IMPORTS)


def test_handlers_do_not_import_the_runtime_or_the_cli() -> None:
    assert not reaching_back(ALL_IMPORTS)


def test_sql_lives_only_in_storage() -> None:
    """Repositories own every query; the rest of the app is handed a session and calls them."""
    assert not sqlalchemy_outside_storage(ALL_IMPORTS)
    assert not statements_outside_storage(ALL_ATTRIBUTES)


def test_core_and_language_import_no_capability() -> None:
    assert not shared_layer_breaches(ALL_IMPORTS)


def test_packages_are_used_through_their_public_face() -> None:
    assert not behind_the_face(ALL_IMPORTS)


def test_packages_import_in_one_direction() -> None:
    assert cycle(ALL_IMPORTS) == []


def test_only_the_composition_root_builds_the_database_and_deps() -> None:
    assert not built_outside_the_root(ALL_BUILDS)
    # ... and the check sees the real ones, so a pass is not for want of looking.
    assert {b.name for b in ALL_BUILDS} == set(BUILT_ONLY_AT_THE_ROOT)


@pytest.mark.parametrize("path", app_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_app_modules_are_small(path: Path) -> None:
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it by feature"


def test_bot_has_a_package_per_capability_and_few_loose_modules() -> None:
    loose = sorted(p.name for p in (ROOT / "bot").glob("*.py"))
    assert len(loose) <= MAX_TOP_LEVEL_BOT_MODULES, loose


def test_the_checks_see_each_kind_of_breach() -> None:
    """Each rule above fails on a made-up breach, so a green run means something."""
    breaches = [
        Import("storage.db", "bot.core", "Deps", 1),
        Import("bot.care.screening", "telegram", None, 1),
        Import("handlers.buttons", "bot.runtime.app", "build_application", 1),
        Import("bot.core.people", "bot.care", "screen", 1),
        Import("bot.care.screening", "bot.relay.notes", "recent", 1),
        Import("bot.care.screening", "bot.relay", "not_in_the_face", 1),
        Import("bot.relay.setup", "bot.care", "screen", 1),
        Import("bot.cli.status", "sqlalchemy", "select", 1),
        Import("handlers.common", "sqlalchemy.ext.asyncio", "AsyncSession", 1),
        Import("bot.runtime.webhook", "sqlalchemy", None, 1),
        Import("storage.db", "sqlalchemy", "text", 1),
    ]
    uses = [
        Attribute("bot.questions.collective", "scalar", 1),
        Attribute("bot.runtime.webhook", "engine", 1),
        Attribute("bot.questions.collective", "add", 1),
        Attribute("storage.repositories.people.arrival", "execute", 1),
    ]
    assert upward(breaches, "storage", ("bot",)) == breaches[:1]
    assert telegram_outside_edge(breaches) == [breaches[1]]
    assert reaching_back(breaches) == [breaches[2]]
    assert shared_layer_breaches(breaches) == [breaches[3]]
    assert behind_the_face(breaches) == [breaches[2], breaches[4], breaches[5]]
    assert cycle(breaches) == ["bot.care", "bot.relay", "bot.care"]
    assert sqlalchemy_outside_storage(breaches) == [breaches[7], breaches[9]]
    assert statements_outside_storage(uses) == uses[:2]
    wiring = ast.parse("db = Database(url)\ndeps = core.Deps(clock, prompts, tz, words)\n")
    built = [*builds("bot.cli.status", wiring), *builds(COMPOSITION_ROOT, wiring)]
    assert [(b.module, b.name) for b in built_outside_the_root(built)] == [
        ("bot.cli.status", "Database"),
        ("bot.cli.status", "Deps"),
    ]
