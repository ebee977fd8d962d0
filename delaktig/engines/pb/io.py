"""Read and write pabulib ``.pb`` files (META / PROJECTS / VOTES, ``;``-separated, quoted fields).

The format is the one pabulib.org publishes (Faliszewski et al., arXiv 2305.11035). Reading is strict:
a malformed file raises :class:`EngineInputError` naming the line and what is wrong, because a count
built on a silently misread ballot cannot be trusted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np

from delaktig.engines.errors import EngineInputError
from delaktig.engines.pb.model import POINTS_TYPES, VOTE_TYPES, Ballots, Election, Money, Outcome, Project

SECTIONS = ("meta", "projects", "votes")
VOTE_FIXED_COLUMNS = ("voter_id", "vote", "points")


class _Reader:
    """Walk the rows of one file while remembering where we are, for error messages."""

    def __init__(self, text: str, source: str):
        self.source = source
        self.rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";")

    @property
    def line(self) -> int:
        return self.rows.line_num

    def error(self, problem: str) -> EngineInputError:
        """Return an input error that names the file and the current line."""
        return EngineInputError(f"{self.source}, line {self.line}: {problem}")

    def __iter__(self) -> Iterator[list[str]]:
        try:
            for row in self.rows:
                if len(row) > 1 or (row and row[0].strip()):
                    yield row
        except csv.Error as error:
            raise self.error(f"cannot split the line into fields ({error})") from None


def parse_money(text: str, what: str) -> Money:
    """Parse a cost or budget written as a whole or decimal number (a decimal comma is accepted)."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = Fraction(cleaned)
    except ValueError:
        raise ValueError(f"{what} {text!r} is not a number") from None
    if value < 0:
        raise ValueError(f"{what} {text!r} is negative")
    return int(value) if value.denominator == 1 else value


def format_money(value: Money) -> str:
    """Write an amount as pabulib does: a whole number, or a decimal without exponent."""
    for digits in range(40):
        scaled = Fraction(value) * 10**digits
        if scaled.denominator == 1:
            break
    else:
        raise ValueError(f"{value} has no finite decimal form")
    if digits == 0:
        return str(int(scaled))
    text = str(int(scaled)).rjust(digits + 1, "0")
    return f"{text[:-digits]}.{text[-digits:]}"


def _parse_int(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"{what} {text!r} is not a whole number") from None


def _sections(reader: _Reader) -> dict[str, tuple[list[str], list[tuple[int, list[str]]]]]:
    """Split the file into its sections: header and (line, row) pairs for each."""
    sections: dict[str, tuple[list[str], list[tuple[int, list[str]]]]] = {}
    current: list[tuple[int, list[str]]] | None = None
    rows = iter(reader)
    for row in rows:
        name = row[0].strip().lower()
        if len(row) == 1 and name in SECTIONS:
            if name in sections:
                raise reader.error(f"section {name.upper()} appears twice")
            header = next(rows, None)
            if header is None:
                raise reader.error(f"section {name.upper()} has no header line")
            current = []
            sections[name] = ([cell.strip() for cell in header], current)
        elif current is None:
            raise reader.error("expected a section name (META, PROJECTS or VOTES) before any data")
        else:
            current.append((reader.line, row))
    for name in SECTIONS:
        if name not in sections:
            raise EngineInputError(f"{reader.source}: the file has no {name.upper()} section")
    return sections


def _check_width(reader: _Reader, line: int, row: list[str], header: list[str], section: str) -> None:
    if len(row) != len(header):
        raise EngineInputError(
            f"{reader.source}, line {line}: {section} row has {len(row)} fields, the header has {len(header)}"
        )


def _read_meta(reader: _Reader, rows: list[tuple[int, list[str]]]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line, row in rows:
        if len(row) < 2:
            raise EngineInputError(f"{reader.source}, line {line}: META row needs a key and a value")
        meta[row[0].strip()] = ";".join(row[1:]).strip()
    for key in ("budget", "vote_type"):
        if key not in meta:
            raise EngineInputError(f"{reader.source}: META has no {key!r}")
    if meta["vote_type"] not in VOTE_TYPES:
        raise EngineInputError(
            f"{reader.source}: META vote_type {meta['vote_type']!r} is not one of {', '.join(VOTE_TYPES)}"
        )
    return meta


def _read_projects(reader: _Reader, header: list[str], rows: list[tuple[int, list[str]]]) -> list[Project]:
    for column in ("project_id", "cost"):
        if column not in header:
            raise EngineInputError(f"{reader.source}: the PROJECTS header has no {column!r} column")
    projects: list[Project] = []
    seen: set[str] = set()
    for line, row in rows:
        _check_width(reader, line, row, header, "PROJECTS")
        cells = {key: cell.strip() for key, cell in zip(header, row, strict=True)}
        project_id = cells.pop("project_id")
        if project_id in seen:
            raise EngineInputError(f"{reader.source}, line {line}: project {project_id!r} is listed twice")
        seen.add(project_id)
        try:
            cost = parse_money(cells.pop("cost"), f"cost of project {project_id!r}")
        except ValueError as error:
            raise EngineInputError(f"{reader.source}, line {line}: {error}") from None
        projects.append(Project(project_id, cost, cells))
    return projects


def _ballot_row(vote: str, index: dict[str, int]) -> list[int]:
    """Turn one ``vote`` cell into project indices, refusing unknown and repeated projects."""
    try:
        row = [index[project_id] for project_id in vote.split(",")] if vote else []
    except KeyError:
        ids = [token.strip() for token in vote.split(",") if token.strip()]
        unknown = [project_id for project_id in ids if project_id not in index]
        if unknown:
            raise ValueError(f"the vote names project {unknown[0]!r}, which PROJECTS does not list") from None
        row = [index[project_id] for project_id in ids]
    if len(set(row)) != len(row):
        raise ValueError("the vote names the same project twice")
    return row


def _points_row(text: str, expected: int, vote_type: str) -> list[int]:
    cells = [cell for cell in text.split(",") if cell.strip()]
    if len(cells) != expected:
        raise ValueError(f"the vote names {expected} projects but gives {len(cells)} points")
    points = [_parse_int(cell, "points") for cell in cells]
    if vote_type == "cumulative" and any(p < 0 for p in points):
        raise ValueError("cumulative points cannot be negative")
    return points


def _read_votes(
    reader: _Reader,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    projects: list[Project],
    vote_type: str,
) -> tuple[Ballots, tuple[str, ...], dict[str, tuple[str, ...]]]:
    for column in ("voter_id", "vote"):
        if column not in header:
            raise EngineInputError(f"{reader.source}: the VOTES header has no {column!r} column")
    has_points = "points" in header
    if vote_type in POINTS_TYPES and not has_points:
        raise EngineInputError(f"{reader.source}: {vote_type} ballots need a 'points' column in VOTES")
    position = {name: i for i, name in enumerate(header)}
    vote_at, points_at, id_at = position["vote"], position.get("points"), position["voter_id"]
    extra_values: dict[str, list[str]] = {name: [] for name in header if name not in VOTE_FIXED_COLUMNS}
    extra_slots = [(values, position[name]) for name, values in extra_values.items()]
    index = {p.id: i for i, p in enumerate(projects)}
    lengths, flat, flat_points, voter_ids = [0], [], [], []
    seen: set[str] = set()
    width = len(header)
    for line, row in rows:
        try:
            if len(row) != width:
                raise ValueError(f"VOTES row has {len(row)} fields, the header has {width}")
            voter_id = row[id_at].strip()
            if voter_id in seen:
                raise ValueError(f"voter {voter_id!r} appears twice")
            seen.add(voter_id)
            voter_ids.append(voter_id)
            ballot = _ballot_row(row[vote_at].strip(), index)
            flat.extend(ballot)
            lengths.append(len(ballot))
            if has_points:
                flat_points.extend(_points_row(row[points_at], len(ballot), vote_type))
            for values, at in extra_slots:
                values.append(row[at].strip())
        except ValueError as error:
            raise EngineInputError(f"{reader.source}, line {line}: {error}") from None
    ballots = Ballots(
        indptr=np.cumsum(np.asarray(lengths, dtype=np.int64)),
        indices=np.asarray(flat, dtype=np.int32),
        points=np.asarray(flat_points, dtype=np.int64) if has_points else None,
    )
    return ballots, tuple(voter_ids), {name: tuple(values) for name, values in extra_values.items()}


def _check_counts(source: str, meta: dict[str, str], projects: list, voters: int) -> None:
    """Compare META's declared counts with what the file holds, to catch truncated files."""
    for key, found in (("num_projects", len(projects)), ("num_votes", voters)):
        if key in meta and meta[key].strip().isdigit() and int(meta[key]) != found:
            raise EngineInputError(f"{source}: META says {key} is {meta[key]}, but the file holds {found}")


def parse_election(text: str, source: str = "<text>") -> Election:
    """Parse the text of a pabulib file into an :class:`Election`."""
    reader = _Reader(text, source)
    sections = _sections(reader)
    meta = _read_meta(reader, sections["meta"][1])
    project_header, project_rows = sections["projects"]
    projects = _read_projects(reader, project_header, project_rows)
    vote_header, vote_rows = sections["votes"]
    ballots, voter_ids, voter_columns = _read_votes(reader, vote_header, vote_rows, projects, meta["vote_type"])
    _check_counts(source, meta, projects, len(voter_ids))
    try:
        budget = parse_money(meta["budget"], "META budget")
    except ValueError as error:
        raise EngineInputError(f"{source}: {error}") from None
    return Election(
        meta=meta,
        projects=tuple(projects),
        ballots=ballots,
        voter_ids=voter_ids,
        voter_columns=voter_columns,
        project_columns=tuple(project_header),
        vote_columns=tuple(vote_header),
        budget=budget,
    )


def read_election(path_or_text: str | Path) -> Election:
    """Read an election from a file path, or from the file's text when given a string with line breaks."""
    if isinstance(path_or_text, str) and "\n" in path_or_text:
        return parse_election(path_or_text)
    path = Path(path_or_text)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise EngineInputError(f"{path.name}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    return parse_election(text, path.name)


def _project_row(project: Project, header: tuple[str, ...]) -> list[str]:
    fixed = {"project_id": project.id, "cost": format_money(project.cost)}
    return [fixed[name] if name in fixed else project.columns.get(name, "") for name in header]


def _vote_rows(election: Election) -> Iterator[list[str]]:
    ballots, ids = election.ballots, [p.id for p in election.projects]
    for voter, voter_id in enumerate(election.voter_ids):
        start, end = ballots.indptr[voter], ballots.indptr[voter + 1]
        fixed = {"voter_id": voter_id, "vote": ",".join(ids[i] for i in ballots.indices[start:end])}
        if ballots.points is not None:
            fixed["points"] = ",".join(str(p) for p in ballots.points[start:end])
        yield [fixed[name] if name in fixed else election.voter_columns[name][voter] for name in election.vote_columns]


def write_election(election: Election) -> str:
    """Return the election as pabulib text; reading it back gives an equal election."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerows([["META"], ["key", "value"], *([k, v] for k, v in election.meta.items())])
    writer.writerows([["PROJECTS"], list(election.project_columns)])
    writer.writerows(_project_row(p, election.project_columns) for p in election.projects)
    writer.writerows([["VOTES"], list(election.vote_columns)])
    writer.writerows(_vote_rows(election))
    return out.getvalue()


def _json_number(value: Money | float | None) -> int | float | None:
    """Return an amount as a JSON number: whole amounts as integers, others as floats."""
    if value is None or isinstance(value, int | float):
        return value
    return int(value) if value.denominator == 1 else float(value)


def _json_value(value: object) -> object:
    if isinstance(value, Fraction):
        return _json_number(value)
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return value


def outcome_as_json(outcome: Outcome) -> dict:
    """Return an outcome as JSON-ready data (the ``delaktig pb count --json`` output).

    Amounts that are not whole become floats; the exact per-voter budget is also given as a fraction text.
    """
    stats = outcome.voter_statistics
    return {
        "rule": outcome.rule,
        "completion": outcome.completion,
        "tie_breaking": outcome.tie_breaking,
        "budget": _json_number(outcome.budget),
        "selected": list(outcome.selected),
        "total_cost": _json_number(outcome.total_cost),
        "per_voter_budget": _json_number(outcome.per_voter_budget),
        "per_voter_budget_exact": None if outcome.per_voter_budget is None else str(outcome.per_voter_budget),
        "rounds": list(outcome.rounds),
        "parameters": _json_value(outcome.parameters),
        "projects": {
            pid: {
                "selected": result.selected,
                "round": result.round,
                "cost": _json_number(result.cost),
                "supporters": result.supporters,
                "score": result.score,
                "payments": _json_value(result.payments),
                "explanation": result.explanation.text,
                "explanation_code": result.explanation.code,
                "explanation_data": _json_value(result.explanation.data),
            }
            for pid, result in outcome.projects.items()
        },
        "voter_statistics": {
            "voters": stats.voters,
            "voters_with_selected_project": stats.voters_with_selected_project,
            "share_with_selected_project": stats.share_with_selected_project,
            "selected_per_voter": {str(k): v for k, v in stats.selected_per_voter.items()},
            "spending_by_column": _json_value(stats.spending_by_column),
        },
    }
