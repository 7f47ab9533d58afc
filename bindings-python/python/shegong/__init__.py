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
