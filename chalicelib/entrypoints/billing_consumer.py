"""`billing_jobs`: close one marketplace's month, or write one invoice; partial batch response.

A malformed job is dead-lettered with its reason (never retried); any other failure is
reported for the record alone and retried by SQS.
"""
from typing import Annotated

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chalicelib import settings
from chalicelib.domain.billing import invoice_id_for
from chalicelib.domain.clock import utc_now
from chalicelib.domain.errors import InvalidInput, NotFound
from chalicelib.domain.identifiers import MAX_LENGTH
from chalicelib.domain.marketplaces import MARKETPLACES
from chalicelib.domain.months import MONTH
from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import insight_jobs, wiring
from chalicelib.entrypoints.observability import count
from chalicelib.json_text import read_json
from chalicelib.services import close, corrections, invoicing, reclose
from chalicelib.services.wire_types import choice_of

logger = Logger(child=True)


class Job(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Annotated[str, choice_of(("close_marketplace", "invoice", "reclose_marketplace", "revise_invoice"))]
    marketplace_id: Annotated[str, choice_of(MARKETPLACES)]
    month: str = Field(pattern=f"^{MONTH.pattern}$")
    seller_id: str | None = Field(default=None, min_length=1, max_length=MAX_LENGTH)


def handle_batch(raw_event: JsonObject, context: LambdaContext | None = None) -> PartialItemFailureResponse:
    processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
    return process_partial_response(event=raw_event, record_handler=handle_record,
                                    processor=processor, context=context)


def handle_record(record: SQSRecord) -> str | JsonObject:
    with logger.append_context_keys(message_id=record.message_id):
        try:
            job = _parse(record.body)
        except InvalidInput as invalid:
            return _dead_letter(record, invalid)
        with logger.append_context_keys(**_ids(job)):
            try:
                return _run(job)
            except (InvalidInput, NotFound) as invalid:
                return _dead_letter(record, invalid)


def _dead_letter(record: SQSRecord, reason: Exception) -> str:
    logger.warning("billing job dead-lettered", extra={"reason": str(reason)})
    wiring.queues().send(settings.current().billing_jobs_dlq, record.body, {"reason": str(reason)[:1000]})
    count("DeadLettered", Queue="billing-jobs")
    return "dead-lettered"


def _run(job: Job | insight_jobs.InsightJob) -> str | JsonObject:
    if isinstance(job, insight_jobs.InsightJob):
        return insight_jobs.run(job)
    if job.type == "close_marketplace":
        return close.close_marketplace(wiring.store(), wiring.jobs(), job.marketplace_id, job.month, utc_now())
    if job.type == "reclose_marketplace":
        return reclose.reclose_marketplace(wiring.store(), wiring.jobs(), job.marketplace_id, job.month, utc_now(),
                                           job.seller_id)
    write = invoicing.write_invoice if job.type == "invoice" else corrections.revise_invoice
    outcome = write(wiring.store(), wiring.publisher(), _invoice_seller(job), job.marketplace_id, job.month)
    if outcome in ("written", "revised"):
        count("InvoicesIssued" if outcome == "written" else "InvoicesRevised")
    return outcome


def _ids(job: Job | insight_jobs.InsightJob) -> dict[str, str | int]:
    if isinstance(job, insight_jobs.InsightJob):
        return insight_jobs.ids(job)
    ids: dict[str, str | int] = {"job_type": job.type, "marketplace_id": job.marketplace_id, "month": job.month}
    if job.type in ("invoice", "revise_invoice"):
        seller_id = _invoice_seller(job)
        ids.update(seller_id=seller_id, invoice_id=invoice_id_for(seller_id, job.marketplace_id, job.month))
    return ids


def _parse(body: str) -> Job | insight_jobs.InsightJob:
    try:
        raw = read_json(body)
        if isinstance(raw, dict) and raw.get("type") == insight_jobs.TYPE:
            return insight_jobs.InsightJob.model_validate(raw)
        job = Job.model_validate(raw)
    except ValidationError as error:
        raise InvalidInput(f"invalid billing job: {error}") from None
    if job.type in ("invoice", "revise_invoice"):
        _invoice_seller(job)
    return job


def _invoice_seller(job: Job) -> str:
    if not job.seller_id:
        raise InvalidInput("an invoice job needs a seller_id")
    return job.seller_id
