#!/usr/bin/env bash
# packaging/deps.sh installs everything a fresh Debian 12 machine needs to build, test and run
# Qonsul. A fresh machine has Debian's essential and required packages; deps.sh adds its list
# and apt adds what those depend on and recommend. This computes that closure offline from the
# local apt lists (an alternative or a virtual package counts as satisfied by what is installed
# here, else by apt's first choice) and checks that it holds:
#   - every CMake package and pkg-config module the last configure of BUILD_DIR used, the
#     programs CMake found and the libraries pkg-config gave it (CMakeCache.txt);
#   - every program the tests and scripts run (the list below), the Qt plugins they load and the
#     Python modules tests/e2e imports;
#   - any program that is installed here but not from the closure and that a test or script
#     runs by name: a search over tests/ (but bench), qonsul.sh, .ci/run and packaging/*.sh
#     for command positions in shell, argv lists in Python and process/script-check arguments
#     in the C++ tests, so that a new tool is caught even before it is added to the list;
#   - the bench programs against `deps.sh --bench`, when they are installed.
# Each owning package comes from `dpkg -S` on this machine, so run it where the build ran.
#
#   tests/packaging/deps_closure_test.sh SOURCE_DIR BUILD_DIR
#
# Needs apt's package lists (run `apt-get update` once if there are none); no network.

if (($# != 2)); then
    sed -n '18p' "$0" >&2
    exit 2
fi
source_dir=$1
build_dir=$2
# lib.sh wants a qonsul binary to test; this test runs none.
export QONSUL=${QONSUL:-/bin/true}
# Reporting (ok/fail/die/check) and a temporary directory removed on exit.
# shellcheck source-path=SCRIPTDIR source=../e2e/lib.sh
source "$(dirname "$0")/../e2e/lib.sh"

# Where Debian's packages put programs. The caller's PATH may put other copies first (pyenv
# shims, /usr/local): those are not what a fresh machine has.
system_path=/usr/sbin:/usr/bin:/sbin:/bin
apt_flags=(--no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances)
started=$SECONDS

cache=$build_dir/CMakeCache.txt
[[ -f "$cache" ]] || die "$cache exists (configure first: cmake --preset release)"
for tool in apt-cache dpkg-query; do
    command -v "$tool" >/dev/null || die "$tool is installed (this test needs Debian's apt and dpkg)"
done
# Without lists apt-cache still answers, from dpkg's status alone, and the closure would be wrong.
eval "$(apt-config shell lists Dir::State::Lists/d)"
compgen -G "${lists:-/var/lib/apt/lists}/*_Packages*" >/dev/null ||
    die "apt has package lists (none found: run \`apt-get update\` once, then this test works offline)"

# --- the closure -----------------------------------------------------------------------------

# package_closure ROOTS-FILE: what apt installs for ROOTS on top of what is installed: Depends,
# Pre-Depends and Recommends, recursively. Prints "PACKAGE ROOT" (ROOT: the line number in
# ROOTS-FILE of the first root that reached it) and "unknown NAME" for a root apt does not know. One apt-cache
# call lists every candidate (all alternatives, all providers); the walk then picks one per
# dependency: the first candidate installed here, else the first, as apt would.
package_closure() {
    mapfile -t roots <"$1"
    apt-cache depends --recurse "${apt_flags[@]}" "${roots[@]}" 2>/dev/null |
        awk -v installed_file="$E2E_TMP/installed" -v roots_file="$1" '
        function close_group() {
            if (n) groups[pkg, ++ngroups[pkg]] = candidates
            n = 0; candidates = ""; or_next = 0
        }
        BEGIN {
            while ((getline line < installed_file) > 0) installed[line] = 1
            while ((getline line < roots_file) > 0) roots[++nroots] = line
        }
        /^[^ ]/ { close_group(); pkg = $0; known[pkg] = 1; next }
        # "  Depends: x" or " |Depends: x" (x or the next line); "<x>" is virtual.
        /^ [ |][A-Za-z-]+: / {
            if (!or_next) close_group()
            or_next = ($0 ~ /^ \|/)
            if ($2 !~ /^</) { target = $2; sub(/:.*/, "", target); candidates = candidates " " target; n++ }
            next
        }
        # The packages that provide the virtual (or real) one above.
        /^    / { target = $1; sub(/:.*/, "", target); candidates = candidates " " target; n++; next }
        END {
            close_group()
            for (r = 1; r <= nroots; r++) {
                if (!(roots[r] in known)) { print "unknown " roots[r]; continue }
                if (roots[r] in reached) continue
                reached[roots[r]] = r; queue[++tail] = roots[r]
                # Breadth first from each root in turn, so a package is credited to the first.
                for (; head < tail;) {
                    p = queue[++head]
                    for (g = 1; g <= ngroups[p]; g++) {
                        k = split(groups[p, g], c, " ")
                        pick = c[1]
                        for (j = 1; j <= k; j++) if (c[j] in installed) { pick = c[j]; break }
                        if (!(pick in reached)) { reached[pick] = reached[p]; queue[++tail] = pick }
                    }
                }
            }
            for (i = 1; i <= tail; i++) print queue[i], reached[queue[i]]
        }'
}

dpkg-query -W -f '${db:Status-Abbrev}\t${Package}\n' | awk -F'\t' '$1 ~ /^ii/ { print $2 }' \
    >"$E2E_TMP/installed"
# A fresh Debian 12 (debootstrap's minbase, the debian:12 image) has exactly these.
dpkg-query -W -f '${db:Status-Abbrev}\t${Package}\t${Essential}\t${Priority}\n' |
    awk -F'\t' '$1 ~ /^ii/ && ($3 == "yes" || $4 == "required") { print $2 }' >"$E2E_TMP/base"

bash "$source_dir/packaging/deps.sh" --list >"$E2E_TMP/listed" 2>"$E2E_TMP/list.err" ||
    die "packaging/deps.sh --list prints its packages" "$(cat "$E2E_TMP/list.err")"
mapfile -t listed <"$E2E_TMP/listed"
((${#listed[@]} > 0)) || die "packaging/deps.sh --list prints its packages (it printed none)"
cat "$E2E_TMP/listed" "$E2E_TMP/base" >"$E2E_TMP/roots"
package_closure "$E2E_TMP/roots" >"$E2E_TMP/closure"

unknown=$(awk '$1 == "unknown" { print $2 }' "$E2E_TMP/closure")
if [[ -z "$unknown" ]]; then
    ok "apt knows all ${#listed[@]} packages deps.sh lists"
else
    fail "apt knows all ${#listed[@]} packages deps.sh lists" "unknown to apt: $unknown"
fi
# in_closure[PACKAGE] says how it gets there: listed, pulled in, or there on every system.
declare -A in_closure=()
while read -r package root; do
    [[ "$package" != unknown ]] || continue
    if [[ "$package" == "${listed[root - 1]:-}" ]]; then
        in_closure[$package]="listed in deps.sh"
    elif ((root <= ${#listed[@]})); then
        in_closure[$package]="pulled in by ${listed[root - 1]}"
    else
        in_closure[$package]="on every Debian system"
    fi
done <"$E2E_TMP/closure"
echo "# closure: ${#in_closure[@]} packages from deps.sh's ${#listed[@]} and Debian's $(wc -l <"$E2E_TMP/base") essential/required ($((SECONDS - started))s)"

# --- owners ----------------------------------------------------------------------------------

declare -A owner_of=() resolved=()
# names_of PATH: sets NAMES to the names dpkg may know PATH by: as given and fully resolved
# (alternatives), each also across the /usr merge (dpkg still lists many files under /bin, /lib).
names_of() {
    local name
    NAMES=()
    for name in "$1" "${resolved[$1]:-}"; do
        [[ -n "$name" ]] || continue
        NAMES+=("$name")
        case "$name" in
            /usr/bin/* | /usr/sbin/* | /usr/lib/* | /usr/lib64/*) NAMES+=("${name#/usr}") ;;
            /bin/* | /sbin/* | /lib/* | /lib64/*) NAMES+=("/usr$name") ;;
        esac
    done
}
# lookup_owners PATH...: one dpkg query for all the names of all PATHs, into owner_of.
lookup_owners() {
    local -a paths=("$@") real=() names=()
    local i line path packages package
    ((${#paths[@]} > 0)) || return 0
    mapfile -t real < <(realpath -m -- "${paths[@]}")
    for i in "${!paths[@]}"; do
        resolved[${paths[i]}]=${real[i]}
        names_of "${paths[i]}"
        names+=("${NAMES[@]}")
    done
    while IFS= read -r line; do
        [[ "$line" != "diversion by "* && "$line" == *": /"* ]] || continue
        path=/${line#*: /}
        packages=${line%%: /*}
        owner_of[$path]=""
        # "a, b:amd64" -> "a b"
        for package in ${packages//,/ }; do owner_of[$path]+="${owner_of[$path]:+ }${package%%:*}"; done
    done < <(dpkg-query -S -- "${names[@]}" 2>/dev/null)
}
# owner PATH: the packages that installed PATH (by the first of its names dpkg knows), if any.
owner() {
    local name
    names_of "$1"
    for name in "${NAMES[@]}"; do
        if [[ -n "${owner_of[$name]:-}" ]]; then
            printf '%s\n' "${owner_of[$name]}"
            return 0
        fi
    done
    return 1
}

# expect_from LABEL PATH [HINT]: PATH comes from a package in the closure.
declare -A reported=()
expect_from() {
    local label=$1 path=$2 hint=${3:-} packages package
    if ! packages=$(owner "$path"); then
        fail "$label: $path comes from a Debian package" \
            "dpkg knows no package that installed $path${hint:+ ($hint)}"
        return
    fi
    reported[${packages%% *}]=1
    for package in $packages; do
        if [[ -n "${in_closure[$package]:-}" ]]; then
            ok "$label: $(basename -- "$path") is from $package (${in_closure[$package]})"
            return
        fi
    done
    fail "$label: $path is from $packages, which deps.sh does not install" \
        "add ${packages%% *} to build_and_test in packaging/deps.sh${hint:+ ($hint)}"
}

# --- what the last configure used --------------------------------------------------------------

# cache_entries TYPE: NAME=VALUE for the cache's entries of that type, without the NOTFOUNDs.
cache_entries() {
    sed -n "s/^\([A-Za-z0-9_.+-]*\):$1=\(.*\)$/\1=\2/p" "$cache" | grep -v -- '-NOTFOUND$'
}
# The files the last configure read, from the generator's rule that reruns it: a *_DIR entry
# whose config file is not among them is left over from an earlier configure.
read_by_configure=$E2E_TMP/read-by-configure
if [[ -f "$build_dir/build.ninja" ]]; then
    sed -n 's/^build build\.ninja: RERUN_CMAKE [^|]*| //p' "$build_dir/build.ninja" |
        sed 's/\$ /\x01/g' | tr ' ' '\n' | tr '\1' ' ' >"$read_by_configure"
elif [[ -f "$build_dir/CMakeFiles/Makefile.cmake" ]]; then
    sed -n '/^set(CMAKE_MAKEFILE_DEPENDS/,/^  )/s/^  "\(.*\)"$/\1/p' \
        "$build_dir/CMakeFiles/Makefile.cmake" >"$read_by_configure"
fi
if [[ -s "$read_by_configure" ]]; then
    read_by() { grep -qxF -- "$1" "$read_by_configure"; }
else
    echo "# $build_dir has no build.ninja or Makefile.cmake: every *_DIR entry is checked, stale or not"
    read_by() { true; }
fi

# CMake packages: a *_DIR entry that names a directory with the package's config file.
labels=() paths=() hints=()
while IFS='=' read -r name dir; do
    package=${name%_DIR}
    config=""
    for file in "$dir/${package}Config.cmake" "$dir/${package,,}-config.cmake"; do
        [[ -f "$file" ]] && config=$file && break
    done
    [[ -n "$config" ]] || continue
    if ! read_by "$config"; then
        echo "# $name: left over in the cache, the last configure did not read $config"
        continue
    fi
    labels+=("CMake package $package") paths+=("$config") hints+=("$name in CMakeCache.txt")
done < <(cache_entries PATH | grep -E '^[A-Za-z0-9_.+-]+_DIR=/')

# pkg-config modules: pkg_check_modules(PREFIX ... MODULE...) leaves its arguments and PREFIX_FOUND.
pkg_config=$(cache_entries FILEPATH | sed -n 's/^PKG_CONFIG_EXECUTABLE=//p')
while IFS='=' read -r name arguments; do
    prefix=${name#__pkg_config_arguments_}
    grep -qx "${prefix}_FOUND:INTERNAL=1" "$cache" || continue
    IFS=';' read -r -a words <<<"$arguments"
    for module in "${words[@]}"; do
        case "$module" in REQUIRED | QUIET | IMPORTED_TARGET | GLOBAL | NO_CMAKE_*) continue ;; esac
        module=${module%%[<>=]*}
        pcdir=$("${pkg_config:-pkg-config}" --variable=pcfiledir "$module" 2>/dev/null)
        if [[ -z "$pcdir" || ! -f "$pcdir/$module.pc" ]]; then
            fail "pkg-config module $module ($prefix) has a .pc file" "${pkg_config:-pkg-config} cannot find it"
            continue
        fi
        labels+=("pkg-config module $module") paths+=("$pcdir/$module.pc")
        hints+=("pkg_check_modules($prefix) in CMakeCache.txt")
    done
done < <(sed -n 's/^\(__pkg_config_arguments_[A-Za-z0-9_]*\):INTERNAL=\(.*\)$/\1=\2/p' "$cache")

# Programs CMake found (the compiler, its tools, find_program) and the libraries pkg-config gave.
# Not the other libraries: find modules look for some on their own account (FindOpenGL's GLU and
# EGL) and configure the same without them; the required ones come with the packages above.
while IFS='=' read -r name file; do
    # ccache is optional: the top CMakeLists.txt uses it only when it is installed.
    [[ "$name" != QONSUL_CCACHE ]] || continue
    [[ "$file" =~ ^/usr/s?bin/ && -x "$file" || "$name" == pkgcfg_lib_* ]] || continue
    labels+=("CMake's $name") paths+=("$file") hints+=("$name in CMakeCache.txt")
done < <(cache_entries FILEPATH)

lookup_owners "${paths[@]}"
for i in "${!labels[@]}"; do
    expect_from "${labels[i]}" "${paths[i]}" "${hints[i]}"
done

# Anything else the configure read from the system (CMake's own modules, the config files that
# the packages above include): one check per package not already named above.
if [[ -s "$read_by_configure" ]]; then
    mapfile -t read_files < <(grep '^/usr/' "$read_by_configure")
    lookup_owners "${read_files[@]}"
    declare -A files_of=()
    unowned=()
    for file in "${read_files[@]}"; do
        if packages=$(owner "$file"); then
            [[ -z "${reported[${packages%% *}]:-}" ]] || continue
            files_of[${packages%% *}]+="$file"$'\n'
        else
            unowned+=("$file")
        fi
    done
    for package in "${!files_of[@]}"; do
        count=$(printf '%s' "${files_of[$package]}" | grep -c .)
        if [[ -n "${in_closure[$package]:-}" ]]; then
            ok "configure read $count files from $package (${in_closure[$package]})"
        else
            fail "configure read $count files from $package, which deps.sh does not install" \
                "add $package to build_and_test in packaging/deps.sh; the files:" "${files_of[$package]}"
        fi
    done
    ((${#unowned[@]} == 0)) || fail "every file configure read under /usr is from a Debian package" \
        "${unowned[@]}"
fi

# --- what the tests and scripts run -------------------------------------------------------------

# USER: PROGRAM... for every program run by name (shell builtins left out). Not here: sudo
# (deps.sh uses it only when not run as root, on a machine someone administers; CI is root).
programs=(
    "tests/e2e: bash curl jq dig ping python3 setsid timeout realpath mktemp diff cmp awk sed grep tr head tail wc sort seq cat cp rm mkdir touch sleep dirname basename"
    "tests/integration (dns_server_test, agent_checks_test): dnsmasq sh sleep true tr"
    "tests/gui/screenshots.sh: xvfb-run Xvfb xauth import python3 curl mktemp"
    "tests/packaging: desktop-file-validate appstreamcli dpkg-deb dpkg-shlibdeps readelf cmake cpack ls pkg-config apt-cache dpkg-query find xargs comm paste readlink"
    "cpack's DEB generator (CPackDeb.cmake, for dpkg-shlibdeps): file"
    "qonsul.sh and .ci/run: cmake ctest nproc"
    "packaging/deps.sh: dpkg-query apt-get id env"
)
declare -A used_by=()
program_names=() program_paths=() missing_programs=()
for entry in "${programs[@]}"; do
    for program in ${entry#*: }; do
        [[ -z "${used_by[$program]:-}" ]] || continue
        used_by[$program]=${entry%%: *}
        if path=$(PATH=$system_path type -P -- "$program"); then
            program_names+=("$program") program_paths+=("$path")
        else
            missing_programs+=("$program")
        fi
    done
done
lookup_owners "${program_paths[@]}"
for i in "${!program_names[@]}"; do
    expect_from "program ${program_names[i]} (${used_by[${program_names[i]}]})" "${program_paths[i]}"
done
for program in "${missing_programs[@]}"; do
    fail "program $program (${used_by[$program]}) is installed" "not found in $system_path"
done

# Qt plugins: loaded at run time, so neither the build nor dpkg-shlibdeps sees them.
qt_core_dir=$(cache_entries PATH | sed -n 's/^Qt6Core_DIR=//p')
if [[ -n "$qt_core_dir" ]]; then
    # Debian's layout: LIBDIR/cmake/Qt6Core and LIBDIR/qt6/plugins.
    plugins=${qt_core_dir%/cmake/Qt6Core}/qt6/plugins
    labels=(
        "Qt plugin (gui tests, QT_QPA_PLATFORM=offscreen)"
        "Qt plugin (qonsul desktop on X11, screenshots.sh under Xvfb)"
        "Qt plugin (the app's SVG icon)"
    )
    paths=("$plugins/platforms/libqoffscreen.so" "$plugins/platforms/libqxcb.so"
        "$plugins/iconengines/libqsvgicon.so")
    lookup_owners "${paths[@]}"
    for i in "${!labels[@]}"; do expect_from "${labels[i]}" "${paths[i]}"; done
fi

# Python modules tests/e2e imports, as Debian's python3 finds them (-I: no user site, no
# PYTHONPATH). The project's own modules (a .py file in tests/) are not asked about.
mapfile -t python_files < <(find "$source_dir/tests/e2e" -name '*.py' | sort)
declare -A imported_by=()
for file in "${python_files[@]}"; do
    while read -r module; do
        [[ -n "$(find "$source_dir/tests" -name "$module.py" -print -quit)" ]] && continue
        [[ -n "${imported_by[$module]:-}" ]] || imported_by[$module]=${file#"$source_dir"/}
    done < <(sed -nE 's/^[[:space:]]*(import|from)[[:space:]]+([A-Za-z0-9_]+).*/\2/p' "$file" | sort -u)
done
if ((${#imported_by[@]} > 0)); then
    mapfile -t origins < <(/usr/bin/python3 -I -c '
import importlib.util, sys
for name in sys.argv[1:]:
    spec = importlib.util.find_spec(name)
    print(name, spec.origin if spec and spec.origin else "-" if spec is None else "built-in")
' "${!imported_by[@]}")
    mapfile -t files < <(printf '%s\n' "${origins[@]}" | awk '$2 ~ /^\// { print $2 }')
    lookup_owners "${files[@]}"
    for line in "${origins[@]}"; do
        read -r module origin <<<"$line"
        label="Python module $module (${imported_by[$module]})"
        case "$origin" in
            /*) expect_from "$label" "$origin" ;;
            -) fail "$label: /usr/bin/python3 finds it" "not importable without the user's site or PYTHONPATH" ;;
            *) ok "$label: built into python3" ;;
        esac
    done
fi

# --- programs used but not listed: installed here, outside the closure ---------------------------

# Every program on this machine's PATH and in the system directories, with its resolved file.
mapfile -t dirs < <(tr ':' '\n' <<<"$PATH:$system_path" | awk 'NF && !seen[$0]++')
find -L "${dirs[@]}" -maxdepth 1 -type f -perm -u+x -print 2>/dev/null >"$E2E_TMP/exe-paths"
xargs -r -d '\n' realpath -m -- <"$E2E_TMP/exe-paths" >"$E2E_TMP/exe-real"
# The files of the closure's installed packages, named across the /usr merge.
comm -12 <(printf '%s\n' "${!in_closure[@]}" | sort) <(sort "$E2E_TMP/installed") |
    xargs -r dpkg-query -L 2>/dev/null | sed -E 's#^/(bin|sbin|lib|lib64)/#/usr/\1/#' |
    sort -u >"$E2E_TMP/covered"
# A name is covered when a closure package puts it in a system directory.
paste "$E2E_TMP/exe-paths" "$E2E_TMP/exe-real" | awk -F'\t' -v system_path="$system_path" '
    function usr(p) { sub(/^\/(bin|sbin|lib|lib64)\//, "/usr&", p); sub(/^\/usr\/\//, "/usr/", p); return p }
    NR == FNR { covered[$0] = 1; next }
    {
        name = $1; sub(/.*\//, "", name); dir = substr($1, 1, length($1) - length(name) - 1)
        all[name] = 1
        if (index(":" system_path ":", ":" dir ":") && (usr($1) in covered || usr($2) in covered)) ok[name] = 1
    }
    END { for (name in all) if (!(name in ok)) print name }' "$E2E_TMP/covered" - |
    sort >"$E2E_TMP/uncovered"

# The files to search, and the shell functions they define (never programs).
mapfile -t shell_files < <(find "$source_dir/tests" "$source_dir/packaging" \
    -path "$source_dir/tests/bench" -prune -o -name '*.sh' -print | sort)
shell_files+=("$source_dir/qonsul.sh" "$source_dir/.ci/run")
mapfile -t cpp_files < <(find "$source_dir/tests/unit" "$source_dir/tests/integration" \
    "$source_dir/tests/gui" \( -name '*.cpp' -o -name '*.h' \) | sort)
sed -nE 's/^[[:space:]]*(function[[:space:]]+)?([A-Za-z0-9_.-]+)[[:space:]]*\(\)[[:space:]]*\{.*/\2/p' \
    "${shell_files[@]}" | sort -u >"$E2E_TMP/functions"
# Words that start a quoted label or an expected value in the e2e tests, not commands.
not_commands=(node zip)
# tests/packaging/fresh_debian.sh runs on the host, by hand, to try all of this on a fresh tree:
# it copies the checkout with git (whoever has a clone has git) and installs mmdebstrap itself.
by_hand=(git mmdebstrap)

word='[A-Za-z0-9_.+/-]+'
# shell_commands FILE: words in command position (line start, after | ; & ( ` or a quote, or
# after exec, env VAR=..., timeout N, setsid, command -v, xargs, if, then, do, else, !), leaving
# out comments and the items of arrays (deps.sh's lists are package names).
shell_commands() {
    grep -vE '^[[:space:]]*#' "$1" | sed -E 's/[[:space:]]#[[:space:]].*$//' |
        awk 'in_array { if (/\)/) in_array = 0; next }
             { gsub(/[A-Za-z_][A-Za-z0-9_]*\+?=\([^)]*\)/, "x=") }
             /[A-Za-z_][A-Za-z0-9_]*\+?=\(/ { sub(/=\(.*/, "="); in_array = 1 }
             { print }' |
        sed -E 's/\b(exec|setsid|xargs|if|then|do|else|while|until|command -v|timeout [0-9.]+[smh]?|env( [A-Za-z_][A-Za-z0-9_]*=[^ ]*)*)( |$)/; /g; s/(^|[[:space:]])! /\1; /g' |
        grep -oE "(^|[|;&(\`'\"])[[:space:]]*$word([[:space:];|&)'\"]|$)" |
        sed -E "s/^[|;&(\`'\"[:space:]]*//; s/[[:space:];|&)'\"]*$//"
}
# python_commands FILE: the first element of an argv list, or what shutil.which looks for.
python_commands() {
    tr '\n' ' ' <"$1" | grep -oE "(^|[(,=])[[:space:]]*\[[[:space:]]*[\"']${word}[\"']|which\([[:space:]]*[\"']${word}[\"']" |
        grep -oE "[\"']${word}[\"']" | tr -d "\"'"
}
# cpp_commands FILE: programs started by QProcess or looked up, and script checks' arguments.
cpp_commands() {
    tr '\n' ' ' <"$1" |
        grep -oE "((QStringList|QJsonArray)[[:space:]]*\{|[Aa]rgs\\\\?\"[[:space:]]*:[[:space:]]*\[|(findExecutable|start|startDetached|setProgram|execute)\([[:space:]]*(QStringLiteral\(|QString\()?)[[:space:]]*\\\\?\"$word" |
        grep -oE "$word\$"
}
for file in "${shell_files[@]}" "${python_files[@]}" "${cpp_files[@]}"; do
    case "$file" in
        *.sh | */.ci/run) extract=shell_commands ;;
        *.py) extract=python_commands ;;
        *) extract=cpp_commands ;;
    esac
    "$extract" "$file" | awk -v file="${file#"$source_dir"/}" '{ sub(/.*\//, "") } NF { print $0, file }'
done >"$E2E_TMP/used"
# Not flagged: the listed programs (checked above), shell functions and the words above.
printf '%s\n' "${!used_by[@]}" "${not_commands[@]}" "${by_hand[@]}" | cat - "$E2E_TMP/functions" >"$E2E_TMP/skip"
declare -A use_of=()
while read -r command file; do use_of[$command]=$file; done < <(
    awk 'FILENAME == ARGV[1] { uncovered[$0] = 1; next }
         FILENAME == ARGV[2] { skip[$0] = 1; next }
         ($1 in uncovered) && !($1 in skip) && !seen[$1]++' \
        "$E2E_TMP/uncovered" "$E2E_TMP/skip" "$E2E_TMP/used")
searched="$(wc -l <"$E2E_TMP/uncovered") programs installed here but not from the closure"
if ((${#use_of[@]} == 0)); then
    ok "no test or script runs any of the $searched"
else
    for command in "${!use_of[@]}"; do
        path=$(PATH=$PATH:$system_path type -P -- "$command")
        packages=$(lookup_owners "$path"; owner "$path") || packages="no Debian package"
        fail "${use_of[$command]} runs $command ($path, from $packages), which deps.sh does not install" \
            "add its package to packaging/deps.sh and its name to the programs list of $(basename -- "$0")"
    done
fi

# --- tests/bench against deps.sh --bench ----------------------------------------------------------

bench_programs=(wrk etcd nginx dnsperf) # kv_http.sh and dns.sh
bench_paths=()
bench_missing=()
for program in "${bench_programs[@]}"; do
    if path=$(PATH=$system_path type -P -- "$program"); then bench_paths+=("$path"); else bench_missing+=("$program"); fi
done
((${#bench_missing[@]} == 0)) ||
    echo "# tests/bench: ${bench_missing[*]} not installed here (packaging/deps.sh --bench): not checked"
if ((${#bench_paths[@]} > 0)); then
    bash "$source_dir/packaging/deps.sh" --list --bench | cat - "$E2E_TMP/base" >"$E2E_TMP/bench-roots"
    declare -A in_bench_closure=()
    while read -r package _; do in_bench_closure[$package]=1; done < <(package_closure "$E2E_TMP/bench-roots")
    lookup_owners "${bench_paths[@]}"
    for path in "${bench_paths[@]}"; do
        label="bench program $(basename -- "$path")"
        packages=$(owner "$path") || { fail "$label: $path comes from a Debian package"; continue; }
        found=""
        for package in $packages; do [[ -z "${in_bench_closure[$package]:-}" ]] || found=$package; done
        if [[ -n "$found" ]]; then ok "$label: from $found (deps.sh --bench)"; else
            fail "$label: $path is from $packages, which deps.sh --bench does not install" \
                "add ${packages%% *} to bench in packaging/deps.sh"
        fi
    done
fi

echo "# $((SECONDS - started))s"
