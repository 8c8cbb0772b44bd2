#include "kaiyuan/catalog/python/project.hpp"

#include "kaiyuan/catalog/python/pypi.hpp"
#include "kaiyuan/catalog/python/requirement.hpp"
#include "kaiyuan/util/strings.hpp"

#include <toml++/toml.h>

namespace kaiyuan::catalog::python {

namespace {

using namespace std::string_view_literals;
using RT = model::RelationshipType;

std::optional<toml::table> parse(std::string_view text) {
    try {
        return toml::parse(text);
    } catch (const toml::parse_error&) {
        return std::nullopt;
    }
}

// A list of PEP 508 strings ("requests>=2", "x[y]; marker").
void requirement_list(const toml::array* list, RT type, PythonProject& out) {
    if (!list) return;
    for (const auto& item : *list)
        if (auto req = parse_requirement(item.value_or(""sv)))
            out.dependencies.emplace_back(normalize_name(req->name), type);
}

// A table of name = spec (poetry, Pipfile); "python" is the interpreter, not a package.
void name_table(const toml::table* table, RT type, PythonProject& out) {
    if (!table) return;
    for (const auto& [name, spec] : *table) {
        if (name.str() == "python") continue;
        const toml::table* t = spec.as_table();
        bool optional = t && (*t)["optional"].value_or(false);
        out.dependencies.emplace_back(normalize_name(name.str()), optional && type == RT::depends_on
                                                                      ? RT::optional_depends_on
                                                                      : type);
    }
}

std::optional<PythonProject> done(PythonProject p) {
    if (p.name.empty() && p.dependencies.empty()) return std::nullopt;
    return p;
}

} // namespace

std::optional<PythonProject> parse_pyproject(std::string_view text) {
    auto doc = parse(text);
    if (!doc) return std::nullopt;
    PythonProject p;
    p.name = util::sanitize_text((*doc)["project"]["name"].value_or(""sv));
    p.version = util::sanitize_text((*doc)["project"]["version"].value_or(""sv));
    requirement_list((*doc)["project"]["dependencies"].as_array(), RT::depends_on, p);
    if (const toml::table* extras = (*doc)["project"]["optional-dependencies"].as_table())
        for (const auto& [extra, list] : *extras)
            requirement_list(list.as_array(), RT::optional_depends_on, p);
    if (const toml::table* groups = (*doc)["dependency-groups"].as_table())
        for (const auto& [group, list] : *groups)
            requirement_list(list.as_array(), RT::dev_depends_on, p);
    // Poetry before PEP 621 support, and its groups.
    auto poetry = (*doc)["tool"]["poetry"];
    if (p.name.empty()) p.name = util::sanitize_text(poetry["name"].value_or(""sv));
    if (p.version.empty()) p.version = util::sanitize_text(poetry["version"].value_or(""sv));
    name_table(poetry["dependencies"].as_table(), RT::depends_on, p);
    name_table(poetry["dev-dependencies"].as_table(), RT::dev_depends_on, p);
    if (const toml::table* groups = poetry["group"].as_table())
        for (const auto& [group, body] : *groups)
            if (const toml::table* g = body.as_table())
                name_table((*g)["dependencies"].as_table(),
                           group.str() == "main" ? RT::depends_on : RT::dev_depends_on, p);
    if (const toml::table* dev = (*doc)["tool"]["pdm"]["dev-dependencies"].as_table())
        for (const auto& [group, list] : *dev)
            requirement_list(list.as_array(), RT::dev_depends_on, p);
    return done(std::move(p));
}

std::optional<PythonProject> parse_pipfile(std::string_view text) {
    auto doc = parse(text);
    if (!doc) return std::nullopt;
    PythonProject p;
    name_table((*doc)["packages"].as_table(), RT::depends_on, p);
    name_table((*doc)["dev-packages"].as_table(), RT::dev_depends_on, p);
    return done(std::move(p));
}

} // namespace kaiyuan::catalog::python
