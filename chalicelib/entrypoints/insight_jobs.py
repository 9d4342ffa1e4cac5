"""The `insights_shard` job of `billing_jobs`: one marketplace's shard of a CS Insights window."""
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from chalicelib.domain.clock import utc_now
from chalicelib.domain.marketplaces import MARKETPLACES
from chalicelib.domain.weeks import SHARDS
from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import wiring
from chalicelib.services import insights
from chalicelib.services.wire_types import choice_of

TYPE = insights.JOB_TYPE


class InsightJob(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Annotated[str, choice_of((TYPE,))]
    marketplace_id: Annotated[str, choice_of(MARKETPLACES)]
    week: str = Field(pattern=r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$")
    shard: int = Field(ge=0, lt=SHARDS, strict=True)


def run(job: InsightJob) -> JsonObject:
    return insights.compute_shard(wiring.store(), job.marketplace_id, job.week, job.shard, utc_now())


def ids(job: InsightJob) -> dict[str, str | int]:
    return {"job_type": job.type, "marketplace_id": job.marketplace_id, "week": job.week, "shard": job.shard}
