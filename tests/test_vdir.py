"""`reseau export vcard --vdir DIR`: one card a file, rewritten when it changed, removed when
its contact is gone, never a card reseau did not write; and khard reads the folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import Runner

FOREIGN = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:1234-abcd\r\nFN:Made On The Phone\r\nEND:VCARD\r\n"


def export(run: Runner, root: Path, folder: Path, *options: str) -> str:
    result = run("--dir", str(root), "export", "vcard", "--vdir", str(folder), *options)
    assert result.code == 0, result.err
    return result.out.strip()


def test_one_card_per_contact_named_by_slug(run: Runner, sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "contacts.vdir"
    slugs = sorted(path.stem for path in (sample / "contacts").glob("*.yaml"))
    assert export(run, sample, folder) == f"{folder}: {len(slugs)} written, 0 unchanged, 0 removed"
    assert sorted(path.stem for path in folder.iterdir()) == slugs
    card = (folder / "marie-dupont.vcf").read_bytes().decode()
    assert card.count("BEGIN:VCARD") == 1
    assert "UID:marie-dupont@reseau\r\n" in card


def test_only_changed_cards_are_rewritten(run: Runner, sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "vdir"
    export(run, sample, folder)
    stamps = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    inodes = {path.name: path.stat().st_ino for path in folder.iterdir()}
    contact = sample / "contacts" / "paul-bernard.yaml"
    text = contact.read_text(encoding="utf-8")
    contact.write_text(text.replace("city: Bourgoin-Jallieu", "city: Vienne"), encoding="utf-8")
    summary = export(run, sample, folder)
    assert summary == f"{folder}: 1 written, {len(stamps) - 1} unchanged, 0 removed"
    changed = {
        path.name
        for path in folder.iterdir()
        if (path.stat().st_mtime_ns, path.stat().st_ino) != (stamps[path.name], inodes[path.name])
    }
    assert changed == {"paul-bernard.vcf"}
    assert "ADR:;;;Vienne;;;" in (folder / "paul-bernard.vcf").read_text(encoding="utf-8")


def test_cards_of_contacts_gone_are_removed_and_no_other(
    run: Runner, sample: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "vdir"
    export(run, sample, folder)
    (folder / "phone-made.vcf").write_text(FOREIGN, encoding="utf-8")
    (folder / "jane.vcf").write_text(  # names another card's UID: not one reseau wrote
        FOREIGN.replace("1234-abcd", "someone-else@reseau"), encoding="utf-8"
    )
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    (sample / "contacts" / "paul-bernard.yaml").unlink()
    summary = export(run, sample, folder)
    assert summary.endswith("0 written, 30 unchanged, 1 removed")
    assert not (folder / "paul-bernard.vcf").exists()
    assert (folder / "phone-made.vcf").read_bytes() == FOREIGN.encode()
    assert (folder / "jane.vcf").exists() and (folder / "notes.txt").exists()
    only_clients = export(run, sample, folder, "--circle", "clients")
    kept = {path.stem for path in folder.glob("*.vcf")} - {"phone-made", "jane"}
    assert only_clients.endswith(f"{len(kept)} unchanged, {30 - len(kept)} removed")
    for slug in kept:
        assert "clients" in (sample / "contacts" / f"{slug}.yaml").read_text(encoding="utf-8")


def test_a_contact_whose_file_does_not_validate_keeps_its_card(
    run: Runner, sample: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "vdir"
    export(run, sample, folder)
    contact = sample / "contacts" / "paul-bernard.yaml"
    contact.write_text(contact.read_text(encoding="utf-8") + "status: gone\n", encoding="utf-8")
    assert export(run, sample, folder).endswith("0 written, 30 unchanged, 0 removed")
    assert (folder / "paul-bernard.vcf").exists()


def test_vdir_and_output_together_is_a_usage_error(
    run: Runner, sample: Path, tmp_path: Path
) -> None:
    result = run(
        "--dir", str(sample), "export", "vcard", "--vdir", str(tmp_path / "d"),
        "-o", str(tmp_path / "f.vcf"),
    )  # fmt: skip
    assert result.code == 2
    assert "not both" in result.err
    assert not (tmp_path / "d").exists()


def test_a_vdir_that_is_a_file_is_refused(run: Runner, sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = run("--dir", str(sample), "export", "vcard", "--vdir", str(target))
    assert (result.code, result.err.strip()) == (
        1,
        f"reseau: {target} is not a folder; --vdir takes a folder",
    )


def test_khard_lists_the_vdir(run: Runner, sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "vdir"
    export(run, sample, folder)
    (folder / "phone-made.vcf").write_text(FOREIGN, encoding="utf-8")
    config = tmp_path / "khard.conf"
    config.write_text(
        f"[addressbooks]\n[[reseau]]\npath = {folder}\n\n"
        "[general]\ndefault_action = list\neditor = true\nmerge_editor = true\n",
        encoding="utf-8",
    )
    listed = subprocess.run(
        [
            sys.executable,
            "-m",
            "khard",
            "-c",
            str(config),
            "list",
            "--parsable",
            "--fields",
            "uid,name",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert listed.returncode == 0, listed.stderr
    rows = dict(line.split("\t")[:2] for line in listed.stdout.splitlines())
    slugs = {path.stem for path in (sample / "contacts").glob("*.yaml")}
    assert set(rows) == {f"{slug}@reseau" for slug in slugs} | {"1234-abcd"}
    assert rows["marie-dupont@reseau"] == "Marie Dupont"
    assert rows["wang-fang@reseau"] == "王芳"


def test_a_card_reseau_did_not_write_is_never_overwritten(
    run: Runner, sample: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "vdir"
    folder.mkdir()
    (folder / "berenice-caron.vcf").write_text(FOREIGN, encoding="utf-8")
    result = run("--dir", str(sample), "export", "vcard", "--vdir", str(folder))
    assert result.code == 0, result.err
    assert "berenice-caron.vcf is a card reseau did not write; it was left as it is" in result.err
    assert (folder / "berenice-caron.vcf").read_bytes() == FOREIGN.encode()


def test_a_missing_contacts_folder_never_empties_the_vdir(
    run: Runner, sample: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "vdir"
    export(run, sample, folder)
    cards = sorted(path.name for path in folder.iterdir())
    (sample / "contacts").rename(tmp_path / "contacts.bak")
    result = run("--dir", str(sample), "export", "vcard", "--vdir", str(folder))
    assert result.code == 1
    assert "contacts: the folder is missing" in result.err
    assert sorted(path.name for path in folder.iterdir()) == cards
    check = run("--dir", str(sample), "check")
    assert "contacts: warning: the folder is missing" in check.out
