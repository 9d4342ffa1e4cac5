"""The store's refusal of a write made on a stale read, apart from the ports so that a repository raising it loads
none of the services' types (the report route's store: bench figure 1)."""


class StaleWrite(Exception):
    """Someone else changed the record since it was read: read again and retry."""
