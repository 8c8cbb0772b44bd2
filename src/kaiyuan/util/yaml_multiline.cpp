#include "kaiyuan/util/yaml_multiline.hpp"

namespace kaiyuan::util::yaml_detail {

namespace {

std::uint32_t indent_of(std::string_view s) {
    std::uint32_t n = 0;
    while (n < s.size() && s[n] == ' ')
        ++n;
    return n;
}

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t") == std::string_view::npos;
}

std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

/// Folds trimmed lines as flow scalars do (YAML 1.2.2 7.3.1, 6.5): a single line break between
/// two lines becomes a space, each empty line in between a newline.
void fold_into(std::string& out, const std::vector<std::string_view>& lines) {
    std::size_t empties = 0;
    bool first = true;
    for (std::string_view l : lines) {
        if (l.empty()) {
            ++empties;
            continue;
        }
        if (!first) out.append(empties ? empties : 1, empties ? '\n' : ' ');
        out += l;
        empties = 0;
        first = false;
    }
}

} // namespace

std::optional<MultilineScalar> block_scalar(const std::vector<std::string_view>& raw,
                                            std::uint32_t line, std::string_view header,
                                            std::uint32_t parent_indent) {
    bool literal = header.front() == '|';
    char chomp = 'c';
    std::uint32_t explicit_indent = 0;
    std::size_t p = 1;
    for (; p < header.size() && p <= 2; ++p) {
        char c = header[p];
        if ((c == '-' || c == '+') && chomp == 'c')
            chomp = c;
        else if (c >= '1' && c <= '9' && explicit_indent == 0)
            explicit_indent = static_cast<std::uint32_t>(c - '0');
        else
            break;
    }
    std::string_view rest = trim_blanks(header.substr(p));
    if (!rest.empty() && rest.front() != '#') return std::nullopt;
    // The content lines: blank ones, and those indented at least as far as the content.
    std::uint32_t n = explicit_indent ? parent_indent + explicit_indent : 0;
    std::size_t i = line; // raw[line] is the line after the header (raw is 0-based)
    std::size_t end = i;
    for (std::size_t k = i; k < raw.size(); ++k) {
        std::string_view l = raw[k];
        if (blank(l)) {
            end = k + 1;
            continue;
        }
        std::uint32_t ind = indent_of(l);
        if (!n) {
            if (ind <= parent_indent) break;
            n = ind;
        }
        if (ind < n) break;
        end = k + 1;
    }
    // Trailing blank lines belong to the scalar only for "keep" chomping; they never decide
    // where the next key starts.
    std::vector<std::string_view> lines;
    for (std::size_t k = i; k < end; ++k) {
        std::string_view l = raw[k];
        lines.push_back(l.size() <= n ? std::string_view{} : l.substr(n));
    }
    std::size_t content_end = lines.size();
    while (content_end > 0 && lines[content_end - 1].empty())
        --content_end;
    std::string out;
    if (literal) {
        for (std::size_t k = 0; k < content_end; ++k) {
            if (k) out += '\n';
            out += lines[k];
        }
    } else {
        // Folding (8.1.3): a break between two "normal" lines becomes a space; lines starting
        // with a blank ("more indented") and the breaks around them are kept; each empty line
        // is a newline.
        bool prev_normal = false;
        std::size_t empties = 0;
        bool started = false;
        for (std::size_t k = 0; k < content_end; ++k) {
            std::string_view l = lines[k];
            if (l.empty()) {
                ++empties;
                continue;
            }
            bool normal = l.front() != ' ' && l.front() != '\t';
            if (started) {
                if (prev_normal && normal)
                    out.append(empties ? empties : 1, empties ? '\n' : ' ');
                else
                    out.append(empties + 1, '\n');
            } else {
                out.append(empties, '\n');
            }
            out += l;
            started = true;
            prev_normal = normal;
            empties = 0;
        }
    }
    if (chomp == 'c' && content_end > 0) out += '\n';
    if (chomp == '+') {
        if (content_end > 0) out += '\n';
        out.append(lines.size() - content_end, '\n');
    }
    std::uint32_t last = static_cast<std::uint32_t>(end > i ? end : line);
    return MultilineScalar{std::move(out), last};
}

std::optional<MultilineScalar> plain_continued(const std::vector<std::string_view>& raw,
                                               std::uint32_t line, std::string_view first,
                                               std::uint32_t parent_indent) {
    std::vector<std::string_view> lines{first};
    std::size_t end = line;
    for (std::size_t k = line; k < raw.size(); ++k) {
        std::string_view l = raw[k];
        if (blank(l)) {
            lines.push_back({});
            continue;
        }
        if (indent_of(l) <= parent_indent) break;
        std::string_view t = trim_blanks(l);
        // A comment, a "key: value" or a " #" inside would end or break a plain scalar: those
        // are left to yaml-cpp.
        if (t.front() == '#' || t.find(": ") != std::string_view::npos || t.ends_with(":") ||
            t.find(" #") != std::string_view::npos || l.find('\t') != std::string_view::npos)
            return std::nullopt;
        lines.push_back(t);
        end = k + 1;
    }
    while (lines.size() > 1 && lines.back().empty())
        lines.pop_back();
    MultilineScalar s{{}, static_cast<std::uint32_t>(end)};
    fold_into(s.value, lines);
    return s;
}

std::optional<MultilineScalar> quoted_continued(const std::vector<std::string_view>& raw,
                                                std::uint32_t line, std::string_view first) {
    char q = first.front();
    // Find the closing quote, line by line.
    std::vector<std::string_view> parts;
    std::string_view cur = first.substr(1);
    std::size_t k = line; // raw index of the next line
    for (;;) {
        std::size_t close = std::string_view::npos;
        for (std::size_t p = 0; p < cur.size(); ++p) {
            if (q == '"' && cur[p] == '\\') {
                ++p;
                continue;
            }
            if (cur[p] == q) {
                if (q == '\'' && p + 1 < cur.size() && cur[p + 1] == '\'') {
                    ++p;
                    continue;
                }
                close = p;
                break;
            }
        }
        if (close != std::string_view::npos) {
            std::string_view after = trim_blanks(cur.substr(close + 1));
            if (!after.empty() && after.front() != '#') return std::nullopt;
            parts.push_back(cur.substr(0, close));
            break;
        }
        parts.push_back(cur);
        if (k >= raw.size()) return std::nullopt;
        cur = raw[k++];
        if (cur.find('\t') != std::string_view::npos) return std::nullopt;
    }
    if (parts.size() < 2) return std::nullopt;
    // Fold (7.3.1 / 7.3.2): trailing blanks of a line and leading blanks of the next are dropped;
    // a double-quoted line ending in an unescaped backslash joins the next line directly.
    std::string out(1, q);
    std::size_t empties = 0;
    bool join_directly = false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        std::string_view s = parts[i];
        if (i > 0) {
            while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
                s.remove_prefix(1);
        }
        bool last = i + 1 == parts.size();
        if (!last) {
            while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
                s.remove_suffix(1);
        }
        if (i > 0 && !last && s.empty()) {
            ++empties;
            continue;
        }
        if (i > 0) {
            if (join_directly)
                ; // "\" at the end of the previous line
            else
                out.append(empties ? empties : 1, empties ? '\n' : ' ');
        }
        empties = 0;
        join_directly = false;
        if (!last && q == '"') {
            std::size_t backslashes = 0;
            while (backslashes < s.size() && s[s.size() - 1 - backslashes] == '\\')
                ++backslashes;
            if (backslashes % 2 == 1) {
                s.remove_suffix(1);
                join_directly = true;
            }
        }
        out += s;
    }
    out += q;
    return MultilineScalar{std::move(out), static_cast<std::uint32_t>(k)};
}

} // namespace kaiyuan::util::yaml_detail
