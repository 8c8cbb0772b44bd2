#include "kaiyuan/catalog/dpkg/control.hpp"

#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::dpkg {

std::string_view Paragraph::get(std::string_view name) const {
    for (const auto& [k, v] : fields)
        if (util::equals_icase(k, name)) return v;
    return {};
}

bool Paragraph::has(std::string_view name) const {
    for (const auto& [k, v] : fields)
        if (util::equals_icase(k, name)) return true;
    return false;
}

ControlFile parse_control(std::string_view text, const model::Location& location) {
    ControlFile out;
    Paragraph current;
    std::uint32_t line_no = 0;
    auto finish = [&] {
        if (!current.fields.empty()) out.paragraphs.push_back(std::move(current));
        current = Paragraph{};
    };
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto nl = text.find('\n', pos);
        std::string_view line =
            text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos);
        ++line_no;
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (util::trim(line).empty()) {
            finish();
            continue;
        }
        if (line.front() == '#') continue; // comments are allowed in some control files
        if (line.front() == ' ' || line.front() == '\t') {
            if (current.fields.empty()) {
                out.diagnostics.push_back({model::Severity::warning,
                                           {location.path, location.layer, line_no},
                                           "continuation line outside a field; ignored"});
                continue;
            }
            auto& value = current.fields.back().second;
            value += '\n';
            value += util::trim(line);
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            out.diagnostics.push_back({model::Severity::warning,
                                       {location.path, location.layer, line_no},
                                       "expected 'Field: value'; line ignored"});
            continue;
        }
        if (current.fields.empty()) current.line = line_no;
        current.fields.emplace_back(std::string(line.substr(0, colon)),
                                    std::string(util::trim(line.substr(colon + 1))));
    }
    finish();
    return out;
}

} // namespace kaiyuan::catalog::dpkg
