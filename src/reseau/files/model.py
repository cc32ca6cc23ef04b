"""The network's files as typed, checked values. No I/O here.

Every scalar arrives as text (see yamlio); the models type it, so `0612345678` stays a
string where a string is expected and `2026-02-30` is a validation error with its line.
"""

from __future__ import annotations

import datetime
from datetime import date
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
)
from pydantic.dataclasses import dataclass as pydantic_dataclass
from pydantic_core import PydanticCustomError

from reseau.files.dates import DateError, check_range, parse_date
from reseau.files.i18n import _
from reseau.files.quarters import Quarter
from reseau.files.yearly import YearlyDate

T = TypeVar("T")
_DAYS: dict[str, date] = {}  # a network holds each day many times: one date object each
_MAX_DAYS_KEPT = 100_000


def _iso_date(value: Any) -> date:
    """Only `YYYY-MM-DD` text from a file; a date object from the code, within the same years."""
    known = _DAYS.get(value) if type(value) is str else None
    if known is not None:
        return known
    try:
        if isinstance(value, str):
            day = parse_date(value)
            if len(_DAYS) < _MAX_DAYS_KEPT:
                _DAYS[value] = day
            return day
        if isinstance(value, date) and not isinstance(value, datetime.datetime):
            return check_range(value)
    except DateError as exc:
        raise PydanticCustomError("date_format", "{reason}", {"reason": str(exc)}) from None
    shown = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else ""
    reason = f"expected a date, YYYY-MM-DD, got {shown or repr(value)}"
    raise PydanticCustomError("date_format", "{reason}", {"reason": reason})


def _quarter_in_range(value: str) -> str:
    Quarter.parse(value)
    return value


def _yearly_date(value: Any) -> str:
    """A yearly date stays the text the user wrote (`--05-14` or `1980-05-14`), once checked."""
    if isinstance(value, date) and not isinstance(value, datetime.datetime):
        value = value.isoformat()
    if not isinstance(value, str):
        raise PydanticCustomError(
            "date_format",
            "expected a date, YYYY-MM-DD or --MM-DD, got {got}",
            {"got": repr(value)},
        )
    try:
        return YearlyDate.parse(value).text()
    except DateError as exc:
        raise PydanticCustomError("date_format", "{reason}", {"reason": str(exc)}) from None


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
YearlyText = Annotated[str, BeforeValidator(_yearly_date)]
QuarterText = Annotated[str, Field(pattern=r"^[0-9]{4}-Q[1-4]$"), AfterValidator(_quarter_in_range)]
Level = Annotated[int, Field(ge=0, le=3)]
MAX_DAYS = 36500
Days = Annotated[int, Field(ge=1, le=MAX_DAYS)]

Nature = Literal[
    "client", "prospect", "prescriber", "partner", "peer", "colleague", "supplier", "mentor",
    "friend", "family", "other",
]  # fmt: skip
Kind = Literal[
    "meeting", "meal", "event", "call", "video", "message", "email", "intro", "invite", "service"
]
Status = Literal["active", "dormant", "archived"]
Tone = Literal["positive", "neutral", "negative"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

NATURES: tuple[str, ...] = get_args(Nature)
KINDS: tuple[str, ...] = get_args(Kind)
STATUSES: tuple[str, ...] = get_args(Status)
TONES: tuple[str, ...] = get_args(Tone)
WEEKDAYS: tuple[str, ...] = get_args(Weekday)
IN_PERSON_KINDS = frozenset({"meeting", "meal", "event"})
CRITERIA = ("strength", "sharing", "influence", "pleasure", "efficiency")


class Strict(BaseModel):
    # defer_build: a command builds the validators of the files it reads, not of all of them
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


# A contact and what its file holds are dataclasses with slots, not models: a network holds
# tens of thousands of contacts, and a model's dict of fields costs twice what slots do.
RECORD = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


def validated(model: type[T], data: Any) -> T:
    """`data` (a file's mapping, plain values) checked into `model`, a model or a record:
    raises pydantic's ValidationError. The class's own validator, built on first use."""
    value: T = model.__pydantic_validator__.validate_python(data)  # type: ignore[attr-defined]
    return value


def plain(value: Any, **options: Any) -> Any:
    """A model's or a record's fields as plain values (`mode="json"`, `by_alias=True`...)."""
    return type(value).__pydantic_serializer__.to_python(value, **options)


def field_names(model: type) -> tuple[str, ...]:
    """A model's or a record's fields, in their order."""
    return tuple(model.__pydantic_fields__)  # type: ignore[attr-defined]


def _text_list(value: Any) -> Any:
    return [] if value is None else value


@pydantic_dataclass(frozen=True, slots=True, config=RECORD)
class Qualification:
    nature: Nature | None = None
    strength: Level | None = None
    sharing: Level | None = None
    influence: dict[str, Level] = Field(default_factory=dict)
    pleasure: Level | None = None
    efficiency: Level | None = None
    on: IsoDate | None = None

    _lists = field_validator("influence", mode="before")(lambda v: {} if v is None else v)


@pydantic_dataclass(frozen=True, slots=True, config=RECORD)
class Interaction:
    date: IsoDate
    kind: Kind = "meeting"
    in_person: bool | None = None
    tone: Tone | None = None
    note: str | None = None
    gave: str | None = None
    received: str | None = None
    # a tuple: most interactions name nobody, and every empty tuple is the same object
    with_: tuple[str, ...] = Field(default=(), alias="with")
    uid: str | None = None  # the calendar event it came from (`reseau import ics`)
    by: str | None = None  # the member who had it, in a team network

    _lists = field_validator("with_", mode="before")(_text_list)

    @property
    def is_in_person(self) -> bool:
        if self.in_person is not None:
            return self.in_person
        return self.kind in IN_PERSON_KINDS


@pydantic_dataclass(frozen=True, slots=True, config=RECORD)
class Promise:
    """A next step promised to a contact: what, by when, when it was made, when it was kept."""

    what: Annotated[str, Field(min_length=1)]
    by: IsoDate
    made: IsoDate | None = None
    done: IsoDate | None = None

    @property
    def is_open(self) -> bool:
        return self.done is None

    @property
    def kept_on_time(self) -> bool:
        return self.done is not None and self.done <= self.by


@pydantic_dataclass(frozen=True, slots=True, config=RECORD)
class Contact:
    name: Annotated[str, Field(min_length=1)]
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company: str | None = None
    role: str | None = None
    city: str | None = None
    links: tuple[str, ...] = ()
    circles: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    status: Status = "active"
    held_by: str | None = None  # the member who holds the relationship, set by handover
    since: IsoDate | None = None
    birthday: YearlyText | None = None
    dates: dict[str, YearlyText] = Field(default_factory=dict)
    cadence_days: Days | None = None
    qualification: Qualification | None = None
    interactions: tuple[Interaction, ...] = ()
    promises: tuple[Promise, ...] = ()
    notes: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)

    _lists = field_validator(
        "emails", "phones", "links", "circles", "tags", "interactions", "promises", mode="before"
    )(_text_list)
    _extra = field_validator("extra", "dates", mode="before")(lambda v: {} if v is None else v)

    @field_validator("name")
    @classmethod
    def _name_has_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(_("a name cannot be blank"))
        return value

    @property
    def is_active(self) -> bool:
        return self.status == "active"


CONTACT_KEYS = field_names(Contact)
INTERACTION_KEYS = (
    "date", "kind", "in_person", "tone", "note", "gave", "received", "with", "uid", "by"
)  # fmt: skip
PROMISE_KEYS = field_names(Promise)


class Ritual(Strict):
    weekday: Weekday = "monday"
    minutes: Annotated[int, Field(ge=15, le=1440)] = 240


class Objective(Strict):
    goal: str | None = None
    description: str | None = None
    cadence_days: Days | None = None


class Weights(Strict):
    strength: Annotated[int, Field(ge=0)] = 20
    sharing: Annotated[int, Field(ge=0)] = 25
    influence: Annotated[int, Field(ge=0)] = 25
    pleasure: Annotated[int, Field(ge=0)] = 15
    efficiency: Annotated[int, Field(ge=0)] = 15

    @property
    def total(self) -> int:
        return self.strength + self.sharing + self.influence + self.pleasure + self.efficiency


class Tiers(Strict):
    A: Annotated[int, Field(ge=0, le=100)] = 70
    B: Annotated[int, Field(ge=0, le=100)] = 40


class Scoring(Strict):
    weights: Weights = Field(default_factory=Weights)
    tiers: Tiers = Field(default_factory=Tiers)


class TierCadence(Strict):
    A: Days = 30
    B: Days = 90
    C: Days = 365


class Member(Strict):
    """One person of a team that shares the network."""

    name: str | None = None
    email: str | None = None


class GitSettings(Strict):
    autocommit: bool = False  # every write command commits its own change


def _time_zone(value: str) -> str:
    """An IANA time zone (`Europe/Paris`), as the calendar's VTIMEZONE needs one."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        reason = f"'{value}' is not a time zone: write it as Europe/Paris, America/New_York..."
        raise PydanticCustomError("time_zone", "{reason}", {"reason": reason}) from None
    return value


TimeZone = Annotated[str, AfterValidator(_time_zone)]


class Settings(Strict):
    owner: str | None = None
    timezone: TimeZone | None = None  # None: the system's
    language: str | None = None
    ritual: Ritual = Field(default_factory=Ritual)
    dunbar_limit: Annotated[int, Field(ge=1)] = 150
    met_within_days: Days = 365
    objectives: dict[str, Objective] = Field(default_factory=dict)
    territories: list[str] = Field(default_factory=list)
    scoring: Scoring = Field(default_factory=Scoring)
    cadence_days: TierCadence = Field(default_factory=TierCadence)
    durations: dict[str, Annotated[int, Field(ge=1, le=480)]] = Field(default_factory=dict)
    git: GitSettings = Field(default_factory=GitSettings)
    members: dict[str, Member] = Field(default_factory=dict)

    @field_validator("members", mode="before")
    @classmethod
    def _members(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: {} if item is None else item for key, item in value.items()}
        return {} if value is None else value

    @field_validator("objectives", mode="before")
    @classmethod
    def _objectives(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: {} if item is None else item for key, item in value.items()}
        return value

    _lists = field_validator("territories", mode="before")(_text_list)


class MeetItem(Strict):
    contact: str
    why: str | None = None
    channel: str | None = None
    by: IsoDate | None = None
    done: IsoDate | None = None
    carried: str | None = None
    owner: str | None = None  # the member it is for, in a team network


class AnimateItem(Strict):
    what: str
    on: IsoDate | None = None
    invite: list[str] = Field(default_factory=list)
    done: IsoDate | None = None
    carried: str | None = None
    owner: str | None = None  # the member it is for, in a team network

    _lists = field_validator("invite", mode="before")(_text_list)


class ReputationItem(Strict):
    what: str
    channel: str | None = None
    by: IsoDate | None = None
    done: IsoDate | None = None
    carried: str | None = None
    owner: str | None = None  # the member it is for, in a team network


class Plan(Strict):
    quarter: QuarterText
    focus: list[str] = Field(default_factory=list)
    meet: list[MeetItem] = Field(default_factory=list)
    animate: list[AnimateItem] = Field(default_factory=list)
    reputation: list[ReputationItem] = Field(default_factory=list)

    _lists = field_validator("focus", "meet", "animate", "reputation", mode="before")(_text_list)


class Session(Strict):
    date: IsoDate
    minutes: Annotated[int, Field(ge=1, le=1440)] | None = None
    note: str | None = None
    by: str | None = None


class Journal(Strict):
    sessions: list[Session] = Field(default_factory=list)

    _lists = field_validator("sessions", mode="before")(_text_list)
