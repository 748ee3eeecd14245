"""The layers hold: headless modules never pull in Textual; rules and model stay pure."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

PURE = ["cpetui.model", "cpetui.rules", "cpetui.status"]
HEADLESS = ["cpetui.ledger.parse", "cpetui.ledger.load", "cpetui.ledger.report",
            "cpetui.ledger.where", "cpetui.cli", "cpetui.cli.check", "cpetui.cli.status",
            "cpetui.ledger.store", "cpetui.ledger.edit", "cpetui.ledger.watch",
            "cpetui.ledger.evidence", "cpetui.cli.init", "cpetui.cli.new", "cpetui.cli.add",
            "cpetui.ledger.transfer", "cpetui.ledger.session", "cpetui.ledger.history", "cpetui.ledger.order",
            "cpetui.cli.due", "cpetui.cli.ical", "cpetui.cli.completion", "cpetui.cli.paint",
            "cpetui.overview", "cpetui.cli.importer", "cpetui.ledger.importing", "cpetui.ledger.import_plan",
            "cpetui.cli.programs", "cpetui.cli.export", "cpetui.cli.audit_pack", "cpetui.export.csvfile",
            "cpetui.export.markdown", "cpetui.export.jsonfile", "cpetui.export.iia_japan",
            "cpetui.forked"]


def _loaded_after_import(module: str) -> set[str]:
    code = (
        "import importlib, json, sys; "
        f"importlib.import_module({module!r}); "
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def _present(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


@pytest.mark.parametrize("module", PURE)
def test_rules_and_model_import_no_ui_no_writer_no_rich(module: str) -> None:
    assert _present(module), f"{module} is missing"
    loaded = _loaded_after_import(module)
    for forbidden in ("textual", "tomlkit", "rich"):
        assert forbidden not in loaded, f"{module} pulls in {forbidden}"


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_modules_import_no_textual(module: str) -> None:
    assert _present(module), f"{module} is missing"
    loaded = _loaded_after_import(module)
    assert "textual" not in loaded, f"{module} pulls in textual"


def test_the_rules_package_and_its_words_load_no_program_tables() -> None:
    # The app's first frame names fields and catches RulesError; the tables load when a rule is run.
    for module in ("cpetui.rules.words", "cpetui.rules.info"):
        loaded = _loaded_after_import(module)
        assert "cpetui.rules" in loaded and "cpetui.rules.registry" not in loaded, module
    code = "import sys, cpetui.rules as r; r.PROGRAMS; print('cpetui.rules.registry' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"  # and they are there the moment they are asked for


def test_check_runs_without_importing_textual(tmp_path) -> None:
    ledger = tmp_path / "c.toml"
    ledger.write_text('[cycle]\nprogram = "isc2"\ncredential = "CISSP"\nstart = 2024-07-01\n')
    code = (
        "import sys; from cpetui.cli import main; rc = main(['check', sys.argv[1]]); "
        "assert 'textual' not in sys.modules, 'textual imported'; "
        "assert 'tomlkit' not in sys.modules, 'tomlkit imported'; sys.exit(rc)"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(ledger)], capture_output=True, text=True)
    assert "imported" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
