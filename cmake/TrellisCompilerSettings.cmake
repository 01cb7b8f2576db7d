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

# trellis_add_module(NAME DEPS ...): one static library per core module, built from every
# .cpp in the module's folder. Each module links only the layers below it, so a wrong
# include fails to build.
function(trellis_add_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;EXTRA_SOURCES" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp" "${CMAKE_CURRENT_SOURCE_DIR}/*.h")
  add_library(trellis_${name} STATIC ${sources} ${ARG_EXTRA_SOURCES})
  target_include_directories(trellis_${name} PUBLIC "${PROJECT_SOURCE_DIR}")
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
