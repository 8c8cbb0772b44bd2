#!/usr/bin/python3
"""Builds synthetic roots for the scaling benchmarks: N packages in a dpkg status database (with
.list files) and N headers in an rpmdb.sqlite, shaped like real ones (30 files, provides, requires,
multi-line descriptions). Usage: make_synthetic.py OUT_DIR N"""
import os
import sqlite3
import struct
import sys

out, n = sys.argv[1], int(sys.argv[2])


def header(i):
    """An rpm header blob: il, dl, index entries {tag, type, offset, count}, data (big-endian)."""
    index, data = [], bytearray()

    def add(tag, typ, count, payload, align=1):
        while len(data) % align:
            data.append(0)
        index.append(struct.pack(">IIII", tag, typ, len(data), count))
        data.extend(payload)

    s = lambda v: v.encode() + b"\0"
    name = f"pkg{i:05d}"
    add(1000, 6, 1, s(name))
    add(1001, 6, 1, s(f"{1 + i % 7}.{i % 13}.{i % 5}"))
    add(1002, 6, 1, s(f"{1 + i % 3}.oe2403"))
    add(1004, 6, 1, s(f"synthetic package number {i}"))
    add(1014, 6, 1, s(["MIT", "GPLv2+", "ASL 2.0", "LGPLv2+ and GPLv2+", "MulanPSL-2.0"][i % 5]))
    add(1011, 6, 1, s("openEuler"))
    add(1022, 6, 1, s("x86_64"))
    add(1044, 6, 1, s(f"{name}-1.0-1.oe2403.src.rpm"))
    add(1047, 8, 2, s(name) + s(f"lib{name}.so.1()(64bit)"))
    reqs = [f"libpkg{(i * 7 + k) % n:05d}.so.1()(64bit)" for k in range(1, 4)] + ["/bin/sh"]
    add(1049, 8, len(reqs), b"".join(s(r) for r in reqs))
    add(1048, 4, len(reqs), b"".join(struct.pack(">I", 0) for _ in reqs), 4)
    dirs = [f"/usr/lib/{name}/", f"/usr/share/doc/{name}/"]
    add(1118, 8, 2, b"".join(s(d) for d in dirs))
    add(1117, 8, 30, b"".join(s(f"file{k}.dat") for k in range(30)))
    add(1116, 4, 30, b"".join(struct.pack(">I", k % 2) for k in range(30)), 4)
    return struct.pack(">II", len(index), len(data)) + b"".join(index) + bytes(data)


rpm_root = os.path.join(out, f"rpm-{n}")
os.makedirs(os.path.join(rpm_root, "var/lib/rpm"), exist_ok=True)
os.makedirs(os.path.join(rpm_root, "etc"), exist_ok=True)
open(os.path.join(rpm_root, "etc/os-release"), "w").write('ID="openEuler"\nVERSION_ID="24.03"\n')
db_path = os.path.join(rpm_root, "var/lib/rpm/rpmdb.sqlite")
if os.path.exists(db_path):
    os.remove(db_path)
db = sqlite3.connect(db_path)
db.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)")
db.executemany("INSERT INTO Packages (blob) VALUES (?)", ((header(i),) for i in range(n)))
db.commit()
db.close()

deb_root = os.path.join(out, f"deb-{n}")
info = os.path.join(deb_root, "var/lib/dpkg/info")
os.makedirs(info, exist_ok=True)
os.makedirs(os.path.join(deb_root, "etc"), exist_ok=True)
open(os.path.join(deb_root, "etc/os-release"), "w").write('ID=debian\nVERSION_ID="12"\n')
with open(os.path.join(deb_root, "var/lib/dpkg/status"), "w") as st:
    for i in range(n):
        name = f"pkg{i:05d}"
        deps = ", ".join(f"pkg{(i * 7 + k) % n:05d} (>= 1.0)" for k in range(1, 4))
        st.write(f"Package: {name}\nStatus: install ok installed\nPriority: optional\nSection: libs\n"
                 f"Installed-Size: {100 + i % 900}\nMaintainer: Synthetic Team <team@example.invalid>\n"
                 f"Architecture: amd64\nMulti-Arch: same\nSource: src{i // 3:05d}\nVersion: {i % 3}:{1 + i % 7}.{i % 13}-{1 + i % 4}\n"
                 f"Depends: {deps}\nDescription: synthetic package {i}\n a longer description that\n spans lines\n\n")
        with open(os.path.join(info, f"{name}:amd64.list"), "w") as lst:
            lst.write("/.\n" + "".join(f"/usr/lib/{name}/file{k}.so\n" for k in range(30)))
print(rpm_root, deb_root)
