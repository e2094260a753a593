"""Heavy libraries loaded when first used rather than when the app starts.

pandas, OR-Tools, fpdf2 and openpyxl together added about 80 MB to every backend process, yet
only the analytics pages, the planner, the downloads and the imports use them. A module that
uses one only inside its functions names it through ``lazy_module`` (``pd = lazy_module("pandas")``):
a stand-in that imports the real library the first time one of its attributes is read. Code
that subclasses a library class imports it inside the function that needs it instead.

The stand-in is deliberately not put in ``sys.modules`` (as ``importlib.util.LazyLoader``
would): Reflex walks every loaded module while registering assets, which would load them all.
"""

import importlib
from types import ModuleType


class LazyModule:
    """A module imported on first attribute access (``import`` is thread-safe, so this is too)."""

    __slots__ = ("_name", "_module")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str):
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}{' (loaded)' if self._module is not None else ''}>"


def lazy_module(name: str) -> LazyModule:
    """A stand-in for the module ``name`` that imports it the first time it is used."""
    return LazyModule(name)
