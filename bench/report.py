"""Output: one figure per line with its budget and verdict; details indented beneath."""
import os
import platform

WIDTH = 58


def heading(text: str) -> None:
    print(f"\n== {text}", flush=True)


def figure(label: str, value: str, budget: str, ok: bool | None) -> None:
    """One figure; `ok` None means the figure has no budget (information)."""
    verdict = "info" if ok is None else ("OK" if ok else "MISSED")
    print(f"{label:<{WIDTH}} {value:>12}   budget {budget:<10} {verdict}", flush=True)


def detail(text: str) -> None:
    print(f"    {text}", flush=True)


def machine() -> None:
    print(f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}; "
          f"Python {platform.python_version()}; {platform.platform()}; "
          f"load average {os.getloadavg()[0]:.2f} at start", flush=True)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"
