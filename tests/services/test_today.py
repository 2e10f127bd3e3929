"""`cockpit today`: the JSON contract (DESIGN §5) and the plain-text rendering."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

from cockpit.services.today import today_json, today_text
from tests.domain.factory import BookFactory, at

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)  # a Wednesday morning
TODAY = NOW.date()

ACME = {"id": 1, "handle": "acme-corp", "name": "Acme Corp"}
GLOBEX = {"id": 2, "handle": "globex", "name": "Globex"}
JANE = {"id": 1, "handle": "jane-doe", "name": "Jane Doe"}


def small_book() -> BookFactory:
    f = BookFactory()
    acme = f.account("Acme Corp", tier="key", created=at(date(2026, 1, 5)))
    globex = f.account("Globex", tier="growth")
    jane = f.contact("Jane Doe", acme, cadence_days=10)
    renewal = f.deal(
        "Renewal 2027",
        acme,
        value=4_500_000,
        stage="proposal",
        close=date(2026, 11, 28),
        next_step="send 2y pricing",
        next_due=date(2026, 11, 23),
        created=at(date(2026, 10, 1)),
        stage_changed=at(date(2026, 11, 20)),
    )
    f.deal("Pilot", acme, value=120_050, created=at(date(2026, 11, 24)))
    f.activity("call", date(2026, 11, 15), contact=jane, deal=renewal, outcome="voicemail")
    f.activity("email", at(TODAY, 8), account=globex, outcome="sent")
    f.promise("pricing sheet to Jane", date(2026, 11, 27), contact=jane)
    f.promise("case study to Globex", date(2026, 11, 24), account=globex)
    f.promise("kept", date(2026, 11, 20), account=globex, done_at=at(date(2026, 11, 19)))
    return f


def test_today_json_is_the_contract_shape() -> None:
    doc = today_json(small_book().book, NOW, schema_version=3)
    assert doc == {
        "now": "2026-11-25T09:30:00+00:00",
        "currency": "USD",
        "schema_version": 3,
        "date": "2026-11-25",
        "sprint": [
            {
                "deal": {"id": 1, "handle": "acme-corp-renewal-2027", "name": "Renewal 2027"},
                "account": ACME,
                "value": 45000,
                "stage": "proposal",
                "next_step": "send 2y pricing",
                "due": "2026-11-23",
                "close": "2026-11-28",
                # (12 + 2) overdue + 8 x (1 - 0.8 x 3/14) closing + 0.5 x 4.5 value = 22.88
                "urgency": 22.9,
                "reasons": [
                    {"code": "overdue", "text": "next step 2 days overdue", "days": 2},
                    {"code": "closing_soon", "text": "closes in 3 days", "days": 3},
                ],
            },
            {
                "deal": {"id": 2, "handle": "acme-corp-pilot", "name": "Pilot"},
                "account": ACME,
                "value": 1200.5,
                "stage": "prospect",
                "next_step": None,
                "due": None,
                "close": None,
                "urgency": 5.1,  # 5 + 0.5 x 0.12
                "reasons": [{"code": "no_next_step", "text": "no next step", "days": None}],
            },
        ],
        "more": 0,
        "touches_due": [
            {
                "account": ACME,
                "contact": JANE,
                "tier": "key",
                "last_touch": "2026-11-15",
                "due": "2026-11-25",
                "days_overdue": 0,
                "chase": 1,
            },
            {
                "account": ACME,
                "contact": None,
                "tier": "key",
                "last_touch": "2026-11-15",
                "due": "2026-11-29",
                "days_overdue": 0,
                "chase": 1,
            },
        ],
        "promises": [
            {
                "id": 2,
                "text": "case study to Globex",
                "due": "2026-11-24",
                "aim": "2026-11-23",
                "to": GLOBEX,
                "status": "missed",
            },
            {
                "id": 1,
                "text": "pricing sheet to Jane",
                "due": "2026-11-27",
                "aim": "2026-11-26",
                "to": JANE,
                "status": "open",
            },
        ],
        "momentum": {"done": 1, "minimum": 20, "streak": 0},
    }


def test_today_json_types_survive_json() -> None:
    doc = today_json(small_book().book, NOW, schema_version=3)
    again = json.loads(json.dumps(doc))
    assert again == doc
    assert isinstance(doc["sprint"][0]["value"], int)
    assert isinstance(doc["sprint"][1]["value"], float)
    assert isinstance(doc["sprint"][0]["urgency"], float)
    dates = [doc["date"]]
    for row in doc["sprint"]:
        dates += [row["due"], row["close"]]
    for row in doc["touches_due"]:
        dates += [row["last_touch"], row["due"]]
    for row in doc["promises"]:
        dates += [row["due"], row["aim"]]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates if d is not None)


def test_today_json_limit_and_more() -> None:
    doc = today_json(small_book().book, NOW, limit=1, schema_version=3)
    assert [row["deal"]["name"] for row in doc["sprint"]] == ["Renewal 2027"]
    assert doc["more"] == 1


def test_touches_due_within_a_week_or_overdue() -> None:
    f = BookFactory()
    for name, touched in [
        ("Overdue", date(2026, 11, 1)),  # due 11-15
        ("In a week", date(2026, 11, 18)),  # due 12-02: today + 7
        ("In eight days", date(2026, 11, 19)),  # due 12-03
    ]:
        f.activity("call", touched, account=f.account(name, tier="key"))
    doc = today_json(f.book, NOW, schema_version=3)
    assert [(row["account"]["name"], row["days_overdue"]) for row in doc["touches_due"]] == [
        ("Overdue", 10),
        ("In a week", 0),
    ]


def test_today_json_in_a_currency_without_cents() -> None:
    f = BookFactory()
    f.setting("currency", "JPY")
    f.deal("Big", value=1_500_000, focus=True)
    doc = today_json(f.book, NOW, schema_version=3)
    assert doc["currency"] == "JPY"
    assert doc["sprint"][0]["value"] == 1_500_000


def test_today_text() -> None:
    assert today_text(small_book().book, NOW) == (
        "Wednesday 2026-11-25\n"
        "\n"
        "Sprint (2)\n"
        "  1  #1  Renewal 2027  Acme Corp    $45,000  proposal  f/u 1"
        "  next step 2 days overdue · closes in 3 days\n"
        "  2  #2  Pilot         Acme Corp  $1,200.50  prospect         no next step\n"
        "\n"
        "Touches due (2)\n"
        "  due today      ~jane-doe   Jane Doe (Acme Corp)  key  last 2026-11-15  f/u 1\n"
        "  due in 4 days  @acme-corp  Acme Corp             key  last 2026-11-15  f/u 1\n"
        "\n"
        "Promises (2)\n"
        "  !2  missed  due 2026-11-24  aim 2026-11-23  case study to Globex   to Globex\n"
        "  !1  open    due 2026-11-27  aim 2026-11-26  pricing sheet to Jane  to Jane Doe\n"
        "\n"
        "Momentum\n"
        "  1/20 touches today · streak 0 days"
    )


def test_today_text_of_an_empty_book() -> None:
    assert today_text(BookFactory().book, NOW) == (
        "Wednesday 2026-11-25\n"
        "\n"
        "Sprint (0)\n"
        "  nothing urgent today\n"
        "\n"
        "Touches due (0)\n"
        "  nothing due this week\n"
        "\n"
        "Promises (0)\n"
        "  no open promises\n"
        "\n"
        "Momentum\n"
        "  0/20 touches today · streak 0 days"
    )


def test_today_text_says_how_many_more() -> None:
    f = BookFactory()
    for n in range(3):
        f.deal(f"Deal {n}", focus=True, next_step="call", next_due=date(2026, 12, 31))
    text = today_text(f.book, NOW, limit=2)
    assert "Sprint (2 shown · 3 need you)\n" in text
    assert "\n  … 1 more need you today: `cockpit today --all` lists them\n" in text
    assert "Sprint (3)\n" in today_text(f.book, NOW, limit=None)


def test_today_text_leaves_out_an_empty_chase_column() -> None:
    f = BookFactory()
    f.deal("Quiet chase", focus=True, next_step="call", next_due=date(2026, 12, 31))
    assert "  1  #1  Quiet chase  -  $0  prospect  focused\n" in today_text(f.book, NOW)
