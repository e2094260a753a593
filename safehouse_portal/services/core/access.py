"""Who may see or do what to a provider's or an inspection's things: the one access policy.

Every service asks here instead of re-deriving team membership or provider scope. A
decision depends on the person's role and on how they are tied to the thing (a
``Relation``): the provider lead's own provider, the provider's designated inspector, an
inspector on one of the provider's inspections, this inspection's lead inspector, team
member or named quality assurance reviewer. The facts behind the relations are read from the database by ``access_facts``;
this module never touches it, so the whole policy is one table (``RULES``) tested as a
table in ``tests/unit/core/test_access.py``.

Services call ``admit`` (or ``require_role``) first, before looking anything up, so a
person of the wrong role learns nothing from an id; then ``require`` or ``may`` once the
facts are known. A refusal is ``PermissionDenied``; a service that must not reveal what
exists turns it into ``NotFound`` itself.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core.actor import CLI_OPERATOR, Actor
from safehouse_portal.services.core.errors import NotYours, PermissionDenied


class Relation(StrEnum):
    """How a person is tied to a provider or an inspection (several may hold at once)."""

    OWN_PROVIDER = "own_provider"
    """The person acts for this provider (their account names it)."""
    DESIGNATED = "designated_inspector"
    """The provider's designated inspector."""
    INSPECTING = "inspecting_provider"
    """Leads, or is on the team of, any inspection of the provider."""
    LEAD = "lead_inspector"
    """Leads this inspection."""
    TEAM = "team_member"
    """Is on this inspection's team (the lead is not a team member)."""
    QA_REVIEWER = "qa_reviewer"
    """Named by a programme manager to quality assure this inspection's draft (see ``Action.NAME_QA_REVIEWERS``)."""
    OPERATOR = "server_operator"
    """The ``safehouse`` command run on the server (``CLI_OPERATOR``)."""
    ADDRESSEE = "letter_addressee"
    """The person's stakeholder organisation was sent this inspection's early outcome letter."""
    PANEL_MEMBER = "quality_panel_member"
    """Named by a programme manager to the independent quality panel reviewing this inspection's judgement change."""


class Action(StrEnum):
    """What a person may ask to do; the rule for each is in ``RULES``."""

    VIEW_PROVIDER = "view_provider"
    """A provider's profile, lead contact and inspection timelines."""
    VIEW_PROVIDER_RECORDS = "view_provider_records"
    """A provider's sensitive records: safehouse addresses, uploaded files, requests, recommendation threads."""
    ACT_AS_PROVIDER = "act_as_provider"
    """The provider's own side: its home page, PIR, lead contact, draft comments, answers and updates."""
    VIEW_INSPECTION = "view_inspection"
    """An inspection's workspace and KLOEs, read."""
    WORK_ON_INSPECTION = "work_on_inspection"
    """Change the workspace: checklist, KLOEs, draft recommendations, serious concerns; reopen the PIR."""
    LEAD_INSPECTION = "lead_inspection"
    """The lead inspector's own steps: widen the scope, override a rating, send the early outcome letter."""
    FOLLOW_UP_WITH_PROVIDER = "follow_up_with_provider"
    """Ask and withdraw information requests; accept or return evidence that a recommendation is met."""
    READ_PIR = "read_pir"
    """Read the provider information return of an inspection."""
    MANAGE_INSPECTION = "manage_inspection"
    """Record a step's date, send the draft, decide factual accuracy comments, issue the final report."""
    MOVE_STAGE = "move_stage"
    """Move an inspection to another stage of its lifecycle."""
    EXTEND_DEADLINE = "extend_deadline"
    """Extend one of an inspection's deadlines."""
    REVIEW_QUALITY = "review_quality"
    """Sign off or return a draft report at quality assurance (a second pair of eyes)."""
    NAME_QA_REVIEWERS = "name_qa_reviewers"
    """Name, or stop naming, the inspectors who may quality assure an inspection's draft."""
    VIEW_REPORT_WORK = "view_report_work"
    """The report page: the report as it stands, quality assurance, comments and changes."""
    DOWNLOAD_WORKING_REPORT = "download_working_report"
    """The report as it stands, and every letter, as PDFs."""
    VIEW_SENT_DOCUMENT = "view_sent_document"
    """A document once it has been sent to the provider: the draft, its forms, a letter."""
    VIEW_FINAL_REPORT = "view_final_report"
    """The final report once issued."""
    VIEW_BOARD = "view_board"
    """An inspection's card on the programme board."""
    MANAGE_PROGRAMME = "manage_programme"
    """Allocate inspections, see coverage, move cards on the board."""
    MANAGE_SURVEY = "manage_survey"
    """Open an inspection's survivor survey link, change its closing date, see how many have answered."""
    IMPORT_PROGRAMME = "import_programme"
    """Import the programme spreadsheet (providers, locations, groups), creating provider lead accounts."""
    EXPORT_PROGRAMME = "export_programme"
    """Show or export the programme spreadsheet, without addresses."""
    EXPORT_PROGRAMME_ADDRESSES = "export_programme_addresses"
    """Show or export the programme with every safehouse's confidential address."""
    EDIT_PROGRAMME = "edit_programme"
    """Change providers, locations and inspection groups on the programme pages, each with a reason."""
    PROPOSE_SERVICE_CHANGE = "propose_service_change"
    """Tell CQC of a new service, a closure, a change of manager or of address (the provider's own)."""
    DECIDE_SERVICE_CHANGE = "decide_service_change"
    """Accept (apply) or decline a change a provider told CQC about."""
    VIEW_ENGAGEMENT = "view_engagement"
    """A provider's engagement meetings and agreed actions (the shared notes only, for the provider's lead)."""
    VIEW_INTERNAL_ENGAGEMENT_NOTES = "view_internal_engagement_notes"
    """The notes of an engagement meeting marked internal: CQC staff only."""
    RECORD_ENGAGEMENT_MEETING = "record_engagement_meeting"
    """Record an engagement meeting with a provider: its designated inspector or a programme manager."""
    VIEW_CONCERNS = "view_concerns"
    """Concerns heard between inspections about a provider: confidential to CQC staff, never its lead."""
    RECORD_CONCERN = "record_concern"
    """Record a concern, its escalation to the prime contractor or the Home Office, and its closing."""
    RECORD_ANNOUNCEMENT_CALL = "record_announcement_call"
    """Record the call announcing an inspection, item by item, and any follow-up call."""
    VIEW_SURVEY_RESULTS = "view_survey_results"
    """An inspection's survivor survey answers (suppressed when few) and comments; never the provider's."""
    USE_SURVEY_EVIDENCE = "use_survey_evidence"
    """Enter a paper response, add a comment or result to a KLOE, check a quote for identifying details."""
    VIEW_ADDRESSED_LETTER = "view_addressed_letter"
    """An early outcome letter once sent, and the serious concerns it escalates: staff, the provider and those it names."""
    VIEW_AUDIT_TRAIL = "view_audit_trail"
    """Read, filter and export the audit trail; verify its hash chain."""
    READ_OWN_NOTIFICATIONS = "read_own_notifications"
    """One's own notifications and email choices (only ever one's own: the service looks up by the person)."""
    VIEW_OUTBOX = "view_outbox"
    """Every notification waiting to be emailed or given up on, with the error, and retrying one."""
    VIEW_PROGRAMME_REPORT = "view_programme_report"
    """The annual programme report: the whole programme's figures for a period (stakeholders receive it too)."""
    PLAN_PROGRAMME = "plan_programme"
    """Plan the year with the solver and accept its inspections."""
    MANAGE_AVAILABILITY = "manage_availability"
    """See and change every inspector's availability for planning; import it from a file."""
    EDIT_OWN_AVAILABILITY = "edit_own_availability"
    """See and change one's own availability for planning."""
    NOMINATE_GOOD_PRACTICE = "nominate_good_practice"
    """Nominate an example of good practice from a KLOE of the inspection (its team)."""
    REVIEW_GOOD_PRACTICE = "review_good_practice"
    """Anonymise a nomination, mark a flagged name as not identifying, publish it or return it."""
    VIEW_GOOD_PRACTICE = "view_good_practice"
    """Browse and search the published good-practice library (never the provider an example came from)."""
    TRY_GOOD_PRACTICE = "try_good_practice"
    """Say "we tried this" of a published example, and how it went (the provider's own)."""
    VIEW_GOOD_PRACTICE_TRIALS = "view_good_practice_trials"
    """Read every provider's "we tried this" and how it went (CQC staff only)."""
    VIEW_QUALITY_PANEL = "view_quality_panel"
    """An inspection's quality panel review: the change, the members, their views and the outcome."""
    NAME_PANEL_MEMBERS = "name_panel_members"
    """Name the members of an inspection's quality panel (never anyone on its team)."""
    RECORD_PANEL_VIEW = "record_panel_view"
    """Record one's own view (agree or disagree, with reasons) as a named panel member."""
    RECORD_PANEL_OUTCOME = "record_panel_outcome"
    """Record the panel's outcome: uphold the change, revert it, or ask for more evidence."""
    MARK_ENGAGEMENT_ACTION_DONE = "mark_engagement_action_done"
    """Mark an action agreed at an engagement meeting done (or not done after all): as recording the meeting."""


@dataclass(frozen=True)
class ProviderFacts:
    """Who is tied to one provider.

    Facts left at their defaults only ever refuse (no rule is granted by the absence of a
    designated inspector or of inspectors), so a check that needs nothing but
    ``provider_id`` (a provider lead acting for their own provider) may build it alone.
    """

    provider_id: int
    designated_inspector_id: int | None = None
    inspector_ids: frozenset[int] = frozenset()
    """Everyone leading, or on the team of, any inspection of the provider."""


@dataclass(frozen=True)
class InspectionFacts:
    """Who is tied to one inspection, and its provider (all of it: a missing lead would pass for "not the lead")."""

    inspection_id: int
    provider: ProviderFacts
    lead_id: int | None
    team_ids: frozenset[int]
    qa_reviewer_ids: frozenset[int]
    addressee_organisation_ids: frozenset[int] = frozenset()
    """The stakeholder organisations this inspection's early outcome letter was sent to."""
    panel_member_ids: frozenset[int] = frozenset()
    """Everyone named to a quality panel review of this inspection."""


Facts = ProviderFacts | InspectionFacts


@dataclass(frozen=True)
class Grant:
    """When a role may do an action: with any of ``any_of`` (always, when None), never with one of ``none_of``."""

    any_of: frozenset[Relation] | None = None
    none_of: frozenset[Relation] = frozenset()

    def allows(self, relations: frozenset[Relation]) -> bool:
        if self.none_of & relations:
            return False
        return self.any_of is None or bool(self.any_of & relations)


ALWAYS = Grant()


def given(*relations: Relation) -> Grant:
    """Allowed when the person holds at least one of ``relations``."""
    return Grant(any_of=frozenset(relations))


def given_but_not(relations: tuple[Relation, ...], never: tuple[Relation, ...]) -> Grant:
    """Allowed when the person holds one of ``relations`` and none of ``never``."""
    return Grant(any_of=frozenset(relations), none_of=frozenset(never))


_PL, _INSPECTOR, _PM, _ADMIN = Role.PROVIDER_LEAD, Role.INSPECTOR, Role.PROGRAMME_MANAGER, Role.ADMIN
_OWN, _LEAD, _TEAM, _DESIGNATED = Relation.OWN_PROVIDER, Relation.LEAD, Relation.TEAM, Relation.DESIGNATED
_QA, _PANEL = Relation.QA_REVIEWER, Relation.PANEL_MEMBER

_REPORT_STAFF: Mapping[Role, Grant] = {
    _INSPECTOR: given(_LEAD, _TEAM, _DESIGNATED, _QA, _PANEL), _PM: ALWAYS,
}
_REPORT_DOWNLOADERS = {**_REPORT_STAFF, _ADMIN: given(Relation.OPERATOR)}
_SENT_TO_PROVIDER = {**_REPORT_DOWNLOADERS, _PL: given(_OWN)}

RULES: Mapping[Action, Mapping[Role, Grant]] = {
    Action.VIEW_PROVIDER: {_PL: given(_OWN), _INSPECTOR: ALWAYS, _PM: ALWAYS, _ADMIN: ALWAYS},
    Action.VIEW_PROVIDER_RECORDS: {_PL: given(_OWN), _INSPECTOR: given(_DESIGNATED, Relation.INSPECTING), _PM: ALWAYS},
    Action.ACT_AS_PROVIDER: {_PL: given(_OWN)},
    Action.VIEW_INSPECTION: {_INSPECTOR: given(_LEAD, _TEAM), _PM: ALWAYS},
    Action.WORK_ON_INSPECTION: {_INSPECTOR: given(_LEAD, _TEAM)},
    Action.LEAD_INSPECTION: {_INSPECTOR: given(_LEAD)},
    Action.FOLLOW_UP_WITH_PROVIDER: {_INSPECTOR: given(_LEAD, _TEAM), _PM: ALWAYS},
    Action.READ_PIR: {_INSPECTOR: given(_LEAD, _TEAM, _DESIGNATED), _PM: ALWAYS},
    Action.MANAGE_INSPECTION: {_INSPECTOR: given(_LEAD), _PM: ALWAYS},
    Action.MOVE_STAGE: {_INSPECTOR: given(_LEAD), _PM: ALWAYS, _ADMIN: ALWAYS},
    Action.EXTEND_DEADLINE: {_PM: ALWAYS},
    Action.REVIEW_QUALITY: {_INSPECTOR: given_but_not((_TEAM, _QA), never=(_LEAD,)), _PM: ALWAYS},
    Action.NAME_QA_REVIEWERS: {_PM: ALWAYS},
    Action.VIEW_REPORT_WORK: _REPORT_STAFF,
    Action.DOWNLOAD_WORKING_REPORT: _REPORT_DOWNLOADERS,
    Action.VIEW_SENT_DOCUMENT: _SENT_TO_PROVIDER,
    Action.VIEW_FINAL_REPORT: {**_SENT_TO_PROVIDER, Role.STAKEHOLDER: ALWAYS},
    Action.VIEW_BOARD: {_INSPECTOR: given(_LEAD, _TEAM), _PM: ALWAYS, _ADMIN: ALWAYS},
    Action.MANAGE_PROGRAMME: {_PM: ALWAYS, _ADMIN: ALWAYS},
    Action.MANAGE_SURVEY: {_INSPECTOR: given(_LEAD, _TEAM), _PM: ALWAYS},
    Action.IMPORT_PROGRAMME: {_PM: ALWAYS, _ADMIN: ALWAYS},
    Action.EXPORT_PROGRAMME: {_PM: ALWAYS, _ADMIN: ALWAYS},
    Action.EXPORT_PROGRAMME_ADDRESSES: {_PM: ALWAYS, _ADMIN: given(Relation.OPERATOR)},
    Action.EDIT_PROGRAMME: {_PM: ALWAYS, _ADMIN: ALWAYS},
    Action.PROPOSE_SERVICE_CHANGE: {_PL: given(_OWN)},
    Action.DECIDE_SERVICE_CHANGE: {_PM: ALWAYS},
    Action.VIEW_ENGAGEMENT: {_PL: given(_OWN), _INSPECTOR: ALWAYS, _PM: ALWAYS},
    Action.VIEW_INTERNAL_ENGAGEMENT_NOTES: {_INSPECTOR: ALWAYS, _PM: ALWAYS},
    Action.RECORD_ENGAGEMENT_MEETING: {_INSPECTOR: given(_DESIGNATED), _PM: ALWAYS},
    Action.VIEW_CONCERNS: {_INSPECTOR: given(_DESIGNATED, Relation.INSPECTING), _PM: ALWAYS},
    Action.RECORD_CONCERN: {_INSPECTOR: given(_DESIGNATED, Relation.INSPECTING), _PM: ALWAYS},
    Action.RECORD_ANNOUNCEMENT_CALL: {_INSPECTOR: given(_LEAD), _PM: ALWAYS},
    Action.VIEW_SURVEY_RESULTS: {_INSPECTOR: given(_LEAD, _TEAM), _PM: ALWAYS},
    Action.USE_SURVEY_EVIDENCE: {_INSPECTOR: given(_LEAD, _TEAM)},
    Action.VIEW_ADDRESSED_LETTER: {**_SENT_TO_PROVIDER, Role.STAKEHOLDER: given(Relation.ADDRESSEE)},
    Action.VIEW_AUDIT_TRAIL: {_PM: ALWAYS, _ADMIN: ALWAYS},
    Action.READ_OWN_NOTIFICATIONS: {role: ALWAYS for role in Role},
    Action.VIEW_OUTBOX: {_ADMIN: ALWAYS},
    Action.VIEW_PROGRAMME_REPORT: {_PM: ALWAYS, _ADMIN: ALWAYS, Role.STAKEHOLDER: ALWAYS},
    Action.PLAN_PROGRAMME: {_PM: ALWAYS, _ADMIN: given(Relation.OPERATOR)},
    Action.MANAGE_AVAILABILITY: {_PM: ALWAYS, _ADMIN: given(Relation.OPERATOR)},
    Action.EDIT_OWN_AVAILABILITY: {_INSPECTOR: ALWAYS, _PM: ALWAYS},
    Action.NOMINATE_GOOD_PRACTICE: {_INSPECTOR: given(_LEAD, _TEAM)},
    Action.REVIEW_GOOD_PRACTICE: {_PM: ALWAYS},
    Action.VIEW_GOOD_PRACTICE: {_PL: ALWAYS, _INSPECTOR: ALWAYS, _PM: ALWAYS, Role.STAKEHOLDER: ALWAYS},
    Action.TRY_GOOD_PRACTICE: {_PL: given(_OWN)},
    Action.VIEW_GOOD_PRACTICE_TRIALS: {_INSPECTOR: ALWAYS, _PM: ALWAYS},
    Action.VIEW_QUALITY_PANEL: {_INSPECTOR: given(_LEAD, _TEAM, _PANEL), _PM: ALWAYS},
    Action.NAME_PANEL_MEMBERS: {_PM: ALWAYS},
    Action.RECORD_PANEL_VIEW: {_INSPECTOR: given_but_not((_PANEL,), never=(_LEAD, _TEAM)),
                               _PM: given_but_not((_PANEL,), never=(_LEAD, _TEAM))},
    Action.RECORD_PANEL_OUTCOME: {_PM: ALWAYS},
    Action.MARK_ENGAGEMENT_ACTION_DONE: {_INSPECTOR: given(_DESIGNATED), _PM: ALWAYS},
}
"""For each action, the roles that may ever do it and the relation each of them needs."""


def relations(actor: Actor, facts: Facts | None) -> frozenset[Relation]:
    """How ``actor`` is tied to the provider or inspection ``facts`` describe (whatever their role)."""
    found = {Relation.OPERATOR} if actor == CLI_OPERATOR else set()
    if facts is None:
        return frozenset(found)
    provider = facts.provider if isinstance(facts, InspectionFacts) else facts
    if actor.provider_id is not None and actor.provider_id == provider.provider_id:
        found.add(Relation.OWN_PROVIDER)
    if provider.designated_inspector_id is not None and provider.designated_inspector_id == actor.user_id:
        found.add(Relation.DESIGNATED)
    if actor.user_id in provider.inspector_ids:
        found.add(Relation.INSPECTING)
    if isinstance(facts, InspectionFacts):
        if facts.lead_id is not None and facts.lead_id == actor.user_id:
            found.add(Relation.LEAD)
        if actor.user_id in facts.team_ids:
            found.add(Relation.TEAM)
        if actor.user_id in facts.qa_reviewer_ids:
            found.add(Relation.QA_REVIEWER)
        if actor.user_id in facts.panel_member_ids:
            found.add(Relation.PANEL_MEMBER)
        if actor.stakeholder_organisation_id is not None \
                and actor.stakeholder_organisation_id in facts.addressee_organisation_ids:
            found.add(Relation.ADDRESSEE)
    return frozenset(found)


def role_may(actor: Actor | None, action: Action) -> bool:
    """Whether ``actor``'s role may ever do ``action`` (given the right relation)."""
    return actor is not None and actor.role in RULES[action]


def may(actor: Actor | None, action: Action, facts: Facts | None = None) -> bool:
    """Whether ``actor`` may do ``action`` to the thing ``facts`` describe.

    Without facts the person is tied to nothing, which answers for actions on the
    programme as a whole (``MANAGE_PROGRAMME``) and for "may they see every one".
    """
    if actor is None:
        return False
    grant = RULES[action].get(actor.role)
    return grant is not None and grant.allows(relations(actor, facts))


def require(actor: Actor | None, action: Action, facts: Facts | None = None, *, message: str = "") -> Actor:
    """Return ``actor`` if they may do ``action`` to the thing ``facts`` describe; refuse otherwise."""
    if not may(actor, action, facts):
        refusal = NotYours if facts is not None and role_may(actor, action) else PermissionDenied
        raise refusal(message) if message else refusal()
    return actor


def admit(actor: Actor | None, action: Action) -> Actor:
    """Refuse, before anything is looked up, a person whose role may never do ``action``."""
    if not role_may(actor, action):
        raise PermissionDenied()
    return actor


def require_role(actor: Actor | None, *roles: Role) -> Actor:
    """Return ``actor`` if it holds one of ``roles``; refuse otherwise (deny by default).

    For pages and actions that concern no particular provider or inspection.
    """
    if actor is None or actor.role not in roles:
        raise PermissionDenied()
    return actor


def require_own_provider(actor: Actor | None) -> Actor:
    """A provider lead who acts for a provider; refuse anyone else, and a lead whose account names none."""
    actor = admit(actor, Action.ACT_AS_PROVIDER)
    if actor.provider_id is None:
        raise PermissionDenied()
    return actor
