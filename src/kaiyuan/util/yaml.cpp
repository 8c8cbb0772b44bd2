#include "kaiyuan/util/yaml.hpp"

#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/yaml_multiline.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>

namespace kaiyuan::util {

const YamlNode* YamlNode::get(std::string_view key) const {
    if (kind != Kind::mapping) return nullptr;
    for (const auto& [k, v] : entries)
        if (k == key) return &v;
    return nullptr;
}

std::string_view YamlNode::str(std::string_view key) const {
    const YamlNode* n = get(key);
    return n && n->kind == Kind::scalar ? std::string_view(n->value) : std::string_view();
}

namespace {

constexpr int k_max_depth = 64;

// Thrown inside the subset reader only, caught at its entry point.
struct Unsupported {
    std::string what;
};
struct Malformed {
    std::string what;
};

struct Line {
    std::uint32_t indent;
    std::string_view content; ///< without indentation and trailing blanks
    std::uint32_t number;
};

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x110000) {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        throw Malformed{"escape names no Unicode character"};
    }
}

// Reads scalars and flow collections inside one line, from `pos`.
class InlineReader {
public:
    InlineReader(std::string_view text, std::uint32_t line) : m_text(text), m_line(line) {}

    // A whole value: the rest of the line must be blank or a comment.
    YamlNode value() {
        YamlNode n = flow_value(0, false);
        skip_blanks();
        if (m_pos < m_text.size() && m_text[m_pos] != '#')
            throw Malformed{"unexpected text after value: '" + std::string(m_text.substr(m_pos)) +
                            "'"};
        return n;
    }

    std::string quoted() {
        char q = m_text[m_pos++];
        std::string out;
        while (m_pos < m_text.size()) {
            char c = m_text[m_pos++];
            if (c == q) {
                if (q == '\'' && m_pos < m_text.size() && m_text[m_pos] == '\'') {
                    out += '\'';
                    ++m_pos;
                    continue;
                }
                return out;
            }
            if (c == '\\' && q == '"') {
                if (m_pos >= m_text.size()) break;
                char e = m_text[m_pos++];
                switch (e) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case '0':
                    out += '\0';
                    break;
                case '"':
                case '\\':
                case '/':
                case ' ':
                case '\t':
                    out += e;
                    break;
                case 'a':
                    out += '\a';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'e':
                    out += '\x1b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'v':
                    out += '\v';
                    break;
                case '_': // YAML 1.2.2 5.7: the named Unicode escapes
                    append_utf8(out, 0xA0);
                    break;
                case 'N':
                    append_utf8(out, 0x85);
                    break;
                case 'L':
                    append_utf8(out, 0x2028);
                    break;
                case 'P':
                    append_utf8(out, 0x2029);
                    break;
                case 'x':
                    out += static_cast<char>(hex(2));
                    break;
                case 'u':
                    append_utf8(out, hex(4));
                    break;
                case 'U':
                    append_utf8(out, hex(8));
                    break;
                default:
                    throw Malformed{std::string("unknown escape \\") + e};
                }
                continue;
            }
            out += c;
        }
        throw Unsupported{"quoted scalar continues on the next line"};
    }

    std::size_t pos() const { return m_pos; }

private:
    std::uint32_t hex(int digits) {
        if (m_pos + digits > m_text.size()) throw Malformed{"short escape"};
        std::uint32_t v = 0;
        for (int k = 0; k < digits; ++k) {
            char c = m_text[m_pos++];
            int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            if (d < 0) throw Malformed{"bad hex escape"};
            v = v << 4 | static_cast<std::uint32_t>(d);
        }
        return v;
    }

    void skip_blanks() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t'))
            ++m_pos;
    }

    // `in_flow`: inside [] or {}, where ',', ']' and '}' end a plain scalar.
    YamlNode flow_value(int depth, bool in_flow) {
        if (depth > k_max_depth) throw Malformed{"nesting deeper than 64 levels"};
        skip_blanks();
        YamlNode n;
        n.line = m_line;
        if (m_pos >= m_text.size()) return n;
        char c = m_text[m_pos];
        if (c == '|' || c == '>' || c == '&' || c == '*' || c == '!')
            throw Unsupported{std::string("'") + c + "' (block scalar, anchor, alias or tag)"};
        if (c == '"' || c == '\'') {
            n.kind = YamlNode::Kind::scalar;
            n.value = quoted();
            return n;
        }
        if (c == '{' || c == '[') {
            ++m_pos;
            bool is_map = c == '{';
            char close = is_map ? '}' : ']';
            n.kind = is_map ? YamlNode::Kind::mapping : YamlNode::Kind::sequence;
            for (;;) {
                skip_blanks();
                if (m_pos >= m_text.size()) throw Unsupported{"flow collection spans lines"};
                if (m_text[m_pos] == close) {
                    ++m_pos;
                    return n;
                }
                if (is_map) {
                    YamlNode key = flow_value(depth + 1, true);
                    skip_blanks();
                    YamlNode value;
                    value.line = m_line;
                    if (m_pos < m_text.size() && m_text[m_pos] == ':') {
                        ++m_pos;
                        value = flow_value(depth + 1, true);
                    }
                    if (key.kind == YamlNode::Kind::mapping || key.kind == YamlNode::Kind::sequence)
                        throw Unsupported{"collection as a mapping key"};
                    n.entries.push_back({std::move(key.value), std::move(value)});
                } else {
                    n.items.push_back(flow_value(depth + 1, true));
                }
                skip_blanks();
                if (m_pos < m_text.size() && m_text[m_pos] == ',')
                    ++m_pos;
                else if (m_pos >= m_text.size() || m_text[m_pos] != close)
                    throw Malformed{std::string("expected ',' or '") + close + "'"};
            }
        }
        // A plain scalar: up to a comment, and inside flow up to an indicator.
        std::size_t start = m_pos;
        while (m_pos < m_text.size()) {
            char ch = m_text[m_pos];
            if (ch == '#' && m_pos > start && m_text[m_pos - 1] == ' ') break;
            if (in_flow && (ch == ',' || ch == ']' || ch == '}')) break;
            if (in_flow && ch == ':' &&
                (m_pos + 1 >= m_text.size() || m_text[m_pos + 1] == ' ' ||
                 m_text[m_pos + 1] == ',' || m_text[m_pos + 1] == '}'))
                break;
            ++m_pos;
        }
        std::string_view plain = trim(m_text.substr(start, m_pos - start));
        if (plain == "~" || plain == "null" || plain.empty()) return n;
        n.kind = YamlNode::Kind::scalar;
        n.value = std::string(plain);
        return n;
    }

    std::string_view m_text;
    std::uint32_t m_line;
    std::size_t m_pos = 0;
};

class SubsetReader {
public:
    explicit SubsetReader(std::string_view text) {
        std::uint32_t number = 0;
        for (std::string_view raw : split(text, '\n')) {
            ++number;
            if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
            m_raw.push_back(raw);
            std::size_t indent = 0;
            while (indent < raw.size() && raw[indent] == ' ')
                ++indent;
            std::string_view content = raw.substr(indent);
            while (!content.empty() && (content.back() == ' ' || content.back() == '\t'))
                content.remove_suffix(1);
            if (content.empty() || content.front() == '#') continue;
            if (content.front() == '\t') throw Unsupported{"tab indentation"};
            if (indent == 0 &&
                (content == "---" || content.starts_with("--- ") || content == "..."))
                continue;
            if (indent == 0 && content.front() == '%') throw Unsupported{"directive"};
            m_lines.push_back({static_cast<std::uint32_t>(indent), content, number});
        }
    }

    YamlNode document() {
        if (m_lines.empty()) return {};
        YamlNode n = block(m_lines[0].indent, 0);
        if (m_i < m_lines.size()) throw Malformed{"unexpected indentation"};
        return n;
    }

    std::uint32_t current_line() const {
        return m_i < m_lines.size() ? m_lines[m_i].number
                                    : (m_lines.empty() ? 0 : m_lines.back().number);
    }

private:
    static bool is_dash(std::string_view c) { return c == "-" || c.starts_with("- "); }

    YamlNode block(std::uint32_t indent, int depth) {
        if (depth > k_max_depth * 4) throw Malformed{"nesting too deep"};
        const Line& l = m_lines[m_i];
        if (is_dash(l.content)) return sequence(indent, depth);
        if (l.content.starts_with("? ")) throw Unsupported{"complex mapping key"};
        if (key_end(l.content)) return mapping(indent, depth);
        // A lone scalar (a sequence item or the whole document).
        InlineReader reader(l.content, l.number);
        YamlNode n = reader.value();
        ++m_i;
        if (m_i < m_lines.size() && m_lines[m_i].indent > indent)
            throw Unsupported{"multi-line scalar"};
        return n;
    }

    YamlNode sequence(std::uint32_t indent, int depth) {
        YamlNode n;
        n.kind = YamlNode::Kind::sequence;
        n.line = m_lines[m_i].number;
        while (m_i < m_lines.size() && m_lines[m_i].indent == indent &&
               is_dash(m_lines[m_i].content)) {
            Line& l = m_lines[m_i];
            std::string_view rest = l.content.substr(1);
            std::size_t skip = 1;
            while (!rest.empty() && rest.front() == ' ') {
                rest.remove_prefix(1);
                ++skip;
            }
            if (rest.empty() || rest.front() == '#') {
                ++m_i;
                if (m_i < m_lines.size() && m_lines[m_i].indent > indent)
                    n.items.push_back(block(m_lines[m_i].indent, depth + 1));
                else
                    n.items.emplace_back().line = l.number;
                continue;
            }
            // "- key: value" opens a mapping whose keys line up with "key".
            l = {static_cast<std::uint32_t>(indent + skip), rest, l.number};
            n.items.push_back(block(l.indent, depth + 1));
        }
        return n;
    }

    // Where a block mapping key ends (the ':' position) and the key text; nullopt when the line
    // is not "key: ..." .
    struct Key {
        std::string text;
        std::size_t colon;
    };
    static std::optional<Key> key_end(std::string_view c) {
        if (c.front() == '"' || c.front() == '\'') {
            InlineReader r(c, 0);
            std::string text;
            try {
                text = r.quoted();
            } catch (const Unsupported&) {
                return std::nullopt;
            }
            std::size_t p = r.pos();
            while (p < c.size() && c[p] == ' ')
                ++p;
            if (p < c.size() && c[p] == ':' && (p + 1 == c.size() || c[p + 1] == ' '))
                return Key{std::move(text), p};
            return std::nullopt;
        }
        if (c.front() == '{' || c.front() == '[') return std::nullopt;
        for (std::size_t p = 0; p < c.size(); ++p) {
            if (c[p] == '#' && p > 0 && c[p - 1] == ' ') return std::nullopt;
            if (c[p] == ':' && (p + 1 == c.size() || c[p + 1] == ' '))
                return Key{std::string(trim(c.substr(0, p))), p};
        }
        return std::nullopt;
    }

    YamlNode mapping(std::uint32_t indent, int depth) {
        YamlNode n;
        n.kind = YamlNode::Kind::mapping;
        n.line = m_lines[m_i].number;
        while (m_i < m_lines.size() && m_lines[m_i].indent == indent) {
            const Line l = m_lines[m_i];
            auto key = key_end(l.content);
            if (!key) throw Malformed{"expected 'key: value'"};
            if (key->text.starts_with('&') || key->text.starts_with('*') ||
                key->text.starts_with('!') || key->text == "<<")
                throw Unsupported{"anchor, alias, tag or merge key"};
            std::string_view rest = trim(l.content.substr(key->colon + 1));
            ++m_i;
            YamlNode value;
            value.line = l.number;
            if (rest.empty() || rest.front() == '#') {
                if (m_i < m_lines.size() && m_lines[m_i].indent > indent)
                    value = block(m_lines[m_i].indent, depth + 1);
                else if (m_i < m_lines.size() && m_lines[m_i].indent == indent &&
                         is_dash(m_lines[m_i].content))
                    value = sequence(indent, depth + 1);
            } else {
                value = inline_or_multiline(l, rest, indent);
            }
            value.line = l.number; // a value's line is its key's line
            n.entries.push_back({std::move(key->text), std::move(value)});
        }
        if (m_i < m_lines.size() && m_lines[m_i].indent > indent)
            throw Malformed{"unexpected indentation"};
        return n;
    }

    /// Moves past the lines a multi-line scalar took, up to line `last` (1-based).
    void skip_to(std::uint32_t last) {
        while (m_i < m_lines.size() && m_lines[m_i].number <= last)
            ++m_i;
    }

    /// A mapping value that starts on the key's line `l` as `rest` and may continue below.
    YamlNode inline_or_multiline(const Line& l, std::string_view rest, std::uint32_t indent) {
        YamlNode value;
        if (rest.front() == '|' || rest.front() == '>') {
            auto s = yaml_detail::block_scalar(m_raw, l.number, rest, indent);
            if (!s) throw Unsupported{"block scalar header"};
            value.kind = YamlNode::Kind::scalar;
            value.value = std::move(s->value);
            skip_to(s->last_line);
            return value;
        }
        if (rest.front() == '"' || rest.front() == '\'') {
            InlineReader probe(rest, l.number);
            try {
                (void)probe.quoted();
            } catch (const Unsupported&) {
                auto s = yaml_detail::quoted_continued(m_raw, l.number, rest);
                if (!s) throw Unsupported{"quoted scalar continues on the next line"};
                InlineReader reader(s->value, l.number);
                value = reader.value();
                skip_to(s->last_line);
                return value;
            }
        }
        InlineReader reader(rest, l.number);
        value = reader.value();
        if (m_i < m_lines.size() && m_lines[m_i].indent > indent) {
            bool plain = value.kind == YamlNode::Kind::scalar && rest.front() != '"' &&
                         rest.front() != '\'' && rest.front() != '[' && rest.front() != '{';
            auto s = plain ? yaml_detail::plain_continued(m_raw, l.number, value.value, indent)
                           : std::nullopt;
            if (!s) throw Unsupported{"multi-line scalar"};
            value.value = std::move(s->value);
            skip_to(s->last_line);
        }
        return value;
    }

    std::vector<std::string_view> m_raw; ///< every line, for scalars that span lines
    std::vector<Line> m_lines;
    std::size_t m_i = 0;
};

// yaml-cpp recurses per nesting level; refuse documents nested deeper than any lockfile is:
// flow brackets, or "- - - x" sequences opened on one line.
bool too_deep_for_yaml_cpp(std::string_view text) {
    int depth = 0;
    int dashes = 0;
    char prev = '\n';
    for (char c : text) {
        if (c == '[' || c == '{') {
            if (++depth > 256) return true;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
        if (c == '\n')
            dashes = 0;
        else if (c == '-' && (prev == ' ' || prev == '\n' || prev == '-') && ++dashes > 256)
            return true;
        prev = c;
    }
    return false;
}

YamlNode convert(const YAML::Node& in, int depth) {
    if (depth > 256) throw Malformed{"nesting too deep"};
    YamlNode out;
    out.line = static_cast<std::uint32_t>(in.Mark().line + 1);
    switch (in.Type()) {
    case YAML::NodeType::Scalar:
        out.kind = YamlNode::Kind::scalar;
        out.value = in.Scalar();
        break;
    case YAML::NodeType::Sequence:
        out.kind = YamlNode::Kind::sequence;
        for (const auto& item : in)
            out.items.push_back(convert(item, depth + 1));
        break;
    case YAML::NodeType::Map:
        out.kind = YamlNode::Kind::mapping;
        for (const auto& kv : in) {
            if (!kv.first.IsScalar()) throw Malformed{"mapping key is not a scalar"};
            YamlNode value = convert(kv.second, depth + 1);
            value.line = static_cast<std::uint32_t>(kv.first.Mark().line + 1);
            out.entries.push_back({kv.first.Scalar(), std::move(value)});
        }
        break;
    default:
        break;
    }
    return out;
}

} // namespace

Result<YamlNode> parse_yaml_subset(std::string_view text) {
    std::uint32_t line = 0;
    try {
        SubsetReader reader(text);
        try {
            return reader.document();
        } catch (...) {
            line = reader.current_line();
            throw;
        }
    } catch (const Unsupported& u) {
        return fail("unsupported: line " + std::to_string(line) + ": " + u.what);
    } catch (const Malformed& m) {
        return fail("line " + std::to_string(line) + ": " + m.what);
    }
}

Result<YamlNode> parse_yaml(std::string_view text) {
    auto fast = parse_yaml_subset(text);
    if (fast) return fast;
    // Anything the subset reader does not take, yaml-cpp decides, so that valid YAML is never
    // refused and errors come from a full parser.
    if (too_deep_for_yaml_cpp(text)) return fail("nesting deeper than 256 levels");
    try {
        YAML::Node doc = YAML::Load(std::string(text));
        return convert(doc, 0);
    } catch (const YAML::Exception& e) {
        return fail("line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
    } catch (const Malformed& m) {
        return fail(m.what);
    }
}

} // namespace kaiyuan::util
