"""tests/ mirrors the package: each module of showdeck/ has its tests/test_<module>.py, and each
module of a subpackage its tests/test_<subpackage>_<module>.py (showdeck/preprocessors/reading.py
→ tests/test_preprocessors_reading.py). Tests of a route or an audience (a browser, JupyterLab,
RISE, the formats, the CLI) keep files named by that feature."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "showdeck"
TESTS = ROOT / "tests"

#: Modules without a test file of their own: the file that covers each, and why.
EXCEPTIONS: dict[str, tuple[str, str]] = {
    "__init__": ("test_loader.py", "only the lazy `showdeck.load_show` the loader tests import"),
    "__main__": ("test_cli.py", "the command line, tested through main() and a subprocess"),
    "errors": ("test_cli.py", "exception classes; the CLI prints every one as one line"),
    "preprocessors/__init__": ("test_preprocessors_reading.py", "a docstring; the package"),
}


def key(module: Path, package: Path = PACKAGE) -> str:
    """showdeck/preprocessors/reading.py -> "preprocessors/reading"."""
    return module.relative_to(package).with_suffix("").as_posix()


def mirror(name: str) -> str:
    """The test file of a module: "preprocessors/reading" -> test_preprocessors_reading.py."""
    return "test_" + name.replace("/", "_") + ".py"


def modules(package: Path = PACKAGE) -> list[str]:
    return sorted(key(p, package) for p in package.rglob("*.py") if "templates" not in p.parts)


def untested(package: Path = PACKAGE) -> list[str]:
    """Each module with neither its mirrored test file nor an exception."""
    return [f"showdeck/{name}.py -> tests/{mirror(name)}" for name in modules(package)
            if name not in EXCEPTIONS and not (TESTS / mirror(name)).is_file()]


def test_every_module_has_its_test_file_or_a_named_exception():
    assert untested() == [], "write the mirrored test file (or add a reasoned entry to EXCEPTIONS)"


def test_every_exception_names_a_module_and_a_test_file_that_exist():
    assert set(EXCEPTIONS) <= set(modules()), set(EXCEPTIONS) - set(modules())
    for name, (test_file, why) in EXCEPTIONS.items():
        assert (TESTS / test_file).is_file(), (name, test_file)
        assert why
        assert not (TESTS / mirror(name)).is_file(), (
            f"{name} has its own test file now: drop its exception")


def test_a_new_module_without_tests_is_found(tmp_path):
    package = tmp_path / "showdeck"
    (package / "preprocessors").mkdir(parents=True)
    for name in ("__init__.py", "fresh.py", "markup.py", "preprocessors/__init__.py",
                 "preprocessors/slim.py"):
        (package / name).write_text("")
    assert untested(package) == [
        "showdeck/fresh.py -> tests/test_fresh.py",
        "showdeck/preprocessors/slim.py -> tests/test_preprocessors_slim.py",
    ]
