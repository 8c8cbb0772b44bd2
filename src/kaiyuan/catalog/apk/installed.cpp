#include "kaiyuan/catalog/apk/installed.hpp"

#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::apk {

InstalledDb parse_installed(std::string_view text, const model::Location& location) {
    InstalledDb out;
    ApkPackage current;
    bool open = false;
    std::string dir;
    std::uint32_t line_no = 0;
    auto finish = [&] {
        if (!open) return;
        if (current.name.empty()) {
            out.diagnostics.push_back({model::Severity::warning,
                                       {location.path, location.layer, current.line},
                                       "package entry has no P: (name) line; skipped"});
        } else {
            out.packages.push_back(std::move(current));
        }
        current = ApkPackage{};
        open = false;
        dir.clear();
    };
    for (auto line : util::split(text, '\n')) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) {
            finish();
            continue;
        }
        if (line.size() < 2 || line[1] != ':') {
            out.diagnostics.push_back({model::Severity::warning,
                                       {location.path, location.layer, line_no},
                                       "expected 'K:value'; line ignored"});
            continue;
        }
        if (!open) {
            open = true;
            current.line = line_no;
        }
        std::string value = util::sanitize_text(line.substr(2));
        switch (line[0]) {
        case 'P':
            current.name = value;
            break;
        case 'V':
            current.version = value;
            break;
        case 'A':
            current.arch = value;
            break;
        case 'L':
            current.license = value;
            break;
        case 'T':
            current.description = value;
            break;
        case 'U':
            current.url = value;
            break;
        case 'm':
            current.maintainer = value;
            break;
        case 'o':
            current.origin = value;
            break;
        case 'C':
            current.checksum = value;
            break;
        case 'c':
            current.commit = value;
            break;
        case 'D':
            for (auto d : util::split_ws(value))
                current.depends.emplace_back(d);
            break;
        case 'p':
            for (auto d : util::split_ws(value))
                current.provides.emplace_back(d);
            break;
        case 'F':
            dir = value;
            break;
        case 'R':
            current.files.push_back("/" + (dir.empty() ? value : dir + "/" + value));
            break;
        default:
            break;
        }
    }
    finish();
    return out;
}

} // namespace kaiyuan::catalog::apk
