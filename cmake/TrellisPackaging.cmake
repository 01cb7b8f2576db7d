# TrellisPackaging: what `cmake --install` puts where, and the CPack packages (.deb, .tar.gz).
#
# Included at the end of the root CMakeLists.txt, after the targets exist. Layout
# (GNUInstallDirs, relative to the prefix; /usr in the .deb):
#
#   bin/trellis, bin/trellis-gui
#   lib/trellis/libKF5SyntaxHighlighting.so.5   only when KSyntaxHighlighting is the private
#                                               Qt 6 build (Debian 12); RUNPATH $ORIGIN/../lib/trellis
#   share/applications/<id>.desktop             <id> = TRELLIS_APP_ID (reverse DNS of the homepage)
#   share/metainfo/<id>.metainfo.xml            releases generated from CHANGELOG.md
#   share/mime/packages/<id>.xml                pants.toml (application/x-pants-toml)
#   share/icons/hicolor/{scalable,16x16..256x256}/apps/<id>.{svg,png}
#   share/man/man1/trellis.1                    generated from `trellis help` at build time
#   share/bash-completion/completions/trellis   generated from `trellis help` at build time
#   share/zsh/vendor-completions/_trellis       (share/zsh/site-functions outside Debian)
#   share/doc/trellis/{README.md,CHANGELOG.md}
#
# See docs/packaging.md.
include(GNUInstallDirs)

find_package(Python3 REQUIRED COMPONENTS Interpreter)

# The AppStream/desktop id: the reverse DNS of the homepage host plus ".Trellis".
string(REGEX REPLACE "^[a-z]+://([^/:]+).*$" "\\1" _trellis_host "${PROJECT_HOMEPAGE_URL}")
string(REPLACE "." ";" _trellis_host_parts "${_trellis_host}")
list(REVERSE _trellis_host_parts)
list(JOIN _trellis_host_parts "." _trellis_rdns)
set(TRELLIS_APP_ID "${_trellis_rdns}.Trellis" CACHE STRING
    "Reverse-DNS application id (desktop file, metainfo and icon names)")
set(TRELLIS_SCREENSHOT_BASE_URL "${PROJECT_HOMEPAGE_URL}/docs/screenshots" CACHE STRING
    "Where the AppStream screenshots (docs/screenshots/*.png) are published")
set(TRELLIS_PANTS_MIME "application/x-pants-toml")
if(EXISTS /etc/debian_version)
  set(_trellis_zsh_default "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
else()
  set(_trellis_zsh_default "${CMAKE_INSTALL_DATADIR}/zsh/site-functions")
endif()
set(TRELLIS_ZSH_COMPLETION_DIR "${_trellis_zsh_default}" CACHE STRING
    "Where the zsh completion _trellis is installed (relative to the prefix)")

set(_trellis_pkg_src "${PROJECT_SOURCE_DIR}/packaging")
set(_trellis_desktop_src "${PROJECT_SOURCE_DIR}/resources/desktop")
set(_trellis_gen "${PROJECT_BINARY_DIR}/packaging")
file(MAKE_DIRECTORY "${_trellis_gen}")

# ---- Release date of VERSION, from CHANGELOG.md (the man page's date) ------------------
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/CHANGELOG.md")
string(REPLACE "." "\\." _trellis_version_re "${TRELLIS_VERSION}")
file(STRINGS "${PROJECT_SOURCE_DIR}/CHANGELOG.md" _trellis_release_line
     REGEX "^# ${_trellis_version_re} \\([0-9-]+\\)")
if(_trellis_release_line MATCHES "\\(([0-9]+-[0-9]+-[0-9]+)\\)")
  set(TRELLIS_RELEASE_DATE "${CMAKE_MATCH_1}")
else()
  string(TIMESTAMP TRELLIS_RELEASE_DATE "%Y-%m-%d" UTC)   # honours SOURCE_DATE_EPOCH
endif()

# ---- Man page and shell completions, generated from the built trellis ------------------
set(_trellis_man "${_trellis_gen}/trellis.1")
set(_trellis_bash "${_trellis_gen}/completions/trellis")
set(_trellis_zsh "${_trellis_gen}/completions/_trellis")
file(MAKE_DIRECTORY "${_trellis_gen}/completions")
add_custom_command(
  OUTPUT "${_trellis_man}" "${_trellis_bash}" "${_trellis_zsh}"
  COMMAND ${CMAKE_CROSSCOMPILING_EMULATOR} Python3::Interpreter "${_trellis_pkg_src}/gen-cli-docs.py"
          --trellis "$<TARGET_FILE:trellis>" --date "${TRELLIS_RELEASE_DATE}"
          --man "${_trellis_man}" --bash "${_trellis_bash}" --zsh "${_trellis_zsh}"
  DEPENDS trellis "${_trellis_pkg_src}/gen-cli-docs.py"
  COMMENT "Generating the trellis man page and bash/zsh completions from trellis help"
  VERBATIM)
add_custom_target(trellis_cli_docs ALL DEPENDS "${_trellis_man}" "${_trellis_bash}" "${_trellis_zsh}")

install(FILES "${_trellis_man}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${_trellis_bash}" DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")
install(FILES "${_trellis_zsh}" DESTINATION "${TRELLIS_ZSH_COMPLETION_DIR}")
install(FILES "${PROJECT_SOURCE_DIR}/README.md" "${PROJECT_SOURCE_DIR}/CHANGELOG.md"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/trellis")

if(TRELLIS_BUILD_GUI)
  # ---- Private KSyntaxHighlighting (Debian 12: the Qt 6 build in .deps/install) ----------
  set(TRELLIS_BUNDLES_KSYNTAXHIGHLIGHTING OFF)
  if(TRELLIS_KSYNTAXHIGHLIGHTING_PACKAGE STREQUAL "KF5SyntaxHighlighting")
    set(TRELLIS_BUNDLES_KSYNTAXHIGHLIGHTING ON)
    set(_trellis_ksh_lib "")
    get_target_property(_trellis_ksh_configs KF5::SyntaxHighlighting IMPORTED_CONFIGURATIONS)
    foreach(_cfg IN LISTS _trellis_ksh_configs ITEMS "")
      if(_cfg)
        set(_sfx "_${_cfg}")
      else()
        set(_sfx "")
      endif()
      get_target_property(_loc KF5::SyntaxHighlighting IMPORTED_LOCATION${_sfx})
      get_target_property(_soname KF5::SyntaxHighlighting IMPORTED_SONAME${_sfx})
      if(_loc AND _soname AND NOT _trellis_ksh_lib)
        set(_trellis_ksh_lib "${_loc}")
        set(_trellis_ksh_soname "${_soname}")
      endif()
    endforeach()
    if(NOT _trellis_ksh_lib)
      message(FATAL_ERROR "TrellisPackaging: KF5::SyntaxHighlighting has no IMPORTED_LOCATION/IMPORTED_SONAME to bundle")
    endif()
    file(REAL_PATH "${_trellis_ksh_lib}" _trellis_ksh_real)
    set(TRELLIS_PRIVATE_LIBDIR "${CMAKE_INSTALL_LIBDIR}/trellis")
    # The library is installed under its SONAME, the only name the loader asks for.
    install(FILES "${_trellis_ksh_real}" DESTINATION "${TRELLIS_PRIVATE_LIBDIR}" RENAME "${_trellis_ksh_soname}")
    # Its own RUNPATH points into the build machine's .deps; the system Qt needs none.
    install(CODE "
      file(RPATH_REMOVE FILE \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${TRELLIS_PRIVATE_LIBDIR}/${_trellis_ksh_soname}\")")
    file(RELATIVE_PATH _trellis_rel "${CMAKE_INSTALL_FULL_BINDIR}" "${CMAKE_INSTALL_FULL_LIBDIR}/trellis")
    # Installed binaries find it next to them, relative to their own location, and nowhere
    # else: no absolute build-machine paths (the build tree keeps its own RPATH).
    foreach(_t IN ITEMS trellis trellis-gui)
      set_target_properties(${_t} PROPERTIES
        INSTALL_RPATH "$ORIGIN/${_trellis_rel}"
        INSTALL_RPATH_USE_LINK_PATH OFF)
    endforeach()
    message(STATUS "Packaging: bundling ${_trellis_ksh_real} as ${TRELLIS_PRIVATE_LIBDIR}/${_trellis_ksh_soname}")
  endif()

  # ---- Desktop entry, MIME type, metainfo ----------------------------------------------
  set(APP_ID "${TRELLIS_APP_ID}")
  set(PANTS_MIME "${TRELLIS_PANTS_MIME}")
  configure_file("${_trellis_desktop_src}/trellis.desktop.in" "${_trellis_gen}/${TRELLIS_APP_ID}.desktop" @ONLY)
  configure_file("${_trellis_desktop_src}/trellis-mime.xml.in" "${_trellis_gen}/mime/${TRELLIS_APP_ID}.xml" @ONLY)
  set(_trellis_metainfo "${_trellis_gen}/${TRELLIS_APP_ID}.metainfo.xml")
  add_custom_command(
    OUTPUT "${_trellis_metainfo}"
    COMMAND Python3::Interpreter "${_trellis_pkg_src}/gen-metainfo.py"
            --template "${_trellis_desktop_src}/trellis.metainfo.xml.in"
            --changelog "${PROJECT_SOURCE_DIR}/CHANGELOG.md" --version "${TRELLIS_VERSION}"
            --app-id "${TRELLIS_APP_ID}" --homepage "${PROJECT_HOMEPAGE_URL}"
            --screenshot-base "${TRELLIS_SCREENSHOT_BASE_URL}" --out "${_trellis_metainfo}"
    DEPENDS "${_trellis_pkg_src}/gen-metainfo.py" "${_trellis_desktop_src}/trellis.metainfo.xml.in"
            "${PROJECT_SOURCE_DIR}/CHANGELOG.md" "${PROJECT_SOURCE_DIR}/VERSION"
    COMMENT "Generating the AppStream metainfo (releases from CHANGELOG.md)"
    VERBATIM)

  # ---- Icons: the SVG, and PNGs rendered from it with Qt SVG -----------------------------
  set(_trellis_icon_svg "${PROJECT_SOURCE_DIR}/resources/icons/trellis.svg")
  set(_trellis_icon_sizes 16 22 24 32 48 64 128 256)
  set(_trellis_icon_dir "${_trellis_gen}/icons")
  set(_trellis_icon_pngs "")
  foreach(_s IN LISTS _trellis_icon_sizes)
    list(APPEND _trellis_icon_pngs "${_trellis_icon_dir}/${_s}x${_s}/apps/${TRELLIS_APP_ID}.png")
  endforeach()
  add_executable(trellis_render_icon "${_trellis_pkg_src}/render-icon.cpp")
  target_link_libraries(trellis_render_icon PRIVATE Qt6::Gui Qt6::Svg)
  add_custom_command(
    OUTPUT ${_trellis_icon_pngs}
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
            ${CMAKE_CROSSCOMPILING_EMULATOR} $<TARGET_FILE:trellis_render_icon>
            "${_trellis_icon_svg}" "${_trellis_icon_dir}" "${TRELLIS_APP_ID}" ${_trellis_icon_sizes}
    DEPENDS trellis_render_icon "${_trellis_icon_svg}"
    COMMENT "Rendering the application icon to PNG (${_trellis_icon_sizes})"
    VERBATIM)
  add_custom_target(trellis_desktop_files ALL DEPENDS "${_trellis_metainfo}" ${_trellis_icon_pngs})

  install(FILES "${_trellis_gen}/${TRELLIS_APP_ID}.desktop" DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
  install(FILES "${_trellis_metainfo}" DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
  install(FILES "${_trellis_gen}/mime/${TRELLIS_APP_ID}.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/mime/packages")
  install(FILES "${_trellis_icon_svg}" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps"
          RENAME "${TRELLIS_APP_ID}.svg")
  install(DIRECTORY "${_trellis_icon_dir}/" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor")
endif()

# ---- CPack: .deb and .tar.gz -----------------------------------------------------------
set(CPACK_PACKAGE_NAME "trellis")
set(CPACK_PACKAGE_VENDOR "The Trellis developers")
set(CPACK_PACKAGE_CONTACT "The Trellis developers <trellis@example.invalid>")
set(CPACK_PACKAGE_VERSION "${TRELLIS_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Trellis reads pants.toml and the BUILD files of a Pants-style Python monorepo, shows its\n"
    "targets and their dependency graph, and runs goals (test, lint, fmt, check) on them.\n"
    "It provides the trellis command line and the Qt 6 desktop application trellis-gui.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_FILE_NAME "trellis-${TRELLIS_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build/" "/\\\\.deps/")
# .deb: installed under /usr; Depends computed by dpkg-shlibdeps (CPackDeb resolves
# $ORIGIN inside the package, so the bundled library needs no Depends).
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(TRELLIS_BUILD_GUI)
  # Loaded as plugins, so dpkg-shlibdeps cannot see them: the xcb/wayland platform plugins.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
endif()
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "git, python3")
if(TRELLIS_BUILD_GUI)
  # Korean and Japanese need a CJK font (a fresh Debian has none: boxes) and Qt's own
  # translations (OK, Cancel and the file dialogs).
  string(APPEND CPACK_DEBIAN_PACKAGE_RECOMMENDS ", fonts-noto-cjk | fonts-nanum | fonts-ipafont, qt6-translations-l10n")
endif()
include(CPack)

unset(_trellis_host)
unset(_trellis_host_parts)
unset(_trellis_rdns)
unset(_trellis_zsh_default)
unset(_trellis_version_re)
unset(_trellis_release_line)
