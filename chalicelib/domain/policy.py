"""CSBA policy data, versioned by effective date (DESIGN section 2).

A month is billed under the version in force on its first day; a trial is the
one of the version in force at the seller's first enrolment. Fee cards, reward
discounts and waiver thresholds are data here; the rule that applies them is
`chalicelib.domain.billing`.
"""
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import ClassVar, Mapping

from msgspec import Struct

from chalicelib.domain.errors import InvalidInput, UnknownMarketplace
from chalicelib.domain.months import PROGRAM_START, first_day

# CPU tiers: tier n while CPU <= TIER_CEILINGS[n-1]; tier 4 above the last one.
TIER_CEILINGS = (Decimal("0.05"), Decimal("0.15"), Decimal("0.30"))
MIN_UNITS_FOR_CPU = 30  # fewer CSBA units over M-3..M-1 is "not enough data"
NOT_ENOUGH_DATA_TIER = 2  # not enough data is charged (and rewarded) as tier 2


class FeeCard(Struct, frozen=True):
    """Fee per CSBA unit by CPU tier 1..4, in the marketplace currency.

    `published=False` marks a configured card: Amazon has not published it.
    """

    currency: str
    tier_rates: tuple[Decimal, Decimal, Decimal, Decimal]
    published: bool

    def rate(self, tier: int | None) -> Decimal:
        """The fee per unit for a tier; None (not enough data) pays the tier-2 rate."""
        return self.tier_rates[(tier or NOT_ENOUGH_DATA_TIER) - 1]


def _card(currency: str, rates: str, published: bool = False) -> FeeCard:
    tier_1, tier_2, tier_3, tier_4 = (Decimal(r) for r in rates.split())
    return FeeCard(currency, (tier_1, tier_2, tier_3, tier_4), published)


FEE_CARDS: Mapping[str, FeeCard] = MappingProxyType({
    "A1PA6795UKMFR9": _card("EUR", "0.09 0.41 1.09 2.55", published=True),  # DE, published
    "ATVPDKIKX0DER": _card("USD", "0.10 0.45 1.20 2.80"),  # US, configured
    "A1F83G8C2ARO7P": _card("GBP", "0.08 0.36 0.95 2.20"),  # UK, configured
    "A13V1IB3VIYZZH": _card("EUR", "0.09 0.41 1.09 2.55"),  # FR, configured as DE
    "APJ6JRA9NG5V4": _card("EUR", "0.09 0.41 1.09 2.55"),  # IT, configured as DE
    "A1RKKUPIHCS9HS": _card("EUR", "0.09 0.41 1.09 2.55"),  # ES, configured as DE
    "A1VC38T7YXB528": _card("JPY", "15 65 170 400"),  # JP, configured, whole yen
})


class Rewards(Struct, frozen=True):
    """Policy 2021-11 rewards: both rates met in M -> free in tier 1 (CPU <= 5%), else a discount.

    `discounts` is the share of the fee taken off in tiers 2, 3 and 4
    (configuration, within the announced 15%..50%); not enough data is never
    free (a low CPU is not shown) and gets the tier-2 discount.
    """

    min_valid_tracking_rate: Decimal
    min_prepaid_label_rate: Decimal
    discounts: tuple[Decimal, Decimal, Decimal]

    def discount(self, tier: int | None) -> Decimal:
        """The share of the fee a rewarded seller does not pay in a tier 2..4 (or None)."""
        return self.discounts[(tier or NOT_ENOUGH_DATA_TIER) - 2]


REWARDS_2021 = Rewards(
    min_valid_tracking_rate=Decimal("0.95"),
    min_prepaid_label_rate=Decimal("0.95"),
    discounts=(Decimal("0.50"), Decimal("0.30"), Decimal("0.15")),
)


class PolicyVersion(Struct, frozen=True):
    """One version of the rules; the optional parts are absent from versions without them."""

    version: str
    effective_from: date
    trial_days: int
    fee_cards: ClassVar[Mapping[str, FeeCard]] = FEE_CARDS  # every version so far bills by the same cards
    rewards: Rewards | None = None
    free_below_orders: int | None = None  # free while CSBA orders over M-2..M are fewer
    free_below_cpu: Decimal | None = None  # free while the (measured) CPU is lower

    def fee_card(self, marketplace_id: str) -> FeeCard:
        """The fee card of a marketplace under this version."""
        try:
            return self.fee_cards[marketplace_id]
        except KeyError:
            raise UnknownMarketplace(f"no CSBA fee card for marketplace {marketplace_id!r}") from None


POLICIES: tuple[PolicyVersion, ...] = (
    PolicyVersion("2021-11", date(2021, 11, 16), trial_days=30, rewards=REWARDS_2021),
    PolicyVersion(
        "2026-05", date(2026, 5, 1), trial_days=90, free_below_orders=30, free_below_cpu=Decimal("0.03")
    ),
)


def policy_in_force(day: date | datetime) -> PolicyVersion:
    """The version whose effective date is the latest one on or before `day`."""
    if isinstance(day, datetime):
        day = day.date()
    in_force = [p for p in POLICIES if p.effective_from <= day]
    if not in_force:
        raise InvalidInput(f"{day.isoformat()} is before CSBA existed ({PROGRAM_START.isoformat()})")
    return max(in_force, key=lambda p: p.effective_from)


def policy_for_month(month: str) -> PolicyVersion:
    """The version a month is billed under: the one in force on its first day.

    The program's first month (2021-11) began before the program itself and is
    billed under the first version; earlier months are InvalidInput.
    """
    start = first_day(month)
    if start < PROGRAM_START.replace(day=1):
        raise InvalidInput(f"month {month} is before CSBA existed ({PROGRAM_START.isoformat()})")
    return policy_in_force(max(start, PROGRAM_START))

