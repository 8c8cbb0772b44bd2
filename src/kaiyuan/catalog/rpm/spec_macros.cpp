#include "kaiyuan/catalog/rpm/spec_macros.hpp"

#include "kaiyuan/util/strings.hpp"

#include <cctype>
#include <optional>

namespace kaiyuan::catalog::rpm {

namespace {

constexpr int k_max_depth = 64;
constexpr std::size_t k_max_output = 256u << 10; // bytes one expansion may produce
constexpr std::size_t k_call_cost = 64;          // what one nested expansion costs of that

bool name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

/// The index of the bracket closing the one at `open`, counting nesting; npos when none.
std::size_t closing(std::string_view text, std::size_t open, char o, char c) {
    int level = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
        if (text[i] == o)
            ++level;
        else if (text[i] == c && --level == 0)
            return i;
    }
    return std::string_view::npos;
}

} // namespace

Macros::Macros() {
    define("nil", "");
    // What rpmbuild defines for every spec; a preamble's URLs and names use a few of them.
    define("_prefix", "/usr");
    define("_exec_prefix", "/usr");
    define("_bindir", "/usr/bin");
    define("_sbindir", "/usr/sbin");
    define("_libdir", "/usr/lib64");
    define("_libexecdir", "/usr/libexec");
    define("_datadir", "/usr/share");
    define("_sysconfdir", "/etc");
    define("_includedir", "/usr/include");
    define("_mandir", "/usr/share/man");
    define("_docdir", "/usr/share/doc");
    define("_localstatedir", "/var");
}

void Macros::define(const std::string& name, std::string body) {
    m_table[name] = std::move(body);
}
void Macros::undefine(const std::string& name) {
    m_table.erase(name);
}

std::string Macros::expand(std::string_view text, std::vector<std::string>& problems) const {
    std::size_t budget = k_max_output;
    return expand_at(text, 0, problems, budget);
}

std::string Macros::expand_at(std::string_view text, int depth, std::vector<std::string>& problems,
                              std::size_t& budget) const {
    std::string out;
    // Every expansion costs some of the budget, not only what it writes: a macro that expands
    // to itself twice would otherwise do 2^depth work while writing nothing.
    if (budget < k_call_cost) {
        if (budget != 0) problems.push_back("macro expansion too large; cut there");
        budget = 0;
        return {};
    }
    budget -= k_call_cost;
    if (depth > k_max_depth) {
        problems.push_back("macro expansion nested deeper than " + std::to_string(k_max_depth) +
                           " levels (a macro that expands to itself?); left unexpanded");
        return std::string(text);
    }
    std::size_t i = 0, n = text.size();
    auto emit = [&](std::string_view s) {
        if (s.size() > budget) {
            if (budget != 0) problems.push_back("macro expansion too large; cut there");
            budget = 0;
            return;
        }
        budget -= s.size();
        out += s;
    };
    while (i < n) {
        std::size_t pct = text.find('%', i);
        if (pct == std::string_view::npos) {
            emit(text.substr(i));
            break;
        }
        emit(text.substr(i, pct - i));
        i = pct;
        if (i + 1 >= n) {
            emit("%");
            break;
        }
        char next = text[i + 1];
        if (next == '%') {
            emit("%");
            i += 2;
        } else if (next == '{') {
            std::size_t end = closing(text, i + 1, '{', '}');
            if (end == std::string_view::npos) {
                problems.push_back("unclosed %{ in '" + std::string(text.substr(i, 40)) + "'");
                emit(text.substr(i));
                break;
            }
            emit(call(text.substr(i + 2, end - i - 2), depth, problems, budget));
            i = end + 1;
        } else if (next == '(' || next == '[') {
            std::size_t end = closing(text, i + 1, next, next == '(' ? ')' : ']');
            std::size_t stop = end == std::string_view::npos ? n : end + 1;
            problems.push_back(std::string(next == '(' ? "shell" : "expression") + " expansion '" +
                               std::string(text.substr(i, stop - i)) +
                               "' is not run; left as written");
            emit(text.substr(i, stop - i));
            i = stop;
        } else if (next == '?' || next == '!' || name_start(next)) {
            std::size_t j = i + 1;
            bool negate = false, conditional = false;
            while (j < n && (text[j] == '!' || text[j] == '?')) {
                (text[j] == '!' ? negate : conditional) = true;
                ++j;
            }
            std::size_t start = j;
            while (j < n && name_char(text[j]))
                ++j;
            std::string name(text.substr(start, j - start));
            if (name.empty()) {
                emit(text.substr(i, j - i));
            } else if (conditional) {
                bool on = defined(name) != negate;
                if (on && !negate) emit(expand_at(m_table.at(name), depth + 1, problems, budget));
            } else if (auto it = m_table.find(name); it != m_table.end()) {
                emit(expand_at(it->second, depth + 1, problems, budget));
            } else {
                emit(text.substr(i, j - i));
            }
            i = j;
        } else {
            emit("%");
            ++i;
        }
    }
    return out;
}

std::string Macros::call(std::string_view inner, int depth, std::vector<std::string>& problems,
                         std::size_t& budget) const {
    std::string whole = "%{" + std::string(inner) + "}";
    bool negate = false, conditional = false;
    std::size_t j = 0;
    while (j < inner.size() && (inner[j] == '!' || inner[j] == '?')) {
        (inner[j] == '!' ? negate : conditional) = true;
        ++j;
    }
    std::size_t start = j;
    while (j < inner.size() && (name_char(inner[j]) || inner[j] == '-'))
        ++j;
    std::string name(inner.substr(start, j - start));
    std::optional<std::string_view> arg; // after ':' (or ' ' for functions taking words)
    if (j < inner.size() && (inner[j] == ':' || inner[j] == ' ')) arg = inner.substr(j + 1);
    if (conditional) {
        bool on = defined(name) != negate;
        if (!on) return {};
        if (arg) return expand_at(*arg, depth + 1, problems, budget);
        return negate ? std::string() : expand_at(m_table.at(name), depth + 1, problems, budget);
    }
    auto expanded_arg = [&] {
        return arg ? expand_at(*arg, depth + 1, problems, budget) : std::string();
    };
    if (arg) {
        if (name == "expand") return expand_at(expanded_arg(), depth + 1, problems, budget);
        if (name == "with" || name == "without") {
            bool on = defined("with_" + std::string(util::trim(*arg)));
            return (name == "with") == on ? "1" : "0";
        }
        if (name == "defined" || name == "undefined")
            return (name == "defined") == defined(std::string(util::trim(*arg))) ? "1" : "0";
        if (name == "basename" || name == "dirname" || name == "suffix") {
            std::string v = expanded_arg();
            auto slash = v.rfind('/');
            if (name == "basename") return slash == std::string::npos ? v : v.substr(slash + 1);
            if (name == "dirname") return slash == std::string::npos ? "." : v.substr(0, slash);
            auto dot = v.rfind('.');
            return dot == std::string::npos ? "" : v.substr(dot + 1);
        }
        if (name == "upper") return util::to_upper(expanded_arg());
        if (name == "lower") return util::to_lower(expanded_arg());
        if (name == "len") return std::to_string(expanded_arg().size());
        if (name == "quote") return "\"" + expanded_arg() + "\"";
        if (name == "shrink") {
            std::string out;
            for (auto w : util::split_ws(expanded_arg()))
                out += (out.empty() ? "" : " ") + std::string(w);
            return out;
        }
        if (name == "echo" || name == "warn" || name == "error" || name == "getenv") return {};
        if (name == "lua") {
            problems.push_back("Lua macro '" + whole.substr(0, 60) +
                               "' is not run; left as written");
            return whole;
        }
    }
    if (auto it = m_table.find(name); it != m_table.end())
        return expand_at(it->second, depth + 1, problems, budget);
    return whole;
}

namespace {

/// rpm's %if grammar over expanded text (rpmio/expression.c): a recursive descent.
class ConditionParser {
public:
    explicit ConditionParser(std::string_view s) : m_s(s) {}

    struct Value {
        bool is_string = false;
        long long number = 0;
        std::string text;
        bool truth() const { return is_string ? !text.empty() : number != 0; }
    };

    ConditionValue run() {
        skip();
        if (m_i == m_s.size()) return {false, ""}; // "%if %{?fedora}" on other systems
        Value v = logical_or();
        skip();
        if (m_error.empty() && m_i != m_s.size())
            m_error = "unexpected '" + std::string(m_s.substr(m_i)) + "'";
        return {m_error.empty() && v.truth(), m_error};
    }

private:
    void skip() {
        while (m_i < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_i])))
            ++m_i;
    }
    bool take(std::string_view op) {
        skip();
        if (m_s.substr(m_i, op.size()) != op) return false;
        m_i += op.size();
        return true;
    }
    Value logical_or() {
        Value v = logical_and();
        while (m_error.empty() && take("||")) {
            Value r = logical_and();
            v = Value{false, v.truth() || r.truth() ? 1 : 0, ""};
        }
        return v;
    }
    Value logical_and() {
        Value v = comparison();
        while (m_error.empty() && take("&&")) {
            Value r = comparison();
            v = Value{false, v.truth() && r.truth() ? 1 : 0, ""};
        }
        return v;
    }
    Value comparison() {
        Value v = unary();
        for (std::string_view op : {"==", "!=", "<=", ">=", "<", ">"}) {
            if (!m_error.empty() || !take(op)) continue;
            Value r = unary();
            if (v.is_string != r.is_string) {
                m_error = "compares a number with a string";
                return v;
            }
            int c = v.is_string ? v.text.compare(r.text)
                                : (v.number > r.number) - (v.number < r.number);
            bool result = op == "=="   ? c == 0
                          : op == "!=" ? c != 0
                          : op == "<=" ? c <= 0
                          : op == ">=" ? c >= 0
                          : op == "<"  ? c < 0
                                       : c > 0;
            return Value{false, result ? 1 : 0, ""};
        }
        return v;
    }
    Value unary() {
        skip();
        if (take("!")) {
            Value v = unary();
            return Value{false, v.truth() ? 0 : 1, ""};
        }
        if (take("-")) {
            Value v = unary();
            return Value{false, -v.number, ""};
        }
        if (take("(")) {
            Value v = logical_or();
            if (!take(")")) m_error = "missing ')'";
            return v;
        }
        skip();
        if (m_i < m_s.size() && m_s[m_i] == '"') {
            std::size_t end = m_s.find('"', m_i + 1);
            if (end == std::string_view::npos) {
                m_error = "unclosed string";
                return {};
            }
            Value v{true, 0, std::string(m_s.substr(m_i + 1, end - m_i - 1))};
            m_i = end + 1;
            return v;
        }
        std::size_t start = m_i;
        while (m_i < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_i])))
            ++m_i;
        if (m_i == start) {
            m_error = m_i < m_s.size() ? "'" + std::string(m_s.substr(m_i)) +
                                             "' is not a number "
                                             "or a quoted string"
                                       : "expression ends too soon";
            return {};
        }
        std::uint64_t n = 0;
        if (!util::parse_uint(m_s.substr(start, m_i - start), n) || n > (1ull << 62)) {
            m_error = "number too large";
            return {};
        }
        return Value{false, static_cast<long long>(n), ""};
    }

    std::string_view m_s;
    std::size_t m_i = 0;
    std::string m_error;
};

} // namespace

ConditionValue evaluate_condition(std::string_view expanded) {
    return ConditionParser(expanded).run();
}

} // namespace kaiyuan::catalog::rpm
