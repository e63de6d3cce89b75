"""Type stubs of taizhang._taizhang, the compiled core of the taizhang package.

Written by hand from the bindings (bindings/python/src/register_*.cpp) and kept complete by the
``python_stubs_complete`` test (tests/scripts/check_stubs.py): every public name of the module
has an entry here and every entry here exists in the module. The documentation of each name is
its ``__doc__`` at run time (``help(taizhang.Ledger.rollup)``).

Arguments are typed as widely as the bindings accept them: an exact value may be a
``decimal.Decimal``, an ``int`` (or a numpy integer) or a ``str`` such as ``"1.6万"``, never a
float; a period a ``Period`` or ``"2021Q3"``; a date a ``datetime.date`` or ``"2021-12-31"``; a
time an aware or naive ``datetime.datetime`` or ISO 8601 text; a list of model values its list
type or any iterable of the values; a path a ``str`` or an ``os.PathLike``. Results and
attributes are typed as what the bindings return. Attributes that can be assigned are declared as
plain attributes with the type they are read back as.
"""

import datetime
import decimal
import os
from typing import (
    Any,
    Callable,
    ClassVar,
    Generic,
    Iterable,
    Iterator,
    Sequence,
    SupportsIndex,
    TypeVar,
    overload,
)

import pandas
from typing_extensions import Self, TypeAlias

from taizhang import _LedgerValues

__version__: str

_T = TypeVar("_T")

# What the bindings accept where they take an exact value, a period, a date, a time, a path.
_DecimalIn: TypeAlias = decimal.Decimal | str | SupportsIndex  # int, numpy.int64…; not float
_PeriodIn: TypeAlias = Period | str
_DateIn: TypeAlias = datetime.date | str
_TimeIn: TypeAlias = datetime.datetime | str
_PathIn: TypeAlias = str | os.PathLike[str]

class _Enum:
    # What every pybind11 enum of the module has (they are not enum.Enum subclasses).
    def __init__(self, value: int) -> None: ...
    @property
    def name(self) -> str: ...
    @property
    def value(self) -> int: ...
    def __int__(self) -> int: ...
    def __index__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class _List(Generic[_T]):
    # What every list type of the module has (py::bind_vector): a mutable list of one type of
    # value. Items taken out of it are copies (change one and put it back: items[i] = item). Not a
    # subclass of list; any iterable of the items is accepted wherever one of these is expected.
    @overload
    def __init__(self) -> None: ...
    @overload
    def __init__(self, items: Iterable[_T]) -> None: ...
    def append(self, x: _T) -> None: ...
    def clear(self) -> None: ...
    def extend(self, L: Iterable[_T]) -> None: ...
    def insert(self, i: SupportsIndex, x: _T) -> None: ...
    def pop(self, i: SupportsIndex = ...) -> _T: ...
    @overload
    def __getitem__(self, index: SupportsIndex) -> _T: ...
    @overload
    def __getitem__(self, s: slice) -> Self: ...
    @overload
    def __setitem__(self, i: SupportsIndex, x: _T) -> None: ...
    @overload
    def __setitem__(self, s: slice, x: Iterable[_T]) -> None: ...
    def __delitem__(self, i: SupportsIndex | slice) -> None: ...
    def __iter__(self) -> Iterator[_T]: ...
    def __len__(self) -> int: ...
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class _ValueList(_List[_T]):
    # The lists of model values, which also search by equality.
    def count(self, x: _T) -> int: ...
    def remove(self, x: _T) -> None: ...
    def __contains__(self, x: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...

class Accumulation(_Enum):
    __members__: ClassVar[dict[str, Accumulation]]
    incremental: ClassVar[Accumulation]
    cumulative: ClassVar[Accumulation]
    level: ClassVar[Accumulation]

class Actor:
    def __init__(self, unit: str, role: ActorRole = ..., person: str = ...) -> None: ...
    unit: str
    role: ActorRole
    person: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class ActorRole(_Enum):
    __members__: ClassVar[dict[str, ActorRole]]
    reporter: ClassVar[ActorRole]
    coordinator: ClassVar[ActorRole]
    administrator: ClassVar[ActorRole]

class Assignment:
    def __init__(self, unit: str = ..., role: Role = ..., division: str = ..., person: str = ...) -> None: ...
    unit: str
    role: Role
    division: str
    person: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class AssignmentList(_ValueList[Assignment]):
    pass

class Baseline:
    def __init__(self, value: _DecimalIn | None = ..., date: _DateIn | None = ..., note: str = ...) -> None: ...
    value: decimal.Decimal | None
    date: datetime.date | None
    note: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


class Combination(_Enum):
    __members__: ClassVar[dict[str, Combination]]
    sum: ClassVar[Combination]
    lead_only: ClassVar[Combination]
    max: ClassVar[Combination]
    mean: ClassVar[Combination]

class Compliance(_Enum):
    __members__: ClassVar[dict[str, Compliance]]
    not_due: ClassVar[Compliance]
    on_time: ClassVar[Compliance]
    late: ClassVar[Compliance]
    missing: ClassVar[Compliance]
    omitted: ClassVar[Compliance]
    returned: ClassVar[Compliance]

class ComplianceCell:
    def __init__(self, period: _PeriodIn = ..., unit: str = ..., compliance: Compliance = ..., due: _DateIn = ..., days_overdue: int = ..., submitted: _TimeIn | None = ..., initiatives: Sequence[int] = ...) -> None: ...
    period: Period
    unit: str
    compliance: Compliance
    due: datetime.date
    days_overdue: int
    submitted: datetime.datetime | None
    initiatives: list[int]
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class ComplianceCellList(_ValueList[ComplianceCell]):
    def to_pandas(self) -> pandas.DataFrame: ...

# A line of the chasing list is a compliance cell (C++: using ChaseItem = ComplianceCell).
ChaseItem = ComplianceCell
ChaseItemList = ComplianceCellList

class Contact:
    def __init__(self, phone: str = ..., email: str = ...) -> None: ...
    phone: str
    email: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class ContentMode(_Enum):
    __members__: ClassVar[dict[str, ContentMode]]
    replace: ClassVar[ContentMode]
    merge: ClassVar[ContentMode]

class Contribution:
    def __init__(self, unit: str = ..., value: _DecimalIn | None = ..., latest: _PeriodIn | None = ..., stage: str = ...) -> None: ...
    unit: str
    value: decimal.Decimal | None
    latest: Period | None
    stage: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Direction(_Enum):
    __members__: ClassVar[dict[str, Direction]]
    higher_is_better: ClassVar[Direction]
    lower_is_better: ClassVar[Direction]

class Durability(_Enum):
    __members__: ClassVar[dict[str, Durability]]
    full: ClassVar[Durability]
    normal: ClassVar[Durability]

class Explanation:
    def __init__(self, subject: str = ..., inputs: Sequence[ExplanationInput] = ..., steps: Sequence[str] = ...) -> None: ...
    subject: str
    inputs: list[ExplanationInput]
    steps: list[str]
    def __str__(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class ExplanationInput:
    def __init__(self, report: ReportKey, revision: int = ..., recorded_at: _TimeIn = ..., actor: Actor = ..., target: str = ..., value: _DecimalIn | None = ..., stage: str = ..., counted: bool = ..., warning: str = ...) -> None: ...
    report: ReportKey
    revision: int
    recorded_at: datetime.datetime
    actor: Actor
    target: str
    value: decimal.Decimal | None
    stage: str
    counted: bool
    warning: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Filing:
    def __init__(self, actor: Actor, key: ReportKey, content: ReportContent, mode: ContentMode = ...) -> None: ...
    actor: Actor
    key: ReportKey
    content: ReportContent
    mode: ContentMode
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class FilingCheck:
    def __init__(self, errors: Sequence[Issue] = ..., warnings: Sequence[Issue] = ..., code: str = ...) -> None: ...
    errors: list[Issue]
    warnings: list[Issue]
    code: str
    @property
    def ok(self) -> bool: ...
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Initiative:
    def __init__(self, number: int = ..., title: str = ..., description: str = ..., assignments: AssignmentList | Iterable[Assignment] = ..., targets: TargetList | Iterable[Target] = ..., parameters: ParameterList | Iterable[Parameter] = ..., deadline: _DateIn | None = ...) -> None: ...
    number: int
    title: str
    description: str
    assignments: AssignmentList
    targets: TargetList
    parameters: ParameterList
    deadline: datetime.date | None
    def lead_units(self) -> list[str]: ...
    def find_assignment(self, unit: str) -> Assignment | None: ...
    def contributors_of(self, target: Target) -> list[str]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class InitiativeList(_ValueList[Initiative]):
    pass

class InitiativeProgress:
    def __init__(self, initiative: int, narrative: str = ..., expected_completion: _DateIn | None = ...) -> None: ...
    initiative: int
    narrative: str
    expected_completion: datetime.date | None
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class InitiativeProgressList(_ValueList[InitiativeProgress]):
    pass

class InitiativeRollup:
    def __init__(self, number: int = ..., completion: float = ..., expected: float = ..., status: Status = ..., worst_target: str = ..., measurable_targets: int = ...) -> None: ...
    number: int
    completion: float
    expected: float
    status: Status
    worst_target: str
    measurable_targets: int
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class InitiativeRollupList(_List[InitiativeRollup]):
    def to_pandas(self) -> pandas.DataFrame: ...

class Issue:
    def __init__(self, severity: Severity = ..., path: str = ..., message: str = ...) -> None: ...
    severity: Severity
    path: str
    message: str
    def __str__(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Ledger:
    @staticmethod
    def open(path: _PathIn, *, create_if_missing: bool = ..., read_only: bool = ..., busy_timeout: float = ..., durability: Durability = ..., clock: Callable[[], datetime.datetime] | None = ...) -> Ledger: ...
    @staticmethod
    def schema_version() -> int: ...
    @property
    def path(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def __enter__(self) -> Ledger: ...
    def __exit__(self, *args: object) -> None: ...
    def units(self) -> UnitList: ...
    def unit(self, code: str) -> Unit | None: ...
    def put_unit(self, actor: Actor, unit: Unit) -> None: ...
    def import_plan(self, actor: Actor, plan: Plan, reason: str = ...) -> None: ...
    def update_plan(self, actor: Actor, plan: Plan, reason: str) -> None: ...
    def plans(self) -> list[PlanSummary]: ...
    def plan(self, code: str) -> Plan: ...
    def plan_at(self, code: str, when: _TimeIn) -> Plan: ...
    def plan_history(self, code: str) -> list[PlanVersion]: ...
    def save(self, actor: Actor, key: ReportKey, content: ReportContent, *, mode: ContentMode = ...) -> Report: ...
    def submit(self, actor: Actor, key: ReportKey) -> Report: ...
    def file(self, actor: Actor, key: ReportKey, content: ReportContent, *, mode: ContentMode = ...) -> Report: ...
    def file_all(self, filings: Iterable[Filing]) -> int: ...
    def check(self, filings: Iterable[Filing]) -> list[FilingCheck]: ...
    def accept(self, actor: Actor, key: ReportKey) -> Report: ...
    def return_report(self, actor: Actor, key: ReportKey, reason: str) -> Report: ...
    def correct(self, actor: Actor, key: ReportKey, content: ReportContent, reason: str, *, mode: ContentMode = ...) -> Report: ...
    def report(self, key: ReportKey) -> Report | None: ...
    def report_at(self, key: ReportKey, when: _TimeIn) -> Report | None: ...
    def history(self, key: ReportKey) -> list[Revision]: ...
    def reports(self, plan: str, *, period: _PeriodIn | None = ..., unit: str = ..., initiative: int | None = ..., status: ReportStatus | None = ..., recorded_at: _TimeIn | None = ...) -> list[Report]: ...
    def verify(self) -> VerifyResult: ...
    def backup(self, destination: _PathIn) -> None: ...
    def rollup(self, plan: str, as_of: _PeriodIn, *, recorded_at: _TimeIn | None = ..., accepted_only: bool = ..., today: _DateIn | None = ..., include_drafts: bool = ...) -> Rollup: ...
    def rollup_series(self, plan: str, as_of: _PeriodIn, *, recorded_at: _TimeIn | None = ..., accepted_only: bool = ..., today: _DateIn | None = ..., include_drafts: bool = ...) -> RollupList: ...
    def explain(self, plan: str, as_of: _PeriodIn, subject: str, *, recorded_at: _TimeIn | None = ..., accepted_only: bool = ..., today: _DateIn | None = ..., include_drafts: bool = ...) -> Explanation: ...
    def values_table(self, plan: str = ..., *, recorded_at: _TimeIn | None = ..., accepted_only: bool = ..., include_drafts: bool = ...) -> ValueTable: ...
    def unit_form(self, plan: str, unit: str, period: _PeriodIn, *, include_drafts: bool = ...) -> ProgressForm: ...
    def consolidated_form(self, plan: str, period: _PeriodIn, *, include_drafts: bool = ...) -> ProgressForm: ...
    def import_csv(self, actor: Actor, plan: str, path: _PathIn, *, partial: bool = ..., mode: ContentMode = ...) -> CsvReading: ...
    def export(self, directory: _PathIn) -> list[str]: ...
    @property
    def values(self) -> _LedgerValues: ...

class Measure(_Enum):
    __members__: ClassVar[dict[str, Measure]]
    count: ClassVar[Measure]
    money: ClassVar[Measure]
    percent: ClassVar[Measure]
    milestone: ClassVar[Measure]
    qualitative: ClassVar[Measure]

class MilestoneStage:
    def __init__(self, name: str = ..., share: _DecimalIn = ...) -> None: ...
    name: str
    share: decimal.Decimal
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class MilestoneStageList(_ValueList[MilestoneStage]):
    pass

class Parameter:
    def __init__(self, name: str = ..., value: _DecimalIn = ..., unit: str = ..., basis: str = ..., source_text: str = ...) -> None: ...
    name: str
    value: decimal.Decimal
    unit: str
    basis: str
    source_text: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class ParameterList(_ValueList[Parameter]):
    pass

class Period:
    def __init__(self, text: str) -> None: ...
    @staticmethod
    def year_of(year: int) -> Period: ...
    @staticmethod
    def quarter(year: int, quarter: int) -> Period: ...
    @staticmethod
    def month(year: int, month: int) -> Period: ...
    @staticmethod
    def containing(date: _DateIn, kind: PeriodKind) -> Period: ...
    @property
    def kind(self) -> PeriodKind: ...
    @property
    def year(self) -> int: ...
    @property
    def index(self) -> int: ...
    @property
    def first_day(self) -> datetime.date: ...
    @property
    def last_day(self) -> datetime.date: ...
    def contains(self, date: _DateIn) -> bool: ...
    def next(self) -> Period: ...
    def previous(self) -> Period: ...
    def __str__(self) -> str: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __lt__(self, other: _PeriodIn) -> bool: ...
    def __le__(self, other: _PeriodIn) -> bool: ...
    def __gt__(self, other: _PeriodIn) -> bool: ...
    def __ge__(self, other: _PeriodIn) -> bool: ...

class Outlook(_Enum):
    __members__: ClassVar[dict[str, Outlook]]
    none: ClassVar[Outlook]
    likely_met: ClassVar[Outlook]
    likely_short: ClassVar[Outlook]

class PeriodKind(_Enum):
    __members__: ClassVar[dict[str, PeriodKind]]
    year: ClassVar[PeriodKind]
    quarter: ClassVar[PeriodKind]
    month: ClassVar[PeriodKind]

class Plan:
    def __init__(self, code: str = ..., title: str = ..., issuer: str = ..., year: int = ..., issue_date: _DateIn | None = ..., reporting: PeriodKind = ..., start: _DateIn = ..., end: _DateIn = ..., coordinator: str = ..., report_due_days: int = ..., contact: Contact = ..., tolerance: _DecimalIn = ..., reporting_rules: ReportingRules = ..., source: SourceDocument = ..., notes: Sequence[str] = ..., units_of_measure: UnitOfMeasureList | Iterable[UnitOfMeasure] = ..., units: UnitList | Iterable[Unit] = ..., initiatives: InitiativeList | Iterable[Initiative] = ...) -> None: ...
    code: str
    title: str
    issuer: str
    year: int
    issue_date: datetime.date | None
    reporting: PeriodKind
    start: datetime.date
    end: datetime.date
    coordinator: str
    report_due_days: int
    contact: Contact
    tolerance: decimal.Decimal
    reporting_rules: ReportingRules
    source: SourceDocument
    notes: list[str]
    units_of_measure: UnitOfMeasureList
    units: UnitList
    initiatives: InitiativeList
    def periods(self) -> list[Period]: ...
    def unit_registry(self) -> UnitRegistry: ...
    def find_unit(self, code: str) -> Unit | None: ...
    def find_initiative(self, number: int) -> Initiative | None: ...
    def find_target(self, code: str) -> Target | None: ...
    def replace_target(self, target: Target) -> None: ...
    def replace_initiative(self, initiative: Initiative) -> None: ...
    def deadline_of(self, target: str) -> datetime.date: ...
    def report_due(self, period: _PeriodIn) -> datetime.date: ...
    def requires_report(self, period: _PeriodIn) -> bool: ...
    def reported_initiatives(self, unit: str) -> list[int]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> Plan: ...
    def validate(self) -> list[Issue]: ...
    def outline(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class PlanRollup:
    def __init__(self, completion: float = ..., expected: float = ..., status: Status = ..., worst_target: str = ..., measurable_targets: int = ...) -> None: ...
    completion: float
    expected: float
    status: Status
    worst_target: str
    measurable_targets: int
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class PlanSummary:
    def __init__(self, code: str = ..., title: str = ..., year: int = ..., versions: int = ..., imported_at: _TimeIn = ..., updated_at: _TimeIn = ...) -> None: ...
    code: str
    title: str
    year: int
    versions: int
    imported_at: datetime.datetime
    updated_at: datetime.datetime
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class PlanVersion:
    def __init__(self, version: int = ..., recorded_at: _TimeIn = ..., actor: Actor = ..., reason: str = ..., plan: Plan = ..., hash: str = ...) -> None: ...
    version: int
    recorded_at: datetime.datetime
    actor: Actor
    reason: str
    plan: Plan
    hash: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Quantity:
    def __init__(self, value: _DecimalIn = ..., unit: str = ...) -> None: ...
    value: decimal.Decimal
    unit: str
    def __str__(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Report:
    def __init__(self, key: ReportKey, current: Revision = ..., first_submitted: _TimeIn | None = ..., last_accepted: _TimeIn | None = ..., accepted_revision: int = ..., counted_revision: int = ..., counted: ReportContent = ..., returned_at: _TimeIn | None = ..., warnings: Sequence[Issue] = ...) -> None: ...
    key: ReportKey
    current: Revision
    first_submitted: datetime.datetime | None
    last_accepted: datetime.datetime | None
    accepted_revision: int
    counted_revision: int
    counted: ReportContent
    returned_at: datetime.datetime | None
    warnings: list[Issue]
    @property
    def status(self) -> ReportStatus: ...
    @property
    def content(self) -> ReportContent: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class ReportAction(_Enum):
    __members__: ClassVar[dict[str, ReportAction]]
    saved: ClassVar[ReportAction]
    submitted: ClassVar[ReportAction]
    resubmitted: ClassVar[ReportAction]
    accepted: ClassVar[ReportAction]
    returned: ClassVar[ReportAction]
    corrected: ClassVar[ReportAction]

class ReportContent:
    def __init__(self, progress: InitiativeProgressList | Iterable[InitiativeProgress] = ..., values: TargetValueList | Iterable[TargetValue] = ...) -> None: ...
    progress: InitiativeProgressList
    values: TargetValueList
    def find_progress(self, initiative: int) -> InitiativeProgress | None: ...
    def find_value(self, target: str) -> TargetValue | None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class ReportKey:
    def __init__(self, plan: str, unit: str, period: _PeriodIn) -> None: ...
    plan: str
    unit: str
    period: Period
    def __str__(self) -> str: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...

class ReportingRules:
    def __init__(self, reporters: Reporters = ..., over_goal: _DecimalIn = ..., jump: _DecimalIn = ...) -> None: ...
    reporters: Reporters
    over_goal: decimal.Decimal
    jump: decimal.Decimal
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Reporters(_Enum):
    __members__: ClassVar[dict[str, Reporters]]
    assigned: ClassVar[Reporters]
    leads: ClassVar[Reporters]
    contributors: ClassVar[Reporters]

class ReportStatus(_Enum):
    __members__: ClassVar[dict[str, ReportStatus]]
    draft: ClassVar[ReportStatus]
    submitted: ClassVar[ReportStatus]
    accepted: ClassVar[ReportStatus]
    returned: ClassVar[ReportStatus]

class Revision:
    def __init__(self, number: int = ..., recorded_at: _TimeIn = ..., actor: Actor = ..., action: ReportAction = ..., status: ReportStatus = ..., reason: str = ..., content: ReportContent = ..., hash: str = ...) -> None: ...
    number: int
    recorded_at: datetime.datetime
    actor: Actor
    action: ReportAction
    status: ReportStatus
    reason: str
    content: ReportContent
    hash: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Role(_Enum):
    __members__: ClassVar[dict[str, Role]]
    lead: ClassVar[Role]
    co_responsible: ClassVar[Role]

class Rollup:
    @property
    def plan_code(self) -> str: ...
    @property
    def as_of(self) -> Period: ...
    @property
    def recorded_at(self) -> datetime.datetime | None: ...
    @property
    def accepted_only(self) -> bool: ...
    @property
    def include_drafts(self) -> bool: ...
    @property
    def today(self) -> datetime.date | None: ...
    plan_version: int
    targets: TargetRollupList
    initiatives: InitiativeRollupList
    plan: PlanRollup
    units: UnitRollupList
    compliance: ComplianceCellList
    chasing: ComplianceCellList
    def find_target(self, code: str) -> TargetRollup | None: ...
    def find_initiative(self, number: int) -> InitiativeRollup | None: ...
    def find_unit(self, code: str) -> UnitRollup | None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class RollupList(_List[Rollup]):
    def to_pandas(self) -> pandas.DataFrame: ...

class Rounding(_Enum):
    __members__: ClassVar[dict[str, Rounding]]
    half_up: ClassVar[Rounding]
    half_even: ClassVar[Rounding]
    toward_zero: ClassVar[Rounding]

class Severity(_Enum):
    __members__: ClassVar[dict[str, Severity]]
    error: ClassVar[Severity]
    warning: ClassVar[Severity]

class SourceDocument:
    def __init__(self, title: str = ..., number: str = ..., url: str = ..., form_title: str = ...) -> None: ...
    title: str
    number: str
    url: str
    form_title: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Status(_Enum):
    __members__: ClassVar[dict[str, Status]]
    achieved: ClassVar[Status]
    on_track: ClassVar[Status]
    at_risk: ClassVar[Status]
    behind: ClassVar[Status]
    no_data: ClassVar[Status]
    overdue: ClassVar[Status]

class StorageFault(_Enum):
    __members__: ClassVar[dict[str, StorageFault]]
    other: ClassVar[StorageFault]
    cannot_open: ClassVar[StorageFault]
    not_sqlite: ClassVar[StorageFault]
    not_a_ledger: ClassVar[StorageFault]
    too_new: ClassVar[StorageFault]
    corrupt: ClassVar[StorageFault]
    busy: ClassVar[StorageFault]
    full: ClassVar[StorageFault]
    read_only: ClassVar[StorageFault]

class Target:
    def __init__(self, code: str = ..., description: str = ..., measure: Measure = ..., unit: str = ..., value: _DecimalIn | None = ..., baseline: Baseline | None = ..., form: TargetForm = ..., direction: Direction = ..., accumulation: Accumulation = ..., combination: Combination = ..., contributors: Sequence[str] = ..., deadline: _DateIn | None = ..., trajectory: TrajectoryPointList | Iterable[TrajectoryPoint] = ..., weight: _DecimalIn = ..., scope: str = ..., stages: MilestoneStageList | Iterable[MilestoneStage] = ..., note: str = ..., source_text: str = ...) -> None: ...
    code: str
    description: str
    measure: Measure
    unit: str
    value: decimal.Decimal | None
    baseline: Baseline | None
    form: TargetForm
    direction: Direction
    accumulation: Accumulation
    combination: Combination
    contributors: list[str]
    deadline: datetime.date | None
    trajectory: TrajectoryPointList
    weight: decimal.Decimal
    scope: str
    stages: MilestoneStageList
    note: str
    source_text: str
    @property
    def is_numeric(self) -> bool: ...
    @property
    def is_measurable(self) -> bool: ...
    def goal(self) -> decimal.Decimal | None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class TargetForm(_Enum):
    __members__: ClassVar[dict[str, TargetForm]]
    absolute: ClassVar[TargetForm]
    rise_percent: ClassVar[TargetForm]
    rise_amount: ClassVar[TargetForm]

class TargetList(_ValueList[Target]):
    pass

class TargetRollup:
    def __init__(self, code: str = ..., initiative: int = ..., contributions: Sequence[Contribution] = ..., actual: _DecimalIn | None = ..., goal: _DecimalIn | None = ..., baseline: _DecimalIn | None = ..., completion: float | None = ..., expected: float = ..., status: Status = ..., deadline: _DateIn = ..., forecast: _DecimalIn | None = ..., forecast_completion: float | None = ..., outlook: Outlook = ..., warnings: Sequence[str] = ..., problem: str = ...) -> None: ...
    code: str
    initiative: int
    contributions: list[Contribution]
    actual: decimal.Decimal | None
    goal: decimal.Decimal | None
    baseline: decimal.Decimal | None
    completion: float | None
    expected: float
    status: Status
    deadline: datetime.date
    forecast: decimal.Decimal | None
    forecast_completion: float | None
    outlook: Outlook
    warnings: list[str]
    problem: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class TargetRollupList(_List[TargetRollup]):
    def to_pandas(self) -> pandas.DataFrame: ...

class TargetValue:
    def __init__(self, target: str, value: _DecimalIn | None = ..., unit: str = ..., stage: str = ..., comment: str = ..., evidence: str = ..., text: str = ...) -> None: ...
    target: str
    # Read back as a Decimal (or None); assigning a str sets `text` (the value as written).
    @property
    def value(self) -> decimal.Decimal | None: ...
    @value.setter
    def value(self, value: _DecimalIn | None) -> None: ...
    unit: str
    stage: str
    comment: str
    evidence: str
    text: str
    @property
    def filed_value(self) -> decimal.Decimal | None: ...
    @property
    def filed_unit(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class TargetValueList(_ValueList[TargetValue]):
    pass

class TrajectoryPoint:
    def __init__(self, period: _PeriodIn, share: _DecimalIn) -> None: ...
    period: Period
    share: decimal.Decimal
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class TrajectoryPointList(_ValueList[TrajectoryPoint]):
    pass

class Unit:
    def __init__(self, code: str = ..., name: str = ..., kind: UnitKind = ..., parent: str = ..., full_name: str = ...) -> None: ...
    code: str
    name: str
    kind: UnitKind
    parent: str
    full_name: str
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class UnitKind(_Enum):
    __members__: ClassVar[dict[str, UnitKind]]
    bureau: ClassVar[UnitKind]
    town: ClassVar[UnitKind]
    street: ClassVar[UnitKind]
    development_zone: ClassVar[UnitKind]
    mass_organisation: ClassVar[UnitKind]
    enterprise: ClassVar[UnitKind]
    coordinating_office: ClassVar[UnitKind]
    party_department: ClassVar[UnitKind]
    institution: ClassVar[UnitKind]
    government: ClassVar[UnitKind]
    other: ClassVar[UnitKind]
    placeholder: ClassVar[UnitKind]

class UnitList(_ValueList[Unit]):
    pass

class UnitOfMeasure:
    def __init__(self, name: str, dimension: str, factor: _DecimalIn = ...) -> None: ...
    name: str
    dimension: str
    factor: decimal.Decimal
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class UnitOfMeasureList(_ValueList[UnitOfMeasure]):
    pass

class UnitRegistry:
    def __init__(self) -> None: ...
    @staticmethod
    def standard() -> UnitRegistry: ...
    def add(self, unit: UnitOfMeasure) -> None: ...
    def find(self, name: str) -> UnitOfMeasure | None: ...
    def base_of(self, name: str) -> UnitOfMeasure | None: ...
    def convertible(self, source: str, target: str) -> bool: ...
    def convert(self, value: _DecimalIn, source: str, target: str) -> decimal.Decimal: ...
    def units(self) -> UnitOfMeasureList: ...
    def __len__(self) -> int: ...
    def __contains__(self, name: str) -> bool: ...

class UnitRollup:
    def __init__(self, unit: str = ..., assignments: int = ..., reports_due: int = ..., on_time: int = ..., late: int = ..., missing: int = ..., omitted: int = ..., returned: int = ..., days_late: int = ...) -> None: ...
    unit: str
    assignments: int
    reports_due: int
    on_time: int
    late: int
    missing: int
    omitted: int
    returned: int
    days_late: int
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class UnitRollupList(_List[UnitRollup]):
    def to_pandas(self) -> pandas.DataFrame: ...

class ValueTable:
    @property
    def plans(self) -> list[str]: ...
    @property
    def units(self) -> list[str]: ...
    @property
    def targets(self) -> list[str]: ...
    @property
    def stages(self) -> list[str]: ...
    @property
    def plan(self) -> list[int]: ...
    @property
    def unit(self) -> list[int]: ...
    @property
    def period(self) -> list[Period]: ...
    @property
    def target(self) -> list[int]: ...
    @property
    def value(self) -> list[decimal.Decimal | None]: ...
    @property
    def stage(self) -> list[int]: ...
    @property
    def status(self) -> list[ReportStatus]: ...
    @property
    def revision(self) -> list[int]: ...
    @property
    def recorded_at(self) -> list[datetime.datetime]: ...
    def __len__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def to_pandas(self) -> pandas.DataFrame: ...

class ValueReading:
    def __init__(self, value: _DecimalIn = ..., as_written: Quantity = ...) -> None: ...
    value: decimal.Decimal
    as_written: Quantity
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class VerifyResult:
    def __init__(self, ok: bool = ..., revisions_checked: int = ..., plan_versions_checked: int = ..., first_mismatch: str = ..., integrity: str = ...) -> None: ...
    ok: bool
    revisions_checked: int
    plan_versions_checked: int
    first_mismatch: str
    integrity: str
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def _columns_compliance(cells: ComplianceCellList | Iterable[ComplianceCell]) -> dict[str, Any]: ...
def _columns_contributions(targets: TargetRollupList | Iterable[TargetRollup]) -> dict[str, Any]: ...
def _columns_initiatives(initiatives: InitiativeRollupList | Iterable[InitiativeRollup]) -> dict[str, Any]: ...
def _columns_series(series: RollupList | Iterable[Rollup]) -> dict[str, Any]: ...
def _columns_targets(targets: TargetRollupList | Iterable[TargetRollup]) -> dict[str, Any]: ...
def _columns_units(units: UnitRollupList | Iterable[UnitRollup]) -> dict[str, Any]: ...
def _columns_values(table: ValueTable) -> dict[str, Any]: ...
def chinese_ordinal(number: int) -> str: ...
def decimal_round(value: _DecimalIn, places: int, mode: Rounding = ...) -> decimal.Decimal: ...
def default_milestone_stages() -> MilestoneStageList: ...
def format_outline(plan: Plan) -> str: ...
def load_plan(path: _PathIn) -> Plan: ...
def local_date(moment: _TimeIn, utc_offset_minutes: int = ...) -> datetime.date: ...
def merge_content(base: ReportContent, patch: ReportContent) -> ReportContent: ...
def parse_number(text: str) -> decimal.Decimal: ...
def parse_quantity(text: str, units: UnitRegistry | None = ...) -> Quantity: ...
def parse_timestamp(text: str) -> datetime.datetime: ...
def periods_between(first: _DateIn, last: _DateIn, kind: PeriodKind) -> list[Period]: ...
def plan_from_json(text: str, source: str = ...) -> Plan: ...
def plan_to_json(plan: Plan) -> str: ...
def read_value(text: str, unit: str, target_unit: str, units: UnitRegistry | None = ...) -> ValueReading: ...
def removed_by(current: ReportContent, replacement: ReportContent) -> list[Issue]: ...
def require_valid(plan: Plan, source: str = ...) -> None: ...
def save_plan(plan: Plan, path: _PathIn) -> None: ...
@overload
def validate(plan: Plan) -> list[Issue]: ...
@overload
def validate(unit: Unit) -> list[Issue]: ...

# ---- forms, status reports, CSV import and export (register_reports.cpp)

class TextEncoding(_Enum):
    __members__: ClassVar[dict[str, TextEncoding]]
    utf8: ClassVar[TextEncoding]
    utf8_bom: ClassVar[TextEncoding]
    gb18030: ClassVar[TextEncoding]

class FormFormat(_Enum):
    __members__: ClassVar[dict[str, FormFormat]]
    xlsx: ClassVar[FormFormat]
    csv: ClassVar[FormFormat]
    markdown: ClassVar[FormFormat]
    html: ClassVar[FormFormat]

class FormEntry:
    def __init__(self) -> None: ...
    unit: str
    unit_name: str
    narrative: str
    expected_completion: datetime.date | None
    status: ReportStatus
    reported: bool
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class FormRow:
    def __init__(self) -> None: ...
    number: int
    initiative: str
    units: list[str]
    entries: list[FormEntry]
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class ProgressForm:
    def __init__(self) -> None: ...
    title: str
    plan: str
    period: Period
    unit: str
    unit_name: str
    rows: list[FormRow]
    made_at: datetime.datetime
    includes_drafts: bool
    @property
    def consolidated(self) -> bool: ...
    def render(self, format: FormFormat) -> str | bytes: ...  # bytes for xlsx, else text
    def write(self, format: FormFormat, path: _PathIn) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class CsvReading:
    @property
    def encoding(self) -> TextEncoding: ...
    @property
    def rows(self) -> int: ...
    @property
    def filings(self) -> list[Filing]: ...
    @property
    def problems(self) -> list[Issue]: ...
    @property
    def warnings(self) -> list[Issue]: ...

def format_status_table(plan: Plan, rollup: Rollup, width: int = ..., colour: bool = ...) -> str: ...
def read_progress_csv(data: bytes, plan: Plan, actor: Actor, source: str = ..., *, mode: ContentMode = ...) -> CsvReading: ...
def render_dashboard(plan: Plan, rollup: Rollup, series: RollupList | Iterable[Rollup], made_at: _TimeIn | None = ...) -> str: ...
def report_content_from_json(text: str) -> ReportContent: ...
def report_content_to_json(content: ReportContent) -> str: ...
def report_history_to_json(key: ReportKey, history: Sequence[Revision]) -> str: ...
def rollup_to_json(rollup: Rollup) -> str: ...

# ---- drafting a plan from a notice's text (register_draft.cpp)

class FindingSeverity(_Enum):
    __members__: ClassVar[dict[str, FindingSeverity]]
    info: ClassVar[FindingSeverity]
    warning: ClassVar[FindingSeverity]

class Finding:
    def __init__(self, severity: FindingSeverity = ..., path: str = ..., message: str = ..., source: str = ..., confidence: float = ...) -> None: ...
    severity: FindingSeverity
    path: str
    message: str
    source: str
    confidence: float
    def __str__(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Draft:
    def __init__(self) -> None: ...
    plan: Plan
    findings: list[Finding]
    truncated: bool
    @property
    def warnings(self) -> list[Finding]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def draft_plan(text: str | bytes, *, code: str = ..., default_year: int = ..., default_reporting: PeriodKind = ..., default_report_due_days: int = ..., max_bytes: int = ...) -> Draft: ...
