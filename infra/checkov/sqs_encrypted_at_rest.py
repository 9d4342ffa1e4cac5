"""CKV_CSBA_1: a queue is encrypted at rest with SQS-managed keys or KMS (checkov's CKV_AWS_27 knows only KMS)."""
from checkov.cloudformation.checks.resource.base_resource_check import BaseResourceCheck
from checkov.common.models.enums import CheckCategories, CheckResult


class SQSQueueEncryptedAtRest(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(name="Ensure the SQS queue is encrypted at rest (SSE-SQS or KMS)", id="CKV_CSBA_1",
                         categories=[CheckCategories.ENCRYPTION], supported_resources=["AWS::SQS::Queue"])

    def scan_resource_conf(self, conf) -> CheckResult:
        properties = conf.get("Properties") or {}
        managed = str(properties.get("SqsManagedSseEnabled", "")).lower() == "true"
        return CheckResult.PASSED if managed or properties.get("KmsMasterKeyId") else CheckResult.FAILED


check = SQSQueueEncryptedAtRest()
