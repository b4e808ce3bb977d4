"""``cached_property`` without the per-class lock Python 3.10 and 3.11 take on every first access.

Up to Python 3.11, :class:`functools.cached_property` acquires an ``RLock`` each time a value is
computed; the document model and the readability figures compute hundreds of thousands of such
values per site, so the lock alone cost about 0.3 s of CPU on a 600-page corpus. Python 3.12
dropped the lock, and this module then simply re-exports the standard one. Same semantics
otherwise: the value is stored in the instance ``__dict__`` under the attribute's name, so later
reads are plain attribute reads and ``del obj.name`` (or ``obj.__dict__.pop``) forgets it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING or sys.version_info >= (3, 12):
    from functools import cached_property
else:
    from typing import Any

    class cached_property:
        def __init__(self, func: Any) -> None:
            self.func = func
            self.attrname: str | None = None
            self.__doc__ = func.__doc__
            self.__module__ = func.__module__

        def __set_name__(self, owner: type, name: str) -> None:
            if self.attrname is None:
                self.attrname = name
            elif name != self.attrname:
                raise TypeError(
                    "Cannot assign the same cached_property to two different names "
                    f"({self.attrname!r} and {name!r})."
                )

        def __get__(self, instance: Any, owner: type | None = None) -> Any:
            if instance is None:
                return self
            value = self.func(instance)
            instance.__dict__[self.attrname] = value
            return value


__all__ = ["cached_property"]
