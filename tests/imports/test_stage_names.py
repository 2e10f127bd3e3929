"""Each CRM's own stage names (issue 10's lists) map themselves, and say how."""

from __future__ import annotations

import pytest

from cockpit.imports.profiles import CRM_SAMPLE, HUBSPOT, PIPEDRIVE, SALESFORCE, Profile
from cockpit.imports.values import CellProblem, StageReader

CASES = [
    (HUBSPOT, "appointmentscheduled", "prospect"),
    (HUBSPOT, "Appointment Scheduled", "prospect"),
    (HUBSPOT, "qualifiedtobuy", "qualified"),
    (HUBSPOT, "presentationscheduled", "qualified"),
    (HUBSPOT, "decisionmakerboughtin", "proposal"),
    (HUBSPOT, "Decision Maker Bought-In", "proposal"),
    (HUBSPOT, "contractsent", "negotiation"),
    (HUBSPOT, "closedwon", "won"),
    (HUBSPOT, "Closed Lost", "lost"),
    (SALESFORCE, "Prospecting", "prospect"),
    (SALESFORCE, "Qualification", "qualified"),
    (SALESFORCE, "Needs Analysis", "qualified"),
    (SALESFORCE, "Value Proposition", "proposal"),
    (SALESFORCE, "Id. Decision Makers", "proposal"),
    (SALESFORCE, "Perception Analysis", "proposal"),
    (SALESFORCE, "Proposal/Price Quote", "proposal"),
    (SALESFORCE, "Negotiation/Review", "negotiation"),
    (SALESFORCE, "Closed Won", "won"),
    (SALESFORCE, "Closed Lost", "lost"),
    (PIPEDRIVE, "Lead In", "prospect"),
    (PIPEDRIVE, "Contact Made", "qualified"),
    (PIPEDRIVE, "Demo Scheduled", "qualified"),
    (PIPEDRIVE, "Proposal Made", "proposal"),
    (PIPEDRIVE, "Negotiations Started", "negotiation"),
    (CRM_SAMPLE, "Prospecting", "prospect"),
    (CRM_SAMPLE, "Engaging", "qualified"),
    (CRM_SAMPLE, "Won", "won"),
    (CRM_SAMPLE, "Lost", "lost"),
]


@pytest.mark.parametrize(("profile", "name", "stage"), CASES)
def test_a_crms_stage_name_maps_to_its_stage(profile: Profile, name: str, stage: str) -> None:
    reader = StageReader((), profile)

    assert reader.read(name) == stage
    assert reader.used[name][0] == stage


def test_stage_map_wins_over_the_crms_name_and_unknown_names_say_the_fix() -> None:
    reader = StageReader((("Closed Won", "negotiation"),), SALESFORCE)

    assert reader.read("Closed Won") == "negotiation"
    assert reader.used == {"Closed Won": ("negotiation", "--stage-map")}
    with pytest.raises(CellProblem, match='map it with --stage-map "Lead In=STAGE"'):
        reader.read("Lead In")  # Pipedrive's name means nothing in a Salesforce file


def test_pipedrive_status_decides_and_open_leaves_the_stage_column() -> None:
    reader = StageReader((), PIPEDRIVE)

    assert [reader.status(v) for v in ("Won", "lost", "Open")] == ["won", "lost", None]
