"""The cyclic garbage collector paused from the app's import to the end of its first invocation.

A cold start makes several hundred thousand objects that live as long as the process (modules, classes,
botocore's service models and PynamoDB's schemas) and frees few of them. CPython collects the youngest
objects every 2,000 allocations and the older ones as they pile up, traversing the same survivors again
each time: that is about 6% of a first invocation's CPU, measured in the deployment package (bench figure 1).
So app.py's first statement pauses the collector, and the end of the first invocation resumes it, after moving
every object alive then to the permanent generation (`gc.freeze`: never traversed again; they live as long as
the process anyway). Cycles that became garbage meanwhile are collected by the next collections; a first
invocation is one request or one batch, so what it leaves for them is small.
"""
import gc

_paused = [False]  # paused by app.py and not resumed yet


def pause() -> None:
    if gc.isenabled():
        gc.disable()
        _paused[0] = True


def resume() -> None:
    """After the first invocation (and after a bare `import app` nothing invoked, harmless): freeze, then enable."""
    if _paused[0]:
        _paused[0] = False
        gc.freeze()
        gc.enable()
