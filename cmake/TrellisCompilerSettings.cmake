# Compiler settings shared by every Trellis target.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
  set(CMAKE_C_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

# Warnings are errors-in-spirit: the tree builds clean with these on.
add_compile_options(-Wall -Wextra -Wpedantic)

option(TRELLIS_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(TRELLIS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# trellis_stage_headers(TARGET PREFIX DIR): makes the headers of DIR includable as
# "PREFIX/<file>" through a staging directory that holds only a link to DIR, and gives it
# to TARGET as its PUBLIC include directory. A library thus exposes its own headers and
# nothing else: code sees a module's headers only when it links that module.
function(trellis_stage_headers target prefix dir)
  set(stage "${PROJECT_BINARY_DIR}/include/${target}")
  get_filename_component(parent "${stage}/${prefix}" DIRECTORY)
  file(MAKE_DIRECTORY "${parent}")
  file(CREATE_LINK "${dir}" "${stage}/${prefix}" SYMBOLIC)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE "${stage}")
  else()
    target_include_directories(${target} PUBLIC "${stage}")
  endif()
endfunction()

# trellis_add_module(NAME DEPS ...): one static library per core module, built from every
# .cpp in the module's folder. Its include directory holds only core/NAME, and it links
# only the layers below it, so an include of a layer above (or beside) it fails to build.
function(trellis_add_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;EXTRA_SOURCES" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp" "${CMAKE_CURRENT_SOURCE_DIR}/*.h")
  add_library(trellis_${name} STATIC ${sources} ${ARG_EXTRA_SOURCES})
  trellis_stage_headers(trellis_${name} "core/${name}" "${CMAKE_CURRENT_SOURCE_DIR}")
  target_link_libraries(trellis_${name} PUBLIC ${ARG_DEPS})
  target_compile_definitions(trellis_${name} PUBLIC QT_NO_KEYWORDS)
  set_target_properties(trellis_${name} PROPERTIES LINKER_LANGUAGE CXX)
endfunction()

# Preset "fuzz" (TRELLIS_BUILD_FUZZ=ON, clang): every library is compiled with libFuzzer's
# coverage instrumentation and ASan/UBSan, so the fuzzers measure and check the code they
# drive, not just their own harness. Only the fuzz targets link libFuzzer's main
# (-fsanitize=fuzzer, see tests/fuzz/CMakeLists.txt). UBSan findings abort so that
# libFuzzer records them as crashes.
if(TRELLIS_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TRELLIS_BUILD_FUZZ needs clang: cmake --preset fuzz (packaging/install-deps.sh --fuzz installs it)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
