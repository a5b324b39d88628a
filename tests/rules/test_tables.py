"""Table validation on load: each kind of fault is rejected with file, row and state."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from mottagning.profiles import PROFILE_CODES, check_file, load_profile, profile_path
from mottagning.rules.errors import TableError
from mottagning.rules.profile import beskrivning_en
from mottagning.rules.tables import load_national


def write_variant(tmp_path: Path, kod: str, edit: object) -> Path:
    data = yaml.safe_load(profile_path(kod).read_text(encoding="utf-8"))
    edit(data)  # type: ignore[operator]
    path = tmp_path / f"{kod}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def rule(data: dict, rid: str) -> dict:
    return next(r for r in data["regler"] if r["id"] == rid)


@pytest.mark.parametrize("kod", PROFILE_CODES)
def test_bundled_profiles_are_valid(kod: str) -> None:
    assert check_file(profile_path(kod)).profil.kod == kod


def test_unknown_unit_names_file_and_row(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path, "alingsas", lambda d: rule(d, "ALI-SK-01").update(enhet="skolan")
    )
    with pytest.raises(TableError, match=r"rad ALI-SK-01: okänd enhet 'skolan'") as exc:
        check_file(path)
    assert exc.value.file == str(path)


def test_unknown_law_is_rejected(tmp_path: Path) -> None:
    path = write_variant(tmp_path, "alingsas", lambda d: rule(d, "ALI-SK-01").update(lagar=["LSS"]))
    with pytest.raises(TableError, match="okänd lag 'LSS'"):
        check_file(path)


def test_misplaced_key_fails_loudly(tmp_path: Path) -> None:
    path = write_variant(tmp_path, "alingsas", lambda d: rule(d, "ALI-SK-01").update(alder=[1, 16]))
    with pytest.raises(TableError, match=r"rad ALI-SK-01: alder: okänd nyckel"):
        check_file(path)


def test_overlapping_rows_that_disagree_are_rejected(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        d["regler"].append({**rule(d, "ALI-SK-02"), "id": "ALI-SK-99", "enhet": "campus"})

    with pytest.raises(
        TableError, match=r"rad ALI-SK-02: överlappar rad ALI-SK-99 .* område skola i tillståndet"
    ):
        check_file(write_variant(tmp_path, "alingsas", edit))


def test_priority_resolves_an_intended_overlap(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        d["regler"].append(
            {**rule(d, "ALI-SK-02"), "id": "ALI-SK-99", "enhet": "campus", "prioritet": 5}
        )

    c = check_file(write_variant(tmp_path, "alingsas", edit))
    assert "ALI-SK-99" in {r.id for r in c.rows}


def test_a_state_no_profile_row_covers_is_rejected(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path,
        "alingsas",
        lambda d: d.update(regler=[r for r in d["regler"] if r["id"] != "ALI-SF-01"]),
    )
    with pytest.raises(
        TableError, match=r"ingen rad i profilen svarar för område sfi i tillståndet .*N-SF-01"
    ):
        check_file(path)


def test_a_municipal_row_where_the_law_gives_no_duty_must_be_frivillig(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        rule(d, "ALI-SF-01")["om"] = {"alder": [16, None]}

    with pytest.raises(TableError, match=r"rad ALI-SF-01: svarar för område sfi .*frivillig: true"):
        check_file(write_variant(tmp_path, "alingsas", edit))


def test_validity_dates_split_the_table_into_periods() -> None:
    from mottagning.profiles import compiled

    starts = [e.start for e in compiled("alingsas").epochs]
    import datetime as dt

    from mottagning.rules.events import days

    for boundary in ("2016-03-01", "2018-01-01", "2019-01-01"):
        assert days(dt.date.fromisoformat(boundary)) in starts


def test_unit_with_unknown_committee_is_rejected(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        d["enheter"][0]["namnd"] = "kfn"

    with pytest.raises(TableError, match="nämnden 'kfn'"):
        check_file(write_variant(tmp_path, "alingsas", edit))


def test_load_profile_exposes_the_organisation() -> None:
    p = load_profile("vingaker")
    assert {r.id for r in p.roller} >= {
        "integrationssamordnare",
        "asyllots",
        "etableringslots",
        "enhetschef_ui",
    }
    assert {e.namnd for e in p.enheter} <= {n.id for n in p.namnder}


def test_a_row_may_not_cite_a_law_before_it_entered_into_force(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        rule(d, "ALI-BO-02").pop("giltig_fran")

    with pytest.raises(
        TableError, match=r"rad ALI-BO-02: citerar bosättningslagen, som trädde i kraft 2016-03-01"
    ):
        check_file(write_variant(tmp_path, "alingsas", edit))


def test_ekero_kartlaggning_is_a_deadline_not_a_routing_band() -> None:
    p = load_profile("ekero")
    (frist,) = [f for f in p.frister if f.id == "kartlaggning"]
    assert (frist.fran, frist.dagar, frist.enhet) == ("mottagande", 21, "centrum_nyanlanda")
    assert frist.om is not None
    assert frist.om.nyanland is True
    # No row of the centre is cut by months since reception any more.
    assert all(r.om.manader is None for r in p.regler if r.enhet == "centrum_nyanlanda")


def test_a_deadline_with_an_unknown_unit_names_file_and_deadline(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        d["frister"][0]["enhet"] = "centrum"

    path = write_variant(tmp_path, "ekero", edit)
    with pytest.raises(TableError, match=r"frist kartlaggning: okänd enhet 'centrum'") as exc:
        check_file(path)
    assert exc.value.file == str(path)


def test_lvu_is_only_reachable_on_a_placement() -> None:
    from mottagning.profiles import compiled
    from mottagning.rules.codes import BOENDEFORM

    c = compiled("alingsas")
    v = c.grid.values()
    reachable_lvu = c.consistent & (v["lvu"] == 1)
    forms = {BOENDEFORM[int(b)] for b in set(v["boendeform"][reachable_lvu])}
    assert forms == {"hvb", "stodboende", "familjehem"}
    assert int(v["alder"][reachable_lvu].max()) < 21


def test_a_row_without_an_english_description_names_file_and_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mottagning.cli import main

    def edit(d: dict) -> None:
        del rule(d, "ALI-SK-01")["beskrivning_en"]

    path = write_variant(tmp_path, "alingsas", edit)
    with pytest.raises(TableError, match=r"rad ALI-SK-01: beskrivning_en: saknas; .*engelsk"):
        check_file(path)
    assert main(["profiles", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert "ALI-SK-01" in err
    assert "beskrivning_en" in err


def test_a_national_row_without_an_english_description_is_rejected(tmp_path: Path) -> None:
    data = yaml.safe_load(
        (
            Path(str(resources.files("mottagning"))) / "rules" / "tables" / "nationell.yaml"
        ).read_text(encoding="utf-8")
    )
    del next(r for r in data["rader"] if r["id"] == "N-SF-02")["beskrivning_en"]
    path = tmp_path / "nationell.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(TableError, match=r"rad N-SF-02: beskrivning_en: saknas") as exc:
        load_national(path)
    assert exc.value.file == str(path)


def test_a_deadline_without_an_english_description_is_rejected(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        del d["frister"][0]["beskrivning_en"]

    with pytest.raises(TableError, match=r"rad kartlaggning: beskrivning_en: saknas"):
        check_file(write_variant(tmp_path, "ekero", edit))


def test_the_english_description_is_looked_up_by_municipality_and_row() -> None:
    assert beskrivning_en("alingsas", "N-SF-02") == (
        "Sfi requires population registration; asylum seekers have no right to sfi"
    )
    assert beskrivning_en("ostersund", "OST-SF-01").startswith("Sfi; the education must")
    assert beskrivning_en("ekero", "kartlaggning") == "The first mapping at Centrum för nyanlända"
    # Row ids belong to one municipality's tables: another's row is not found.
    assert beskrivning_en("alingsas", "OST-SF-01") is None
