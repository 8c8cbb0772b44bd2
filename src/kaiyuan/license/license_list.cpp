#include "kaiyuan/license/license_list.hpp"

#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>

namespace kaiyuan::license {

extern const char* const k_spdx_license_texts; // data/spdx/licenses.txt, embedded by the build

namespace {

/// Ids compare without case (SPDX ids match case-insensitively), so find_license can bisect.
bool less_icase(std::string_view a, std::string_view b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return util::to_lower(x) < util::to_lower(y);
    });
}

bool by_id(const LicenseInfo& a, const LicenseInfo& b) {
    return less_icase(a.id, b.id);
}

std::vector<LicenseInfo> parse_list(std::string_view data) {
    std::vector<LicenseInfo> out;
    std::size_t pos = 0;
    LicenseInfo* open = nullptr;
    std::size_t text_start = 0;
    auto close = [&](std::size_t end) {
        if (!open) return;
        std::string_view text = data.substr(text_start, end - text_start);
        while (!text.empty() && text.back() == '\n')
            text.remove_suffix(1);
        open->text = text;
    };
    while (pos < data.size()) {
        std::size_t eol = data.find('\n', pos);
        if (eol == std::string_view::npos) eol = data.size();
        std::string_view line = data.substr(pos, eol - pos);
        if (line.starts_with("@@ ")) {
            close(pos);
            auto fields = util::split(line.substr(3), '\t');
            LicenseInfo info;
            info.id = fields.size() > 0 ? fields[0] : std::string_view();
            info.osi_approved = fields.size() > 1 && fields[1] == "1";
            info.name = fields.size() > 2 ? fields[2] : std::string_view();
            info.deprecated = model::is_deprecated_license_id(info.id);
            info.category = category_of(info.id, info.osi_approved);
            out.push_back(info);
            open = &out.back();
            text_start = eol + 1;
        }
        pos = eol + 1;
    }
    close(std::min(pos, data.size()));
    std::sort(out.begin(), out.end(), by_id);
    return out;
}

std::vector<LicenseInfo>& license_list() {
    static std::vector<LicenseInfo> list = parse_list(k_spdx_license_texts);
    return list;
}

std::vector<LicenseInfo>& exception_list() {
    static std::vector<LicenseInfo> list;
    return list;
}

} // namespace

const std::vector<LicenseInfo>& spdx_licenses() {
    return license_list();
}

const std::vector<LicenseInfo>& spdx_exceptions() {
    return exception_list();
}

const LicenseInfo* find_exception(std::string_view id) {
    for (const LicenseInfo& e : exception_list())
        if (e.id == id) return &e;
    return nullptr;
}

void replace_license_list(const std::vector<LicenseInfo>& licenses,
                          std::vector<LicenseInfo> exceptions) {
    auto& list = license_list();
    std::erase_if(list, [&](const LicenseInfo& old) {
        return std::any_of(licenses.begin(), licenses.end(),
                           [&](const LicenseInfo& l) { return l.id == old.id; });
    });
    list.insert(list.end(), licenses.begin(), licenses.end());
    std::sort(list.begin(), list.end(), by_id);
    std::sort(exceptions.begin(), exceptions.end(), by_id);
    exception_list() = std::move(exceptions);
}

const LicenseInfo* find_license(std::string_view id) {
    const auto& list = spdx_licenses();
    auto it = std::lower_bound(
        list.begin(), list.end(), id,
        [](const LicenseInfo& l, std::string_view x) { return less_icase(l.id, x); });
    if (it == list.end() || less_icase(id, it->id)) return nullptr;
    return &*it;
}

} // namespace kaiyuan::license
