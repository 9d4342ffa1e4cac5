"""An in-memory Store with the same contract as DynamoStore (versions, all-or-nothing events)."""
import copy
from dataclasses import replace

from chalicelib.services.changes import CreateEnrollment, SaveSeller
from chalicelib.services.ports import StaleWrite


class InMemoryStore:
    def __init__(self):
        self.sellers, self.enrollments, self.processed = {}, {}, {}

    def get_seller(self, seller_id):
        return self.sellers.get(seller_id)

    def get_enrollment(self, seller_id, marketplace_id):
        return self.enrollments.get((seller_id, marketplace_id))

    def list_enrollments(self, seller_id):
        return [e for (s, _), e in self.enrollments.items() if s == seller_id]

    def save_enrollment(self, enrollment):
        key = (enrollment.seller_id, enrollment.marketplace_id)
        stored = self.enrollments.get(key)
        if (stored.version if stored else None) != enrollment.version:
            raise StaleWrite(str(key))
        saved = replace(enrollment, version=(enrollment.version or 0) + 1)
        self.enrollments[key] = saved
        return saved

    def commit_event(self, event_id, event_type, changes):
        if event_id in self.processed:
            return False
        snapshot = copy.deepcopy((self.sellers, self.enrollments))
        try:
            for change in changes:
                self._apply(change)
        except StaleWrite:
            self.sellers, self.enrollments = snapshot
            raise
        self.processed[event_id] = event_type
        return True

    def _apply(self, change):
        if isinstance(change, SaveSeller):
            stored = self.sellers.get(change.seller.seller_id)
            if (stored.version if stored else None) != change.seller.version:
                raise StaleWrite(change.seller.seller_id)
            self.sellers[change.seller.seller_id] = replace(change.seller, version=(change.seller.version or 0) + 1)
        elif isinstance(change, CreateEnrollment):
            self.save_enrollment(change.enrollment)
        else:
            raise TypeError(change)
