#include "kaiyuan/license/clues.hpp"

#include "kaiyuan/license/line_scan.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <array>

namespace kaiyuan::license {

namespace {

/// "SPDX-License-Identifier: MIT */" -> "MIT".
std::string_view tag_expression(std::string_view rest) {
    rest = util::trim(rest);
    for (std::string_view close : {"*/", "-->", "*)", "#}", "%>", "\"\"\"", "'''"})
        if (auto at = rest.find(close); at != std::string_view::npos) rest = rest.substr(0, at);
    rest = util::trim(rest);
    while (!rest.empty() && (rest.back() == '"' || rest.back() == '\'' || rest.back() == ','))
        rest.remove_suffix(1);
    while (!rest.empty() && (rest.front() == '"' || rest.front() == '\''))
        rest.remove_prefix(1);
    return util::trim(rest);
}

} // namespace

std::vector<LicenseMatch> find_tags(std::string_view text) {
    std::vector<LicenseMatch> out;
    constexpr std::string_view k_tag = "spdx-license-identifier:";
    if (find_icase(text, k_tag) == std::string_view::npos) return out;
    for_each_line(text, [&](std::string_view line, std::uint32_t number) {
        auto at = find_icase(line, k_tag);
        if (at == std::string_view::npos) return;
        std::string_view raw = tag_expression(line.substr(at + k_tag.size()));
        // Code that mentions the tag ("SPDX-License-Identifier: %s\n", a regex) is not one:
        // an expression has only id characters, spaces, parentheses, ':' and '+'.
        bool expression_like = !raw.empty() && std::all_of(raw.begin(), raw.end(), [](char c) {
            return model::is_idstring(std::string_view(&c, 1)) || c == ' ' || c == '(' ||
                   c == ')' || c == ':' || c == '+' || c == '\t';
        });
        if (!expression_like) return;
        LicenseMatch m;
        m.kind = LicenseMatch::Kind::tag;
        m.start_line = m.end_line = number;
        m.score = 100;
        auto parsed = model::LicenseExpression::parse(raw, true);
        if (parsed) {
            // Deprecated ids in SPDX's current form ("GPL-2.0+" is "GPL-2.0-or-later"), as
            // every other finding and every SBOM kaiyuan writes states them.
            m.expression = parsed->simplified().to_string();
        } else {
            m.expression = util::sanitize_text(raw);
            m.detail = parsed.error().message;
        }
        out.push_back(std::move(m));
    });
    return out;
}

} // namespace kaiyuan::license
