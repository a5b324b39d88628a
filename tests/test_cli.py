"""The CLI contract (docs/cli.md): JSON in, JSON out, status 2 and one line on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from mottagning.cli import main

EXAMPLE = {
    "kommun": "alingsas",
    "datum": "2018-03-01",
    "person": {
        "fodelsedatum": "2002-05-10",
        "ensamkommande": True,
        "handelser": [
            {"typ": "asylansokan", "datum": "2016-10-01"},
            {"typ": "anvisning", "datum": "2016-10-20", "kommun": "alingsas"},
        ],
    },
}


def run(
    args: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_route_prints_the_contract(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["route"], json.dumps(EXAMPLE), monkeypatch, capsys)
    assert code == 0
    result = json.loads(out)
    assert set(result) >= {"datum", "kommun", "tillstand", "ansvar"}
    assert set(result["tillstand"]) >= {
        "alder",
        "rattslig_status",
        "ensamkommande",
        "fas",
        "nyanland",
        "manader_sedan_mottagande",
        "boendeform",
    }
    for a in result["ansvar"]:
        assert set(a) >= {
            "omrade",
            "huvudman",
            "namnd",
            "enhet",
            "enhet_id",
            "utforare",
            "arbete",
            "lagar",
            "regel",
            "kalla",
        }
        assert a["huvudman"] in {
            "kommun",
            "migrationsverket",
            "arbetsformedlingen",
            "forsakringskassan",
            "region",
            "lansstyrelsen",
        }
        assert a["arbete"] in {"myndighetsutovning", "utforare"}
    placering = [a for a in result["ansvar"] if a["omrade"] == "boende"]
    assert placering[0]["enhet"] == "Barn och unga, Placeringsenheten"
    assert placering[0]["namnd"] == "Socialnämnden"


def test_explain_prints_rule_and_source_on_every_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["explain"], json.dumps(EXAMPLE), monkeypatch, capsys)
    assert code == 0
    lines = [
        line
        for line in out.splitlines()
        if line.split(":")[0]
        in {
            "boende",
            "forsorjning",
            "skola",
            "sfi",
            "samhallsorientering",
            "etablering",
            "barn_och_unga",
            "halsa",
        }
    ]
    assert len(lines) >= 8
    assert all("[regel " in line and "källa " in line for line in lines)


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ("{not json", "ogiltig JSON"),
        ("", "ingen indata"),
        (json.dumps({**EXAMPLE, "kommun": "goteborg"}), "okänd kommun 'goteborg'"),
        (
            json.dumps(
                {
                    **EXAMPLE,
                    "person": {
                        **EXAMPLE["person"],
                        "handelser": [{"typ": "flytt", "datum": "2017-01-01"}],
                    },
                }
            ),
            "person.handelser[0].typ: okänd händelsetyp 'flytt'",
        ),
        (json.dumps({**EXAMPLE, "datum": "1999-01-01"}), "ligger före födelsedatum"),
        (
            json.dumps({**EXAMPLE, "datum": "2018-02-30"}),
            "datum: '2018-02-30' är inget giltigt datum",
        ),
        (
            json.dumps(
                {
                    **EXAMPLE,
                    "person": {
                        **EXAMPLE["person"],
                        "handelser": [
                            {"typ": "asylansokan", "datum": "2016-10-01"},
                            {
                                "typ": "uppehallstillstand",
                                "datum": "2016-09-01",
                                "tillstand": "PUT",
                            },
                        ],
                    },
                }
            ),
            "ligger före asylansökan",
        ),
        (
            json.dumps(
                {
                    **EXAMPLE,
                    "person": {
                        **EXAMPLE["person"],
                        "handelser": [
                            {"typ": "uppehallstillstand", "datum": "2016-09-01", "tillstand": "TUT"}
                        ],
                    },
                }
            ),
            "kräver giltigt_till",
        ),
        (json.dumps({**EXAMPLE, "extra": 1}), "okänd nyckel 'extra'"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    payload: str, fragment: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["route"], payload, monkeypatch, capsys)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert fragment in err


def test_profiles_check_bad_file_exits_2(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("kod: x\n", encoding="utf-8")
    code, _, err = run(["profiles", "check", str(bad)], "", monkeypatch, capsys)
    assert code == 2
    assert "bad.yaml" in err
    assert "saknas" in err


def test_console_entry_point_runs_without_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mottagning", "route"],
        input="[1]",
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("fel: ")


@pytest.mark.parametrize(
    "command",
    [["route"], ["explain"], ["profiles", "check"], ["budget"], ["forecast"], ["compare"]],
)
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*command, "--help"])
    assert exc.value.code == 0
    assert "usage: mottagning" in capsys.readouterr().out


def test_ersattning_prints_the_contract(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/cli.md: EKB anvisad 2016-10-20, Q3 2017 = 92 days × 1 350 (domain-facts §1.6)."""
    payload = {"kommun": "alingsas", "fran": "2017-07-01", "till": "2017-09-30"}
    payload["person"] = EXAMPLE["person"]
    code, out, err = run(["ersattning"], json.dumps(payload), monkeypatch, capsys)
    assert code == 0, err
    result = json.loads(out)
    assert list(result) == ["kommun", "fran", "till", "poster", "summa"]
    assert result["poster"] == [
        {
            "typ": "ekb_dygn",
            "fran": "2017-07-01",
            "till": "2017-09-30",
            "antal": 92,
            "enhet": "dygn",
            "a_pris": "1350.00",
            "belopp": "124200.00",
            "ansokan": False,
            "ansok_senast": None,
            "forfattning": "2017:193",
            "regel": "ERS-EKB-DYGN-ASYL",
            "kalla": result["poster"][0]["kalla"],
            "antagande": False,
        }
    ]
    assert "ekb.dygnsschablon_under_18" in result["poster"][0]["kalla"]
    assert result["summa"] == "124200.00"
