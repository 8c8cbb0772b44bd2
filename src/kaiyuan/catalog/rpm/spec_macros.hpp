#pragma once
/// rpm's macro language, as far as a spec file's preamble needs it to be read without rpmbuild
/// (rpm 4.18, docs/manual/macros.md and rpmio/macro.c): %global and %define, %{name} and %name,
/// %{?name}, %{!?name}, %{?name:text}, %{!?name:text}, %% and the built-ins a preamble uses
/// (expand, with, without, defined, undefined, basename, dirname, suffix, upper, lower, len,
/// quote, shrink). Shell (%(...)), Lua and expression (%[...]) expansion run nothing: they stay
/// as written, reported once. An undefined macro stays as written, as rpm leaves it.
///
/// `%if` expressions (rpm's expression grammar: integers, "strings", !, &&, ||, comparisons and
/// parentheses) are evaluated after expansion by evaluate_condition().
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::catalog::rpm {

class Macros {
public:
    Macros();
    void define(const std::string& name, std::string body);
    void undefine(const std::string& name);
    bool defined(const std::string& name) const { return m_table.count(name) > 0; }
    /// The text with every macro expanded. Problems (unsupported constructs, runaway
    /// recursion) are appended to `problems`.
    std::string expand(std::string_view text, std::vector<std::string>& problems) const;

private:
    std::string expand_at(std::string_view text, int depth, std::vector<std::string>& problems,
                          std::size_t& budget) const;
    std::string call(std::string_view inner, int depth, std::vector<std::string>& problems,
                     std::size_t& budget) const;
    std::map<std::string, std::string> m_table;
};

/// The value of an expanded %if expression: true or false, or an error saying what is wrong.
struct ConditionValue {
    bool value = false;
    std::string error; ///< "" when the expression was understood
};
ConditionValue evaluate_condition(std::string_view expanded);

} // namespace kaiyuan::catalog::rpm
