#include "kaiyuan/source/file_tree.hpp"

#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::source {

std::string normalize_member_path(std::string_view name, std::string& problem) {
    problem.clear();
    if (name.starts_with('/')) problem = "absolute path in archive; read as relative";
    std::vector<std::string_view> parts;
    for (auto seg : util::split(name, '/')) {
        if (seg.empty() || seg == ".") continue;
        if (seg == "..") {
            if (parts.empty()) {
                problem = "path escapes the archive root; entry skipped";
                return {};
            }
            parts.pop_back();
            continue;
        }
        parts.push_back(seg);
    }
    std::string out;
    for (auto seg : parts) {
        if (!out.empty()) out += '/';
        out += seg;
    }
    return out;
}

} // namespace kaiyuan::source
