#!/usr/bin/env bash
# The README's Quick start on a fresh Debian 12, by hand (not run by CTest: it downloads a
# system and builds everything in it, about 20 minutes on 2 cores):
#  1. mmdebstrap makes a minimal bookworm tree (variant apt: dpkg, apt and nothing else)
#     from the same Debian sources this machine's apt uses;
#  2. the committed files of this checkout (git archive HEAD) are copied into it;
#  3. `./qonsul.sh test` runs inside it as root, so deps.sh installs everything the build and
#     the tests need from nothing, and every test runs.
# It exits with the test command's status and leaves the tree for a look unless it passed.
#
#   tests/packaging/fresh_debian.sh [WORK_DIR]     (as root; WORK_DIR default: a new one in /var/tmp)
#
# Needs mmdebstrap (installed when missing) and root, for the chroot and its mounts.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d /var/tmp/qonsul-fresh.XXXXXX)}
tree=$work/bookworm
mkdir -p "$work"
[ "$(id -u)" -eq 0 ] || { echo "fresh_debian.sh: run as root (chroot, mounts)" >&2; exit 2; }
command -v mmdebstrap >/dev/null ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q mmdebstrap </dev/null

sources=/etc/apt/sources.list.d/debian.sources
[ -f "$sources" ] || sources=/etc/apt/sources.list
echo "fresh_debian.sh: a minimal bookworm in $tree (sources: $sources)"
mmdebstrap --variant=apt --include=ca-certificates bookworm "$tree" "$sources"

mkdir -p "$tree/src"
git -C "$root" archive HEAD | tar -x -C "$tree/src"
cp /etc/resolv.conf "$tree/etc/resolv.conf"
# The installer writes /etc/hosts (localhost among it); a bootstrapped tree has none.
cp /etc/hosts "$tree/etc/hosts"

mounted=()
mount_into() { # SOURCE TARGET [mount options...]
    mkdir -p "$tree/$2"
    mount "${@:3}" "$1" "$tree/$2"
    mounted=("$tree/$2" "${mounted[@]}")
}
cleanup() {
    local m
    for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null || true; done
}
trap cleanup EXIT
mount_into proc proc -t proc
mount_into sysfs sys -t sysfs
mount_into /dev dev --bind
mount_into devpts dev/pts -t devpts
mount_into tmpfs dev/shm -t tmpfs

echo "fresh_debian.sh: ./qonsul.sh test inside it"
status=0
chroot "$tree" /usr/bin/env -i HOME=/root TERM=dumb CI=true \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    bash -c 'cd /src && ./qonsul.sh test' </dev/null || status=$?
echo "fresh_debian.sh: ./qonsul.sh test exited $status"
if [ "$status" -eq 0 ]; then
    cleanup
    trap - EXIT
    rm -rf "$work"
else
    echo "fresh_debian.sh: the tree is kept in $tree" >&2
fi
exit "$status"
