#!/usr/bin/env python3
"""Prints one value of a .reg file written by `reg export` (UTF-16) as `TYPE<TAB>VALUE`, for the
wine tests: TYPE is sz, expand_sz or dword (VALUE in decimal). Exit 1 if the value is not there.
`reg query` prints in the console's code page, which mangles Chinese; the exported file is
UTF-16 and says REG_EXPAND_SZ (hex(2)) apart from REG_SZ.

Usage: regvalue.py FILE.reg NAME
"""
import sys


def values(text):
    """Yields (name, kind, raw) for every value line, continuation lines joined."""
    logical = []
    for line in text.splitlines():
        if logical and logical[-1].endswith("\\"):
            logical[-1] = logical[-1][:-1] + line.strip()
        else:
            logical.append(line)
    for line in logical:
        if not line.startswith('"'):
            continue
        # "name"=data, where name may hold escaped quotes.
        i, name = 1, []
        while line[i] != '"':
            if line[i] == "\\":
                i += 1
            name.append(line[i])
            i += 1
        data = line[i + 2 :]
        yield "".join(name), data


def decode(data):
    if data.startswith('"'):
        body = data[1:-1]
        out, i = [], 0
        while i < len(body):
            if body[i] == "\\" and i + 1 < len(body):
                i += 1
            out.append(body[i])
            i += 1
        return "sz", "".join(out)
    if data.startswith("dword:"):
        return "dword", str(int(data[6:], 16))
    if data.startswith("hex(2):"):
        raw = bytes(int(b, 16) for b in data[7:].split(",") if b)
        return "expand_sz", raw.decode("utf-16-le").rstrip("\0")
    raise ValueError(f"unsupported value: {data[:20]}")


def main():
    path, wanted = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8")
    for name, data in values(text):
        if name.lower() == wanted.lower():
            kind, value = decode(data)
            print(f"{kind}\t{value}")
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
