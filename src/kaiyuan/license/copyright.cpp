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
    // Comment markers of other languages: troff (.\" and '\"), VMS DCL ($!), Windows batch
    // (rem, ::), texinfo (@c), Fortran (c, !), then the usual markers again (".\" * Copyright").
    for (std::string_view marker : {".\\\"", "'\\\"", "\\\"", "$!", "@c ", "rem ", "::"})
        if (util::starts_with_icase(rest, marker)) {
            at += marker.size();
            while (at < line.size() &&
                   (line[at] == ' ' || line[at] == '\t' || line[at] == '*' || line[at] == '#'))
                ++at;
            rest = line.substr(at);
            break;
        }
    for (std::string_view prefix : {"portions ", "parts "})
        if (util::starts_with_icase(rest, prefix)) {
            at += prefix.size();
            rest = line.substr(at);
        }
    if (util::starts_with_icase(rest, "dnl ")) {
        at += 4;
        rest = line.substr(at);
    }
    if (is_copyright_line(rest)) return at;
    // Or later in the line, after other text ("foo.c: Copyright (c) 2001 Jane Doe").
    // ("opyright" finds Copyright and copyright without lower-casing every line.)
    for (std::string_view key : {"opyright", "OPYRIGHT", "\u00a9"})
        for (auto k = line.find(key, at + 1); k != std::string_view::npos;
             k = line.find(key, k + 1)) {
            std::size_t begin = key.front() == 'o' || key.front() == 'O' ? k - 1 : k;
            if (begin > at && is_copyright_line(line.substr(begin))) return begin;
        }
    return std::string_view::npos;
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
    // "Jane Doe, <jane@example.org>, et al." leaves "Jane Doe, , et al.": tidy what is left.
    std::string tidy;
    for (char c : out) {
        if (c == '\t') c = ' ';
        if (c == ' ' && (tidy.empty() || tidy.back() == ' ')) continue;
        if (c == ',') {
            while (!tidy.empty() && tidy.back() == ' ')
                tidy.pop_back();
            if (!tidy.empty() && tidy.back() == ',') continue;
        }
        tidy.push_back(c);
    }
    std::string_view h = util::trim(tidy);
    // Code around a statement inside a string or a macro ("Copyright (C) " LIBCURL_COPYRIGHT
    // "\0", '...P. Monnerat")' >> os400.c): what follows a quote, backslash or shell operator
    // is not part of a name, and a holder that starts with one is no holder.
    if (auto code = h.find_first_of("\"\\`{}"); code != std::string_view::npos)
        h = util::trim(h.substr(0, code));
    for (std::string_view op : {" >>", " > ", " | ", " && ", "')", "\")", ");"})
        if (auto at = h.find(op); at != std::string_view::npos) h = util::trim(h.substr(0, at));
    // Prose after the name: "Alexander Peslyak and it is hereby released to the ...",
    // "Daniel Stenberg, and many contributors, see the THANKS file".
    {
        std::string lower = util::to_lower(h);
        for (std::string_view end :
             {" and it is ", " and is ", " and are ", " hereby", " is licensed", " licensed under",
              " released under", " is released", " under the terms", ", see ", " see the ",
              " see file"})
            if (auto at = lower.find(end); at != std::string::npos) {
                h = util::trim(h.substr(0, at));
                lower.resize(h.size());
            }
    }
    for (std::string_view tail : {", et al.", ", et al", " et al.", " et al"})
        if (h.size() > tail.size() && util::to_lower(h.substr(h.size() - tail.size())) == tail)
            h.remove_suffix(tail.size());
    h = util::trim(h);
    auto abbreviation = [](std::string_view text) { // "Inc." keeps its full stop
        auto space = text.find_last_of(" ,");
        std::string last =
            util::to_lower(space == std::string_view::npos ? text : text.substr(space + 1));
        return last == "inc." || last == "corp." || last == "ltd." || last == "co." ||
               last == "s.a." || last == "b.v.";
    };
    while (!h.empty() && (h.back() == '.' || h.back() == ',' || h.back() == ';' ||
                          h.back() == ':' || h.back() == '*' || h.back() == '/')) {
        if (h.back() == '.' && abbreviation(h)) break;
        h = util::trim(h.substr(0, h.size() - 1));
    }
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
        std::string joined;
        // A holder cut by the line's end ("... 2021-2022 Free Software" / "Foundation, Inc.")
        // goes on on the next line: a short line in the same comment that is not a sentence
        // of its own.
        if (pos < text.size()) {
            std::size_t next_end = text.find('\n', pos);
            if (next_end == std::string_view::npos) next_end = text.size();
            std::string_view next = text.substr(pos, next_end - pos);
            std::size_t body = next.find_first_not_of(" \t#*/;%!-");
            std::string_view rest = body == std::string_view::npos ? "" : next.substr(body);
            rest = clean(rest);
            std::string holder = copyright_holder(statement);
            bool cut = !holder.empty() && holder.find(' ') == std::string::npos
                           ? true
                           : statement.ends_with("Free Software") || statement.ends_with(',');
            // A statement that stops on a word that needs what follows ("..., and many" /
            // "contributors", "Foo and" / "Bar") goes on even in lower case.
            std::string lower_statement = util::to_lower(statement);
            bool dangling = false;
            for (std::string_view word : {" and", " and many", " &", " of", " for", " by", " the"})
                dangling |= lower_statement.ends_with(word);
            if (dangling && !rest.empty() && rest.size() <= 60 &&
                statement_start(next) == std::string_view::npos) {
                joined = std::string(statement) + " " + std::string(rest);
                statement = joined;
            } else if (cut && !rest.empty() && rest.size() <= 60 && rest.front() >= 'A' &&
                       rest.front() <= 'Z' && statement_start(next) == std::string_view::npos &&
                       !util::starts_with_icase(rest, "all rights") &&
                       !util::starts_with_icase(rest, "this ") &&
                       !util::starts_with_icase(rest, "licensed") &&
                       !util::starts_with_icase(rest, "permission") &&
                       !util::starts_with_icase(rest, "redistribution") &&
                       !util::starts_with_icase(rest, "see ")) {
                joined = std::string(statement) + " " + std::string(rest);
                statement = joined;
            }
        }
        Copyright c;
        c.statement = util::sanitize_text(statement);
        c.holder = copyright_holder(statement);
        c.line = number;
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace kaiyuan::license
