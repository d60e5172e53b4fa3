# Included from the top-level CMakeLists.txt, since CPack reads the variables
# of the scope that includes it.
# cpack -G DEB: linearlab_<version>_<arch>.deb for Debian 12. dpkg-shlibdeps
# (dpkg-dev) computes the library dependencies from the binaries; without it
# the Debian 12 names are listed instead.
set(CPACK_PACKAGE_NAME linearlab)
set(CPACK_PACKAGE_VENDOR "LinearLab")
set(CPACK_PACKAGE_CONTACT "LinearLab developers <linearlab@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop lab for torch.nn.Linear layers")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/linearlab/LinearLab")
set(CPACK_PACKAGE_INSTALL_DIRECTORY LinearLab)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# CPack puts the summary above this as the description's first line.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Build networks of torch.nn.Linear and its family (Identity, Bilinear,\n\
LazyLinear, ...), pick initialisation, data and batch settings, train, and\n\
watch weights, gradients and losses change, with PyTorch 1.13's numbers.\n\
Includes linearlab-cli and linearlab-bench.")
# The window cannot open without a Qt platform plugin (qt6-qpa-plugins: xcb,
# offscreen), which no library dependency brings; CPack adds the shlibdeps
# after it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
find_program(LINEARLAB_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(LINEARLAB_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libqt6widgets6, libqt6charts6, libqt6gui6, "
    "libqt6core6, libzip4, libopenblas0 | libblas3, libstdc++6, libc6")
endif()
# Wayland sessions, and the triggers that refresh the MIME cache and the
# desktop database when the package comes and goes; for the Chinese window,
# Qt's own translations (qtbase_zh_CN.qm) and a CJK font.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
  "qt6-wayland, shared-mime-info, desktop-file-utils, qt6-translations-l10n, fonts-noto-cjk")
include(CPack)
