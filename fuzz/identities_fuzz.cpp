// libFuzzer target for identities files (YAML: people with emails and dated organisations, bots,
// domains), then organisation lookups: the input is the file, "\n---\n", then one email per line.
#include "kaiyuan/community/identities.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto split = in.find("\n---\n");
    auto ids = kaiyuan::community::Identities::read(in.substr(0, split), "fuzz.yml");
    if (!ids || split == std::string_view::npos) return 0;
    std::string_view rest = in.substr(split + 5);
    while (!rest.empty()) {
        auto eol = rest.find('\n');
        std::string email(rest.substr(0, eol));
        (void)ids->organization(email, 1700000000);
        (void)ids->is_listed_bot({email, email});
        (void)kaiyuan::community::organization_of_domain(email);
        if (eol == std::string_view::npos) break;
        rest.remove_prefix(eol + 1);
    }
    return 0;
}
