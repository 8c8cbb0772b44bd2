#include "kaiyuan/model/sbom.hpp"

#include "kaiyuan/model/license_expression.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace kaiyuan::model {

const char* to_string(RelationshipType t) {
    switch (t) {
    case RelationshipType::depends_on:
        return "depends-on";
    case RelationshipType::contains:
        return "contains";
    case RelationshipType::dev_depends_on:
        return "dev-depends-on";
    case RelationshipType::optional_depends_on:
        return "optional-depends-on";
    }
    return "depends-on";
}

namespace {
template <class T> void unite(std::vector<T>& into, const std::vector<T>& from) {
    for (const auto& x : from)
        if (std::find(into.begin(), into.end(), x) == into.end()) into.push_back(x);
}
void fill(std::string& into, const std::string& from) {
    if (into.empty()) into = from;
}
} // namespace

namespace {
/// Declared and concluded licenses said as `kaiyuan expression` says them: simplified (no
/// "GPL-3.0-or-later AND GPL-3.0-or-later"), deprecated ids in their current form, each such
/// rewrite reported once per expression. Expressions that do not parse stay as they are (the
/// raw text is the evidence; validate names them).
class LicenseCleaner {
public:
    explicit LicenseCleaner(std::vector<Diagnostic>& diagnostics) : m_diagnostics(diagnostics) {}
    void clean(Component& c) {
        for (std::string* expr : {&c.license_declared, &c.license_concluded})
            if (!expr->empty()) *expr = cleaned(*expr, c);
    }

private:
    const std::string& cleaned(const std::string& expr, const Component& c) {
        auto it = m_done.find(expr);
        if (it != m_done.end()) return it->second;
        // Most licenses are one current id already: nothing to parse.
        if (expr.find_first_of(" ()+") == std::string::npos && canonical_license_id(expr) == expr &&
            !is_deprecated_license_id(expr))
            return m_done.emplace(expr, expr).first->second;
        std::string out = expr;
        if (auto parsed = LicenseExpression::parse(expr)) {
            out = parsed->simplified().to_string();
            std::string deprecated;
            for (const auto& id : parsed->license_ids()) {
                std::string base = id.ends_with('+') ? id.substr(0, id.size() - 1) : id;
                if (!replacement_of_deprecated(base).empty() ||
                    (is_deprecated_license_id(base) && !id.ends_with('+') &&
                     !base.starts_with("GPL-") && !base.starts_with("LGPL-") &&
                     !base.starts_with("AGPL-") && !base.starts_with("GFDL-")))
                    deprecated += (deprecated.empty() ? "" : ", ") + id;
            }
            if (!deprecated.empty())
                m_diagnostics.push_back(
                    {Severity::warning,
                     {c.locations.empty() ? c.name : c.locations.front().path, {}, 0},
                     c.name + ": deprecated SPDX license id " + deprecated + " in '" + expr +
                         "' written as '" + out + "'"});
        }
        return m_done.emplace(expr, std::move(out)).first->second;
    }
    std::vector<Diagnostic>& m_diagnostics;
    std::unordered_map<std::string, std::string> m_done;
};
} // namespace

void Sbom::normalize() {
    LicenseCleaner licenses(diagnostics);
    for (auto& c : components) {
        if (c.id.empty()) assign_id(c);
        licenses.clean(c);
    }

    std::unordered_map<std::string, std::size_t> first;
    std::vector<Component> merged;
    merged.reserve(components.size());
    for (auto& c : components) {
        auto [it, inserted] = first.emplace(c.id, merged.size());
        if (inserted) {
            merged.push_back(std::move(c));
            continue;
        }
        Component& m = merged[it->second];
        unite(m.locations, c.locations);
        unite(m.files, c.files);
        unite(m.hashes, c.hashes);
        fill(m.supplier, c.supplier);
        fill(m.license_declared, c.license_declared);
        fill(m.license_concluded, c.license_concluded);
        fill(m.source_name, c.source_name);
        fill(m.source_version, c.source_version);
        fill(m.description, c.description);
        fill(m.homepage, c.homepage);
        for (auto& [k, v] : c.properties)
            m.properties.emplace(k, v);
        fill(m.ref, c.ref);
        fill(m.copyright, c.copyright);
        fill(m.download_location, c.download_location);
        fill(m.evidence, c.evidence);
        unite(m.cpes, c.cpes);
        unite(m.external_references, c.external_references);
        unite(m.other_properties, c.other_properties);
    }
    components = std::move(merged);
    for (auto& c : components) {
        std::sort(c.locations.begin(), c.locations.end());
        std::sort(c.hashes.begin(), c.hashes.end());
        std::sort(c.files.begin(), c.files.end());
    }
    // Sorted through an index, so that each component (a large value) moves once, not
    // O(log n) times.
    std::vector<std::size_t> order(components.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        const Component &a = components[x], &b = components[y];
        return std::tie(a.package_type, a.name, a.version, a.arch, a.id) <
               std::tie(b.package_type, b.name, b.version, b.arch, b.id);
    });
    std::vector<Component> sorted;
    sorted.reserve(components.size());
    for (std::size_t i : order)
        sorted.push_back(std::move(components[i]));
    components = std::move(sorted);

    std::unordered_set<std::string_view> ids;
    for (const auto& c : components)
        ids.insert(c.id);
    std::erase_if(relationships, [&](const Relationship& r) {
        return r.from == r.to || !ids.contains(r.from) || !ids.contains(r.to);
    });
    std::sort(relationships.begin(), relationships.end());
    relationships.erase(std::unique(relationships.begin(), relationships.end()),
                        relationships.end());
    std::stable_sort(
        diagnostics.begin(), diagnostics.end(),
        [](const Diagnostic& a, const Diagnostic& b) { return a.location.path < b.location.path; });
}

std::ptrdiff_t Sbom::find(std::string_view id) const {
    for (std::size_t i = 0; i < components.size(); ++i)
        if (components[i].id == id) return static_cast<std::ptrdiff_t>(i);
    return -1;
}

std::vector<std::size_t> Sbom::top_level() const {
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < components.size(); ++i)
        index.emplace(components[i].id, i);
    std::vector<std::vector<std::size_t>> out_edges(components.size());
    std::vector<bool> depended(components.size(), false);
    for (const auto& r : relationships) {
        if (r.type == RelationshipType::contains) continue;
        auto a = index.find(r.from), b = index.find(r.to);
        if (a == index.end() || b == index.end() || a->second == b->second) continue;
        out_edges[a->second].push_back(b->second);
        depended[b->second] = true;
    }
    std::vector<std::size_t> roots;
    std::vector<bool> reached(components.size(), false);
    std::vector<std::size_t> stack;
    auto reach = [&](std::size_t from) {
        stack.push_back(from);
        reached[from] = true;
        while (!stack.empty()) {
            std::size_t at = stack.back();
            stack.pop_back();
            for (std::size_t to : out_edges[at])
                if (!reached[to]) {
                    reached[to] = true;
                    stack.push_back(to);
                }
        }
    };
    for (std::size_t i = 0; i < components.size(); ++i)
        if (!depended[i]) {
            roots.push_back(i);
            reach(i);
        }
    // Cycles no root reaches: the first member of each (in component order) stands for it.
    for (std::size_t i = 0; i < components.size(); ++i)
        if (!reached[i]) {
            roots.push_back(i);
            reach(i);
        }
    std::sort(roots.begin(), roots.end());
    return roots;
}

} // namespace kaiyuan::model
