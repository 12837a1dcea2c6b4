"""The import contracts in pyproject.toml (`lint-imports`, run by `make test`) fail on an arrow that points up.

Each case copies the Python packages into a temporary folder, adds one bad import, and runs lint-imports
there: the real tree is never touched. docs/architecture.md describes the layers.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _packages() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["tool"]["importlinter"]["root_packages"]


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("tree")
    shutil.copy(ROOT / "pyproject.toml", dest)
    for pkg in _packages():
        shutil.copytree(
            ROOT / pkg, dest / pkg, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "templates", "static")
        )
    return dest


@pytest.fixture
def probe(tree):
    """Writes `<module>.py` with one import into the copied tree; removes it afterwards."""
    written = []

    def write(module: str, line: str) -> None:
        path = tree / (module.replace(".", "/") + ".py")
        path.write_text(line + "\n")
        written.append(path)

    yield write
    for path in written:
        path.unlink()


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed (make install)")
class TestImportContracts:
    def test_the_tree_keeps_every_contract(self, tree):
        result = _lint(tree)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "0 broken" in result.stdout

    @pytest.mark.parametrize(
        ("module", "line", "arrow"),
        [
            ("core.probe_bad", "from portfolio import services", "core.probe_bad -> portfolio.services"),
            ("tenants.probe_bad", "import renewals.selectors", "tenants.probe_bad -> renewals.selectors"),
            ("renewals.probe_bad", "from collections_app import services", "renewals.probe_bad -> collections_app"),
            ("portfolio.probe_bad", "import dashboard.selectors", "portfolio.probe_bad -> dashboard.selectors"),
        ],
        ids=[
            "core-imports-a-feature",
            "tenants-imports-a-feature",
            "feature-imports-a-feature",
            "portfolio-imports-the-read-model",
        ],
    )
    def test_an_arrow_pointing_up_or_across_breaks_the_layers(self, tree, probe, module, line, arrow):
        probe(module, line)
        result = _lint(tree)
        assert result.returncode != 0
        assert "BROKEN" in result.stdout and arrow in result.stdout

    def test_a_pure_module_importing_django_breaks(self, tree, probe):
        probe("renewals.probe_scoring_helper", "from django.db import models")
        scoring = tree / "renewals" / "scoring.py"
        original = scoring.read_text()
        scoring.write_text(original + "\nfrom renewals import probe_scoring_helper  # noqa\n")
        try:
            result = _lint(tree)
        finally:
            scoring.write_text(original)
        assert result.returncode != 0
        assert "renewals.scoring -> renewals.probe_scoring_helper" in result.stdout and "django" in result.stdout


def test_every_app_with_tests_is_in_pytest_testpaths():
    """A new app's tests run in `make test` and CI only if pytest is told where they are (testpaths)."""
    with open(ROOT / "pyproject.toml", "rb") as fh:
        testpaths = set(tomllib.load(fh)["tool"]["pytest"]["ini_options"]["testpaths"])
    with_tests = {pkg for pkg in _packages() if (ROOT / pkg / "tests").is_dir()}
    assert with_tests <= testpaths, f"add to [tool.pytest.ini_options] testpaths: {sorted(with_tests - testpaths)}"
