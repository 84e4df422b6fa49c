"""Checkers that the book's exercise cells call.

A checker takes the learner's function (or value), runs it on inputs it makes itself, and
compares the result with the package's own answer. It prints one line when the answer is
right and raises ``AssertionError`` with a hint at the likely mistake when it is not.

Chapters' checkers live in one module per chapter and are re-exported here, so a check cell
reads ``from dlnotes import checks`` then ``checks.check_flatten(flatten)``.
"""
from ._core import passed, require_array, require_close  # noqa: F401
from .ch01 import *  # noqa: F401,F403
from .ch02 import *  # noqa: F401,F403
from .ch03 import *  # noqa: F401,F403
from .ch04 import *  # noqa: F401,F403
from .ch05 import *  # noqa: F401,F403
from .ch06 import *  # noqa: F401,F403
from .ch07 import *  # noqa: F401,F403
from .ch08 import *  # noqa: F401,F403
from .ch09 import *  # noqa: F401,F403
from .ch10 import *  # noqa: F401,F403
from .ch11 import *  # noqa: F401,F403
from .ch12 import *  # noqa: F401,F403
from .ch13 import *  # noqa: F401,F403
from .ch14 import *  # noqa: F401,F403
from .ch15 import *  # noqa: F401,F403
from .ch16 import *  # noqa: F401,F403
from .ch17 import *  # noqa: F401,F403
from .ch18 import *  # noqa: F401,F403
from .ch19 import *  # noqa: F401,F403
from .ch20 import *  # noqa: F401,F403
from .ch21 import *  # noqa: F401,F403
from .ch22 import *  # noqa: F401,F403
from .ch23 import *  # noqa: F401,F403
from .ch24 import *  # noqa: F401,F403
from .ch25 import *  # noqa: F401,F403
from .ch26 import *  # noqa: F401,F403
from .ch27 import *  # noqa: F401,F403
from .ch28 import *  # noqa: F401,F403
from .ch29 import *  # noqa: F401,F403
from .ch30 import *  # noqa: F401,F403
from .ch31 import *  # noqa: F401,F403
from .ch32 import *  # noqa: F401,F403
from .ch33 import *  # noqa: F401,F403
from .ch34 import *  # noqa: F401,F403
from .ch36 import *  # noqa: F401,F403
from .ch38 import *  # noqa: F401,F403
from .ch39 import *  # noqa: F401,F403
from .ch35 import *  # noqa: F401,F403
from .ch37 import *  # noqa: F401,F403
