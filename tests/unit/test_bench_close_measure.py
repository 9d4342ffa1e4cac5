"""Figure 4's measure of the handlers' time outside AWS requests holds when requests overlap (the close's
shard queries run on a pool of threads): wall time in flight counted once, CPU charged to one side."""
import threading
import time

from simulation.close_measure import CloseRun, in_flight
from simulation.recorder import Call, Recorder


def call_between(start: float, end: float) -> Call:
    return Call("dynamodb", "Query", {}, "close job", seconds=end - start, started=start)


def test_overlapping_requests_count_once_in_the_time_in_flight():
    # Given two overlapping requests, one inside another and one apart
    calls = [call_between(0.0, 2.0), call_between(1.0, 3.0), call_between(1.5, 2.5), call_between(5.0, 6.0)]

    # Then the time with a request in flight is 0-3 and 5-6, not the 5.0 s their durations add up to
    assert in_flight(calls) == 4.0
    assert in_flight([]) == 0.0


def test_requests_on_parallel_threads_are_charged_their_own_threads_cpu():
    # Given a recorder's hooks fired by four threads, each spinning 50 ms of CPU inside its request
    recorder, contexts = Recorder(), [{} for _ in range(4)]
    for context in contexts:
        recorder._params(params={}, model=_Model(), context=context)

    def request(context):
        recorder._start(context=context)
        spin_until = time.thread_time() + 0.05
        while time.thread_time() < spin_until:
            pass
        recorder._end(context=context)

    threads = [threading.Thread(target=request, args=(c,)) for c in contexts]
    cpu = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run = CloseRun("probe", 4, 4, seconds=0.0, cpu_seconds=time.process_time() - cpu, calls=recorder.take())

    # Then each request holds its own thread's 50 ms (not the others' it waited on), and the CPU
    # outside the requests is what is left: not negative, as summed wall times made it
    assert all(0.05 <= c.cpu_seconds < 0.06 for c in run.calls), [c.cpu_seconds for c in run.calls]
    assert 0 <= run.cpu_outside_aws < 0.05


class _Model:
    name = "Query"

    class service_model:
        service_name = "dynamodb"
