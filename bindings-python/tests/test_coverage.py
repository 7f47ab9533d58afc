"""Every public name of the package is exercised by the binding's tests (by name, in source)."""

import pathlib
import re

import shegong


def test_every_public_name_is_called_in_the_tests():
    here = pathlib.Path(__file__).parent
    source = "\n".join(p.read_text(encoding="utf-8") for p in here.glob("test_*.py") if p.name != "test_coverage.py")
    names = [n for n in shegong.__all__ if not isinstance(getattr(shegong, n), type(shegong)) and n != "__version__"]
    missing = [n for n in names if not re.search(rf"\b{re.escape(n)}\b", source)]
    assert not missing, f"public names no test calls: {missing}"
    # Methods and properties of every class, too.
    for name in shegong.__all__:
        cls = getattr(shegong, name)
        if isinstance(cls, type) and not issubclass(cls, BaseException):
            members = [m for m in vars(cls) if not m.startswith("_")]
            untested = [m for m in members if not re.search(rf"\.{re.escape(m)}\b", source)]
            assert not untested, f"{name}: {untested}"
