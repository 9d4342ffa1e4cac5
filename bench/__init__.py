"""`make bench`: the performance figures of issue 8, each a ratio or a count measured in one run."""
