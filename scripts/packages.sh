# Sourced by run.sh and test.sh: installs the Debian/Ubuntu packages LinearLab
# builds against, when any is missing. Uses apt-get as root, sudo otherwise.
LINEARLAB_PACKAGES=(qt6-base-dev qt6-charts-dev libqt6opengl6-dev libeigen3-dev libzip-dev libopenblas-dev pkg-config cmake g++ libgl1-mesa-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n)

linearlab_install_packages() {
    local missing=()
    local pkg
    for pkg in "${LINEARLAB_PACKAGES[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0

    echo "LinearLab: installing missing packages: ${missing[*]}"
    local apt=(apt-get)
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            apt=(sudo apt-get)
        else
            echo "LinearLab: these packages are missing and I am neither root nor have sudo:" >&2
            echo "  ${missing[*]}" >&2
            echo "Install them with your package manager, then run this script again." >&2
            return 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "LinearLab: apt-get not found; please install: ${missing[*]}" >&2
        return 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${apt[@]}" update -qq && "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" || {
        echo "LinearLab: could not install: ${missing[*]}" >&2
        return 1
    }
}
