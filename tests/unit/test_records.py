"""The records are declared statically; the two counter records hold one number per counter the domain counts."""
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from pynamodb.attributes import NumberAttribute

from chalicelib.adapters.binding import Tables
from chalicelib.adapters.insight_records import WeekCounterRecord
from chalicelib.adapters.records import CounterRecord
from chalicelib.domain.metrics import COUNTER_NAMES


def test_each_counter_record_has_a_number_defaulting_to_zero_per_counter_name():
    for record, keys in ((CounterRecord, set()), (WeekCounterRecord, {"expires_at"})):
        numbers = {name for name, attribute in record.get_attributes().items()
                   if isinstance(attribute, NumberAttribute) and attribute.default == 0}
        assert numbers == set(COUNTER_NAMES), record
        assert set(record.get_attributes()) - numbers - keys == {
            CounterRecord: {"seller_market", "month", "market_month", "seller_id", "marketplace_id"},
            WeekCounterRecord: {"market_week_shard", "seller_id"}}[record]


def test_a_configuration_binds_each_record_to_its_stages_table_endpoint_and_region():
    tables = Tables("csba-dev", "http://127.0.0.1:1", "eu-west-1")
    bound = tables.CounterRecord
    assert issubclass(bound, CounterRecord) and bound.__name__ == "CounterRecord"
    assert (bound.Meta.table_name, bound.Meta.host, bound.Meta.region) == (
        "csba-dev-counters", "http://127.0.0.1:1", "eu-west-1")
    assert tables.WeekCounterRecord.Meta.table_name == "csba-dev-weekly-counters"
    assert CounterRecord.Meta.table_name == "counters"  # the declared record is left as it is


def test_a_table_is_bound_at_its_first_read_and_once_when_threads_read_it_together():
    # Given a configuration none of whose tables was read yet
    tables = Tables("csba-dev", "http://127.0.0.1:1", "eu-west-1")
    assert "OrderRecord" not in vars(tables)
    start = threading.Barrier(8)

    def first_read(_: int) -> type:
        start.wait()
        return tables.OrderRecord

    # When eight threads read the same table at once, switching as often as the interpreter can
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            bound = set(pool.map(first_read, range(8)))
    finally:
        sys.setswitchinterval(interval)
    # Then they all got the one class bound for it, and the tables not read stay unbound
    assert bound == {tables.OrderRecord} and tables.OrderRecord.Meta.table_name == "csba-dev-orders"
    assert "ContactRecord" not in vars(tables)
