"""What bench/ and tests/ share, so neither imports the other: the event workload, the labelled messaging
corpus, the request recorder, the partition-key ledger and the bench's patches of moto."""
