"""Reading the project's own data files (rules, lexicons, exercises, postcodes' corrections).

One loader for every YAML data file: PyYAML's safe loader in C (libyaml) when PyYAML was built
with it, about ten times faster than the pure-Python one (the self-check's first answer in a
fresh process waited on it), else the pure-Python safe loader. Both accept the same documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path | str) -> Any:
    """The YAML document in the UTF-8 file at `path` (dicts, lists, strings, numbers, dates).

    Raises OSError when the file cannot be read and yaml.YAMLError when it is not YAML.
    """
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=SafeLoader)
