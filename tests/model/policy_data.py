"""The model's policy data: DESIGN section 2 where it is specific, the project's configuration where it is not.

Figures the contract states are written here from it. Figures it leaves to configuration
are copied, as data only, from `chalicelib/domain/policy.py` (FEE_CARDS, REWARDS_2021 and
"not enough data is charged and rewarded as tier 2") and `chalicelib/domain/marketplaces.py`
(`covers_pre_order_contacts`, off everywhere): the model shares no code with the app.
"""
from datetime import datetime, timezone
from decimal import Decimal as D

# marketplace id -> (country, currency, minor digits, covers pre-order contacts)
MARKETPLACES = {
    "ATVPDKIKX0DER": ("US", "USD", 2, False),
    "A1F83G8C2ARO7P": ("UK", "GBP", 2, False),
    "A1PA6795UKMFR9": ("DE", "EUR", 2, False),
    "A13V1IB3VIYZZH": ("FR", "EUR", 2, False),
    "APJ6JRA9NG5V4": ("IT", "EUR", 2, False),
    "A1RKKUPIHCS9HS": ("ES", "EUR", 2, False),
    "A1VC38T7YXB528": ("JP", "JPY", 0, False),
}

# Fee per CSBA unit for tiers 1..4 and "not enough data". DE is published (the contract);
# the others are the project's configured cards (chalicelib/domain/policy.py FEE_CARDS).
FEE_CARDS = {
    "A1PA6795UKMFR9": (D("0.09"), D("0.41"), D("1.09"), D("2.55"), D("0.41")),
    "ATVPDKIKX0DER": (D("0.10"), D("0.45"), D("1.20"), D("2.80"), D("0.45")),
    "A1F83G8C2ARO7P": (D("0.08"), D("0.36"), D("0.95"), D("2.20"), D("0.36")),
    "A13V1IB3VIYZZH": (D("0.09"), D("0.41"), D("1.09"), D("2.55"), D("0.41")),
    "APJ6JRA9NG5V4": (D("0.09"), D("0.41"), D("1.09"), D("2.55"), D("0.41")),
    "A1RKKUPIHCS9HS": (D("0.09"), D("0.41"), D("1.09"), D("2.55"), D("0.41")),
    "A1VC38T7YXB528": (D("15"), D("65"), D("170"), D("400"), D("65")),
}

# Policy 2021-11 reward discounts for tiers 2, 3, 4 and "not enough data" (configuration, REWARDS_2021).
REWARD_DISCOUNTS = {2: D("0.50"), 3: D("0.30"), 4: D("0.15"), None: D("0.50")}

CSBA_START = datetime(2021, 11, 16, tzinfo=timezone.utc)
POLICY_2026 = datetime(2026, 5, 1, tzinfo=timezone.utc)

# Tax on the fee by residence (DESIGN section 2; these rates held over 2021-2026).
EU_STANDARD_RATES = {"DE": D("0.19"), "FR": D("0.20"), "IT": D("0.22"), "ES": D("0.21"), "NL": D("0.21"),
                     "AT": D("0.20"), "BE": D("0.21"), "PL": D("0.23")}
OTHER_RATES = {"GB": D("0.20"), "JP": D("0.10")}

PREVENTABLE = {"where_is_my_order", "late_delivery", "damaged", "defective", "wrong_item", "not_as_described"}
TOPICS = PREVENTABLE | {"return_request", "refund_status", "cancel", "invoice", "customization",
                        "product_question", "other"}
EXCLUDED_TOPICS = {"invoice", "customization"}


def policy_version(at: datetime) -> str:
    """The policy in force at an instant (None before CSBA started)."""
    if at < CSBA_START:
        return None
    return "2026-05" if at >= POLICY_2026 else "2021-11"


def trial_days(at: datetime) -> int:
    return 90 if policy_version(at) == "2026-05" else 30
