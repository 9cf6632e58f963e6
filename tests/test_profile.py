"""Profiles (`profile show`, `run --profile`, `--set`), as a user runs them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

import duckdb
import pytest

from idrgen_duck.checksums import output_checksums
from tests.conftest import cli, needs_cli, regenerated

pytestmark = needs_cli
GOLDEN = Path(__file__).parent / "golden" / "checksums_20K_seed_7.json"


def report(output: Path) -> dict:
    return json.loads((output / "stats" / "generation_report.json").read_text())


def measures(output: Path) -> dict[str, int]:
    """What three profile keys name: phone typos, second identities, app emails missing."""
    con = duckdb.connect()
    truth, persons = (
        output / "truth" / "record_person.parquet",
        output / "truth" / "persons.parquet",
    )
    app = output / "parquet" / "mobile_app_users.parquet"
    return {
        "phone_typo": con.execute(
            f"SELECT count(*) FROM '{truth}' WHERE list_contains(noise, 'phone_typo')"
        ).fetchone()[0],
        "disjoint": con.execute(
            f"SELECT count(*) FROM '{persons}' WHERE disjoint_table IS NOT NULL"
        ).fetchone()[0],
        "app_email_missing": con.execute(
            f"SELECT count(*) FROM '{app}' WHERE coalesce(email, '') = ''"
        ).fetchone()[0],
    }


def test_the_shown_profile_gives_the_default_data(small: Path, tmp_path: Path) -> None:
    shown = cli("profile", "show")
    assert shown.returncode == 0, shown.stderr
    document = tomllib.loads(shown.stdout)
    assert document["difficulty"] == "realistic"
    assert document["changes"]["phone_typo"] == 0.02 and document["edge"]["company_size"] == 40
    (tmp_path / "p.toml").write_text(shown.stdout)
    out = tmp_path / "out"
    done = cli("run", "--scale", "20K", "--seed", "7", "--profile", str(tmp_path / "p.toml"),
               "--output-dir", str(out), "--quiet")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert output_checksums(out) == json.loads(GOLDEN.read_text())
    # the same effective profile, given in full or not at all, has the same hash
    assert report(out)["run"]["profile"]["hash"] == report(small)["run"]["profile"]["hash"]


def test_set_moves_what_it_names_and_the_report_regenerates_it(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = cli("run", "--scale", "20K", "--seed", "7", "--output-dir", str(out), "--quiet",
               "--set", "changes.phone_typo=0.3", "--set", "edge.disjoint_share=0.3",
               "--set", "noise.mobile.email_present=0.2")  # fmt: skip
    assert done.returncode == 0, done.stderr
    before, after = measures(small), measures(out)
    assert after["phone_typo"] > 5 * before["phone_typo"]
    assert after["disjoint"] > 5 * before["disjoint"]
    assert after["app_email_missing"] > 2 * before["app_email_missing"]
    values = report(out)["run"]["profile"]["values"]
    assert values["changes.phone_typo"] == 0.3 and values["edge.company_size"] == 40
    assert output_checksums(regenerated(out, tmp_path / "again")) == output_checksums(out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "nosuch.rate=0.1"], "--set: 'nosuch.rate': no section 'nosuch'; sections: "),
        (["--set", "changes.phone_typos=0.1"],
         "--set: 'changes.phone_typos': no key 'phone_typos' in [changes]; keys: "),
        (["--set", "changes.phone_typo=1.5"],
         "--set: changes.phone_typo = 1.5: must be a share from 0 to 1"),
        (["--set", "edge.company_size=1"],
         "--set: edge.company_size = 1: must be a whole number >= 2"),
        (["--set", "changes.phone_typo=lots"],
         "--set: 'changes.phone_typo=lots': 'lots' is not a number"),
        (["--set", "changes.phone_typo"],
         "--set: 'changes.phone_typo' is not key=value (e.g. changes.phone_typo=0.05)"),
    ],
)  # fmt: skip
def test_bad_profile_values_are_refused_before_any_work(
    tmp_path: Path, args: list[str], message: str
) -> None:
    done = cli("run", "--scale", "20K", "--output-dir", str(tmp_path / "out"), *args)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(f"error: {message}"), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
