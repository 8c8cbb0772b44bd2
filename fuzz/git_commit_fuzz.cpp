// libFuzzer target for commit objects read as text when libgit2 refuses them (broken dates,
// odd idents): tree, parents, author and committer lines.
#include "kaiyuan/community/raw_commit.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)kaiyuan::community::parse_raw_commit(
        std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
