"""The ``opinion analyze`` sub-command: JSON with the promised keys and an accessible HTML report."""

import argparse
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from delaktig.engines.opinion import cli
from delaktig.engines.opinion.report import GROUP_COLOURS
from tests.engines.opinion.conftest import SEATTLE_FIXTURE


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="delaktig")
    cli.register(parser.add_subparsers(dest="engine", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_json_has_groups_k_positions_repness_and_consensus(capsys):
    assert run(["opinion", "analyze", str(SEATTLE_FIXTURE), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["k"] == 2
    assert len(result["groups"]) == 138
    assert set(result["groups"].values()) == {int(g) for g in result["repness"]}
    assert len(result["positions"]) == 339
    assert all(len(xy) == 2 for xy in result["positions"].values())
    first = next(iter(result["repness"].values()))[0]
    assert {"statement", "direction", "p_success", "repness", "repness_test", "text"} <= set(first)
    assert set(result["consensus"]) == {"agree", "disagree"}


def test_summary_line_without_json(capsys):
    assert run(["opinion", "analyze", str(SEATTLE_FIXTURE / "votes.csv")]) == 0
    assert re.fullmatch(r"339 participants, 2 groups \(A: \d+, B: \d+\)\n", capsys.readouterr().out)


def test_replay_needs_timestamps(tmp_path: Path):
    path = tmp_path / "votes.csv"
    path.write_text("participant,statement,vote\n1,1,1\n")
    with pytest.raises(Exception, match="needs vote timestamps"):
        run(["opinion", "analyze", str(path), "--replay", "60"])


class Outline(HTMLParser):
    """Collect what an accessibility check needs from the report."""

    def __init__(self):
        super().__init__()
        self.tags, self.headings, self.lang = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def _relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_report_is_static_accessible_html_with_map_and_table(tmp_path: Path, capsys):
    report = tmp_path / "report.html"
    assert run(["opinion", "analyze", str(SEATTLE_FIXTURE), "--report", str(report)]) == 0
    text = report.read_text(encoding="utf-8")
    outline = Outline()
    outline.feed(text)
    assert outline.lang == "en"
    assert "script" not in outline.tags and "http" not in text.replace("https://www.w3.org", "")
    assert {"svg", "table", "caption", "figcaption"} <= set(outline.tags)
    assert outline.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))
    map_table = text.split("<caption>Map data")[1].split("</table>")[0]
    assert text.count("<circle") == map_table.count("<tr><td>") > 0
    assert "Group A" in text and "Most agree" in text


@pytest.mark.parametrize("colour", GROUP_COLOURS)
def test_group_colours_contrast_with_white_text_and_background(colour):
    ratio = (1.05) / (_relative_luminance(colour) + 0.05)
    assert ratio >= 4.5  # white letters on the circle, and the circle on the white page
