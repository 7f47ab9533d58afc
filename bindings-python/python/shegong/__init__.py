"""shegong (社工): the rules of Chinese community social work, from Rust.

Every class and function is the core library's, under the same names (snake_case). Calendar
dates are ``datetime.date``; instants are timezone-aware ``datetime.datetime``. Results are
dicts typed in ``shegong.types``; events, envelopes and histories are typed in
``shegong.events`` (generated from the JSON Schemas under ``schemas/``); errors are
``ShegongError`` subclasses carrying ``code``, ``rule_id`` and ``message``. See the binding's
README.
"""

from . import _shegong, events, types
from ._shegong import *  # noqa: F401,F403
from ._shegong import __version__  # noqa: F401

__all__ = [*_shegong.__all__, "events", "types"]


def _drop_orderings() -> None:
    """Equality is defined on these types, and CPython then lists every rich comparison
    (``__lt__``, ``__le__``, ``__gt__``, ``__ge__``) as a method of the type although none
    orders, so ``help()`` showed comparisons that raise. They are removed from the types;
    ``==`` still works, and ``<`` still raises ``TypeError`` as for any unordered type."""
    for cls in (_shegong.Calendar, _shegong.RuleSet, _shegong.Viewer, _shegong.IdNumber, _shegong.Phone):
        for op in ("__lt__", "__le__", "__gt__", "__ge__"):
            if op in vars(cls):
                try:
                    delattr(cls, op)
                except (AttributeError, TypeError):  # pragma: no cover - an immutable type
                    pass


_drop_orderings()
del _drop_orderings
