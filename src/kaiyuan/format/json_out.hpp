#pragma once
/// A streaming JSON writer: appends to a string as it goes, never builds a tree. Output is
/// pretty-printed with two-space indentation (the same layout nlohmann's dump(2) produces), and
/// strings are escaped per RFC 8259 with invalid UTF-8 replaced by U+FFFD. Compact output (no
/// whitespace at all) is for bytes that are signed or hashed, such as in-toto statements.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::format {

class JsonOut {
public:
    explicit JsonOut(std::string& out, bool compact = false) : m_out(out), m_compact(compact) {}

    JsonOut& begin_object();
    JsonOut& end_object();
    JsonOut& begin_array();
    JsonOut& end_array();
    /// The key of the next member of the current object.
    JsonOut& key(std::string_view k);
    JsonOut& value(std::string_view v);
    JsonOut& value(const char* v) { return value(std::string_view(v)); }
    JsonOut& value(std::int64_t v);
    JsonOut& value(double v);
    JsonOut& value(bool v);
    /// A value that is JSON text already (compact, valid: the caller vouches for it, as for
    /// a member read from a parsed document and minified).
    JsonOut& raw(std::string_view json);

    /// key + value in one call.
    template <class T> JsonOut& field(std::string_view k, const T& v) { return key(k).value(v); }
    /// key + value, only when the value is not empty.
    JsonOut& field_if(std::string_view k, std::string_view v) {
        return v.empty() ? *this : key(k).value(v);
    }

private:
    void before_value();
    void newline_indent(std::size_t depth);
    void string(std::string_view s);

    std::string& m_out;
    bool m_compact = false;
    struct Level {
        bool array;
        std::size_t count;
    };
    std::vector<Level> m_stack;
    bool m_after_key = false;
};

} // namespace kaiyuan::format
