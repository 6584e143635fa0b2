#!/usr/bin/env python3
"""Where an unstripped release binary's code goes, by crate (docs/benchmarks.md).

Usage: scripts/size-by-crate.py BINARY [TOP]

Reads the symbol table (`nm --print-size`, demangled) and adds up the size of every function and
datum under the crate its path starts with; a generic instantiation (`<tokio::… as …>::…`)
counts for the crate of its first path, as `cargo bloat --crates` does. Symbols without a Rust
path (C code such as ring's, libc stubs) are "[C/other]". What the symbol table does not cover
(headers, relocations, unwind tables, string literals merged into .rodata) is "[unattributed]".
"""
import collections
import re
import subprocess
import sys


def crate_of(name):
    name = name.strip()
    while name.startswith("<"):
        name = name[1:]
    name = name.lstrip("&*").replace("dyn ", "").replace("mut ", "")
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", name)
    return m.group(1) if m else "[C/other]"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    out = subprocess.run(
        ["nm", "--print-size", "--size-sort", "--demangle", binary], capture_output=True, text=True, check=True
    ).stdout
    sizes = collections.Counter()
    for line in out.splitlines():
        parts = line.split(" ", 3)
        if len(parts) < 4:
            continue
        _, size, kind, name = parts
        if kind.lower() not in "tdrb":
            continue
        sizes[crate_of(name)] += int(size, 16)
    text = subprocess.run(["size", "-A", binary], capture_output=True, text=True, check=True).stdout
    loaded = sum(
        int(f[1]) for f in (l.split() for l in text.splitlines()) if len(f) >= 3 and f[0].startswith(".") and
        f[0] in (".text", ".rodata", ".data", ".data.rel.ro", ".bss", ".eh_frame", ".gcc_except_table")
    )
    total = sum(sizes.values())
    print(f"{binary}: {total / 1e6:.1f} MB in symbols of {loaded / 1e6:.1f} MB of code, data and unwind tables")
    for crate, size in sizes.most_common(top):
        print(f"  {size / 1e6:7.2f} MB  {100 * size / loaded:5.1f} %  {crate}")
    print(f"  {(loaded - total) / 1e6:7.2f} MB  {100 * (loaded - total) / loaded:5.1f} %  [unattributed]")


if __name__ == "__main__":
    main()
