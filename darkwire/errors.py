"""darkwire's exception tree.

    DarkwireError               everything darkwire raises on purpose
    ├── InputError              a post or an input file that cannot be read (says which line and why)
    └── VocabularyError         a taxonomy or lexicon data file that is missing or malformed

The CLI turns any `DarkwireError` into one line on stderr and exit code 2.
"""


class DarkwireError(Exception):
    """Base of every error darkwire raises on purpose; its message says how to fix the problem."""


class InputError(DarkwireError):
    """A post or input file could not be read."""


class VocabularyError(DarkwireError):
    """A vocabulary data file (taxonomy, lexicon) is missing or malformed."""
