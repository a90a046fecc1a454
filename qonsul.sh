#!/usr/bin/env bash
# One entry point for a fresh Debian 12 checkout: installs the packages, configures with the
# release preset, builds, then either starts Qonsul or runs every test.
#
#   ./qonsul.sh run [ARGS...]   build, then run build/app/qonsul ARGS (default: the desktop
#                               app on a display, else agent -dev)
#   ./qonsul.sh test            build, then run all tests with CTest
#
# Environment: QONSUL_JOBS=N sets build parallelism (default: 2 when CI=true, else all cores).
set -euo pipefail
cd "$(dirname "$0")"

# What `run` starts when given no arguments: the desktop app (with its embedded dev agent)
# when there is a display, else a dev agent in the terminal.
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    default_run_args=(desktop)
else
    default_run_args=(agent -dev)
fi

usage() { sed -n '2,9s/^# \{0,1\}//p' "$0"; }

build() {
    packaging/deps.sh
    cmake --preset release
    local jobs=${QONSUL_JOBS:-}
    if [ -z "$jobs" ]; then
        if [ "${CI:-}" = true ]; then jobs=2; else jobs=$(nproc); fi
    fi
    cmake --build --preset release --parallel "$jobs"
}

case "${1:-}" in
    run)
        shift
        build
        [ $# -gt 0 ] || set -- "${default_run_args[@]}"
        exec build/app/qonsul "$@"
        ;;
    test)
        build
        # GUI tests use the offscreen platform unless a display is given; those that need a
        # real one start Xvfb themselves.
        [ -n "${DISPLAY:-}" ] || export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
        exec ctest --preset release --no-tests=error
        ;;
    -h | --help | help)
        usage
        ;;
    *)
        usage >&2
        exit 2
        ;;
esac
