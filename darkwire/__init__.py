"""darkwire: dark-web breach-claim intelligence.

The flow reads like the pipeline it is: source -> post -> analysis -> incident -> brief -> store -> web.
This package's first stage is the analyser (`darkwire.analyze`), which turns one post into an `Analysis`.
"""

__version__ = "0.1.0"
