#include "kaiyuan/catalog/os/os_release.hpp"

#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::os {

namespace {
std::string unquote(std::string_view v) {
    v = util::trim(v);
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
        char q = v.front();
        v = v.substr(1, v.size() - 2);
        std::string out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (q == '"' && v[i] == '\\' && i + 1 < v.size()) ++i;
            out += v[i];
        }
        return out;
    }
    return std::string(v);
}
} // namespace

model::Distro parse_os_release(std::string_view text) {
    model::Distro d;
    for (auto line : util::split(text, '\n')) {
        line = util::trim(line);
        if (line.empty() || line.front() == '#') continue;
        auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        auto key = line.substr(0, eq);
        std::string value = util::sanitize_text(unquote(line.substr(eq + 1)));
        if (key == "ID")
            d.id = util::to_lower(value);
        else if (key == "VERSION_ID")
            d.version_id = value;
        else if (key == "NAME")
            d.name = value;
        else if (key == "PRETTY_NAME")
            d.pretty_name = value;
        else if (key == "ID_LIKE")
            d.id_like = util::to_lower(value);
        else if (key == "VERSION_CODENAME")
            d.version_codename = value;
    }
    return d;
}

std::string distro_qualifier(const model::Distro& d) {
    if (d.id.empty()) return {};
    return d.version_id.empty() ? d.id : d.id + "-" + d.version_id;
}

} // namespace kaiyuan::catalog::os
