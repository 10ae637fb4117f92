"""Errors the library raises for the CLI and the API to show as one clear line."""

from __future__ import annotations

from dataclasses import dataclass


class YntymaqError(Exception):
    """Base of every error meant for the user: its message is the whole story."""

    code = "error"


class NotFound(YntymaqError):
    code = "not_found"


class Ambiguous(YntymaqError):
    code = "ambiguous"

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message)
        self.candidates = candidates


class BadInput(YntymaqError):
    code = "bad_input"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a data file: where it is and what is wrong."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class DataErrors(YntymaqError):
    """Every problem found in the curated dataset, reported together."""

    code = "invalid_data"

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.message))
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the dataset:\n{lines}")


class TextReadError(YntymaqError):
    """A file that cannot be read as text: names the file and says why."""

    code = "unreadable"


class TimeLimit(YntymaqError):
    """Work stopped at its time limit (`yntymaq.limits`)."""

    code = "time_limit"
