"""darkwire's exception tree.

    DarkwireError               everything darkwire raises on purpose
    ├── InputError              a post or an input file that cannot be read (says which line and why)
    │   └── ConfigError         a darkwire.yaml that is invalid (says which field and why)
    ├── SourceError             a source that cannot be fetched (unreachable, refused, too large)
    ├── StoreError              the database cannot be opened, migrated or written
    └── VocabularyError         a taxonomy or lexicon data file that is missing or malformed

The CLI turns any `DarkwireError` into one line on stderr and exit code 2.
"""


class DarkwireError(Exception):
    """Base of every error darkwire raises on purpose; its message says how to fix the problem."""


class InputError(DarkwireError):
    """A post or input file could not be read."""


class VocabularyError(DarkwireError):
    """A vocabulary data file (taxonomy, lexicon) is missing or malformed."""


class ConfigError(InputError):
    """A config file (darkwire.yaml) is invalid: the message names the file and the field."""


class SourceError(DarkwireError):
    """A whole source could not be fetched; its state is left where it was and its health records why."""


class StoreError(DarkwireError):
    """The store could not be opened, migrated or written."""
