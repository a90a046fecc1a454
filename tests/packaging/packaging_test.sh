#!/usr/bin/env bash
# The desktop integration files and the Debian package, as a distribution would check them:
# the .desktop file and the AppStream metainfo validate, `cmake --install` lays out the binary,
# desktop file, metainfo and icon under a prefix, and `cpack` makes a .deb that holds them and
# whose Depends names the Qt libraries. Everything goes into a temporary directory; nothing is
# installed on the system.
#
#   QONSUL=build/app/qonsul tests/packaging/packaging_test.sh SOURCE_DIR BUILD_DIR VERSION APP_ID
#
# Needs desktop-file-utils, appstream and dpkg-dev (packaging/deps.sh installs them). CTest
# runs it after a build; cpack first brings the build tree up to date, as it always does.

if (($# != 4)); then
    sed -n '8p' "$0" >&2
    exit 2
fi
source_dir=$1
build_dir=$2
version=$3
app_id=$4
# Reporting (ok/fail/die/check) and a temporary directory removed on exit.
# shellcheck source-path=SCRIPTDIR source=../e2e/lib.sh
source "$(dirname "$0")/../e2e/lib.sh"
CMAKE=${CMAKE:-cmake}
CPACK=${CPACK:-cpack}

desktop_file=$source_dir/packaging/$app_id.desktop
metainfo=$source_dir/packaging/$app_id.metainfo.xml
# What the package puts where, relative to the prefix.
installed=(
    bin/qonsul
    "share/applications/$app_id.desktop"
    "share/metainfo/$app_id.metainfo.xml"
    "share/icons/hicolor/scalable/apps/$app_id.svg"
)

for tool in desktop-file-validate appstreamcli dpkg-deb dpkg-shlibdeps "$CMAKE" "$CPACK"; do
    command -v "$tool" >/dev/null || die "$tool is installed (run packaging/deps.sh)"
done

# --- the desktop file and the metainfo -----------------------------------------------------

# quietly COMMAND...: runs it and shows its output only when it fails.
quietly() {
    local output
    output=$("$@" 2>&1) && return 0
    printf '%s\n' "$output" >&2
    return 1
}

# desktop-file-validate exits 0 on warnings; hints (such as listing two main categories,
# Development and Network, on purpose) are advice, warnings and errors are not.
desktop_file_clean() { # FILE
    local report
    report=$(desktop-file-validate "$1" 2>&1)
    local rc=$?
    if ((rc != 0)) || grep -E ': (error|warning): ' <<<"$report" >/dev/null; then
        printf '%s\n' "$report" >&2
        return 1
    fi
}
check "desktop-file-validate accepts $app_id.desktop" desktop_file_clean "$desktop_file"
check "the desktop file starts \`qonsul desktop\`" grep -qx 'Exec=qonsul desktop' "$desktop_file"
check "the desktop file names the icon after the app id" grep -qx "Icon=$app_id" "$desktop_file"

# --strict fails on warnings too; only pedantic notes pass.
check "appstreamcli validate --strict accepts $app_id.metainfo.xml" \
    quietly appstreamcli validate --no-net --strict "$metainfo"
check "the metainfo's newest release is the project's version, $version" \
    test "$(grep -o -m1 '<release version="[^"]*"' "$metainfo")" == "<release version=\"$version\""
check "the metainfo launches $app_id.desktop" \
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo"

# --- cmake --install --------------------------------------------------------------------------

prefix=$E2E_TMP/prefix
"$CMAKE" --install "$build_dir" --prefix "$prefix" >"$E2E_TMP/install.log" 2>&1 ||
    die "cmake --install into a temporary prefix" "$(tail -n 40 "$E2E_TMP/install.log")"
ok "cmake --install into a temporary prefix"
for file in "${installed[@]}"; do
    check "cmake --install lays out $file" test -s "$prefix/$file"
done
check "the installed qonsul is executable" test -x "$prefix/bin/qonsul"
check "the installed qonsul reports version $version" \
    grep -q "^Qonsul v$version " <("$prefix/bin/qonsul" version)
check "the installed icon is the one the app shows" \
    cmp -s "$prefix/share/icons/hicolor/scalable/apps/$app_id.svg" "$source_dir/resources/icons/$app_id.svg"
# validate-tree also checks that the metainfo, the desktop file and the icon find each other.
check "appstreamcli validate-tree --strict accepts the installed tree" \
    quietly appstreamcli validate-tree --no-net --strict "$prefix"

# --- cpack: the .deb -----------------------------------------------------------------------------

packages=$E2E_TMP/packages
"$CPACK" --config "$build_dir/CPackConfig.cmake" -B "$packages" >"$E2E_TMP/cpack.log" 2>&1 ||
    die "cpack builds the package" "$(tail -n 40 "$E2E_TMP/cpack.log")"
debs=("$packages"/qonsul_"$version"_*.deb)
[[ -f "${debs[0]}" ]] || die "cpack wrote qonsul_${version}_<arch>.deb" "$(ls -l "$packages" 2>&1)"
deb=${debs[0]}
ok "cpack wrote $(basename "$deb")"

contents=$(dpkg-deb -c "$deb") || die "dpkg-deb -c reads the package"
for file in "${installed[@]}"; do
    check "the package holds /usr/$file" grep -qE " \./usr/$file\$" <<<"$contents"
done

field() { dpkg-deb -f "$deb" "$1"; }
check "the package is named qonsul" test "$(field Package)" == qonsul
check "the package's version is $version" test "$(field Version)" == "$version"
check "the package has a maintainer" test -n "$(field Maintainer)"
check "the package has a section" test -n "$(field Section)"
check "the package has a description" test -n "$(field Description)"
depends=$(field Depends)
printf '      Depends: %s\n' "$depends"
# dpkg-shlibdeps' share of Depends: the Qt libraries the binary links.
for library in libqt6core6 libqt6network6 libqt6widgets6; do
    check "Depends names $library" grep -qE "(^|, )$library( |,|$)" <<<"$depends"
done
# The plugins Qt loads at run time, which dpkg-shlibdeps cannot see.
for plugin in qt6-qpa-plugins libqt6svg6; do
    check "Depends names $plugin" grep -qE "(^|, )$plugin( |,|$)" <<<"$depends"
done

# The packaged binary is stripped: the build's debug info stays out of the package.
dpkg-deb -x "$deb" "$E2E_TMP/unpacked" || die "dpkg-deb -x unpacks the package"
check "the packaged qonsul has no debug info" \
    bash -c "! readelf -S '$E2E_TMP/unpacked/usr/bin/qonsul' | grep -q debug_info"
