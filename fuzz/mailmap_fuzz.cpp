// libFuzzer target for .mailmap files: the input is a mailmap, then "\n---\n", then one
// "Name <email>" per line, each resolved through it.
#include "kaiyuan/community/mailmap.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto split = in.find("\n---\n");
    kaiyuan::community::Mailmap map;
    std::vector<kaiyuan::model::Diagnostic> diagnostics;
    map.read(in.substr(0, split), ".mailmap", diagnostics);
    if (split == std::string_view::npos) return 0;
    std::string_view rest = in.substr(split + 5);
    while (!rest.empty()) {
        auto eol = rest.find('\n');
        std::string_view line = rest.substr(0, eol);
        auto lt = line.find('<');
        std::string name(line.substr(0, lt));
        std::string email(lt == std::string_view::npos ? "" : line.substr(lt + 1));
        (void)map.resolve({name, email});
        if (eol == std::string_view::npos) break;
        rest.remove_prefix(eol + 1);
    }
    return 0;
}
