"""nerveguide: Danish information service on nerve-root compression."""

__version__ = "0.1.0"
