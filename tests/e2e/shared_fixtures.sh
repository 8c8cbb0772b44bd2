#!/bin/bash
# On the real roots of ../shared/peers/make-fixtures.sh (debootstrap Debian roots; a sqlite and a
# Berkeley DB rpmdb of 21 RPMs): kaiyuan's package sets equal dpkg-query's and rpm -qa's.
source "$(dirname "$0")/lib.sh"
F="${KAIYUAN_FIXTURES:-$HOME/.cache/kaiyuan-fixtures}"
[ -d "$F/rootfs-debian/var/lib/dpkg" ] || skip "$F has no fixtures (run ../shared/peers/make-fixtures.sh)"
need dpkg-query rpm
for r in rootfs-debian rootfs-debian-big; do
  dpkg-query --admindir="$F/$r/var/lib/dpkg" -W -f '${db:Status-Status}\t${Package}\t${Version}\t${Architecture}\n' \
    | awk -F'\t' '$1 == "installed" {print $2 "\t" $3 "\t" $4}' | LC_ALL=C sort > "$WORK/want"
  "$KAIYUAN" scan "$F/$r" -f json -o "$WORK/got.json" -q
  packages_of "$WORK/got.json" > "$WORK/got"
  same_packages "$WORK/want" "$WORK/got" "$r"
done
for r in rootfs-rpm-sqlite rootfs-rpm-bdb; do
  rpm --dbpath "$F/$r/var/lib/rpm" -qa --qf '%{NAME}\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\t%{ARCH}\n' 2>/dev/null | LC_ALL=C sort > "$WORK/want"
  "$KAIYUAN" scan "$F/$r" -f json -o "$WORK/got.json" -q
  packages_of "$WORK/got.json" > "$WORK/got"
  same_packages "$WORK/want" "$WORK/got" "$r"
done
