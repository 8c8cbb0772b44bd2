// libFuzzer target: archives read through libarchive (tar, compressed tar, zip, ar, cpio ...).
#include "kaiyuan/source/archive_reader.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kaiyuan::source::WalkLimits limits;
    limits.max_file_bytes = 1 << 20;
    limits.max_total_bytes = 16 << 20;
    auto reader = kaiyuan::source::ArchiveReader::open(
        {{}, {reinterpret_cast<const char*>(data), size}, {}}, "fuzz", limits);
    if (!reader) return 0;
    std::vector<kaiyuan::model::Diagnostic> diags;
    (void)reader->for_each([](const kaiyuan::source::Entry&) { return true; },
                           [](const kaiyuan::source::Entry&, std::string&&) {}, diags);
    return 0;
}
