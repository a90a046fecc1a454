#!/usr/bin/env bash
# Installs the Debian 12 packages Qonsul needs to build and test (and, with --bench, to run
# the side-by-side benchmarks). Idempotent: asks dpkg what is already there and calls apt
# only for what is missing, so a second run does nothing and needs no network.
#
#   packaging/deps.sh            build + test packages
#   packaging/deps.sh --bench    also wrk, etcd, nginx, dnsperf, stunnel, haproxy and gnuplot for
#                                tests/bench/
#   packaging/deps.sh --list     print the packages (with --bench, those too), one a line;
#                                install nothing (tests/packaging/deps_closure_test.sh reads it)
set -euo pipefail

build_and_test=(
    cmake ninja-build g++                             # toolchain
    qt6-base-dev libqt6sql6-sqlite                    # Qt 6.4: Core, Network, Widgets (desktop app), Test, Sql
    libboost-dev                                      # Boost.Beast's HTTP/1.1 parser (header-only)
    libssl-dev libldns-dev                            # Connect CA and certificates; DNS wire format
    pkgconf                                           # pkg-config, which engine/CMakeLists.txt finds ldns with
    libsimdjson-dev                                   # the desktop's node dumps (megabytes per change)
    libsqlite3-dev                                    # a server's log and snapshots in -data-dir
    libarchive-dev                                    # `snapshot save|restore`: Consul's tar.gz archives
    curl dnsutils python3-consul2 socat netcat-openbsd jq # e2e: the real clients of the tutorial
    python3-cryptography                              # e2e: the certificates hostile Connect callers present
    openssl                                           # e2e: `openssl verify` of what `qonsul tls` makes
    dnsmasq-base                                      # a DNS recursor for the DNS server's tests (binary only, no service)
    iputils-ping                                      # e2e: the tutorial's ping script check
    xvfb imagemagick xdotool python3                  # gui tests: a real display, screenshots (tests/gui/screenshots.sh), clicks
    libqt6svg6                                        # the SVG icon engine that draws the app icon
    qt6-tools-dev qt6-l10n-tools                      # lupdate/lrelease: the app in Japanese (resources/translations)
    qt6-translations-l10n                             # Qt's own strings (dialog buttons) in Japanese
    fonts-droid-fallback                              # Japanese glyphs for screenshots of the app in Japanese
    desktop-file-utils appstream dpkg-dev file        # packaging test: validate .desktop and metainfo, cpack's dpkg-shlibdeps and file
)
bench=(wrk etcd-server etcd-client nginx-light dnsperf stunnel4 haproxy gnuplot-nox)

usage() { sed -n '2,10s/^# \{0,1\}//p' "$0"; }

wanted=("${build_and_test[@]}")
list=false
for arg in "$@"; do
    case "$arg" in
        --bench) wanted+=("${bench[@]}") ;;
        --list) list=true ;;
        -h | --help) usage; exit 0 ;;
        *) echo "deps.sh: unknown option '$arg'" >&2; usage >&2; exit 2 ;;
    esac
done

if $list; then
    printf '%s\n' "${wanted[@]}"
    exit 0
fi

missing=()
for package in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "deps.sh: all ${#wanted[@]} packages are installed"
    exit 0
fi

echo "deps.sh: installing ${missing[*]}"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "deps.sh: run as root (or install sudo) to install: ${missing[*]}" >&2
        exit 1
    fi
    as_root=(sudo)
fi
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q "${missing[@]}" </dev/null  # recommends too: xvfb-run needs xauth
