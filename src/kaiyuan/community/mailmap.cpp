#include "kaiyuan/community/mailmap.hpp"

#include "kaiyuan/util/strings.hpp"

#include <optional>

namespace kaiyuan::community {

namespace {

struct NameAndEmail {
    std::string name;  ///< trimmed; "" when none
    std::string email; ///< between < and >
    std::string_view rest;
};

/// One "Name <email>" at the start of `text` (git's parse_name_and_email).
std::optional<NameAndEmail> name_and_email(std::string_view text, bool allow_empty_email) {
    auto left = text.find('<');
    if (left == std::string_view::npos) return std::nullopt;
    auto right = text.find('>', left + 1);
    if (right == std::string_view::npos) return std::nullopt;
    if (!allow_empty_email && right == left + 1) return std::nullopt;
    return NameAndEmail{std::string(util::trim(text.substr(0, left))),
                        std::string(text.substr(left + 1, right - left - 1)),
                        text.substr(right + 1)};
}

} // namespace

void Mailmap::read(std::string_view text, const std::string& path,
                   std::vector<model::Diagnostic>& diagnostics) {
    std::uint32_t number = 0;
    for (auto line : util::split(text, '\n')) {
        ++number;
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.starts_with('#') || util::trim(line).empty()) continue;
        auto first = name_and_email(line, false);
        if (!first) {
            diagnostics.push_back(
                {model::Severity::warning, {path, "", number}, "no <email> in this line; ignored"});
            continue;
        }
        auto second = first->rest.empty() ? std::nullopt : name_and_email(first->rest, true);
        // "new" is what the line maps to, "old" what a commit carries (git's add_mapping).
        std::string new_name = first->name, new_email = first->email, old_name, old_email;
        if (second) {
            old_name = second->name;
            old_email = second->email;
        } else {
            old_email = new_email;
            new_email.clear();
        }
        Entry& e = m_entries[util::to_lower(old_email)];
        if (old_name.empty()) {
            if (!new_name.empty()) e.simple.name = new_name;
            if (!new_email.empty()) e.simple.email = new_email;
        } else {
            e.by_name[util::to_lower(old_name)] = {new_name, new_email};
        }
    }
}

Identity Mailmap::resolve(const Identity& who) const {
    auto it = m_entries.find(util::to_lower(who.email));
    if (it == m_entries.end()) return who;
    const Replacement* r = &it->second.simple;
    if (auto named = it->second.by_name.find(util::to_lower(who.name));
        named != it->second.by_name.end())
        r = &named->second;
    Identity out = who;
    if (!r->name.empty()) out.name = r->name;
    if (!r->email.empty()) out.email = r->email;
    return out;
}

} // namespace kaiyuan::community
