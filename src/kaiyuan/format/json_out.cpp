#include "kaiyuan/format/json_out.hpp"

#include <charconv>

#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::format {

void JsonOut::newline_indent(std::size_t depth) {
    if (m_compact) return;
    m_out += '\n';
    m_out.append(depth * 2, ' ');
}

void JsonOut::before_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (m_stack.empty()) return;
    Level& l = m_stack.back();
    if (l.count++) m_out += ',';
    newline_indent(m_stack.size());
}

JsonOut& JsonOut::begin_object() {
    before_value();
    m_out += '{';
    m_stack.push_back({false, 0});
    return *this;
}

JsonOut& JsonOut::end_object() {
    Level l = m_stack.back();
    m_stack.pop_back();
    if (l.count) newline_indent(m_stack.size());
    m_out += '}';
    return *this;
}

JsonOut& JsonOut::begin_array() {
    before_value();
    m_out += '[';
    m_stack.push_back({true, 0});
    return *this;
}

JsonOut& JsonOut::end_array() {
    Level l = m_stack.back();
    m_stack.pop_back();
    if (l.count) newline_indent(m_stack.size());
    m_out += ']';
    return *this;
}

JsonOut& JsonOut::key(std::string_view k) {
    before_value();
    string(k);
    m_out += m_compact ? ":" : ": ";
    m_after_key = true;
    return *this;
}

JsonOut& JsonOut::value(std::string_view v) {
    before_value();
    string(v);
    return *this;
}

JsonOut& JsonOut::raw(std::string_view json) {
    before_value();
    m_out += json;
    return *this;
}

JsonOut& JsonOut::value(std::int64_t v) {
    before_value();
    m_out += std::to_string(v);
    return *this;
}

JsonOut& JsonOut::value(double v) {
    before_value();
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v); // shortest form that reads back: 9.8
    m_out.append(buf, r.ptr);
    return *this;
}

JsonOut& JsonOut::value(bool v) {
    before_value();
    m_out += v ? "true" : "false";
    return *this;
}

void JsonOut::string(std::string_view s) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string replaced;
    if (!util::is_valid_utf8(s)) {
        replaced = util::sanitize_text(s);
        s = replaced;
    }
    m_out += '"';
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"':
            m_out += "\\\"";
            break;
        case '\\':
            m_out += "\\\\";
            break;
        case '\n':
            m_out += "\\n";
            break;
        case '\t':
            m_out += "\\t";
            break;
        case '\r':
            m_out += "\\r";
            break;
        case '\b':
            m_out += "\\b";
            break;
        case '\f':
            m_out += "\\f";
            break;
        default:
            if (c < 0x20) {
                m_out += "\\u00";
                m_out += k_hex[c >> 4];
                m_out += k_hex[c & 15];
            } else {
                m_out += ch;
            }
        }
    }
    m_out += '"';
}

} // namespace kaiyuan::format
