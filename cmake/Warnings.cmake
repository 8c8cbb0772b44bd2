# Warnings for all kaiyuan targets; -Werror in CI (KAIYUAN_WERROR=ON).
add_library(kaiyuan_warnings INTERFACE)
target_compile_options(kaiyuan_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough -Wformat=2)
if(KAIYUAN_WERROR)
  target_compile_options(kaiyuan_warnings INTERFACE -Werror)
endif()
# g++ 12 reports -Wrestrict on `"literal" + std::string&&` inside libstdc++ (GCC bug 105329), a false
# positive that -Werror would turn into a broken build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(kaiyuan_warnings INTERFACE -Wno-restrict)
endif()
