"""What `seed` prints when it is done: what it made, and tokens (valid an hour) to look at it."""
from infra import seed_plan as plan


def summary(api: str, made: dict, token) -> str:
    """`token(role, sub)` issues a local token, as `python -m infra.local token` does."""
    pending = [r for r in made["refunds"] if r["status"] == "pending_approval"]
    shops: dict[str, list[str]] = {}
    for shop in plan.SHOPS:
        shops.setdefault(shop.seller_id, []).append(shop.country)
    lines = [f"seeded {made['events']} events; closed and invoiced {', '.join(made['closed_months'])}; "
             f"{len(made['refunds'])} refunds ({len(pending)} waiting for a supervisor); "
             f"{made['escalated']} contact(s) escalated; {made['dead_letters']} dead letter(s)",
             "", f"seller console: {api}/console, signed in with one of these seller tokens:"]
    lines += [f"  {seller} ({', '.join(countries)})  {token('seller', seller)}" for seller, countries in shops.items()]
    agent, supervisor = token("agent", "A1"), token("supervisor", "B1")
    case = next(r for r in made["refunds"] if r["status"] == "issued")
    lines += ["", f"an agent (A1): AGENT={agent}",
              f'  curl -H "Authorization: Bearer $AGENT" {api}/contacts/{case["contact_id"]}',
              f"a supervisor (B1): SUPERVISOR={supervisor}"]
    lines += [f'  curl -X POST -H "Authorization: Bearer $SUPERVISOR" {api}/refunds/{r["refund_id"]}/approve'
              for r in pending]
    return "\n".join(lines)
