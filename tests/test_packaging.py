"""An installed wheel finds its prompts, instruments and icons (resources/ is outside the package)."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile

import pytest

from tests.conftest import REPO_ROOT
from therapist_desk.resources_path import CHECKOUT_DIR, find_resources_dir


def test_the_first_folder_holding_the_prompt_library_wins(tmp_path):
    share = tmp_path / "share" / "therapist-desk"
    (share / "prompts").mkdir(parents=True)
    (share / "prompts" / "prompts.json").write_text("{}")
    assert find_resources_dir([tmp_path / "missing", share]) == share
    assert find_resources_dir([tmp_path / "missing"]) == CHECKOUT_DIR  # named in any error


@pytest.mark.slow
def test_a_wheel_installed_into_a_fresh_environment_runs_with_its_resources(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO_ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = dist.glob("therapist_desk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    data = "therapist_desk-0.1.0.data/data/share/"
    for expected in (
        "therapist-desk/prompts/prompts.json",
        "therapist-desk/instruments/cbi.json",
        "therapist-desk/icons/journal.svg",
        "applications/therapist-desk.desktop",
        "metainfo/org.therapistdesk.TherapistDesk.metainfo.xml",
        "icons/hicolor/scalable/apps/therapist-desk.svg",
    ):
        assert data + expected in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    # The package comes from the new environment; its dependencies from this one (appended last).
    probe = (
        f"import sys; sys.path.append({sysconfig.get_path('purelib')!r}); sys.path.append({sysconfig.get_path('platlib')!r})\n"
        "import therapist_desk.resources_path as r, therapist_desk.domain.prompts as p, therapist_desk.domain.instruments as i\n"
        "print(r.RESOURCES_DIR); print(len(p.bundled_library().prompts)); print(sorted(i.bundled_instruments()))\n"
        "print(r.resource_path('icons', 'journal.svg').is_file())"
    )  # fmt: skip
    done = subprocess.run([str(python), "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    folder, prompts, instruments, icon = done.stdout.split("\n")[:4]
    assert folder == str(venv / "share" / "therapist-desk")
    assert int(prompts) > 80 and instruments == "['cbi', 'single_item']" and icon == "True"
