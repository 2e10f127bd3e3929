"""Known CRM exports, as data: how each is recognised, its column names, its stage names.

Headers are compared normalized ("Deal - Title" -> "deal_title"); stage names folded
("Closed_Won" -> "closed won"). A profile is recognised when every header of one of its
`recognize` sets is in the file. Anything here can be overridden with --map / --stage-map.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["GENERIC", "PROFILES", "Profile", "fold_stage", "recognize"]

Aliases = Mapping[str, Mapping[str, tuple[str, ...]]]  # kind -> field -> normalized headers


def fold_stage(name: str) -> str:
    """Stage names compare without case, underscores or extra spaces ("Closed_Won")."""
    return " ".join(name.lower().replace("_", " ").split())


@dataclass(frozen=True, slots=True)
class Profile:
    """One CRM's export shape."""

    name: str
    recognize: tuple[tuple[str, ...], ...]
    columns: Aliases
    stages: Mapping[str, str] = field(default_factory=dict)  # folded source name -> stage
    owners: tuple[str, ...] = ()  # columns naming the record's owner: --where only


HUBSPOT = Profile(
    "HubSpot",
    recognize=(("record_id", "deal_name"), ("record_id", "deal_stage"), ("record_id", "email")),
    columns={
        "deals": {
            "external_id": ("record_id",),
            "title": ("deal_name",),
            "account": ("associated_company", "associated_company_primary", "company_name"),
            "stage": ("deal_stage",),
            "value": ("amount", "amount_in_company_currency"),
            "currency": ("currency", "deal_currency_code"),
            "close": ("close_date",),
            "created": ("create_date",),
            "probability": ("deal_probability",),
            "next_step": ("next_step",),
            "forecast_category": ("forecast_category",),
        },
        "contacts": {
            "account": ("company_name", "associated_company", "associated_company_primary"),
            "role": ("job_title",),
            "email": ("email",),
            "phone": ("phone_number", "mobile_phone_number"),
        },
        "accounts": {"name": ("company_name", "name"), "industry": ("industry",)},
    },
    stages={
        "appointmentscheduled": "prospect",
        "appointment scheduled": "prospect",
        "qualifiedtobuy": "qualified",
        "qualified to buy": "qualified",
        "presentationscheduled": "qualified",
        "presentation scheduled": "qualified",
        "decisionmakerboughtin": "proposal",
        "decision maker bought-in": "proposal",
        "contractsent": "negotiation",
        "contract sent": "negotiation",
        "closedwon": "won",
        "closed won": "won",
        "closedlost": "lost",
        "closed lost": "lost",
    },
    owners=("deal_owner", "contact_owner", "company_owner"),
)

SALESFORCE = Profile(
    "Salesforce",
    recognize=(
        ("opportunity_name",),
        ("opportunity_id",),
        ("opportunity_owner",),
        ("contact_owner", "account_name"),
        ("account_owner", "account_name"),
    ),
    columns={
        "deals": {
            "external_id": ("opportunity_id", "opportunity_id_18"),
            "title": ("opportunity_name",),
            "account": ("account_name",),
            "stage": ("stage",),
            "value": ("amount", "amount_converted"),
            "currency": ("opportunity_currency", "amount_currency", "currency"),
            "close": ("close_date",),
            "created": ("created_date",),
            "probability": ("probability", "probability_percent"),
            "next_step": ("next_step",),
            "forecast_category": ("forecast_category",),
        },
        "contacts": {
            "name": ("full_name", "name"),
            "account": ("account_name",),
            "role": ("title",),
            "email": ("email",),
            "phone": ("phone", "business_phone", "mobile"),
        },
        "accounts": {"name": ("account_name",), "industry": ("industry",)},
    },
    stages={
        "prospecting": "prospect",
        "qualification": "qualified",
        "needs analysis": "qualified",
        "value proposition": "proposal",
        "id. decision makers": "proposal",
        "perception analysis": "proposal",
        "proposal/price quote": "proposal",
        "negotiation/review": "negotiation",
        "closed won": "won",
        "closed lost": "lost",
    },
    owners=("opportunity_owner", "account_owner", "contact_owner", "owner_name"),
)

PIPEDRIVE = Profile(
    "Pipedrive",
    recognize=(
        ("deal_title",),
        ("deal_status",),
        ("title", "status", "lost_reason"),
        ("person_name",),
        ("organization_name", "organization_owner"),
    ),
    columns={
        "deals": {
            "external_id": ("deal_id",),
            "title": ("deal_title", "title"),
            "account": ("deal_organization", "organization", "deal_organization_name"),
            "stage": ("deal_stage", "stage"),
            "status": ("deal_status", "status"),
            "value": ("deal_value", "value"),
            "currency": ("deal_currency", "currency", "deal_currency_of_value"),
            "close": ("deal_expected_close_date", "expected_close_date"),
            "won_at": ("deal_won_time", "won_time"),
            "lost_at": ("deal_lost_time", "lost_time"),
            "lost_reason": ("deal_lost_reason", "lost_reason"),
            "created": ("deal_deal_created", "deal_created", "deal_add_time", "add_time"),
            "probability": ("deal_probability", "probability"),
            "next_due": ("deal_next_activity_date", "next_activity_date"),
        },
        "contacts": {
            "name": ("person_name", "name"),
            "account": ("person_organization", "organization"),
            "role": ("person_job_title", "job_title"),
            "email": ("person_email", "email"),
            "phone": ("person_phone", "phone"),
        },
        "accounts": {"name": ("organization_name", "name"), "industry": ("organization_industry",)},
    },
    stages={
        "lead in": "prospect",
        "contact made": "qualified",
        "demo scheduled": "qualified",
        "proposal made": "proposal",
        "negotiations started": "negotiation",
    },
    owners=("deal_owner", "owner", "person_owner", "organization_owner", "deal_owner_name"),
)

GOOGLE = Profile(
    "Google Contacts",
    recognize=(("e_mail_1_value",), ("phone_1_value",), ("given_name", "family_name")),
    columns={
        "contacts": {
            "name": ("name",),
            "account": ("organization_1_name", "organization_name"),
            "role": ("organization_1_title", "organization_title"),
            "email": ("e_mail_1_value",),
            "phone": ("phone_1_value",),
        },
    },
)

CRM_SAMPLE = Profile(
    "the sample export",
    recognize=(("opportunity_id", "sales_agent", "deal_stage"), ("account", "sector", "revenue")),
    columns={
        "deals": {
            "external_id": ("opportunity_id",),
            "account": ("account",),
            "stage": ("deal_stage",),
            "value": ("close_value",),
            "close": ("close_date",),
            "created": ("engage_date",),
        },
        "accounts": {"name": ("account",), "industry": ("sector",)},
    },
    stages={"prospecting": "prospect", "engaging": "qualified", "won": "won", "lost": "lost"},
    owners=("sales_agent",),
)

GENERIC = Profile(
    "",
    recognize=(),
    columns={
        "deals": {
            "external_id": ("opportunity_id", "deal_id", "opportunity_number", "opp_id", "id"),
            "title": ("deal_name", "opportunity_name", "opportunity", "name", "subject"),
            "account": ("account_name", "company", "company_name", "organization", "customer"),
            "stage": ("deal_stage", "opportunity_stage", "sales_stage", "pipeline_stage"),
            "status": ("status", "deal_status"),
            "value": ("close_value", "amount", "deal_value", "deal_amount", "opportunity_amount"),
            "currency": ("currency", "currency_code"),
            "close": ("close_date", "expected_close_date", "expected_close", "closing_date"),
            "created": ("engage_date", "created_date", "create_date", "created_at", "date_created"),
            "probability": ("win_probability", "probability_percent", "prob"),
            "next_step": ("next_steps", "next_action"),
            "next_due": ("next_step_date", "next_step_due", "next_action_date"),
            "forecast_category": ("forecast", "forecast_category_name"),
            "lost_reason": ("loss_reason", "reason_lost", "closed_lost_reason"),
        },
        "accounts": {
            "name": ("account", "account_name", "company", "company_name", "organization"),
            "tier": ("account_tier",),
            "industry": ("sector", "vertical"),
        },
        "contacts": {
            "name": ("full_name", "contact_name", "contact"),
            "account": ("account_name", "company", "company_name", "organization"),
            "role": ("title", "job_title", "position"),
            "email": ("email_address", "e_mail"),
            "phone": ("phone_number", "mobile", "telephone", "tel"),
        },
    },
    owners=("owner", "deal_owner", "sales_agent", "sales_rep", "assigned_to", "account_owner"),
)

# The sample export before Salesforce: both have an opportunity_id column.
PROFILES: tuple[Profile, ...] = (PIPEDRIVE, HUBSPOT, CRM_SAMPLE, SALESFORCE, GOOGLE)

# Columns that are no field but help: a deal's product goes into its built title; a
# contact's first and last name make its name.
HELPERS: dict[str, dict[str, tuple[str, ...]]] = {
    "deals": {"product": ("product", "product_name", "products", "item")},
    "accounts": {},
    "contacts": {
        "first_name": ("first_name", "firstname", "given_name"),
        "last_name": ("last_name", "lastname", "family_name"),
        "email_2": ("e_mail_2_value",),
        "email_3": ("e_mail_3_value",),
        "phone_2": ("phone_2_value",),
        "phone_3": ("phone_3_value",),
    },
}


def recognize(normalized: Sequence[str]) -> Profile | None:
    """The known export whose headers the file has, or None."""
    present = set(normalized)
    for profile in PROFILES:
        if any(all(name in present for name in names) for names in profile.recognize):
            return profile
    return None
