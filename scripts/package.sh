#!/usr/bin/env bash
# Builds linearlab_<version>_amd64.deb in build-package/ (Release, portable: no
# -march=native, no tests). With --check, also installs it into a fresh Debian 12
# root made by debootstrap, with apt-get install ./linearlab_*.deb, and runs
# linearlab --version and linearlab-cli --help there (needs root and a mirror).
# Any other arguments go to cmake's configure step.
# usage: scripts/package.sh [--check] [-DOPTION=VALUE ...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh

check=0
cmake_args=()
for arg in "$@"; do
    if [ "$arg" = --check ]; then check=1; else cmake_args+=("$arg"); fi
done

# dpkg-shlibdeps (dpkg-dev) reads the binaries' library dependencies.
linearlab_install_packages dpkg-dev
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-package -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DLINEARLAB_NATIVE=OFF -DLINEARLAB_BUILD_TESTS=OFF "${launcher[@]}" "${cmake_args[@]}"
cmake --build build-package -j"${LINEARLAB_JOBS:-2}"
(cd build-package && rm -f linearlab_*.deb && cpack -G DEB)
deb=$(ls build-package/linearlab_*.deb)
dpkg-deb --info "$deb"
echo "LinearLab: built $deb"
[ "$check" -eq 1 ] || exit 0

# The clean-root check: a minimal Debian 12, the package and what it declares.
linearlab_install_packages debootstrap
root=${LINEARLAB_CHECK_ROOT:-build-package/debian12-root}
if [ ! -x "$root/usr/bin/apt-get" ]; then
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
fi
cp "$deb" "$root/tmp/"
name=$(basename "$deb")
chroot "$root" /bin/sh -exc "
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq ./tmp/$name
    linearlab --version
    linearlab-cli --help
    linearlab-cli demo | head -3
    grep linearlab /usr/share/mime/globs2
    grep -l linearlab /usr/share/applications/mimeinfo.cache
    QT_QPA_PLATFORM=offscreen linearlab --benchmark 1 >/dev/null
    apt-get remove -y -qq linearlab
"
echo "LinearLab: $name installs and runs in a clean Debian 12 root"
