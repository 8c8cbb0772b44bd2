#include "kaiyuan/review/review.hpp"

#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/vuln/matcher.hpp"
#include "kaiyuan/vuln/severity.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

namespace kaiyuan::review {

bool ReviewResult::failed() const {
    return std::any_of(violations.begin(), violations.end(),
                       [](const Violation& v) { return v.error; });
}

namespace {

std::string finding_key(const model::Component& c, const vuln::Finding& f) {
    return package_identity(c) + "\n" + f.advisory->id;
}

VulnerabilityEntry vulnerability(const vuln::Finding& f, Entry component) {
    VulnerabilityEntry v;
    v.advisory = f.advisory;
    v.severity = vuln::severity_of(*f.advisory);
    v.score = vuln::top_score(*f.advisory);
    v.fixed = f.fixed;
    v.component = std::move(component);
    return v;
}

/// The vulnerability part: match head whole, and of base only what the change touched (the
/// unchanged components have the same findings on both sides).
Result<void> compare_vulnerabilities(const ReviewInput& in, const Entries& base_entries,
                                     const Entries& head_entries, ReviewResult& out) {
    const auto& d = out.diff;
    auto head_match = vuln::match(in.head, *in.db);
    if (!head_match) return unexpected(head_match.error());
    model::Sbom touched;
    touched.metadata = in.base.metadata;
    std::vector<std::size_t> touched_index; // touched's component -> base's
    for (const auto& e : d.removed)
        touched_index.push_back(e.index);
    for (const auto& c : d.changed)
        touched_index.push_back(c.before.index);
    for (std::size_t i : touched_index)
        touched.components.push_back(in.base.components[i]);
    auto base_match = vuln::match(touched, *in.db);
    if (!base_match) return unexpected(base_match.error());

    std::vector<bool> head_changed(in.head.components.size(), false);
    for (const auto& e : d.added)
        head_changed[e.index] = true;
    for (const auto& c : d.changed)
        head_changed[c.after.index] = true;
    std::unordered_set<std::string> head_keys, base_keys;
    for (const auto& f : head_match->findings) {
        std::string key = finding_key(in.head.components[f.component], f);
        head_keys.insert(key);
        if (!head_changed[f.component]) base_keys.insert(key);
    }
    for (const auto& f : base_match->findings)
        base_keys.insert(finding_key(touched.components[f.component], f));
    for (const auto& f : head_match->findings) {
        bool before = base_keys.count(finding_key(in.head.components[f.component], f)) > 0;
        (before ? out.present : out.introduced)
            .push_back(vulnerability(f, head_entries.at(f.component)));
    }
    for (const auto& f : base_match->findings)
        if (!head_keys.count(finding_key(touched.components[f.component], f)))
            out.fixed.push_back(vulnerability(f, base_entries.at(touched_index[f.component])));
    for (auto* r : {&*head_match, &*base_match}) {
        out.diagnostics.insert(out.diagnostics.end(), r->diagnostics.begin(), r->diagnostics.end());
        for (const auto& u : r->undecided)
            out.diagnostics.push_back(
                {model::Severity::warning, {}, "could not decide " + u.advisory + ": " + u.reason});
    }
    if (head_match->components_unchecked) {
        std::string list;
        for (const auto& [ecosystem, n] : head_match->unchecked_ecosystems)
            list += (list.empty() ? "" : ", ") + ecosystem + " (" + std::to_string(n) + ")";
        out.diagnostics.push_back(
            {model::Severity::warning,
             {},
             std::to_string(head_match->components_unchecked) +
                 " components not checked for vulnerabilities: the database has no advisories "
                 "for " +
                 list});
    }
    out.vulnerabilities_checked = true;
    return {};
}

/// One entry per advisory and source package: a spec's (or an rpm database's) binary packages
/// share their source package's advisories, which a review names once, by the source package.
void merge_binary_packages(std::vector<VulnerabilityEntry>& list, const model::Sbom& sbom) {
    std::map<std::string, std::size_t> seen;
    std::vector<VulnerabilityEntry> out;
    for (auto& v : list) {
        const auto& c = sbom.components[v.component.index];
        std::string key = v.advisory->id + "\n" + v.component.ecosystem + "\n" +
                          (c.source_name.empty() ? c.name : c.source_name) + "\n" + c.version;
        auto [it, fresh] = seen.emplace(key, out.size());
        if (fresh)
            out.push_back(std::move(v));
        else if (c.arch == "src")
            out[it->second] = std::move(v);
    }
    list = std::move(out);
}

/// The patches each spec applies, by the CVE ids their names cite: spec path -> CVE -> patch.
std::map<std::string, std::map<std::string, std::string>> backports(const model::Sbom& sbom) {
    std::map<std::string, std::map<std::string, std::string>> out;
    for (const auto& c : sbom.components) {
        if (c.package_type != "rpm-patch" || c.locations.empty()) continue;
        auto cves = c.properties.find("kaiyuan:cves");
        if (cves == c.properties.end()) continue;
        for (auto id : util::split_ws(cves->second))
            out[c.locations.front().path].emplace(std::string(id), c.name);
    }
    return out;
}

void mark_backports(std::vector<VulnerabilityEntry>& list, const model::Sbom& sbom) {
    auto patches = backports(sbom);
    if (patches.empty()) return;
    for (auto& v : list) {
        auto spec = patches.find(v.component.location.path);
        if (spec == patches.end()) continue;
        std::vector<std::string> names{v.advisory->id};
        names.insert(names.end(), v.advisory->aliases.begin(), v.advisory->aliases.end());
        for (const auto& n : names)
            if (auto it = spec->second.find(n); it != spec->second.end()) {
                v.patched_by = it->second;
                break;
            }
    }
}

bool fails_in_scope(const ReviewPolicy& p, const Entry& e) {
    return p.fail_on_scopes.count(e.scope) > 0;
}

/// The allowance that accepts an advisory (by its id or an alias), or null.
const AllowedAdvisory* allowance(const ReviewPolicy& p, const vuln::Advisory& a) {
    for (const auto& allowed : p.allowed_advisories) {
        if (allowed.id == a.id) return &allowed;
        for (const auto& alias : a.aliases)
            if (allowed.id == alias) return &allowed;
    }
    return nullptr;
}

void check_vulnerabilities(const ReviewPolicy& p, const std::string& today, ReviewResult& out) {
    for (auto& v : out.introduced) {
        if (!fails_in_scope(p, v.component) || !v.patched_by.empty()) continue;
        int rank = vuln::severity_rank(v.severity);
        // A vulnerability nobody rated fails only at the lowest threshold.
        if (rank >= 0 ? rank < p.fail_on_severity : p.fail_on_severity > 1) continue;
        const auto& a = *v.advisory;
        std::string what =
            a.id + " (" + v.severity + ") in " + v.component.name + "@" + v.component.version;
        if (const auto* allowed = allowance(p, a)) {
            if (allowed->expires.empty() || today <= allowed->expires) {
                v.allowed_because =
                    allowed->reason.empty() ? "allowed by the policy" : allowed->reason;
                continue;
            }
            what += "; its allowance expired on " + allowed->expires;
        }
        std::string fix = v.fixed.empty() ? "no fixed version" : "fixed in " + v.fixed.front();
        out.violations.push_back({"vulnerability", !p.warn_only, "introduces " + what + ", " + fix,
                                  v.component, a.id, v.component.location});
    }
}

/// A component a change brings in or alters, and whether it is new.
struct Incoming {
    const Entry* entry;
    bool added;
};

/// Added components, and changed ones' new side.
std::vector<Incoming> incoming(const SbomDiff& d, bool only_license_changes) {
    std::vector<Incoming> out;
    for (const auto& e : d.added)
        out.push_back({&e, true});
    for (const auto& c : d.changed) {
        bool license =
            std::find(c.kinds.begin(), c.kinds.end(), "license-changed") != c.kinds.end();
        if (!only_license_changes || license) out.push_back({&c.after, false});
    }
    return out;
}

void check_licenses(const ReviewPolicy& p, ReviewResult& out) {
    const auto& d = out.diff;
    for (auto [e, is_new] : incoming(d, true)) {
        // Files (a spec's sources and patches) are judged by the package they belong to.
        if (!fails_in_scope(p, *e) || e->purl.empty()) continue;
        if (is_license_exempt(p, e->purl)) continue;
        if (e->license.empty() || e->license == "NOASSERTION") {
            bool required = is_new && (p.require_license == "all" ||
                                       (p.require_license == "direct" && e->direct));
            // Most lockfiles carry no licenses (go.mod, Cargo.lock): without a rule about
            // licenses, their absence is no news.
            if (!required && !p.has_license_rules) continue;
            out.violations.push_back(
                {"unknown-license", required && !p.warn_only,
                 e->name + "@" + e->version + " declares no license" +
                     (required ? std::string(" (new-packages requires one of ") +
                                     (p.require_license == "all" ? "every" : "a direct") +
                                     " new package)"
                               : ""),
                 *e, "", e->location});
            continue;
        }
        if (!p.has_license_rules) continue;
        auto expr = model::LicenseExpression::parse(e->license);
        if (!expr) {
            out.violations.push_back({"license", !p.warn_only,
                                      e->name + "@" + e->version + ": license '" + e->license +
                                          "' is not an SPDX expression the policy can judge",
                                      *e, "", e->location});
            continue;
        }
        auto verdict = license::evaluate(p.licenses, *expr);
        if (verdict.accepted) continue;
        std::string reasons;
        for (const auto& r : verdict.reasons)
            reasons += (reasons.empty() ? "" : "; ") + r;
        out.violations.push_back({"license", !p.warn_only,
                                  e->name + "@" + e->version + " is " + e->license + ": " + reasons,
                                  *e, "", e->location});
    }
}

void check_denied(const ReviewPolicy& p, ReviewResult& out) {
    for (const auto& in : incoming(out.diff, false)) {
        const Entry* e = in.entry;
        if (e->purl.empty()) continue;
        std::string by = denied_by(p, e->purl, e->version);
        if (by.empty()) continue;
        out.violations.push_back(
            {"denied-package", !p.warn_only,
             e->name + "@" + e->version + " is denied by the policy (" + by + ")", *e, "",
             e->location});
    }
}

/// A file kaiyuan read at base that head cannot read is a violation, never "nothing changed".
void check_readable(const ReviewInput& in, ReviewResult& out) {
    std::set<std::string> read_at_base, read_at_head, problems_at_base;
    for (const auto& c : in.base.components)
        for (const auto& l : c.locations)
            read_at_base.insert(l.path);
    for (const auto& c : in.head.components)
        for (const auto& l : c.locations)
            read_at_head.insert(l.path);
    for (const auto& dg : in.base.diagnostics)
        if (dg.severity != model::Severity::info) problems_at_base.insert(dg.message);
    std::set<std::string> reported;
    for (const auto& dg : in.head.diagnostics) {
        if (dg.severity == model::Severity::info) continue;
        bool lost = !dg.location.path.empty() && read_at_base.count(dg.location.path) &&
                    !read_at_head.count(dg.location.path);
        bool new_error =
            dg.severity == model::Severity::error && !problems_at_base.count(dg.message);
        if (!lost && !new_error) continue;
        if (!reported.insert(dg.location.path + "\n" + dg.message).second) continue;
        std::string where = dg.location.to_string();
        out.violations.push_back({"unreadable", true,
                                  (where.empty() ? "" : where + ": ") + dg.message +
                                      (lost ? " (read at base, unreadable at head)" : ""),
                                  std::nullopt, "", dg.location});
    }
}

} // namespace

Result<ReviewResult> run_review(const ReviewInput& in) {
    ReviewResult out;
    Entries base_entries(in.base), head_entries(in.head);
    out.diff = diff_sboms(base_entries, head_entries);
    ReviewPolicy defaults;
    const ReviewPolicy& p = in.policy ? *in.policy : defaults;
    for (const auto& key : p.ignored_keys)
        out.diagnostics.push_back({model::Severity::info,
                                   {},
                                   "policy key '" + key + "' has no meaning offline; ignored"});
    if (in.db && p.vulnerability_check) {
        if (auto r = compare_vulnerabilities(in, base_entries, head_entries, out); !r)
            return unexpected(r.error());
        merge_binary_packages(out.introduced, in.head);
        merge_binary_packages(out.present, in.head);
        merge_binary_packages(out.fixed, in.base);
        mark_backports(out.introduced, in.head);
        mark_backports(out.present, in.head);
        check_vulnerabilities(p, in.today, out);
    }
    if (p.license_check) check_licenses(p, out);
    check_denied(p, out);
    check_readable(in, out);
    std::stable_sort(out.violations.begin(), out.violations.end(),
                     [](const Violation& a, const Violation& b) { return a.error > b.error; });
    auto by_severity = [](const VulnerabilityEntry& a, const VulnerabilityEntry& b) {
        int ra = vuln::severity_rank(a.severity), rb = vuln::severity_rank(b.severity);
        if (ra != rb) return ra > rb;
        return std::tie(a.advisory->id, a.component.name) <
               std::tie(b.advisory->id, b.component.name);
    };
    for (auto* list : {&out.introduced, &out.fixed, &out.present})
        std::sort(list->begin(), list->end(), by_severity);
    return out;
}

} // namespace kaiyuan::review
