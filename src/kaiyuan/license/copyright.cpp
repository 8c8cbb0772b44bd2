#include "kaiyuan/license/copyright.hpp"

#include "kaiyuan/license/tokenizer.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::license {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// Strips what surrounds a statement in source files: comment openers and closers, quotes,
/// leading "Portions", trailing punctuation.
std::string_view clean(std::string_view s) {
    s = util::trim(s);
    for (std::string_view close : {"*/", "-->", "*)", "\"\"\"", "'''"})
        if (s.ends_with(close)) s = util::trim(s.substr(0, s.size() - close.size()));
    while (!s.empty() &&
           (s.back() == '"' || s.back() == '\\' || s.back() == ',' || s.back() == ';'))
        s.remove_suffix(1);
    return util::trim(s);
}

/// The statement's start in `line`: "Copyright", "(c)" or "©" after comment markers and a
/// "Portions"/"Parts" prefix; npos when the line holds none.
std::size_t statement_start(std::string_view line) {
    std::size_t at = 0;
    while (at < line.size() &&
           (line[at] == ' ' || line[at] == '\t' || line[at] == '*' || line[at] == '#' ||
            line[at] == '/' || line[at] == '-' || line[at] == ';' || line[at] == '%' ||
            line[at] == '!' || line[at] == '"' || line[at] == '\''))
        ++at;
    std::string_view rest = line.substr(at);
    for (std::string_view prefix : {"portions ", "parts "})
        if (util::starts_with_icase(rest, prefix)) {
            at += prefix.size();
            rest = line.substr(at);
        }
    if (util::starts_with_icase(rest, "dnl ")) {
        at += 4;
        rest = line.substr(at);
    }
    return is_copyright_line(rest) ? at : std::string_view::npos;
}

} // namespace

std::string copyright_holder(std::string_view s) {
    // Drop "Copyright", "(c)", "©", "Copr.", years, ranges, commas and "by" at the front.
    for (;;) {
        s = util::trim(s);
        std::size_t before = s.size();
        for (std::string_view word : {"copyright", "copr.", "(c)", "\u00a9", "by ", "by:", ":"})
            if (util::starts_with_icase(s, word)) s.remove_prefix(word.size());
        while (!s.empty() && (is_digit(s.front()) || s.front() == '-' || s.front() == ',' ||
                              s.front() == ' ' || s.front() == '.' || s.front() == '/'))
            s.remove_prefix(1);
        if (s.size() == before) break;
    }
    std::string out;
    // Cut at "All rights reserved" and drop <e-mail> / (e-mail) parts.
    for (std::string_view end : {"all rights reserved", "some rights reserved"}) {
        std::string lower = util::to_lower(s);
        if (auto at = lower.find(end); at != std::string::npos) s = s.substr(0, at);
    }
    int depth = 0;
    for (char c : s) {
        if (c == '<') ++depth;
        if (depth == 0) out.push_back(c);
        if (c == '>' && depth > 0) --depth;
    }
    std::string_view h = util::trim(out);
    while (!h.empty() && (h.back() == '.' || h.back() == ',' || h.back() == ';' ||
                          h.back() == ':' || h.back() == '*' || h.back() == '/'))
        h = util::trim(h.substr(0, h.size() - 1));
    // A holder made only of punctuation or placeholders says nothing.
    if (h.find_first_not_of(" .,;:-*/()[]<>") == std::string_view::npos) return {};
    return util::sanitize_text(h);
}

std::vector<Copyright> find_copyrights(std::string_view text) {
    std::vector<Copyright> out;
    std::uint32_t number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        ++number;
        pos = eol + 1;
        if (line.size() > 300) continue; // data, minified code
        std::size_t start = statement_start(line);
        if (start == std::string_view::npos) continue;
        std::string_view statement = clean(line.substr(start));
        Copyright c;
        c.statement = util::sanitize_text(statement);
        c.holder = copyright_holder(statement);
        c.line = number;
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace kaiyuan::license
