"""`deferred`: a module named now, imported at its first use, then indistinguishable from the module."""
import sys
import uuid

import pytest

from chalicelib.lazy import deferred

SOURCE = '''"""A module that counts its imports."""
import builtins

builtins.lazy_test_imports = getattr(builtins, "lazy_test_imports", 0) + 1
GREETING = "hello"


def greet(name):
    return f"{GREETING} {name}"
'''


@pytest.fixture
def module_name(tmp_path, monkeypatch):
    """The name of a fresh module on sys.path that no one has imported."""
    import builtins

    name = f"lazy_probe_{uuid.uuid4().hex[:8]}"
    (tmp_path / f"{name}.py").write_text(SOURCE)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(builtins, "lazy_test_imports", 0, raising=False)
    yield name
    sys.modules.pop(name, None)


def imports() -> int:
    import builtins

    return builtins.lazy_test_imports


def test_naming_a_deferred_module_does_not_import_it(module_name):
    # When
    probe = deferred(module_name)
    # Then
    assert module_name not in sys.modules and imports() == 0
    assert repr(probe) == f"<deferred module {module_name!r} (not imported yet)>"


def test_the_first_attribute_used_imports_the_module_once(module_name):
    # Given
    probe = deferred(module_name)
    # When
    greeting = probe.greet("seller")
    constant = probe.GREETING
    # Then
    assert (greeting, constant) == ("hello seller", "hello")
    assert imports() == 1 and sys.modules[module_name].greet is probe.greet
    assert probe.__name__ == module_name and "greet" in dir(probe) and vars(probe)["GREETING"] == "hello"
    assert "(imported)" in repr(probe)


def test_setting_an_attribute_sets_it_on_the_module(module_name, monkeypatch):
    # Given
    probe = deferred(module_name)
    # When
    monkeypatch.setattr(probe, "GREETING", "hi")
    # Then: the module's own functions see it
    assert probe.greet("agent") == "hi agent" and sys.modules[module_name].GREETING == "hi"
    # And the patch is undone as on the module itself
    monkeypatch.undo()
    assert probe.greet("agent") == "hello agent"


def test_deleting_an_attribute_deletes_it_from_the_module(module_name):
    # Given
    probe = deferred(module_name)
    # When
    del probe.GREETING
    # Then
    assert not hasattr(sys.modules[module_name], "GREETING")
    with pytest.raises(NameError):
        probe.greet("agent")


def test_a_missing_attribute_is_an_attribute_error_of_the_module(module_name):
    probe = deferred(module_name)
    with pytest.raises(AttributeError, match=f"module '{module_name}' has no attribute 'absent'"):
        probe.absent


def test_a_module_that_cannot_be_imported_fails_at_its_first_use_not_before():
    # Given
    missing = deferred("chalicelib.no_such_module")
    # When / Then
    with pytest.raises(ModuleNotFoundError, match="chalicelib.no_such_module"):
        missing.anything


def test_a_reimported_module_is_the_one_used(module_name):
    # Given: a module imported, then dropped and imported again
    probe = deferred(module_name)
    first = probe.greet
    del sys.modules[module_name]
    # When
    second = probe.greet
    # Then
    assert imports() == 2 and second is not first and second is sys.modules[module_name].greet


SLOW_SOURCE = '''"""A module whose import takes a while, with its names defined at the end."""
import time

time.sleep(0.5)
READY = "whole"
'''
CONCURRENT_FIRST_USES = '''
import sys, threading
from chalicelib.lazy import deferred

probe = deferred(sys.argv[1])
start, seen = threading.Barrier(12), []


def first_use():
    start.wait()
    try:
        seen.append(probe.READY)
    except AttributeError as error:
        seen.append(f"error: {error}")


threads = [threading.Thread(target=first_use) for _ in range(12)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(set(seen)), len(seen))
'''


def test_twelve_threads_using_a_module_first_all_see_it_whole(tmp_path):
    # Given a fresh interpreter and a module whose import is slow
    import subprocess
    from pathlib import Path

    (tmp_path / "slow_probe.py").write_text(SLOW_SOURCE)
    root = Path(__file__).resolve().parents[2]
    # When 12 threads use it at once for the first time
    done = subprocess.run([sys.executable, "-c", CONCURRENT_FIRST_USES, "slow_probe"], capture_output=True,
                          text=True, timeout=60, cwd=root, env={"PYTHONPATH": f"{tmp_path}:{root}"})
    # Then each saw the module whole, none a partially initialized one
    assert done.stdout.strip() == "['whole'] 12", done.stdout + done.stderr
