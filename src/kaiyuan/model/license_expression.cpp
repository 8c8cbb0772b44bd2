#include "kaiyuan/model/license_expression.hpp"

#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <unordered_map>

namespace kaiyuan::model {

extern const char* const k_spdx_ids_text; // generated from data/spdx/ids.txt

namespace {

struct IdTables {
    std::unordered_map<std::string, std::string> licenses;   // lower-case -> canonical
    std::unordered_map<std::string, std::string> exceptions; // lower-case -> canonical
    std::unordered_map<std::string, bool> deprecated;        // canonical -> true
};

IdTables& id_tables() {
    static IdTables tables = [] {
        IdTables t;
        for (auto line : util::split(k_spdx_ids_text, '\n')) {
            if (line.size() < 3 || line[1] != ' ') continue;
            std::string id(util::trim(line.substr(2)));
            if (line[0] == 'D') t.deprecated.emplace(id, true);
            if (line[0] == 'L' || line[0] == 'D')
                t.licenses.emplace(util::to_lower(id), id);
            else if (line[0] == 'E')
                t.exceptions.emplace(util::to_lower(id), id);
        }
        return t;
    }();
    return tables;
}

} // namespace

std::string canonical_license_id(std::string_view id) {
    const auto& t = id_tables().licenses;
    auto it = t.find(util::to_lower(id));
    return it == t.end() ? std::string() : it->second;
}

bool is_deprecated_license_id(std::string_view id) {
    if (id.ends_with('+')) id.remove_suffix(1);
    return id_tables().deprecated.contains(std::string(id));
}

void add_license_id(std::string_view id, bool deprecated) {
    auto& t = id_tables();
    t.licenses.insert_or_assign(util::to_lower(id), std::string(id));
    if (deprecated)
        t.deprecated.insert_or_assign(std::string(id), true);
    else
        t.deprecated.erase(std::string(id));
}

void add_exception_id(std::string_view id) {
    id_tables().exceptions.insert_or_assign(util::to_lower(id), std::string(id));
}

std::string canonical_exception_id(std::string_view id) {
    const auto& t = id_tables().exceptions;
    auto it = t.find(util::to_lower(id));
    return it == t.end() ? std::string() : it->second;
}

bool is_idstring(std::string_view id) {
    if (id.empty()) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-';
    });
}

bool is_license_ref(std::string_view id) {
    if (id.starts_with("DocumentRef-")) {
        auto colon = id.find(':');
        if (colon == std::string_view::npos || !is_idstring(id.substr(0, colon))) return false;
        id = id.substr(colon + 1);
    }
    return id.starts_with("LicenseRef-") && id.size() > 11 && is_idstring(id);
}

class LicenseExpressionParser {
public:
    LicenseExpressionParser(std::string_view text, bool require_known)
        : m_text(text), m_require_known(require_known) {
        tokenize();
    }

    Result<LicenseExpression> parse() {
        if (!m_error.empty()) return fail(m_error);
        if (m_tokens.empty()) return fail("empty license expression");
        auto e = parse_or();
        if (!e) return e;
        if (m_pos != m_tokens.size()) return fail("unexpected '" + m_tokens[m_pos] + "'");
        return e;
    }

private:
    void tokenize() {
        std::size_t i = 0;
        while (i < m_text.size()) {
            char c = m_text[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++i;
            } else if (c == '(' || c == ')') {
                m_tokens.emplace_back(1, c);
                ++i;
            } else {
                std::size_t j = i;
                while (j < m_text.size() && m_text[j] != ' ' && m_text[j] != '\t' &&
                       m_text[j] != '\n' && m_text[j] != '\r' && m_text[j] != '(' &&
                       m_text[j] != ')')
                    ++j;
                m_tokens.emplace_back(m_text.substr(i, j - i));
                i = j;
            }
        }
    }

    bool at_keyword(std::string_view kw) const {
        return m_pos < m_tokens.size() && util::equals_icase(m_tokens[m_pos], kw);
    }

    Result<LicenseExpression> parse_or() {
        auto left = parse_and();
        if (!left) return left;
        std::vector<LicenseExpression> ops{std::move(*left)};
        while (at_keyword("OR")) {
            ++m_pos;
            auto right = parse_and();
            if (!right) return right;
            ops.push_back(std::move(*right));
        }
        return combine(LicenseExpression::Kind::or_, std::move(ops));
    }

    Result<LicenseExpression> parse_and() {
        auto left = parse_with();
        if (!left) return left;
        std::vector<LicenseExpression> ops{std::move(*left)};
        while (at_keyword("AND")) {
            ++m_pos;
            auto right = parse_with();
            if (!right) return right;
            ops.push_back(std::move(*right));
        }
        return combine(LicenseExpression::Kind::and_, std::move(ops));
    }

    static LicenseExpression combine(LicenseExpression::Kind kind,
                                     std::vector<LicenseExpression> ops) {
        if (ops.size() == 1) return std::move(ops.front());
        LicenseExpression e;
        e.m_kind = kind;
        for (auto& op : ops) {
            if (op.m_kind == kind) { // flatten (A AND B) AND C
                for (auto& inner : op.m_operands)
                    e.m_operands.push_back(std::move(inner));
            } else {
                e.m_operands.push_back(std::move(op));
            }
        }
        return e;
    }

    Result<LicenseExpression> parse_with() {
        auto simple = parse_primary();
        if (!simple) return simple;
        if (!at_keyword("WITH")) return simple;
        ++m_pos;
        if (simple->m_kind != LicenseExpression::Kind::license)
            return fail("WITH must follow a single license");
        if (m_pos >= m_tokens.size()) return fail("expected an exception after WITH");
        const std::string& tok = m_tokens[m_pos++];
        std::string exception = canonical_exception_id(tok);
        if (exception.empty()) {
            if (m_require_known && !tok.starts_with("AdditionRef-"))
                return fail("unknown license exception '" + tok + "'");
            if (!is_idstring(tok)) return fail("invalid license exception '" + tok + "'");
            exception = tok;
        }
        LicenseExpression e;
        e.m_kind = LicenseExpression::Kind::with;
        e.m_id = exception;
        e.m_operands.push_back(std::move(*simple));
        return e;
    }

    Result<LicenseExpression> parse_primary() {
        if (m_pos >= m_tokens.size()) return fail("expression ends early");
        const std::string& tok = m_tokens[m_pos];
        if (tok == "(") {
            ++m_pos;
            auto inner = parse_or();
            if (!inner) return inner;
            if (m_pos >= m_tokens.size() || m_tokens[m_pos] != ")") return fail("missing ')'");
            ++m_pos;
            return inner;
        }
        if (tok == ")" || at_keyword("AND") || at_keyword("OR") || at_keyword("WITH"))
            return fail("unexpected '" + tok + "'");
        ++m_pos;
        LicenseExpression e;
        if (is_license_ref(tok)) {
            e.m_id = tok;
            return e;
        }
        std::string_view base = tok;
        bool plus = base.ends_with('+');
        if (plus) base.remove_suffix(1);
        std::string id = canonical_license_id(base);
        if (id.empty()) {
            if (m_require_known) return fail("unknown license id '" + tok + "'");
            if (!is_idstring(base)) return fail("invalid license id '" + tok + "'");
            id = std::string(base);
        }
        // "GPL-2.0-or-later+" says "or later" twice and "GPL-2.0-only+" contradicts itself:
        // SPDX 2.3 Annex D allows '+' only on ids without a version range of their own.
        if (plus && (id.ends_with("-or-later") || id.ends_with("-only")))
            return fail("'" + tok + "': '+' after an -only or -or-later id (write " +
                        (id.ends_with("-only") ? id.substr(0, id.size() - 5) + "-or-later" : id) +
                        ")");
        e.m_id = plus ? id + "+" : id;
        return e;
    }

    std::string_view m_text;
    bool m_require_known;
    std::vector<std::string> m_tokens;
    std::size_t m_pos = 0;
    std::string m_error;
};

Result<LicenseExpression> LicenseExpression::parse(std::string_view text, bool require_known_ids) {
    return LicenseExpressionParser(text, require_known_ids).parse();
}

namespace {
int precedence(LicenseExpression::Kind k) {
    switch (k) {
    case LicenseExpression::Kind::or_:
        return 1;
    case LicenseExpression::Kind::and_:
        return 2;
    default:
        return 3;
    }
}
} // namespace

std::string LicenseExpression::to_string() const {
    switch (m_kind) {
    case Kind::license:
        return m_id;
    case Kind::with:
        return m_operands.front().to_string() + " WITH " + m_id;
    case Kind::and_:
    case Kind::or_: {
        std::string out;
        for (std::size_t i = 0; i < m_operands.size(); ++i) {
            if (i) out += m_kind == Kind::and_ ? " AND " : " OR ";
            const auto& op = m_operands[i];
            bool paren = precedence(op.m_kind) < precedence(m_kind);
            out += paren ? "(" + op.to_string() + ")" : op.to_string();
        }
        return out;
    }
    }
    return m_id;
}

std::vector<std::string> LicenseExpression::license_ids() const {
    std::vector<std::string> out;
    auto visit = [&](auto& self, const LicenseExpression& e) -> void {
        if (e.m_kind == Kind::license) {
            if (std::find(out.begin(), out.end(), e.m_id) == out.end()) out.push_back(e.m_id);
            return;
        }
        for (const auto& op : e.m_operands)
            self(self, op);
    };
    visit(visit, *this);
    return out;
}

LicenseExpression LicenseExpression::license(std::string id) {
    LicenseExpression e;
    e.m_kind = Kind::license;
    e.m_id = std::move(id);
    return e;
}

LicenseExpression LicenseExpression::join(Kind kind, std::vector<LicenseExpression> operands) {
    if (operands.size() == 1) return std::move(operands.front());
    LicenseExpression e;
    e.m_kind = kind;
    e.m_operands = std::move(operands);
    return e;
}

std::string_view replacement_of_deprecated(std::string_view id) {
    // The SPDX License List's own replacements (its "deprecated" notes, 3.x).
    static constexpr std::pair<std::string_view, std::string_view> k_map[] = {
        {"GPL-2.0-with-autoconf-exception", "GPL-2.0-only WITH Autoconf-exception-2.0"},
        {"GPL-3.0-with-autoconf-exception", "GPL-3.0-only WITH Autoconf-exception-3.0"},
        {"GPL-2.0-with-bison-exception", "GPL-2.0-or-later WITH Bison-exception-2.2"},
        {"GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0"},
        {"GPL-2.0-with-font-exception", "GPL-2.0-only WITH Font-exception-2.0"},
        {"GPL-2.0-with-GCC-exception", "GPL-2.0-only WITH GCC-exception-2.0"},
        {"GPL-3.0-with-GCC-exception", "GPL-3.0-only WITH GCC-exception-3.1"},
        {"eCos-2.0", "GPL-2.0-or-later WITH eCos-exception-2.0"},
        {"wxWindows", "GPL-2.0-or-later WITH WxWindows-exception-3.1"},
        {"Nunit", "zlib-acknowledgement"},
        {"StandardML-NJ", "SMLNJ"},
        {"BSD-2-Clause-FreeBSD", "BSD-2-Clause-Views"},
        {"BSD-2-Clause-NetBSD", "BSD-2-Clause"},
        {"bzip2-1.0.5", "bzip2-1.0.6"},
    };
    for (const auto& [from, to] : k_map)
        if (from == id) return to;
    return {};
}

LicenseExpression LicenseExpression::simplified() const {
    if (m_kind == Kind::license) {
        if (auto replacement = replacement_of_deprecated(m_id); !replacement.empty())
            if (auto e = parse(replacement)) return std::move(*e);
        // The GNU family's deprecated ids: "X+" is "X-or-later", bare "X" is "X-only".
        bool plus = m_id.ends_with('+');
        std::string base = plus ? m_id.substr(0, m_id.size() - 1) : m_id;
        if (is_deprecated_license_id(base)) {
            std::string current = canonical_license_id(base + (plus ? "-or-later" : "-only"));
            if (!current.empty()) return license(current);
        }
        return *this;
    }
    if (m_kind == Kind::with) {
        LicenseExpression e = *this;
        e.m_operands.front() = m_operands.front().simplified();
        return e;
    }
    // Flatten and remove repeats.
    std::vector<LicenseExpression> ops;
    std::vector<std::string> seen;
    for (const auto& op : m_operands) {
        LicenseExpression s = op.simplified();
        std::vector<LicenseExpression> parts;
        if (s.m_kind == m_kind)
            parts = std::move(s.m_operands);
        else
            parts.push_back(std::move(s));
        for (auto& p : parts) {
            std::string text = p.to_string();
            if (std::find(seen.begin(), seen.end(), text) != seen.end()) continue;
            seen.push_back(std::move(text));
            ops.push_back(std::move(p));
        }
    }
    // Absorption: in "A AND (A OR B)" the OR adds nothing, nor does the AND in "A OR (A AND B)".
    std::vector<LicenseExpression> kept;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        bool absorbed = false;
        if (ops[i].m_kind != Kind::license && ops[i].m_kind != Kind::with &&
            ops[i].m_kind != m_kind)
            for (const auto& inner : ops[i].m_operands)
                for (std::size_t j = 0; j < ops.size() && !absorbed; ++j)
                    absorbed = j != i && inner.to_string() == seen[j];
        if (!absorbed) kept.push_back(std::move(ops[i]));
    }
    return join(m_kind, std::move(kept));
}

} // namespace kaiyuan::model
