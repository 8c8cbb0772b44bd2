#include "kaiyuan/license/templates.hpp"

#include "kaiyuan/util/strings.hpp"

#include <array>

namespace kaiyuan::license {

namespace {

/// The value of `key="..."` inside a `<<var;...>>` rule; "" when absent.
std::string_view attribute(std::string_view rule, std::string_view key) {
    std::string needle = std::string(key) + "=\"";
    auto at = rule.find(needle);
    if (at == std::string_view::npos) return {};
    at += needle.size();
    auto end = rule.find('"', at);
    return end == std::string_view::npos ? rule.substr(at) : rule.substr(at, end - at);
}

// The holder phrases of SPDX's BSD templates (copyrightHolderAsIs, copyrightHolderLiability,
// organizationClause3 in BSD-2-Clause.xml and BSD-3-Clause.xml of spdx/license-list-XML).
constexpr std::array<std::string_view, 5> k_holder_phrases{
    "COPYRIGHT HOLDERS AND CONTRIBUTORS",
    "COPYRIGHT HOLDER OR CONTRIBUTORS",
    "the copyright holder nor the names of its contributors",
    "copyright holders and contributors",
    "copyright holder or contributors",
};

} // namespace

std::string match_text_of_template(std::string_view t) {
    std::string out;
    out.reserve(t.size());
    int depth = 0;
    for (std::size_t i = 0; i < t.size();) {
        if (t.substr(i).starts_with("<<beginOptional")) {
            auto end = t.find(">>", i);
            if (end == std::string_view::npos) break;
            if (depth++ == 0) out += k_optional_begin;
            i = end + 2;
        } else if (t.substr(i).starts_with("<<endOptional")) {
            auto end = t.find(">>", i);
            if (end == std::string_view::npos) break;
            if (depth > 0 && --depth == 0) out += k_optional_end;
            i = end + 2;
        } else if (t.substr(i).starts_with("<<var;")) {
            // The rule's attributes may hold '>' (a regex); it ends at the first ">>" after the
            // quoted match="...".
            auto match = t.find("match=\"", i);
            auto end = t.find(">>", match == std::string_view::npos ? i : t.find('"', match + 7));
            if (end == std::string_view::npos) break;
            std::string_view rule = t.substr(i, end - i);
            if (depth == 0) out += k_optional_begin;
            out += attribute(rule, "original");
            if (depth == 0) out += k_optional_end;
            i = end + 2;
        } else {
            out += t[i++];
        }
    }
    if (depth > 0) out += k_optional_end;
    return out;
}

std::string derived_match_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 64);
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        if (c == '<' || c == '[') {
            char close = c == '<' ? '>' : ']';
            auto end = text.find(close, i + 1);
            std::string_view inner = end == std::string_view::npos
                                         ? std::string_view()
                                         : text.substr(i + 1, end - i - 1);
            bool placeholder = !inner.empty() && inner.size() <= 80 &&
                               inner.find('\n') == std::string_view::npos &&
                               inner.find("://") == std::string_view::npos &&
                               inner.find('@') == std::string_view::npos;
            if (placeholder) {
                out += k_optional_begin;
                out += text.substr(i, end - i + 1);
                out += k_optional_end;
                i = end + 1;
                continue;
            }
        }
        bool phrase = false;
        for (std::string_view p : k_holder_phrases)
            if (text.substr(i).starts_with(p)) {
                out += k_optional_begin;
                out += p;
                out += k_optional_end;
                i += p.size();
                phrase = true;
                break;
            }
        if (!phrase) out += text[i++];
    }
    return out;
}

std::uint32_t tokenize_match_text(std::string_view m, Tokens& out) {
    std::uint32_t optional = 0;
    bool inside = false;
    for (std::size_t i = 0; i <= m.size();) {
        std::size_t next = m.find_first_of(std::string_view("\x01\x02", 2), i);
        if (next == std::string_view::npos) next = m.size();
        std::size_t before = out.size();
        tokenize(m.substr(i, next - i), out);
        if (inside) optional += static_cast<std::uint32_t>(out.size() - before);
        if (next == m.size()) break;
        inside = m[next] == k_optional_begin;
        i = next + 1;
    }
    return optional;
}

} // namespace kaiyuan::license
