# TrellisKSyntaxHighlighting: finds KDE's KSyntaxHighlighting built against Qt 6 and
# defines the target Trellis::KSyntaxHighlighting for the UI to link.
#
#   include(TrellisKSyntaxHighlighting)
#   target_link_libraries(trellis_ui PUBLIC Trellis::KSyntaxHighlighting)
#
# Where it looks, in this order:
#   1. KF6SyntaxHighlighting: the package on Debian 13, Ubuntu 24.04+, Fedora and Arch.
#   2. KF5SyntaxHighlighting, accepted only if it links Qt 6. That is what
#      packaging/install-deps.sh builds into .deps/install on Debian 12 (KSyntaxHighlighting
#      5.116 configured with QT_MAJOR_VERSION=6). The CMake package keeps the KF5 name even
#      though the library is built for Qt 6. Debian 12's libkf5syntaxhighlighting-dev links
#      Qt 5 and is rejected, because it cannot be linked into a Qt 6 program.
#
# Include form: both packages put <prefix>/include/KF6/KSyntaxHighlighting on the include
# path. Below that directory sit KSyntaxHighlighting/Repository (CamelCase forwarding
# headers) and KSyntaxHighlighting/repository.h. Use the CamelCase form in Trellis:
#
#   #include <KSyntaxHighlighting/Repository>
#   #include <KSyntaxHighlighting/SyntaxHighlighter>
#
# The lower-case form (<KSyntaxHighlighting/repository.h>) resolves as well. The bare
# <Repository> form does not, and it is not used.
#
# Sets TRELLIS_KSYNTAXHIGHLIGHTING_PACKAGE (KF6SyntaxHighlighting or KF5SyntaxHighlighting)
# and TRELLIS_KSYNTAXHIGHLIGHTING_VERSION.

if(TARGET Trellis::KSyntaxHighlighting)
  return()
endif()

set(_trellis_ksh_hint
  "Run packaging/install-deps.sh, which builds it into .deps/install on Debian 12, and "
  "configure with -DCMAKE_PREFIX_PATH=<repo>/.deps/install (the CMake presets already set "
  "this). On Debian 13 or Ubuntu 24.04+ install libkf6syntaxhighlighting-dev, on Fedora "
  "kf6-syntax-highlighting-devel, on Arch syntax-highlighting.")

set(_trellis_ksh_target "")
find_package(KF6SyntaxHighlighting CONFIG QUIET)
if(KF6SyntaxHighlighting_FOUND AND TARGET KF6::SyntaxHighlighting)
  set(_trellis_ksh_target KF6::SyntaxHighlighting)
  set(TRELLIS_KSYNTAXHIGHLIGHTING_PACKAGE KF6SyntaxHighlighting)
  set(TRELLIS_KSYNTAXHIGHLIGHTING_VERSION "${KF6SyntaxHighlighting_VERSION}")
  set(_trellis_ksh_dir "${KF6SyntaxHighlighting_DIR}")
else()
  find_package(KF5SyntaxHighlighting CONFIG QUIET)
  if(KF5SyntaxHighlighting_FOUND AND TARGET KF5::SyntaxHighlighting)
    # Accept the KF5-named package only if it is the Qt 6 build. Its imported target
    # links Qt6::Gui (Qt 6 build) or Qt5::Gui (the distribution's Qt 5 build).
    get_target_property(_trellis_ksh_links KF5::SyntaxHighlighting INTERFACE_LINK_LIBRARIES)
    if(NOT _trellis_ksh_links)
      set(_trellis_ksh_links "")
    endif()
    if(_trellis_ksh_links MATCHES "Qt5::" OR NOT _trellis_ksh_links MATCHES "Qt6::")
      message(FATAL_ERROR
        "KSyntaxHighlighting: ${KF5SyntaxHighlighting_DIR} is built against Qt 5 "
        "(links: ${_trellis_ksh_links}), and Trellis needs a Qt 6 build. "
        ${_trellis_ksh_hint})
    endif()
    set(_trellis_ksh_target KF5::SyntaxHighlighting)
    set(TRELLIS_KSYNTAXHIGHLIGHTING_PACKAGE KF5SyntaxHighlighting)
    set(TRELLIS_KSYNTAXHIGHLIGHTING_VERSION "${KF5SyntaxHighlighting_VERSION}")
    set(_trellis_ksh_dir "${KF5SyntaxHighlighting_DIR}")
    # The library lives outside the system library directories (usually .deps/install/lib),
    # so installed binaries get that directory on their RPATH too. The build tree gets it
    # anyway.
    set(CMAKE_INSTALL_RPATH_USE_LINK_PATH ON)
  endif()
endif()

if(NOT _trellis_ksh_target)
  message(FATAL_ERROR
    "KSyntaxHighlighting for Qt 6 was not found (looked for the CMake packages "
    "KF6SyntaxHighlighting and KF5SyntaxHighlighting built with Qt 6). " ${_trellis_ksh_hint})
endif()

# Check that the documented include form resolves, so a layout change fails here with a
# clear message and not later as a missing header in ui/.
get_target_property(_trellis_ksh_includes ${_trellis_ksh_target} INTERFACE_INCLUDE_DIRECTORIES)
set(_trellis_ksh_header_found FALSE)
foreach(_dir IN LISTS _trellis_ksh_includes)
  if(EXISTS "${_dir}/KSyntaxHighlighting/Repository")
    set(_trellis_ksh_header_found TRUE)
  endif()
endforeach()
if(NOT _trellis_ksh_header_found)
  message(FATAL_ERROR
    "KSyntaxHighlighting: ${_trellis_ksh_target} from ${_trellis_ksh_dir} does not provide "
    "<KSyntaxHighlighting/Repository> (include directories: ${_trellis_ksh_includes}). "
    ${_trellis_ksh_hint})
endif()

add_library(trellis_ksyntaxhighlighting INTERFACE)
target_link_libraries(trellis_ksyntaxhighlighting INTERFACE ${_trellis_ksh_target})
add_library(Trellis::KSyntaxHighlighting ALIAS trellis_ksyntaxhighlighting)

message(STATUS "KSyntaxHighlighting: ${TRELLIS_KSYNTAXHIGHLIGHTING_PACKAGE} "
               "${TRELLIS_KSYNTAXHIGHLIGHTING_VERSION} (${_trellis_ksh_dir})")

unset(_trellis_ksh_hint)
unset(_trellis_ksh_target)
unset(_trellis_ksh_links)
unset(_trellis_ksh_includes)
unset(_trellis_ksh_header_found)
unset(_trellis_ksh_dir)
unset(_dir)
