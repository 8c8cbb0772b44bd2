#!/usr/bin/env python3
"""PEP 440 oracle: reads 'A<TAB>B' lines, prints <, = or > as PyPA's packaging orders them,
"error" when packaging refuses a version. Makes test vectors for kaiyuan's PyPI comparator."""
import sys
from packaging.version import InvalidVersion, Version

for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t", 1)
    try:
        x, y = Version(a), Version(b)
    except InvalidVersion:
        print("error")
        continue
    print("<" if x < y else ">" if x > y else "=")
