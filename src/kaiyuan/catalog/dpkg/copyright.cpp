#include "kaiyuan/catalog/dpkg/copyright.hpp"

#include "kaiyuan/catalog/dpkg/control.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <cctype>

namespace kaiyuan::catalog::dpkg {

namespace {
void add(std::vector<std::string>& out, std::string_view name) {
    name = util::trim(name);
    while (!name.empty() && (name.back() == '.' || name.back() == ','))
        name.remove_suffix(1);
    if (name.empty()) return;
    std::string s(name);
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
}
} // namespace

std::vector<std::string> copyright_licenses(std::string_view text) {
    std::vector<std::string> out;
    bool machine_readable = false;
    for (auto line : util::split(text.substr(0, 512), '\n'))
        if (util::starts_with_icase(line, "Format:") ||
            util::starts_with_icase(line, "Format-Specification:"))
            machine_readable = true;
    if (machine_readable) {
        auto control = parse_control(text, {});
        for (const auto& p : control.paragraphs) {
            // Only Files paragraphs (and the header) carry the licenses that apply; stand-alone
            // License paragraphs hold texts of licenses already named.
            if (!p.has("Files") && p.has("Format") == false) continue;
            auto license = p.get("License");
            if (license.empty()) continue;
            add(out, license.substr(0, license.find('\n')));
        }
        if (!out.empty()) return out;
    }
    static constexpr std::string_view k_common = "/usr/share/common-licenses/";
    for (std::size_t pos = text.find(k_common); pos != std::string_view::npos;
         pos = text.find(k_common, pos + 1)) {
        std::size_t start = pos + k_common.size();
        std::size_t end = start;
        while (end < text.size() &&
               (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-' ||
                text[end] == '.' || text[end] == '+' || text[end] == '_'))
            ++end;
        add(out, text.substr(start, end - start));
    }
    return out;
}

} // namespace kaiyuan::catalog::dpkg
