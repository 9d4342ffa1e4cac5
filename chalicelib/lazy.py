"""`deferred("package.module")`: a module that is imported when one of its attributes is first used.

Every Lambda function of the app imports the whole `app.py` (issue 8, figure 1), so a module that
only some handlers need is named with `deferred` and imported inside the first invocation that
reaches into it. This moves the import's cost into that invocation; it does not remove it.

    events = deferred("chalicelib.services.events")   # nothing imported yet
    events.process(...)                               # imports it now, then calls it

An exception raised by the import (a missing dependency, a syntax error) surfaces at that first use.
Safe under threads: concurrent first uses import the module once and all see it whole.
"""
import importlib
import sys
from types import ModuleType


class DeferredModule(ModuleType):
    """Stands in for a module: reading, setting or deleting an attribute acts on the real module, imported then.

    The real module is looked up in `sys.modules` at each access (a dict lookup), so a re-imported
    module is seen as a plain `import` would see it. The proxy keeps its own `__name__`.
    """

    def __getattr__(self, attribute: str):
        return getattr(self._module(), attribute)

    def __setattr__(self, attribute: str, value) -> None:
        setattr(self._module(), attribute, value)

    def __delattr__(self, attribute: str) -> None:
        delattr(self._module(), attribute)

    @property
    def __dict__(self) -> dict:  # the real module's namespace: vars(), and pytest's monkeypatch, read it
        return self._module().__dict__

    def __dir__(self) -> list[str]:
        return dir(self._module())

    def __repr__(self) -> str:
        state = "imported" if self.__name__ in sys.modules else "not imported yet"
        return f"<deferred module {self.__name__!r} ({state})>"

    def _module(self) -> ModuleType:
        module = sys.modules.get(self.__name__)
        if module is None or getattr(module.__spec__, "_initializing", False):
            # not imported, or another thread is importing it: Python's module lock makes this wait
            # for that import to finish (`import` does the same), never handing out a half-run module
            return importlib.import_module(self.__name__)
        return module


def deferred(name: str) -> ModuleType:
    """The module `name` (absolute dotted path), imported at its first attribute access rather than now."""
    return DeferredModule(name)
