"""Reads `python -X importtime` output: what `import app` imports beyond its floor, and what that costs."""
import re
from collections import defaultdict
from dataclasses import dataclass, field

from bench import report

LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)$")


@dataclass
class Module:
    name: str
    self_us: int
    children: list["Module"] = field(default_factory=list)


def parse(stderr: str) -> list[Module]:
    """The import tree (importtime prints each module after the modules it imported, one level deeper)."""
    pending: dict[int, list[Module]] = defaultdict(list)
    for match in filter(None, map(LINE.match, stderr.splitlines())):
        depth = len(match.group(3)) // 2
        module = Module(match.group(4), int(match.group(1)), pending.pop(depth + 1, []))
        pending[depth].append(module)
    return pending[0]


def walk(modules: list[Module]):
    for module in modules:
        yield module
        yield from walk(module.children)


def beyond(module: Module, floor: set[str], into: dict[str, int]) -> int:
    """Self time of `module` and what it imported, counting only modules the floor does not import."""
    total = (module.self_us if module.name not in floor else 0) + sum(beyond(c, floor, into) for c in module.children)
    if module.name not in floor:
        into[module.name] = total
    return total


def explain(app_stderr: str, floor_stderr: str, top: int = 10) -> None:
    """Prints the modules of `import app` the floor lacks: top by cumulative time, and by package (self time)."""
    floor = {m.name for m in walk(parse(floor_stderr))}
    app_tree = parse(app_stderr)
    cumulative: dict[str, int] = {}
    for module in app_tree:
        beyond(module, floor, cumulative)
    extra = [m for m in walk(app_tree) if m.name not in floor]
    by_package: dict[str, int] = defaultdict(int)
    for module in extra:
        by_package[module.name.split(".")[0]] += module.self_us
    report.detail(f"-X importtime: {len(extra)} modules beyond the floor, "
                  f"{sum(by_package.values()) / 1000:.0f} ms of their own import time (one run, not the median)")
    report.detail(f"top {top} modules beyond the floor, by cumulative time (floor modules under them excluded):")
    ranked = sorted((item for item in cumulative.items() if item[0] != "app"), key=lambda item: -item[1])
    for name, micros in ranked[:top]:
        report.detail(f"  {micros / 1000:8.1f} ms  {name}")
    report.detail(f"top {top} modules beyond the floor, by self time (module bodies: pydantic models are built here):")
    for module in sorted(extra, key=lambda m: -m.self_us)[:top]:
        report.detail(f"  {module.self_us / 1000:8.1f} ms  {module.name}")
    report.detail("beyond the floor by top-level package (self time):")
    for package, micros in sorted(by_package.items(), key=lambda item: -item[1])[:top]:
        report.detail(f"  {micros / 1000:8.1f} ms  {package}")
    floor_only: dict[str, int] = defaultdict(int)
    app_modules = {m.name for m in walk(app_tree)}
    for module in walk(parse(floor_stderr)):
        if module.name not in app_modules:
            floor_only[module.name.split(".")[0]] += module.self_us
    if floor_only:
        report.detail("floor modules `import app` leaves to the first invocation, by top-level package (self time):")
        for package, micros in sorted(floor_only.items(), key=lambda item: -item[1])[:top]:
            report.detail(f"  {micros / 1000:8.1f} ms  {package}")
