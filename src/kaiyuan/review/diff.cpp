#include "kaiyuan/review/diff.hpp"

#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/model/purl.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/version/vers.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace kaiyuan::review {

std::string package_identity(const model::Component& c) {
    // A spec's Source0 is the same source whatever its file is called at each version.
    if (auto tag = c.properties.find("kaiyuan:rpm:spec-tag");
        tag != c.properties.end() && tag->second.starts_with("Source"))
        return "rpm-source:" + tag->second;
    if (!c.purl.empty()) {
        if (auto p = model::Purl::parse(c.purl)) {
            std::string key = "pkg:" + p->type + "/" +
                              (p->namespace_.empty() ? "" : p->namespace_ + "/") + p->name;
            if (auto arch = p->qualifiers.find("arch"); arch != p->qualifiers.end())
                key += "?arch=" + arch->second;
            return key;
        }
    }
    return ecosystem_of(c) + ":" + (c.type == model::ComponentType::file ? "file:" : "") + c.name;
}

std::string source_of(const model::Component& c) {
    if (!c.download_location.empty() && c.download_location != "NOASSERTION" &&
        c.download_location != "NONE")
        return c.download_location;
    for (const char* key :
         {"kaiyuan:npm:resolved", "kaiyuan:yarn:resolution", "kaiyuan:cargo:source",
          "kaiyuan:python:source", "kaiyuan:python:url", "kaiyuan:gem:source"})
        if (auto it = c.properties.find(key); it != c.properties.end()) return it->second;
    if (auto p = model::Purl::parse(c.purl))
        for (const char* q : {"repository_url", "download_url", "vcs_url"})
            if (auto it = p->qualifiers.find(q); it != p->qualifiers.end()) return it->second;
    return {};
}

namespace {

std::string license_text(const model::Component& c) {
    return c.license_concluded.empty() ? c.license_declared : c.license_concluded;
}

} // namespace

Entries::Entries(const model::Sbom& sbom) : m_sbom(sbom), m_placements(place_components(sbom)) {}

Entry Entries::at(std::size_t i) const {
    const auto& c = m_sbom.components[i];
    Entry e;
    e.index = i;
    e.name = c.name;
    e.version = c.version;
    e.purl = c.purl;
    e.arch = c.arch;
    e.ecosystem = ecosystem_of(c);
    e.scope = scope_of(c);
    e.license = license_text(c);
    for (const char* key : {"kaiyuan:rpm:requirement", "kaiyuan:python:specifier"})
        if (auto it = c.properties.find(key); it != c.properties.end()) e.constraint = it->second;
    e.source = source_of(c);
    e.direct = m_placements[i].direct;
    for (std::size_t p : m_placements[i].path) {
        const auto& pc = m_sbom.components[p];
        e.path.push_back(pc.version.empty() ? pc.name : pc.name + "@" + pc.version);
    }
    if (!c.locations.empty()) e.location = c.locations.front();
    if (auto cves = c.properties.find("kaiyuan:cves"); cves != c.properties.end())
        for (auto id : util::split_ws(cves->second))
            e.cves.emplace_back(id);
    return e;
}

namespace {

/// The scanned project and its own parts are not packages a change adds: a lockfile's root,
/// and the members of a Cargo or npm workspace (which one of them is the root may change when
/// one member starts to depend on another).
bool is_project_itself(const model::Component& c, const Placement& place) {
    if (place.top_level && c.type == model::ComponentType::application && !place.direct &&
        !c.properties.count("kaiyuan:rpm:spec"))
        return true;
    return c.properties.count("kaiyuan:cargo:workspace-member") ||
           c.properties.count("kaiyuan:npm:workspace");
}

/// One side of the comparison: its components grouped by package identity.
class Side {
public:
    explicit Side(const Entries& e) : entries(e) {
        const auto& sbom = e.sbom();
        for (std::size_t i = 0; i < sbom.components.size(); ++i) {
            const auto& c = sbom.components[i];
            if (is_project_itself(c, entries.placement(i))) continue;
            packages[package_identity(c)].push_back(i);
        }
    }
    Entry entry(std::size_t i) const { return entries.at(i); }
    const model::Component& component(std::size_t i) const { return entries.sbom().components[i]; }
    const Entries& entries;
    std::map<std::string, std::vector<std::size_t>> packages;
};

/// -1, 0, 1 in the ecosystem's order; 2 when the scheme cannot order the two.
int order(const std::string& ecosystem, const std::string& a, const std::string& b) {
    auto r = version::compare(version::scheme_for_vers(ecosystem), a, b);
    if (!r) return 2;
    return *r;
}

/// Whether a digest algorithm both sides give has other values on each (a package merged from
/// several lockfiles may carry several values of one algorithm).
bool hashes_differ(const model::Component& a, const model::Component& b) {
    std::map<std::string, std::set<std::string>> x, y;
    for (const auto& h : a.hashes)
        x[h.algorithm].insert(h.value);
    for (const auto& h : b.hashes)
        y[h.algorithm].insert(h.value);
    for (const auto& [algorithm, values] : x)
        if (auto it = y.find(algorithm); it != y.end() && it->second != values) return true;
    return false;
}

std::vector<std::string> change_kinds(const model::Component& a, const model::Component& b,
                                      const std::string& ecosystem) {
    std::vector<std::string> kinds;
    if (a.version != b.version) {
        int o = order(ecosystem, a.version, b.version);
        kinds.push_back(o == 2 || o == 0 ? "version-changed" : o < 0 ? "upgraded" : "downgraded");
    } else {
        std::string sa = source_of(a), sb = source_of(b);
        if (!sa.empty() && !sb.empty() && sa != sb) kinds.push_back("source-changed");
        if (hashes_differ(a, b)) kinds.push_back("hash-changed");
    }
    if (license_text(a) != license_text(b)) kinds.push_back("license-changed");
    for (const char* key : {"kaiyuan:rpm:requirement", "kaiyuan:python:specifier"}) {
        auto x = a.properties.find(key), y = b.properties.find(key);
        std::string vx = x == a.properties.end() ? "" : x->second;
        std::string vy = y == b.properties.end() ? "" : y->second;
        if (vx != vy) {
            kinds.push_back("constraint-changed");
            break;
        }
    }
    if (scope_of(a) != scope_of(b)) kinds.push_back("scope-changed");
    return kinds;
}

/// License ids an expression uses; an expression that does not parse counts as itself.
std::vector<std::string> license_ids(const std::string& text) {
    if (text.empty() || text == "NOASSERTION" || text == "NONE") return {};
    if (auto e = model::LicenseExpression::parse(text)) {
        std::vector<std::string> ids;
        for (auto id : e->license_ids())
            ids.push_back(id);
        return ids;
    }
    return {text};
}

std::map<std::string, std::vector<std::size_t>> licenses_used(const model::Sbom& sbom) {
    std::map<std::string, std::vector<std::size_t>> used;
    for (std::size_t i = 0; i < sbom.components.size(); ++i)
        for (const auto& id : license_ids(license_text(sbom.components[i])))
            used[id].push_back(i);
    return used;
}

} // namespace

SbomDiff diff_sboms(const model::Sbom& base, const model::Sbom& head) {
    return diff_sboms(Entries(base), Entries(head));
}

SbomDiff diff_sboms(const Entries& base_entries, const Entries& head_entries) {
    const model::Sbom &base = base_entries.sbom(), &head = head_entries.sbom();
    Side before(base_entries), after(head_entries);
    SbomDiff d;
    auto by_version = [](const Side& side, const std::string& ecosystem) {
        return [&side, ecosystem](std::size_t x, std::size_t y) {
            const auto &a = side.component(x), &b = side.component(y);
            int o = order(ecosystem, a.version, b.version);
            if (o == 2) return a.version < b.version;
            return o < 0;
        };
    };
    for (const auto& [key, olds_all] : before.packages) {
        auto it = after.packages.find(key);
        if (it == after.packages.end()) {
            for (std::size_t i : olds_all)
                d.removed.push_back(before.entry(i));
            continue;
        }
        // Equal versions pair first; what is left pairs in version order, the surplus is added
        // or removed (a second major version of one npm package beside the first is an add).
        std::vector<std::size_t> olds, news = it->second;
        for (std::size_t i : olds_all) {
            auto same = std::find_if(news.begin(), news.end(), [&](std::size_t j) {
                return after.component(j).version == before.component(i).version;
            });
            if (same == news.end()) {
                olds.push_back(i);
                continue;
            }
            auto kinds = change_kinds(before.component(i), after.component(*same),
                                      ecosystem_of(before.component(i)));
            if (kinds.empty())
                ++d.unchanged;
            else
                d.changed.push_back({before.entry(i), after.entry(*same), std::move(kinds)});
            news.erase(same);
        }
        std::string ecosystem = ecosystem_of(before.component(olds_all.front()));
        std::sort(olds.begin(), olds.end(), by_version(before, ecosystem));
        std::sort(news.begin(), news.end(), by_version(after, ecosystem));
        std::size_t n = std::min(olds.size(), news.size());
        for (std::size_t k = 0; k < n; ++k)
            d.changed.push_back(
                {before.entry(olds[k]), after.entry(news[k]),
                 change_kinds(before.component(olds[k]), after.component(news[k]), ecosystem)});
        for (std::size_t k = n; k < olds.size(); ++k)
            d.removed.push_back(before.entry(olds[k]));
        for (std::size_t k = n; k < news.size(); ++k)
            d.added.push_back(after.entry(news[k]));
    }
    for (const auto& [key, news] : after.packages)
        if (!before.packages.count(key))
            for (std::size_t i : news)
                d.added.push_back(after.entry(i));
    auto old_licenses = licenses_used(base), new_licenses = licenses_used(head);
    for (auto& [id, users] : new_licenses)
        if (!old_licenses.count(id)) d.licenses_introduced.push_back({id, std::move(users)});
    for (auto& [id, users] : old_licenses)
        if (!new_licenses.count(id)) d.licenses_dropped.push_back({id, std::move(users)});
    auto by_name = [](const Entry& a, const Entry& b) {
        return std::tie(a.ecosystem, a.name, a.version) < std::tie(b.ecosystem, b.name, b.version);
    };
    std::sort(d.added.begin(), d.added.end(), by_name);
    std::sort(d.removed.begin(), d.removed.end(), by_name);
    std::sort(d.changed.begin(), d.changed.end(),
              [&](const Change& a, const Change& b) { return by_name(a.after, b.after); });
    return d;
}

} // namespace kaiyuan::review
