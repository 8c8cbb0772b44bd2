// license_indexer OUT: writes the index of the compiled-in license list to OUT, for the build to
// embed (src/kaiyuan/license/CMakeLists.txt).
#include "kaiyuan/license/index.hpp"

#include <cstdio>
#include <fstream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: license_indexer OUT\n");
        return 2;
    }
    std::string bytes = kaiyuan::license::LicenseIndex::build_default().serialize();
    std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return out ? 0 : 1;
}
